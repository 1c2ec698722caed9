"""Fixtures for the content-type tests: a small network inside the test site."""

from plone import api
from tests.fixtures.builders import add
from tests.fixtures.builders import html
from zumo.content.relations import relation_to

import pytest


@pytest.fixture
def municipality(manager):
    """A municipality with master data."""
    return add(manager, "kommunen", "Municipality", "gomadingen",
               title="Gomadingen", ags="08415029", district="Landkreis Reutlingen",
               region="tuebingen", population=2196, population_year=2024,
               latitude=48.3998, longitude=9.39065, programmes=["zumo"],
               network_status=["zumo_pilot"])  # fmt: skip


@pytest.fixture
def module(manager):
    """A published qualification module."""
    return add(manager, "qualifizierung", "QualificationModule", "koquma-3",
               title="KoQuMa 3: Beteiligung und Aktivierung", curriculum="koquma",
               koquma_module="m3_beteiligungsstrukturen", module_format="praesenz",
               duration="2 Tage", goals=html("Passende Beteiligungsformate wählen."),
               target_groups=["quartiersmanagement"])  # fmt: skip


@pytest.fixture
def example(manager, municipality, module):
    """A practice example in that municipality."""
    return api.content.create(
        container=manager["praxisbeispiele"],
        type="PracticeExample",
        id="dorfladen",
        title="Dorfladen in Bürgerhand",
        description="Eine Genossenschaft sichert die Nahversorgung.",
        municipality=relation_to(municipality),
        initial_situation=html("Der letzte Laden hatte geschlossen."),
        goals=html("Nahversorgung sichern."),
        topics=["daseinsvorsorge"],
        trends=["demografie"],
        fields_of_action=["nahversorgung"],
        target_groups=["aeltere"],
        participation_formats=["buergerversammlung"],
        programmes=["zwk"],
        related_modules=[relation_to(module)],
        project_status="laufend",
        contact_name="Erika Muster",
        contact_email="erika@example.org",
        contact_consent=False,
    )
