"""Install and uninstall handlers of the ZUMO site policy."""

from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer
from zumo.policy.groups import create_groups
from zumo.policy.structure import create_structure


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the policy's technical profiles out of the add-on control panel."""

    def getNonInstallableProfiles(self):
        """Return the profile ids the add-on control panel must not offer."""
        return [
            "zumo.policy:uninstall",
        ]

    def getNonInstallableProducts(self):
        """Return the product names hidden from the add-on control panel."""
        return []


def post_install(context):
    """Create groups and sections after the ``default`` profile is imported."""
    create_groups()
    create_structure(api.portal.get())


def uninstall(context):
    """Run after the ``uninstall`` profile has been imported."""
