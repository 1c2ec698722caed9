"""The demo's round of the integrated management procedure (seed 001) and
its qualification as a course.

Seed 001 dates the offer „im Zeitraum 2013 bis 2014 für insgesamt 20
Kommunen“ (line 23); Tuningen works today, so its round is a later one,
invented for the demo, and its texts say so.
"""

from html import escape
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.interface import alsoProvides
from zumo.content import procedures
from zumo.content.interfaces import IZumoContentLayer
from zumo.policy.interfaces import IZumoPolicyLayer
from zumo.policy.spaces import roster


def _one(portal_type, **query):
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(portal_type=portal_type, **query)
    return brain._unrestrictedGetObject()


def test_seed_dates_the_offer(seed_lines):
    assert (
        "im Zeitraum 2013 bis 2014 für insgesamt 20 Kommunen" in seed_lines("001")[22]
    )


def test_tuningen_walks_the_path_partway(demo_site):
    """Mandate (who decided, when, the decision as a document), the project
    group by the document's categories, a facilitator in the group
    ``facilitators`` — all marked demo, the round said to be invented."""
    team = _one("Municipality", Title="Tuningen")
    assert "imv" in team.programmes
    (mandate,) = [
        obj for obj in team.objectValues() if getattr(obj, "step", None) == "imv_mandat"
    ]
    assert mandate.demo and mandate.decided_by == "Gemeinderat Tuningen (Demo)"
    assert "für die Demo erfunden" in mandate.notes.raw
    assert "2013 bis 2014" in mandate.notes.raw
    (decision,) = mandate.objectValues()
    assert decision.demo and "(Demo)" in decision.Title()
    categories = {m["userid"]: m["category"] for m in roster.roster(team)}
    assert categories["kommune-a"] == "verwaltung"
    (facilitator,) = roster.facilitators(team)
    assert facilitator["fullname"] == "Petra Begleitung (Demo)"
    assert "facilitators" in api.user.get(userid="begleitung").getGroups()
    login(demo_site, "kommune-a")
    steps = {s["id"]: s for s in procedures.path_state(team, "imv")["steps"]}
    logout()
    assert steps["imv_mandat"]["status"] == "abgeschlossen"
    assert steps["imv_projektgruppe"]["status"] == "in_arbeit"
    assert steps["imv_prozessbegleitung"]["status"] == "abgeschlossen"


def test_the_imv_qualification_is_a_course(demo_site):
    """The qualification „Kommunales Familien- & Demografie-Management“ is a
    course (Kurs) with a group space, its page quoting seed 001, line 15;
    /qualifizierung lists it, marked demo."""
    catalog = api.portal.get_tool("portal_catalog")
    (course,) = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type="QualificationCohort"
        )
        if brain._unrestrictedGetObject().curriculum == "imv"
    ]
    assert course.demo and course.cohort_format is None
    assert roster.on_roster(course, "kommune-a")
    alsoProvides(demo_site.REQUEST, IZumoContentLayer, IZumoPolicyLayer)
    login(demo_site, "kommune-a")
    page = course.restrictedTraverse("qualification-cohort-view")()
    assert (
        "einen landesweiten Erfahrungsaustausch sowie ein kollegiales Coaching" in page
    )
    assert "Gruppenraum des Kurses" in page
    section = demo_site["qualifizierung"].restrictedTraverse("qualification-view")()
    assert escape(course.Title(), quote=False) in section
    logout()
