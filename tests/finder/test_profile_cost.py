"""A municipality's profile and a practice example's page at flat cost
(issue 30): a municipality's practice examples and meetings are searched
once per catalog state and visitor, its recognitions once per catalog
state, an example's similar block worked out once per catalog state and
visitor; never showing a visitor what they may not see, and showing a
change at once."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from DateTime import DateTime
from datetime import date
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFPlone.CatalogTool import CatalogTool
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.content import similar
from zumo.content.relations import relation_to
from zumo.policy.reviews.experts import recognitions

import pytest
import transaction


@pytest.fixture
def searches(monkeypatch):
    """The portal types the catalog is searched for about a municipality
    (``("unrestricted", type)`` where it is searched without the visitor's
    permissions)."""
    found = []
    search = CatalogTool.searchResults

    def counting(self, query=None, **kw):
        asked = dict(query or {}, **kw)
        if "zumo_municipality_uid" in asked:
            found.append(asked.get("portal_type"))
        return search(self, query, **kw)

    unrestricted = CatalogTool.unrestrictedSearchResults

    def counting_unrestricted(self, REQUEST=None, **kw):
        if "zumo_municipality_uid" in kw:
            found.append(("unrestricted", kw.get("portal_type")))
        return unrestricted(self, REQUEST, **kw)

    monkeypatch.setattr(CatalogTool, "searchResults", counting)
    monkeypatch.setattr(CatalogTool, "__call__", counting)
    monkeypatch.setattr(CatalogTool, "unrestrictedSearchResults", counting_unrestricted)
    return found


def profile(portal, oid="hayingen"):
    """The profile page of municipality ``oid`` on a fresh request state."""
    request = portal.REQUEST
    IAnnotations(request).clear()
    request.form.clear()
    return api.content.get_view("municipality-view", portal["kommunen"][oid], request)()


def test_searched_once_per_catalog_state(site, searches):
    """The first visit searches each list once; the next visit, the
    catalog unchanged, not at all, and lists the same."""
    first = profile(site)
    listed = ["PracticeExample", "WorkshopMeeting"]
    assert sorted(kind for kind in searches if kind in listed) == listed
    assert profile(site) == first
    assert sorted(kind for kind in searches if kind in listed) == listed


def test_drafts_stay_hidden_and_a_change_shows_at_once(site):
    """Anonymous visitors never see the draft, though a manager (other
    roles, other key) saw it in between; once published it is listed at
    once, in its place by title."""
    assert "Geheimer Entwurf" not in profile(site)
    login(site.aq_parent, SITE_OWNER_NAME)
    assert "Geheimer Entwurf" in profile(site)
    newSecurityManager(None, nobody)
    assert "Geheimer Entwurf" not in profile(site)
    login(site.aq_parent, SITE_OWNER_NAME)
    api.content.transition(obj=site["praxisbeispiele"]["geheim"], to_state="published")
    newSecurityManager(None, nobody)
    page = profile(site)  # this transaction's own change
    assert (
        page.index("Buergerbus")
        < page.index("Dorfladen")
        < page.index("Geheimer Entwurf")
    )
    transaction.commit()
    assert "Geheimer Entwurf" in profile(site)


@pytest.fixture
def recognised(site):
    """Hayingen shows its recognitions; a released review valid until
    ``valid_until`` is committed."""
    login(site.aq_parent, SITE_OWNER_NAME)
    hayingen = site["kommunen"]["hayingen"]
    hayingen.show_review_recognition = True
    review = api.content.create(
        container=site["gutachten"],
        type="ExpertReview",
        title="Gutachten Hayingen",
        review_subject="Handlungskonzept Hayingen",
        municipality=relation_to(hayingen),
        level="standard",
        valid_until=date(2030, 6, 30),
    )
    # released as the panel's verdict releases it (the process itself is
    # tests/reviews/test_review_process.py's)
    api.portal.get_tool("portal_workflow").setStatusOf(
        "zumo_review_workflow",
        review,
        {"review_state": "released", "action": "release", "actor": SITE_OWNER_NAME,
         "comments": "", "time": DateTime()},
    )  # fmt: skip
    review.reindexObject()
    transaction.commit()
    newSecurityManager(None, nobody)
    return review


def test_recognitions_searched_once_per_catalog_state(recognised, searches):
    """The released review shows on every visit; only the first searches
    for it. Past its validity it is no longer shown, though the catalog is
    unchanged; a change of its subject shows at once."""
    site = recognised.aq_parent.aq_parent
    assert "Handlungskonzept Hayingen" in profile(site)
    assert searches.count(("unrestricted", "ExpertReview")) == 1
    assert "Handlungskonzept Hayingen" in profile(site)
    assert searches.count(("unrestricted", "ExpertReview")) == 1
    later = [
        review["subject"]
        for review in recognitions(site["kommunen"]["hayingen"], date(2030, 7, 1))
    ]
    assert later == []
    login(site.aq_parent, SITE_OWNER_NAME)
    recognised.review_subject = "Handlungskonzept 2035"
    notify(ObjectModifiedEvent(recognised))
    transaction.commit()
    newSecurityManager(None, nobody)
    page = profile(site)
    assert "Handlungskonzept 2035" in page
    assert "Handlungskonzept Hayingen" not in page


def test_similar_block_worked_out_once_per_catalog_state(site, monkeypatch):
    """The suggestions of an example are worked out on the first visit
    only while the catalog is unchanged, with addresses of the visitor's
    request; a newly published example of the same topic shows at once,
    and never a draft."""
    worked = []
    work = similar._suggestions

    def counting(*args):
        worked.append(args[1].getId())
        return work(*args)

    monkeypatch.setattr(similar, "_suggestions", counting)
    dorfladen = site["praxisbeispiele"]["dorfladen"]
    first = similar.suggestions(dorfladen)
    assert similar.suggestions(dorfladen) == first
    assert worked == ["dorfladen"]
    assert all(item["url"].startswith(site.absolute_url()) for item in first)
    titles = [item["title"] for item in first]
    login(site.aq_parent, SITE_OWNER_NAME)
    entwurf = api.content.create(
        container=site["praxisbeispiele"],
        type="PracticeExample",
        id="laden-neu",
        title="Neuer Dorfladen",
        topics=list(dorfladen.topics),
        fields_of_action=list(dorfladen.fields_of_action or ()),
    )
    transaction.commit()
    newSecurityManager(None, nobody)
    assert "Neuer Dorfladen" not in [i["title"] for i in similar.suggestions(dorfladen)]
    login(site.aq_parent, SITE_OWNER_NAME)
    api.content.transition(obj=entwurf, to_state="published")
    transaction.commit()
    newSecurityManager(None, nobody)
    now = [item["title"] for item in similar.suggestions(dorfladen)]
    assert "Neuer Dorfladen" in now and now != titles
    assert worked == ["dorfladen"] * 3
