"""Upgrade step 1004: a workshop meeting holds its registration form."""

PROFILE = "profile-zumo.content:default"


def upgrade(setup_tool):
    """Apply the types' settings (EasyForm allowed in workshop meetings)."""
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo")
