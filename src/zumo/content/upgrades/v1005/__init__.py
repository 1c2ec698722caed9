"""Upgrade step 1005: action plans and Zukunftswerkstätten in team spaces."""

PROFILE = "profile-zumo.content:default"


def upgrade(setup_tool):
    """Add the two types, allow them in municipalities, version action plans."""
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo")
    setup_tool.runImportStepFromProfile(PROFILE, "repositorytool")
