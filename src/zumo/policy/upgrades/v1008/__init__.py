"""Upgrade step 1008: action plans and Zukunftswerkstätten in team spaces."""

PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Let teams add action plans and Zukunftswerkstätten and bind both to
    the workflow of the team space's documents."""
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap")
    setup_tool.runImportStepFromProfile(PROFILE, "workflow")
