"""A small network of practice examples for the finder and the exports."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from datetime import date
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.builders import add
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zumo.content import recordsets
from zumo.content.relations import relation_to
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest
import transaction


def build_network(portal):
    """Two municipalities, one KoQuMa module, four published examples and a
    draft; return ``portal``."""
    small = add(portal, "kommunen", "Municipality", "hayingen", title="Hayingen",
                region="tuebingen", district="Landkreis Reutlingen",
                population=2224, to_state="published")  # fmt: skip
    large = add(portal, "kommunen", "Municipality", "tuttlingen",
                title="Tuttlingen", region="freiburg",
                district="Landkreis Tuttlingen", population=36000,
                to_state="published")  # fmt: skip
    module = add(portal, "qualifizierung", "QualificationModule", "koquma-3",
                 title="Modul 3", curriculum="koquma",
                 koquma_module="m3_beteiligungsstrukturen")  # fmt: skip
    examples = {
        "dorfladen": dict(municipality=small, topics=["daseinsvorsorge"],
                          trends=["demografie"], start=date(2024, 3, 1),
                          project_status="laufend", related_modules=[module]),
        "buergerbus": dict(municipality=small, topics=["daseinsvorsorge"],
                           trends=["digitalisierung"], start=date(2023, 1, 1),
                           project_status="abgeschlossen"),
        "treffpunkt": dict(municipality=large, topics=["quartiersentwicklung"],
                           trends=["demografie"], start=date(2024, 6, 1),
                           project_status="laufend"),
        "klimaplan": dict(municipality=large, topics=["klimawandel"],
                          trends=["klimawandel"], start=date(2022, 5, 1),
                          project_status="geplant"),
    }  # fmt: skip
    for oid, values in examples.items():
        values["municipality"] = relation_to(values["municipality"])
        values["related_modules"] = [
            relation_to(m) for m in values.get("related_modules", [])
        ]
        add(portal, "praxisbeispiele", "PracticeExample", oid, title=oid.title(),
            to_state="published", **values)  # fmt: skip
    add(portal, "praxisbeispiele", "PracticeExample", "geheim",
        title="Geheimer Entwurf", topics=["daseinsvorsorge"],
        municipality=relation_to(small))  # fmt: skip
    return portal


def finder(portal, **form):
    """The finder view of ``/praxisbeispiele`` with ``form`` as request, on
    a fresh request state (roles are cached per request), its catalog set
    as when it renders."""
    request = portal.REQUEST
    IAnnotations(request).clear()
    request.form.clear()
    request.form.update(form)
    view = api.content.get_view(
        "practice-example-finder", portal["praxisbeispiele"], request
    )
    view.catalog = api.portal.get_tool("portal_catalog")
    return view


@pytest.fixture
def network(portal):
    """The network in the integration site, the test user a site manager."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    alsoProvides(portal.REQUEST, IZumoPolicyLayer)
    return build_network(portal)


@pytest.fixture
def served(functional_portal):
    """The network committed and served; the first example has contact data
    (with consent) and is marked as demo content."""
    portal = build_network(functional_portal)
    example = portal["praxisbeispiele"]["dorfladen"]
    example.contact_name = "Erika Kontakt"
    example.contact_email = "erika@example.org"
    example.contact_consent = True
    example.demo = True
    example.reindexObject()
    transaction.commit()
    return portal


@pytest.fixture
def site(served):
    """The committed network, the memory empty, an anonymous visitor."""
    recordsets.MEMORY.clear()
    alsoProvides(served.REQUEST, IZumoPolicyLayer)
    newSecurityManager(None, nobody)
    yield served
    recordsets.MEMORY.clear()
