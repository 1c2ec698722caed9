"""Caching rules: what a shared cache may keep, and what a change purges.

The cluster test (test_cluster.py) checks them through Varnish; these
check the rules and the headers on every kind of object in-process.
"""

from plone import api
from plone.cachepurging.utils import getPathsToPurge
from zope.component.hooks import setSite
from zumo.policy.caching import rules as caching
from zumo.policy.meetings import registration
from zumo.policy.testing.scenario import api_url

import pytest
import transaction


CACHING = "plone.caching.interfaces.ICacheSettings."
PURGING = "plone.cachepurging.interfaces.ICachePurgingSettings."


def test_rules_are_in_place_and_off_without_a_proxy(portal):
    mapping = api.portal.get_registry_record(CACHING + "operationMapping")
    assert mapping["plone.content.itemView"] == "plone.app.caching.moderateCaching"
    assert mapping["plone.content.folderView"] == "plone.app.caching.moderateCaching"
    assert mapping["zumo.personal"] == "plone.app.caching.noCaching"
    types = api.portal.get_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.contentTypeRulesetMapping"
    )
    assert types["EasyForm"] == "zumo.personal"
    purged = api.portal.get_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.purgedContentTypes"
    )
    assert {"PracticeExample", "Municipality", "WorkshopMeeting", "Folder"} <= set(
        purged
    )
    # The embedded site has no shared cache: nothing on, nothing purged.
    assert api.portal.get_registry_record(CACHING + "enabled") is False
    assert api.portal.get_registry_record(PURGING + "enabled") is False


def test_use_proxy_switches_caching_and_purging(portal):
    caching.use_proxy("http://127.0.0.1:8080")
    assert api.portal.get_registry_record(CACHING + "enabled") is True
    assert api.portal.get_registry_record(PURGING + "enabled") is True
    assert api.portal.get_registry_record(PURGING + "cachingProxies") == (
        "http://127.0.0.1:8080",
    )
    caching.use_proxy(None)
    assert api.portal.get_registry_record(CACHING + "enabled") is False
    assert api.portal.get_registry_record(PURGING + "cachingProxies") == ()


def test_a_change_purges_the_pages_that_show_the_item(scenario):
    portal, objects = scenario
    setSite(portal)
    example = objects["example_published"]
    paths = set(getPathsToPurge(example, portal.REQUEST))
    own = "/" + example.virtual_url_path()
    assert {own + "/", own + "/view"} <= paths
    # The start page lists the newest examples.
    assert "/" + portal.virtual_url_path() in paths
    municipality = example.municipality.to_object if example.municipality else None
    if municipality is not None:
        assert "/" + municipality.virtual_url_path() in paths


def test_1009_loads_the_caching_rules(portal):
    api.portal.set_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.contentTypeRulesetMapping",
        {},
    )
    # The step as registered, on a site of version 1008.
    portal.portal_setup.setLastVersionForProfile("zumo.policy:default", "1008")
    portal.portal_setup.upgradeProfile("zumo.policy:default", dest="1009")
    types = api.portal.get_registry_record(
        "plone.app.caching.interfaces.IPloneCacheSettings.contentTypeRulesetMapping"
    )
    assert types["EasyForm"] == "zumo.personal"


@pytest.fixture
def cached_site(served_scenario):
    """The served scenario with caching headers on (as behind Varnish)."""
    portal, objects = served_scenario
    setSite(portal)
    api.portal.set_registry_record(CACHING + "enabled", True)
    transaction.commit()
    yield portal, objects
    api.portal.set_registry_record(CACHING + "enabled", False)
    transaction.commit()


def _shared(response):
    """True if a shared cache may keep ``response``."""
    control = response.headers.get("Cache-Control", "")
    return (
        "s-maxage" in control
        and "s-maxage=0" not in control
        and ("private" not in control)
    )


