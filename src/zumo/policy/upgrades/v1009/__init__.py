"""Upgrade step 1009: the caching rules of the cluster mode."""

PROFILE = "profile-zumo.policy:default"


def upgrade(setup_tool):
    """Load the caching rules (plone.app.caching) and the types purged on
    change; caching itself stays as it was (on only behind a proxy)."""
    setup_tool.runImportStepFromProfile(PROFILE, "plone.app.registry")
