"""Upgrade step 1006: the forms at ``/mitmachen``, practice examples whose
display menu and sharing page only the institute uses, and rich text in
HTML only (no format select) in an accessible visual editor."""

from plone import api
from zumo.policy import logger
from zumo.policy.forms.mitmachen import create_forms


PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Create the missing forms (existing ones are kept as they are), apply
    the registry (rich text in HTML only, the editor's settings) and the
    practice example workflow's new permissions."""
    create_forms(api.portal.get())
    setup_tool.runImportStepFromProfile(PROFILE, "plone.app.registry")
    setup_tool.runImportStepFromProfile(PROFILE, "workflow")
    workflow = api.portal.get_tool("portal_workflow")["zumo_practice_example_workflow"]
    brains = api.content.find(portal_type="PracticeExample")
    for number, brain in enumerate(brains, 1):
        workflow.updateRoleMappingsFor(brain.getObject())
        if number % 1000 == 0:
            logger.info("Upgrade 1006: %s of %s practice examples", number, len(brains))
