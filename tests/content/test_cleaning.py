"""No control characters in stored text (zumo.content.cleaning)."""

from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.content import cleaning
from zumo.content.cleaning import clean

import pytest


@pytest.mark.parametrize(
    ("value", "multiline", "expected"),
    [
        ("Dorf\x0bladen", False, "Dorf laden"),
        ("Dorf\tladen\n", False, "Dorf laden"),
        ("Zeile 1\nZeile 2\tTab\x0c", True, "Zeile 1\nZeile 2\tTab "),
        ("ohne\x00Null\ud800", False, "ohne Null"),
        ("unverändert <b>&amp;</b>", False, "unverändert <b>&amp;</b>"),
        (None, False, None),
    ],
)
def test_clean(value, multiline, expected):
    assert clean(value, multiline=multiline) == expected


def test_an_added_and_an_edited_item_keep_no_control_characters(portal):
    """Title, description and keywords are cleaned when added and changed."""
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            container=portal,
            type="Document",
            id="seite",
            title="Aus Word\x0bkopiert",
            description="Erste Zeile\nzweite\x0c",
            subject=("Dorf\x0bladen",),
        )
        assert page.title == "Aus Word kopiert"
        assert page.description == "Erste Zeile\nzweite "
        assert page.subject == ("Dorf laden",)
        page.title = "Wieder\x07"
        notify(ObjectModifiedEvent(page))
        assert page.title == "Wieder"


def test_a_folder_is_not_read_again_when_an_item_is_added(portal, monkeypatch):
    """Adding an item tells its folder that its contents changed (a
    ``ContainerModifiedEvent``); the folder's own fields did not, so only
    the new item is cleaned (a bulk import adds thousands to one folder)."""
    cleaned = []
    real = cleaning.iterSchemata

    def counting(obj):
        cleaned.append(obj.getId())
        return real(obj)

    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="Folder", id="ordner")
        monkeypatch.setattr(cleaning, "iterSchemata", counting)
        api.content.create(container=folder, type="Document", id="seite")
    assert cleaned == ["seite"]
