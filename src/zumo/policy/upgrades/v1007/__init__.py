"""Upgrade step 1007: registration for workshop meetings and the members'
choice of notifications."""

from plone import api
from zumo.policy import logger
from zumo.policy.forms import add_institute_notification
from zumo.policy.forms import SECTION
from zumo.policy.meeting_registration import create_registration_form


PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Add the notification choice to the member fields, let the forms at
    ``/mitmachen`` that store submissions tell the institute, and give every
    workshop meeting its registration form."""
    setup_tool.runImportStepFromProfile(PROFILE, "usersschema")
    section = api.portal.get().get(SECTION)
    for form_id in ("modellkommune-bewerben", "rueckmeldung"):
        if section is not None and form_id in section:
            add_institute_notification(section[form_id])
    brains = api.content.find(portal_type="WorkshopMeeting")
    for brain in brains:
        create_registration_form(brain.getObject())
    logger.info("Upgrade 1007: %s meetings have their registration form", len(brains))
