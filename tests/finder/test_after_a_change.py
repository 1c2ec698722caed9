"""After a committed change the finder's and the start page's remembered
answers are brought forward over the changed records only (issue 30):
they equal what the catalog gives when everything is worked out anew, for
each visitor, and a change made other than through the indexing queue has
them worked out anew."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from DateTime import DateTime
from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from Products.ZCTextIndex.ZCTextIndex import ZCTextIndex
from tests.finder.conftest import finder
from zumo.content import changes
from zumo.content import facets
from zumo.content import recordsets
from zumo.content.relations import relation_to

import pytest
import sys
import time
import transaction


FORMS = (
    {},
    {"sort": "title"},
    {"SearchableText": "Dorfladen"},
    {"SearchableText": "Treffpunkt"},
    {"zumo_topics": "daseinsvorsorge"},
    {"zumo_topics": ["daseinsvorsorge", "klimawandel"], "sort": "title"},
    {"SearchableText": "Dorfladen", "zumo_topics": "daseinsvorsorge"},
    {"zumo_trends": "demografie", "zumo_project_status": "laufend"},
)


def become(portal, who):
    """Work as ``who``: ``None`` for an anonymous visitor, else a user."""
    if who is None:
        newSecurityManager(None, nobody)
    else:
        login(portal.aq_parent if who == SITE_OWNER_NAME else portal, who)


def shown(portal):
    """What each visitor is shown: for each search of ``FORMS`` the
    finder's page, its count and its facet counts; the start page's counts
    and newest examples."""
    found = {}
    for who in (None, SITE_OWNER_NAME):
        become(portal, who)
        for form in FORMS:
            view = finder(portal, **form)
            results = view.results()
            facets = {
                facet["index"]: {o["value"]: o["count"] for o in facet["options"]}
                for facet in view.facets()
            }
            found[who, repr(form)] = (
                [brain.getId for brain in results],
                results.sequence_length,
                facets,
            )
        start = api.content.get_view("zumo-start", portal, portal.REQUEST)
        found[who, "start"] = (
            [(s["id"], s["count"], s["demo"]) for s in start.sections()],
            [brain.getId for brain in start.latest_examples()],
        )
    return found


def change(portal, what):
    """Make the change ``what`` as the site owner and commit it."""
    become(portal, SITE_OWNER_NAME)
    examples = portal["praxisbeispiele"]
    if what == "facets":
        examples["buergerbus"].topics = ["klimawandel"]
        examples["buergerbus"].demo = True
        examples["buergerbus"].reindexObject()
    elif what == "publish":
        api.content.transition(obj=examples["geheim"], to_state="published")
    elif what == "retract":
        api.content.transition(obj=examples["klimaplan"], transition="retract")
    elif what == "delete":
        api.content.delete(obj=examples["treffpunkt"])
    elif what == "add":
        new = api.content.create(
            container=examples,
            type="PracticeExample",
            id="dorfladen-zwei",
            title="Dorfladen Zwei",
            topics=["daseinsvorsorge"],
            trends=["demografie"],
            project_status="laufend",
            start=date(2025, 2, 1),
            municipality=relation_to(portal["kommunen"]["tuttlingen"]),
        )
        api.content.transition(obj=new, to_state="published")
    elif what == "text":
        examples["dorfladen"].title = "Laden im Ort"
        examples["dorfladen"].reindexObject()
    transaction.commit()


@pytest.mark.parametrize(
    "what", ["facets", "publish", "retract", "delete", "add", "text"]
)
def test_brought_forward_equals_worked_out_anew(site, monkeypatch, what):
    """Each kind of change is brought forward (no catalog search, count
    over all hits or scoring of every text is made for the remembered
    answers) and shows what a fresh computation shows."""
    before = shown(site)
    change(site, what)
    searches = []

    def watch(owner, name):
        real = getattr(owner, name)
        monkeypatch.setattr(
            owner, name, lambda *a, **kw: searches.append(name) or real(*a, **kw)
        )

    # What works out the remembered answers over every record.
    watch(recordsets, "of_results")  # the catalog's search of a set
    watch(recordsets, "ranked")  # the best of all scored hits
    watch(facets, "counts")  # a facet counted over all hits
    if what not in ("add", "delete"):
        # (Adding or deleting one of a few texts drifts the text index's
        # statistics beyond ``recordsets.DRIFT``: scored anew, rightly.)
        watch(ZCTextIndex, "_apply_index")  # every text scored
    carried = shown(site)
    assert searches == []  # every remembered answer was brought forward
    recordsets.MEMORY.clear()
    fresh = shown(site)
    assert {"of_results", "counts"} <= set(searches)  # worked out anew
    assert carried == fresh
    assert carried != before


def test_the_log_links_states_and_knows_old_values(site):
    """The log links the state before a change to the one after, with the
    record changed and its old facet values."""
    catalog = api.portal.get_tool("portal_catalog")
    earlier = recordsets.state(catalog)
    change(site, "facets")
    later = recordsets.state(catalog)
    delta = changes.between(catalog, earlier[1:], later[1:])
    rid = recordsets.record_id(catalog, site["praxisbeispiele"]["buergerbus"])
    assert list(delta.rids) == [rid]
    assert list(delta.old(rid, "zumo_topics")) == ["daseinsvorsorge"]
    assert list(changes.entry(catalog, "zumo_topics", rid)) == ["klimawandel"]
    assert changes.between(catalog, later[1:], earlier[1:]) is None


def test_a_change_past_the_queue_is_worked_out_anew(site):
    """A record the catalog indexed directly (not through the queue) breaks
    the chain: the remembered sets are worked out anew and true."""
    catalog = api.portal.get_tool("portal_catalog")
    shown(site)
    earlier = recordsets.state(catalog)
    become(site, SITE_OWNER_NAME)
    example = site["praxisbeispiele"]["treffpunkt"]
    example.topics = ["klimawandel"]
    catalog.catalog_object(example)
    transaction.commit()
    assert changes.between(catalog, earlier[1:], recordsets.state(catalog)[1:]) is None
    carried = shown(site)
    recordsets.MEMORY.clear()
    assert carried == shown(site)


def test_a_new_minute_brings_forward_what_it_publishes(site, monkeypatch):
    """An example published for later: in the minute its date comes, the
    anonymous visitor's remembered sets are brought forward over the
    records whose publication window opened (no catalog search), and list
    it, as a fresh computation does."""
    become(site, SITE_OWNER_NAME)
    example = site["praxisbeispiele"]["klimaplan"]
    example.setEffectiveDate(DateTime() + 10 / 1440.0)  # in ten minutes
    example.reindexObject()
    transaction.commit()
    assert "klimaplan" not in shown(site)[None, repr({})][0]
    later = time.time() + 15 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(sys.modules["DateTime.DateTime"], "_system_time", lambda: later)
    searches = []
    real = recordsets.of_results
    monkeypatch.setattr(
        recordsets, "of_results", lambda r: searches.append(1) or real(r)
    )
    carried = shown(site)
    assert searches == []
    assert "klimaplan" in carried[None, repr({})][0]
    recordsets.MEMORY.clear()
    assert carried == shown(site)


def test_reordered_places_the_changed_records(site):
    """Brought forward over records that changed, a page in an order is the
    one ordering everything gives; where the old page's last record
    changed, or a full page loses records, it is worked out anew."""
    catalog = api.portal.get_tool("portal_catalog")
    everyone = recordsets.holding(catalog, "portal_type", "PracticeExample")
    page = recordsets.ordered(catalog, everyone, "effective", reverse=True, end=3)
    assert len(page) == 3
    for changed in set(everyone) - {page[-1]}:
        delta = changes.Delta(recordsets.IISet([changed]), {}, catalog)
        assert (
            recordsets.reordered(catalog, page, delta, everyone, "effective", True, 3)
            == page
        )
    delta = changes.Delta(recordsets.IISet([page[-1]]), {}, catalog)
    assert (
        recordsets.reordered(catalog, page, delta, everyone, "effective", True, 3)
        is None
    )
    fewer = recordsets.IISet(set(everyone) - {page[0]})
    delta = changes.Delta(recordsets.IISet([page[0]]), {}, catalog)
    assert len(fewer) >= 3
    assert (
        recordsets.reordered(catalog, page, delta, fewer, "effective", True, 3) is None
    )
