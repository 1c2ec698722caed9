"""Each programme's path, as its municipality's team reads it on
``@@verfahren``: every step in order, with the words of the programme's
document that name it, each quote found word for word in the line of
``docs/seeds`` the page names, and the steps the document does not name
marked as the network's own."""

from lxml import html
from pathlib import Path
from zope.interface import alsoProvides
from zumo.content import procedures
from zumo.content.interfaces import IZumoContentLayer
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"


def seed_line(seed, line):
    """Line ``line`` (counted from 1) of seed ``seed``."""
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


def words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("name", list(procedures.PROCEDURES))
def test_the_path_page_quotes_its_document(manager, name):
    """Step by step: title, quotes with source line, own steps marked."""
    path = procedures.procedure(name)
    municipality = manager["kommunen"][
        manager["kommunen"].invokeFactory(
            "Municipality", f"kommune-{name}", title=f"Kommune {name}",
            programmes=[path["programme"]],
        )
    ]  # fmt: skip
    request = municipality.REQUEST
    alsoProvides(request, IZumoContentLayer, IZumoPolicyLayer)
    page = html.fromstring(municipality.restrictedTraverse("@@verfahren")())
    section = next(
        part
        for part in page.iter("section")
        if words(path["title"]) in words(part.text_content())
    )
    items = section.xpath(".//ol/li")
    assert len(items) == len(path["steps"])
    for item, step in zip(items, path["steps"], strict=True):
        text = words(item.text_content())
        if name != "zwk":  # ZWK's stage names are the institute's to set
            assert step["title"] in text
        for quote in step["quotes"]:
            assert words(quote["quote"]) in words(
                seed_line(quote["seed"], quote["line"])
            )
            assert f"„{words(quote['quote'])}“" in text
            assert f"(Zeile {quote['line']})" in text
        assert ("eigene Festlegung des Netzwerks" in text) is bool(
            step["own"] or name == "zwk"
        ), (name, step["id"])
