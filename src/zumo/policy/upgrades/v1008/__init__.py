"""Upgrade step 1008: action plans and Zukunftswerkstätten in team spaces."""

PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Let teams add action plans and Zukunftswerkstätten, bind both to
    the workflow of the team space's documents, and load the script that
    names the related-items widget's icon-only links."""
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    setup_tool.runImportStepFromProfile(PROFILE, "workflow")
    # The accessible names of the related-items widget's links (a11y.js).
    setup_tool.runImportStepFromProfile(PROFILE, "plone.app.registry")
