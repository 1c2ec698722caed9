"""Setup handlers of the ZUMO content types."""

from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer
from zumo.content.search.catalog import use_german_lexicon


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


def post_install(context):
    """After the default profile: the site's full text uses the German
    lexicon the profile's catalog.xml created."""
    use_german_lexicon(api.portal.get_tool("portal_catalog"))
