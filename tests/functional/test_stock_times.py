"""Plone's stock pages tell times on the site's clock (Europe/Berlin), in
summer (CEST) as in winter (CET), although the server's clock runs in UTC:
the byline, folder listings, the history, comment dates and search results.

Each page shows two pages edited shortly before midnight UTC, which is
already the next day in Berlin: the UTC clock would name the wrong day and
the wrong hour.
"""

from DateTime import DateTime
from datetime import datetime
from lxml import html
from plone import api
from plone.app.discussion.interfaces import IConversation
from zope.component import createObject

import pytest
import transaction


#: ``{id: (UTC time stored, Berlin day and time shown, UTC day and time)}``.
TIMES = {
    "sommer": (datetime(2027, 7, 15, 22, 30), "16.07.2027 00:30", "15.07.2027 22:30"),
    "winter": (datetime(2027, 1, 20, 23, 30), "21.01.2027 00:30", "20.01.2027 23:30"),
}


@pytest.fixture
def pages(functional_portal):
    """A folder with a summer and a winter page, created, changed and
    commented at the times of ``TIMES``; committed."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(
            container=portal, type="Folder", id="zeiten", title="Zeiten"
        )
        for oid, (moment, _berlin, _utc) in TIMES.items():
            page = api.content.create(
                container=folder, type="Document", id=oid, title=f"Zeitprobe {oid}"
            )
            page.allow_discussion = True
            comment = createObject("plone.Comment")
            comment.text = "Danke für die Seite."
            comment.creation_date = comment.modification_date = moment
            IConversation(page).addComment(comment)
            stored = DateTime(f"{moment.isoformat()}+00:00")
            history = page.workflow_history
            for chain, entries in history.items():
                history[chain] = tuple(dict(entry, time=stored) for entry in entries)
            page.creation_date = page.modification_date = stored
            page.reindexObject(idxs=["created", "modified"])
    transaction.commit()
    return folder


@pytest.fixture
def browser(request_factory):
    """The site's manager, reading HTML."""
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    return session


def text_of(browser, path, selector="#content"):
    """The text of ``selector`` on the page at ``path``, spaces collapsed."""
    response = browser.get(path)
    assert response.status_code == 200, path
    found = html.fromstring(response.text).cssselect(selector)
    assert found, (path, selector)
    return " ".join(" ".join(node.text_content().split()) for node in found)


def assert_berlin(text, where):
    """``text`` names both pages' Berlin day and time, never the UTC one."""
    for _moment, berlin, utc in TIMES.values():
        assert berlin in text, where
        assert utc not in text, where


@pytest.mark.parametrize("oid", TIMES)
def test_byline(pages, browser, oid):
    """The byline's "zuletzt geändert" names the Berlin day."""
    _moment, berlin, utc = TIMES[oid]
    byline = text_of(browser, f"/zeiten/{oid}", ".documentModified")
    assert berlin.split()[0] in byline
    assert utc.split()[0] not in byline


@pytest.mark.parametrize("view", ["listing_view", "summary_view", "tabular_view"])
def test_folder_views(pages, browser, view):
    """The folder's listings write no UTC time of an item: they leave the
    items' bylines out (creator and date, see
    ``zumo.policy.security.creators.CreatorBlindListing``), as Plone does
    for visitors; the items' own pages say when they changed, in Berlin."""
    text = text_of(browser, f"/zeiten/{view}")
    for _moment, _berlin, utc in TIMES.values():
        assert utc not in text, view
        assert utc.split()[0] not in text, view


@pytest.mark.parametrize("view", ["@@historyview", "@@contenthistorypopup"])
@pytest.mark.parametrize("oid", TIMES)
def test_history(pages, browser, view, oid):
    """The history's entries carry their Berlin time."""
    _moment, berlin, utc = TIMES[oid]
    text = text_of(browser, f"/zeiten/{oid}/{view}", "body")
    assert berlin in text
    assert utc not in text


@pytest.mark.parametrize("oid", TIMES)
def test_comment_date(pages, browser, oid):
    """A comment's date (stored by plone.app.discussion as a UTC time
    without zone) is its Berlin time."""
    _moment, berlin, utc = TIMES[oid]
    text = text_of(browser, f"/zeiten/{oid}", ".comment")
    assert berlin in text
    assert utc not in text


def test_search_results(pages, browser):
    """Search results say when each page was last changed, in Berlin."""
    assert_berlin(text_of(browser, "/@@search?SearchableText=Zeitprobe"), "@@search")
