"""The finder's and the start page's remembered sets (issue 30): never
showing a visitor what they may not see, showing a change at once, and the
same orders as the catalog's own sort."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from Acquisition import aq_base
from BTrees.IIBTree import IIBucket
from BTrees.IIBTree import IISet
from DateTime import DateTime
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFPlone.browser.navigation import CatalogNavigationTabs
from tests.finder.conftest import finder
from zope.annotation.interfaces import IAnnotations
from zumo.content import recordsets
from zumo.policy.browser import finder as finder_view

import pytest
import sys
import time
import transaction


def listed(portal, **form):
    """The ids the finder lists, in its order."""
    return [brain.getId for brain in finder(portal, **form).results()]


def counted(portal, **form):
    """``{value: count}`` of the topics facet."""
    for facet in finder(portal, **form).facets():
        if facet["index"] == "zumo_topics":
            return {option["value"]: option["count"] for option in facet["options"]}
    return {}


def as_owner(portal):
    """Work as the site owner (a Manager)."""
    login(portal.aq_parent, SITE_OWNER_NAME)


def test_the_memory_is_used_and_keeps_drafts_from_anonymous(site):
    """Once committed, the finder's sets come from the memory; the draft
    "geheim" is neither listed nor counted for anonymous visitors, though a
    manager (other roles, other key) saw it in between."""
    assert "geheim" not in listed(site)
    assert len(recordsets.MEMORY.items)  # the remembered path ran
    as_owner(site)
    assert "geheim" in listed(site)
    assert counted(site)["daseinsvorsorge"] == 3
    newSecurityManager(None, nobody)
    assert "geheim" not in listed(site)
    assert "geheim" not in listed(site, sort="title")
    assert counted(site)["daseinsvorsorge"] == 2


def test_a_role_change_shows_at_once(site):
    """A local role on the draft lets its user see it at the next request;
    taking it away hides it again at once."""
    draft = site["praxisbeispiele"]["geheim"]
    as_owner(site)
    reader = api.user.create(email="leserin@example.org", username="leserin")
    transaction.commit()
    login(site, "leserin")
    assert "geheim" not in listed(site)
    as_owner(site)
    api.user.grant_roles(user=reader, obj=draft, roles=["Reader"])
    draft.reindexObjectSecurity()  # as the sharing page does
    transaction.commit()
    login(site, "leserin")
    assert "geheim" in listed(site)
    assert counted(site)["daseinsvorsorge"] == 3
    newSecurityManager(None, nobody)  # same catalog state, other principals
    assert "geheim" not in listed(site)
    assert counted(site)["daseinsvorsorge"] == 2
    as_owner(site)
    api.user.revoke_roles(user=reader, obj=draft, roles=["Reader"])
    draft.reindexObjectSecurity()
    transaction.commit()
    login(site, "leserin")
    assert "geheim" not in listed(site)


def test_publishing_shows_at_once_even_uncommitted(site):
    """A change in the current transaction is seen by it (nothing
    remembered is used), and by everyone once committed."""
    assert "geheim" not in listed(site)
    as_owner(site)
    api.content.transition(obj=site["praxisbeispiele"]["geheim"], to_state="published")
    newSecurityManager(None, nobody)
    assert "geheim" in listed(site)  # this transaction's own change
    transaction.commit()
    assert "geheim" in listed(site)
    assert counted(site)["daseinsvorsorge"] == 3


def test_a_publication_date_in_the_future_passes(site, monkeypatch):
    """An example published for later is hidden until its date has come,
    then listed without any change to the catalog."""
    as_owner(site)
    example = site["praxisbeispiele"]["klimaplan"]
    example.setEffectiveDate(DateTime() + 10 / 1440.0)  # in ten minutes
    example.reindexObject()
    transaction.commit()
    newSecurityManager(None, nobody)
    assert "klimaplan" not in listed(site)
    assert "klimaplan" not in listed(site)  # remembered, still hidden
    later = time.time() + 15 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(sys.modules["DateTime.DateTime"], "_system_time", lambda: later)
    assert "klimaplan" in listed(site)


@pytest.mark.parametrize(
    "sort, query",
    [
        ("newest", {"sort_on": ("effective", "getId"),
                    "sort_order": ("descending", "ascending")}),
        ("title", {"sort_on": ("sortable_title", "getId"),
                   "sort_order": ("ascending", "ascending")}),
    ],
)  # fmt: skip
def test_orders_equal_the_catalogs_sort(site, sort, query):
    """Newest and title, on every page, as the catalog's own sort gives
    them (effective descending, id ascending; title, id)."""
    catalog = api.portal.get_tool("portal_catalog")
    as_owner(site)
    for oid in ("buergerbus", "klimaplan"):  # ties on the date
        site["praxisbeispiele"][oid].setEffectiveDate(DateTime("2025/01/01 10:00 UTC"))
        site["praxisbeispiele"][oid].reindexObject()
    transaction.commit()
    newSecurityManager(None, nobody)
    expected = [
        brain.getId
        for brain in catalog.searchResults(portal_type="PracticeExample", **query)
    ]
    assert listed(site, sort=sort) == expected
    assert listed(site, sort=sort, b_start="2") == expected[2:]


def test_relevance_then_recency(site, monkeypatch):
    """Text results by score, the newest first where scores tie. (The
    query is given to the index as written: typed words would all be
    required, and no one word is in several examples here.)"""
    monkeypatch.setattr(finder_view, "text_query", lambda text: text)
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.searchResults(
        portal_type="PracticeExample",
        SearchableText="Dorfladen OR Buergerbus OR Treffpunkt OR Klimaplan",
    )
    # The catalog keeps publication dates to the minute; then the record.
    expected = [
        brain.getId
        for brain in sorted(
            found,
            key=lambda b: (
                -b.data_record_score_,
                -int(b.effective.timeTime() // 60),
                b.getRID(),
            ),
        )
    ]
    assert expected
    assert (
        listed(
            site, SearchableText="Dorfladen OR Buergerbus OR Treffpunkt OR Klimaplan"
        )
        == expected
    )


def test_start_page_counts_and_newest(site):
    """The start page's counts and newest examples are the visitor's own."""
    view = api.content.get_view("zumo-start", site, site.REQUEST)
    newest = [brain.getId for brain in view.latest_examples()]
    assert "geheim" not in newest
    assert len(newest) == 4
    counts = {section["id"]: section["count"] for section in view.sections()}
    assert counts["praxisbeispiele"] == 4


def test_the_start_page_a_second_time_is_read_from_memory(site, monkeypatch):
    """Once remembered, the start page's counts, newest examples and coming
    meetings are the same and cost no catalog search, no count of records
    and no walk of an index for the same visitor in the same minute."""
    if time.time() % 60 > 50:  # the coming meetings are remembered per minute
        time.sleep(11)

    def shown():
        view = api.content.get_view("zumo-start", site, site.REQUEST)
        return (
            [(section["id"], section["count"], section["demo"]) for section in view.sections()],
            [brain.getId for brain in view.latest_examples()],
            [brain.getId for brain in view.upcoming_meetings()],
        )  # fmt: skip

    first = shown()
    work = []

    def watch(owner, name):
        real = getattr(owner, name)

        def doing(*args, **kw):
            work.append(name)
            return real(*args, **kw)

        monkeypatch.setattr(owner, name, doing)

    watch(type(aq_base(api.portal.get_tool("portal_catalog"))), "searchResults")
    watch(recordsets, "count")
    watch(recordsets, "ordered")
    assert shown() == first
    assert work == []


def test_section_tabs_equal_plones_for_each_visitor(site):
    """The remembered tabs are Plone's own for anonymous visitors and for
    managers alike, at the same catalog state, and the main navigation
    shows them."""

    def tabs(name):
        IAnnotations(site.REQUEST).clear()
        view = api.content.get_view(name, site["praxisbeispiele"], site.REQUEST)
        return [(tab.get("id"), tab.get("url")) for tab in view.topLevelTabs()]

    plone = CatalogNavigationTabs(site["praxisbeispiele"], site.REQUEST)
    for visitor in (None, SITE_OWNER_NAME, None):
        if visitor is None:
            newSecurityManager(None, nobody)
        else:
            as_owner(site)
        IAnnotations(site.REQUEST).clear()
        expected = [(tab.get("id"), tab.get("url")) for tab in plone.topLevelTabs()]
        assert tabs("portal_tabs_view") == expected
    assert len(recordsets.MEMORY.items)


def test_ranked_picks_what_sorting_every_hit_gives(site, monkeypatch):
    """The best of many scored hits, picked without sorting them all, are
    those a sort of every hit gives (score, the newest first, the record),
    with their count, for every page end, also where scores tie at the
    page's edge and where some hits are not the visitor's."""
    catalog = api.portal.get_tool("portal_catalog")
    dates = catalog._catalog.getIndex("effective")._unindex
    everyone = sorted(catalog._catalog.paths)
    scored = IIBucket(
        {rid: 1000 + (number % 7) * 250 for number, rid in enumerate(everyone)}
    )
    monkeypatch.setattr(
        recordsets, "scores", lambda *args: recordsets.Scored(scored, {}, None)
    )
    visible = IISet(rid for number, rid in enumerate(everyone) if number % 5)
    expected = sorted(
        (rid for rid in scored.keys() if rid in visible),
        key=lambda rid: (-scored[rid], -dates.get(rid, 0), rid),
    )
    assert len(expected) > 10
    for end in (1, 2, 5, 10, len(expected) + 3):
        found = recordsets.ranked(catalog, "SearchableText", "egal", visible, end)
        assert found[:2] == (len(expected), expected[:end])
