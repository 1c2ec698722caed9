"""Upgrade step 1007: registration for workshop meetings, the members'
choice of notifications, the personal dashboard and moderated comments."""

from plone import api
from plone.base.utils import get_installer
from zumo.content.interfaces import ISpace
from zumo.policy import logger
from zumo.policy.forms.mitmachen import add_institute_notification
from zumo.policy.forms.mitmachen import SECTION
from zumo.policy.meetings.registration import create_registration_form


PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Install plone.app.discussion (moderated comments on practice
    examples), add the notification choice to the member fields and the dashboard
    to the personal menu, index the rosters of public team spaces, let the
    forms at ``/mitmachen`` that store submissions tell the institute, and
    give every workshop meeting its registration form."""
    installer = get_installer(api.portal.get())
    if not installer.is_product_installed("plone.app.discussion"):
        installer.install_product("plone.app.discussion")
    setup_tool.runImportStepFromProfile(PROFILE, "plone.app.registry")
    setup_tool.runImportStepFromProfile(PROFILE, "usersschema")
    setup_tool.runImportStepFromProfile(PROFILE, "actions")
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        object_provides=ISpace.__identifier__
    ):
        # Rosters of public team spaces are named in the catalog (dashboard).
        brain._unrestrictedGetObject().reindexObjectSecurity()
    section = api.portal.get().get(SECTION)
    for form_id in ("modellkommune-bewerben", "rueckmeldung"):
        if section is not None and form_id in section:
            add_institute_notification(section[form_id])
    brains = api.content.find(portal_type="WorkshopMeeting")
    for brain in brains:
        create_registration_form(brain.getObject())
    logger.info("Upgrade 1007: %s meetings have their registration form", len(brains))
