"""Create and look after the ZUMO Netzwerk Plone site.

Used by ``scripts/create_site.py`` (run through ``zconsole run``) and by the
tests, so that what ``make run`` does is what the suite checks.
"""

from contextlib import nullcontext
from plone.distribution.api import site as site_api
from zope.component.hooks import setSite
from zumo.policy import logger
from zumo.policy.caching.rules import use_proxy
from zumo.policy.setuphandlers.demo import DEMO_PROFILE
from zumo.policy.setuphandlers.ownership import acting_as
from zumo.policy.setuphandlers.ownership import fill_missing_creators

import transaction


SITE_ID = "Plone"
SITE_TITLE = "ZUMO Netzwerk"
SITE_DESCRIPTION = (
    "Wissensplattform und Netzwerk für kleine und ländliche Kommunen "
    "in Baden-Württemberg"
)
DISTRIBUTION = "classic"
POLICY_PROFILE = "zumo.policy:default"
# Profiles whose upgrade steps ``make run`` applies to an existing site
UPGRADED_PROFILES = ("zumo.content:default", POLICY_PROFILE)
ADMIN_USER = "admin"


def site_answers(site_id=SITE_ID):
    """Return the plone.distribution answers for a new ZUMO site."""
    return {
        "site_id": site_id,
        "title": SITE_TITLE,
        "description": SITE_DESCRIPTION,
        "default_language": "de",
        "portal_timezone": "Europe/Berlin",
        "setup_content": False,
    }


def ensure_admin(app, password, username=ADMIN_USER):
    """Make sure the Zope root has a Manager ``username`` with ``password``.

    Plone turns the root user folder into a PluggableAuthService with a
    ZODB user manager (``users``) and role manager (``roles``). The user is
    added if missing; an existing one gets the password, so that the login
    printed by ``make run`` is always the one that works.
    """
    acl_users = app.acl_users
    users = acl_users.users
    if username in users.listUserIds():
        users.updateUserPassword(username, password)
    else:
        users.addUser(username, username, password)
        logger.info("Created Zope administrator %r", username)
    roles = acl_users.roles
    if "Manager" not in roles.listRoleIds():
        roles.addRole("Manager")
    roles.assignRoleToPrincipal("Manager", username)


def create_site(app, site_id=SITE_ID, demo=False, admin_password=None):
    """Create the ZUMO site in ``app`` unless it exists; return the site.

    Creating uses the Classic UI distribution, then installs
    ``zumo.policy:default``. An existing site is left as it is (its data is
    never recreated); only the policy is installed if it went missing.
    With ``demo`` a new site gets the demo network (the profile
    ``zumo.policy:demo``). With an ``admin_password`` the Zope administrator
    ``admin`` is set up and makes (creates and owns) all content; without,
    the current user does.
    Raises whatever site creation raises; the transaction is not committed.
    """
    exists = site_id in app.objectIds()
    if exists:
        site = app[site_id]
    else:
        logger.info("Creating site %r (%s)", site_id, SITE_TITLE)
        site = site_api.create(app, DISTRIBUTION, site_answers(site_id))
    setSite(site)
    with _as_admin(app, admin_password):
        _install_policy(site)
        if exists:
            logger.info("Site %r exists, keeping its data", site_id)
            return site
        if demo:
            site.portal_setup.runAllImportStepsFromProfile(f"profile-{DEMO_PROFILE}")
        fill_missing_creators(site, ADMIN_USER)
    return site


def _as_admin(app, password):
    """Act as the Zope administrator (set up with ``password``), if given.

    Site creation swaps the root user folder for Plone's, so the
    administrator is set up after it.
    """
    if password is None:
        return nullcontext()
    ensure_admin(app, password)
    return acting_as(app, ADMIN_USER)


def _install_policy(site):
    """Install the policy, or run its pending upgrade steps.

    A site made by an older version of this code is thereby brought up to
    date by ``make run`` without touching its content.
    """
    setup_tool = site.portal_setup
    if setup_tool.getLastVersionForProfile(POLICY_PROFILE) == "unknown":
        setup_tool.runAllImportStepsFromProfile(f"profile-{POLICY_PROFILE}")
        return
    for profile in UPGRADED_PROFILES:
        if setup_tool.listUpgrades(profile):
            setup_tool.upgradeProfile(profile)
            logger.info(
                "Upgraded %s to version %s",
                profile,
                ".".join(setup_tool.getLastVersionForProfile(profile)),
            )


def run(app, admin_password, demo=False, caching_proxy=None):
    """Set up the Zope root and the site as ``make create-site`` does; commit.

    ``app`` is the Zope root with a request, as ``zconsole run`` binds it.
    ``caching_proxy`` is the URL of the caching proxy in front of the site
    (the cluster mode's Varnish): caching and purging are switched on for
    it; without one both are off.
    """
    site = create_site(app, demo=demo, admin_password=admin_password)
    setSite(site)
    use_proxy(caching_proxy)
    transaction.commit()
    return site
