"""Upgrade step 1001: the ZUMO stylesheet, the logo and the start page.

The step's profile (``profile/registry.xml``, the stylesheet bundle) and the
type info of the site (start page selectable) are imported by the step's
``upgradeDepends``; this handler sets logo and start page on sites made
before them.
"""

from plone import api
from zumo.policy.setuphandlers import apply_branding


def upgrade(setup_tool):
    """Logo and start page for sites made before them."""
    apply_branding(api.portal.get())
