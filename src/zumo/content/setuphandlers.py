"""Setup handlers of the ZUMO content types."""

from plone.base.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """The content types are installed through ``zumo.policy`` only."""

    def getNonInstallableProfiles(self):
        """Return the profile ids the add-on control panel must not offer."""
        return [
            "zumo.content:default",
            "zumo.content:uninstall",
        ]

    def getNonInstallableProducts(self):
        """Hide ``zumo.content`` itself from the add-on control panel."""
        return [
            "zumo.content",
        ]