class TestHeaders:
    """Which answers a shared cache may keep, object by object."""

    def test_anonymous_public_pages_may_be_kept(self, cached_site, persona_request):
        portal, objects = cached_site
        anonymous = persona_request("anonymous")
        for url in (
            objects["example_published"].absolute_url(),
            portal.absolute_url() + "/praxisbeispiele",
            portal.absolute_url(),
        ):
            answer = anonymous.get(url)
            assert answer.status_code == 200
            assert _shared(answer), (url, answer.headers.get("Cache-Control"))
            assert "max-age=0" in answer.headers["Cache-Control"]

    def test_no_logged_in_answer_may_be_kept(self, cached_site, persona_request):
        """Every object, HTML and REST, as each persona: nothing a logged-in
        user gets is marked for a shared cache, and anonymous visitors get
        it only for what Anonymous may view."""
        portal, objects = cached_site
        personas = ("buerger", "kommune-a", "expertin", "institut", "ministerium")
        sessions = {name: persona_request(name) for name in personas}
        anonymous = persona_request("anonymous")
        checked = shared = 0
        for oid, obj in objects.items():
            for url, headers in (
                (obj.absolute_url(), {}),
                (api_url(portal, obj), {"Accept": "application/json"}),
            ):
                for name, session in sessions.items():
                    answer = session.get(url, headers=headers, allow_redirects=False)
                    assert not _shared(answer), (oid, name, url)
                    checked += 1
                answer = anonymous.get(url, headers=headers, allow_redirects=False)
                if answer.status_code != 200:
                    assert not _shared(answer), (oid, "anonymous", url)
                elif _shared(answer):
                    shared += 1
        assert checked > 100
        assert shared > 0

    def test_forms_are_never_kept(self, cached_site, persona_request):
        portal, _objects = cached_site
        anonymous = persona_request("anonymous")
        answer = anonymous.get(portal.absolute_url() + "/mitmachen/rueckmeldung")
        assert answer.status_code == 200
        assert not _shared(answer)


def _control(response):
    return response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("caching_on", [True, False], ids=["cluster", "embedded"])
def test_every_answer_to_a_logged_in_user_is_private(
    served_scenario, persona_request, caching_on
):
    """Pages with a caching rule and without one, REST and files: a logged-in
    user's answer says ``private`` and nothing a shared cache could use;
    anonymous visitors keep the public caching of public pages."""
    portal, objects = served_scenario
    setSite(portal)
    api.portal.set_registry_record(CACHING + "enabled", caching_on)
    transaction.commit()
    example = objects["example_published"]
    urls = (
        (example.absolute_url(), {}),
        (portal.absolute_url() + "/praxisbeispiele", {}),
        (portal.absolute_url() + "/@@statistik", {}),
        (portal.absolute_url() + "/@@search", {}),
        (api_url(portal, example), {"Accept": "application/json"}),
        (portal.absolute_url() + "/++api++/@search", {"Accept": "application/json"}),
        (
            f"{objects['attachment_published'].absolute_url()}/@@download/file",
            {},
        ),
    )
    for persona in ("buerger", "kommune-a", "institut"):
        session = persona_request(persona)
        for url, headers in urls:
            answer = session.get(url, headers=headers)
            assert answer.status_code == 200, (persona, url)
            control = _control(answer)
            assert "private" in control, (persona, url, control)
            assert "public" not in control and "s-maxage" not in control, (
                persona,
                url,
                control,
            )
    anonymous = persona_request("anonymous").get(example.absolute_url())
    assert ("s-maxage=3600" in _control(anonymous)) is caching_on
    assert "private" not in _control(anonymous)


def test_pages_with_personal_data_are_never_stored(served_scenario, persona_request):
    """Registrations, "Mein Netzwerk", qualification records, rosters, saved
    form data, one's own account: ``private, no-store``, also the page of a
    cancel link opened without logging in."""
    portal, objects = served_scenario
    setSite(portal)
    api.portal.set_registry_record(CACHING + "enabled", True)
    meeting = objects["meeting_announced"]
    with api.env.adopt_roles(["Manager"]):
        row = registration.register(
            meeting,
            {"name": "Erika", "email": "erika@example.org", "consent": True},
            quiet=True,
        )
    transaction.commit()
    site = portal.absolute_url()
    form = objects["form_application"].absolute_url()
    pages = {
        "kommune-a": (
            "/@@mein-netzwerk",
            "/@@personal-information",
            "/@@personal-preferences",
            "/@@change-password",
            "/@@meine-qualifizierung",
        ),
        "institut": (
            meeting.absolute_url() + "/@@anmeldungen",
            meeting.absolute_url() + "/@@anmeldungen.csv",
            form + "/actions/speichern/@@data",
            objects["module_published"].absolute_url() + "/@@teilnahmen",
            objects["municipality_published"].absolute_url() + "/@@qualifizierung-team",
            objects["municipality_published"].absolute_url() + "/@@roster",
            "/@@mentoring-uebersicht",
        ),
        "anonymous": (f"{meeting.absolute_url()}/@@abmelden?token={row['token']}",),
    }
    for persona, paths in pages.items():
        session = persona_request(persona)
        for path in paths:
            url = path if path.startswith("http") else site + path
            answer = session.get(url, allow_redirects=False)
            assert answer.status_code == 200, (persona, path, answer.status_code)
            assert _control(answer) == "private, no-store", (persona, path)
