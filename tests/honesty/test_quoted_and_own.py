"""No "wörtlich" claim above words that are not quoted, and the network's
own terms labelled as such where they are shown."""

from lxml import html as lxml_html
from pathlib import Path
from plone import api
from plone.app.testing import logout
from tests.fixtures.builders import add
from zumo.content import vocabularies

import pytest
import re


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"
OWN = "eigene Festlegung des Netzwerks"


def seed_text(token):
    number = vocabularies.details("programmes", "facts")[token]["source"]["seed"]
    return next(SEEDS.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def in_seed(seed, words):
    return re.search(r"\s+".join(re.escape(word) for word in words.split()), seed)


def programme_page(portal, token):
    view = api.content.get_view("programm", portal, portal.REQUEST)
    return lxml_html.fromstring(view.publishTraverse(portal.REQUEST, token)())


@pytest.mark.parametrize("token", ["zumo", "imv", "zwk", "dwk", "koquma"])
def test_quoted_block_holds_only_the_seed_s_words(network, token):
    """On each programme page every statement inside the quoted block
    (quotes and the values beside the headings) stands word for word in
    the seed; the network's own notes stand outside it, after the sentence
    that says the above is quoted, and carry the own-term note."""
    logout()
    tree = programme_page(network, token)
    quoted = tree.xpath("//div[contains(@class, 'zumo-programme-quoted')]")[0]
    seed = seed_text(token)
    statements = [
        " ".join(p.text_content().split()).strip("„“")
        for p in quoted.xpath(".//blockquote/p")
    ] + [" ".join(li.text_content().split()) for li in quoted.xpath(".//dd//li")]
    assert statements
    for statement in statements:
        # A contact is shown as its parts (name, role) with commas between.
        parts = [statement] if in_seed(seed, statement) else statement.split(", ")
        for part in parts:
            assert in_seed(seed, part), (token, statement)
    assert "Die Quelle nennt keine Laufzeit" not in quoted.text_content()
    notes = vocabularies.details("programmes", "facts")[token].get("notes", ())
    if notes:
        section = tree.xpath("//section[contains(@class, 'zumo-programme-notes')]")[0]
        assert "Die Quelle nennt keine Laufzeit." in section.text_content()
        assert OWN in section.text_content()


def test_quartier_2030_is_labelled_with_its_source(network):
    """Quartier 2030, which no programme document names, is shown as the
    network's own addition with its public source (on a municipality's
    page); its size class is labelled as the network's own too."""
    municipality = network["kommunen"]["hayingen"]
    municipality.programmes = ["quartier2030"]
    municipality.reindexObject()
    logout()
    page = municipality.restrictedTraverse(municipality.getLayout())()
    tree = lxml_html.fromstring(page)
    note = [
        small
        for small in tree.xpath("//small[contains(@class, 'zumo-own-term')]")
        if "Quartier 2030" in small.text_content()
    ]
    assert note and OWN in note[0].text_content()
    assert "https://www.quartier2030-bw.de" in [
        a.get("href") for a in note[0].iter("a")
    ]
    size_class = tree.xpath("//dt[text()='Größenklasse']/following-sibling::dd[1]")
    assert OWN in size_class[0].text_content()


def test_statistics_and_finder_label_own_terms(network):
    """The statistics row and the finder's facet option of Quartier 2030
    say it is the network's own."""
    add(network, "praxisbeispiele", "PracticeExample", "q2030",
        title="Quartierstreff", programmes=["quartier2030"],
        to_state="published")  # fmt: skip
    logout()
    statistics = api.content.get_view("statistik", network, network.REQUEST)()
    row = [
        tr
        for tr in lxml_html.fromstring(statistics).xpath("//tr")
        if "Quartier 2030" in tr.text_content()
    ]
    assert row and OWN in row[0].text_content()
    finder = api.content.get_view(
        "practice-example-finder", network["praxisbeispiele"], network.REQUEST
    )()
    option = [
        label
        for label in lxml_html.fromstring(finder).xpath("//label")
        if "Quartier 2030" in label.text_content()
    ]
    assert option and OWN in option[0].text_content()
