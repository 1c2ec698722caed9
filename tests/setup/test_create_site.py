"""`make create-site` builds the ZUMO site once and then leaves it alone."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from zumo.policy.setuphandlers import site as zumo_site
from zumo.policy.setuphandlers.structure import sections

import gc
import itertools
import pytest


_site_ids = (f"zumo{number}" for number in itertools.count())


@pytest.fixture
def new_site(app):
    """A freshly created ZUMO site with an id no other test has used.

    Dexterity names the generated schema of the site after the site path.
    The transaction of a test is rolled back, but the generated interface
    stays in memory; a later site at the same path would share the
    interface's name, and zope.interface mixes up equal names while the old
    one is garbage collected.  Fresh ids, and collecting what earlier tests
    left behind, keep the tests independent.
    """
    gc.collect()
    login(app, SITE_OWNER_NAME)
    return zumo_site.create_site(app, site_id=next(_site_ids))


class TestCreateSite:
    def test_title_and_language(self, new_site):
        """The new site is 'ZUMO Netzwerk', German, on Berlin time."""
        assert new_site.Title() == "ZUMO Netzwerk"
        assert new_site.Language() == "de"
        with api.env.adopt_roles(["Manager"]):
            registry = new_site.portal_registry
        assert registry["plone.default_language"] == "de"
        assert registry["plone.portal_timezone"] == "Europe/Berlin"

    def test_classic_ui(self, new_site):
        """The site is a Classic UI site with the policy installed."""
        setup_tool = new_site.portal_setup
        assert setup_tool.getLastVersionForProfile("zumo.policy:default") == (
            setup_tool.getVersionForProfile("zumo.policy:default"),
        )
        assert setup_tool.getLastVersionForProfile("plone.volto:default") == "unknown"

    def test_second_run_keeps_the_site(self, app, new_site):
        """Running again returns the very same site object, data untouched."""
        new_site.manage_changeProperties(description="geändert")
        again = zumo_site.create_site(app, site_id=new_site.getId())
        assert again.aq_base is new_site.aq_base
        assert again.Description() == "geändert"

    def test_second_run_upgrades_an_older_site(self, app, new_site):
        """A site made by older code gets the pending upgrade steps."""
        setup_tool = new_site.portal_setup
        setup_tool.setLastVersionForProfile("zumo.policy:default", "1000")
        new_site.setLayout("document_view")
        new_site.portal_registry["plone.site_logo"] = None
        for key in list(new_site.portal_registry.records.keys()):
            if key.startswith("plone.bundles/zumo."):
                del new_site.portal_registry.records[key]
        zumo_site.create_site(app, site_id=new_site.getId())
        assert setup_tool.getLastVersionForProfile("zumo.policy:default") == (
            setup_tool.getVersionForProfile("zumo.policy:default"),
        )
        assert new_site.getLayout() == "zumo-start"
        assert new_site.portal_registry["plone.site_logo"]
        assert new_site.portal_registry["plone.bundles/zumo.enabled"] is True

    def test_content_has_creators(self, app):
        """Run without a logged-in user, as ``make create-site`` is, the
        administrator makes the content: everything has a creator, so no
        GET has one to add."""
        gc.collect()
        logout()
        site = zumo_site.create_site(
            app, site_id=next(_site_ids), admin_password="geheim-2026"
        )
        assert site.creators == ("admin",)
        for section in sections():
            folder = site[section["id"]]
            assert folder.creators == ("admin",), section["id"]
            assert folder.getOwnerTuple()[1] == "admin"

    def test_admin_password_follows_setting(self, app):
        """The printed admin login always works, also after a change."""
        zumo_site.ensure_admin(app, "erstes-passwort")
        zumo_site.ensure_admin(app, "zweites-passwort")
        acl_users = app.acl_users
        request = app.REQUEST
        assert acl_users.authenticate("admin", "erstes-passwort", request) is None
        user = acl_users.authenticate("admin", "zweites-passwort", request)
        assert "Manager" in user.getRoles()
