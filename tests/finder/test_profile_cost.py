"""A municipality's profile at flat cost (issue 30): its practice examples
and meetings are searched once per catalog state and visitor, never showing
a visitor what they may not see, and showing a change at once."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from Products.CMFPlone.CatalogTool import CatalogTool
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zumo.content import recordsets
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest
import transaction


@pytest.fixture
def site(served):
    """The committed network, the memory empty, an anonymous visitor."""
    recordsets.MEMORY.clear()
    alsoProvides(served.REQUEST, IZumoPolicyLayer)
    newSecurityManager(None, nobody)
    yield served
    recordsets.MEMORY.clear()


@pytest.fixture
def searches(monkeypatch):
    """The portal types the catalog is searched for about a municipality."""
    found = []
    search = CatalogTool.searchResults

    def counting(self, query=None, **kw):
        asked = dict(query or {}, **kw)
        if "zumo_municipality_uid" in asked:
            found.append(asked.get("portal_type"))
        return search(self, query, **kw)

    monkeypatch.setattr(CatalogTool, "searchResults", counting)
    monkeypatch.setattr(CatalogTool, "__call__", counting)
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
    assert sorted(searches) == ["PracticeExample", "WorkshopMeeting"]
    assert profile(site) == first
    assert len(searches) == 2


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
