"""Install and uninstall handlers of the ZUMO site policy."""

from pathlib import Path
from plone import api
from plone.base.interfaces import INonInstallable
from plone.formwidget.namedfile.converter import b64encode_file
from zope.interface import implementer
from zumo.policy.forms.mitmachen import create_forms
from zumo.policy.setuphandlers.groups import create_groups
from zumo.policy.setuphandlers.pages import create_pages
from zumo.policy.setuphandlers.structure import create_structure


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the policy's technical profiles out of the add-on control panel."""

    def getNonInstallableProfiles(self):
        """Return the profile ids the add-on control panel must not offer."""
        return [
            "zumo.policy:uninstall",
            # Invented content: ``make create-site`` applies it, an admin never should.
            "zumo.policy:demo",
            "zumo.policy.upgrades.v1001:v1001",
        ]

    def getNonInstallableProducts(self):
        """Return the product names hidden from the add-on control panel."""
        return []


LOGO_FILE = Path(__file__).parents[1] / "data" / "logo.svg"
START_VIEW = "zumo-start"


def post_install(context):
    """Create groups, sections, forms and the legal pages, set logo and start
    page after install."""
    portal = api.portal.get()
    create_groups()
    create_structure(portal)
    create_forms(portal)
    create_pages(portal)
    apply_branding(portal)


def apply_branding(portal):
    """Give ``portal`` the ZUMO logo and the ZUMO start page."""
    api.portal.set_registry_record(
        "plone.site_logo", b64encode_file(LOGO_FILE.name, LOGO_FILE.read_bytes())
    )
    portal.setLayout(START_VIEW)


def uninstall(context):
    """Give the site Plone's logo and start page back."""
    portal = api.portal.get()
    api.portal.get_tool("portal_registry")["plone.site_logo"] = None
    if portal.getLayout() == START_VIEW:
        portal.setLayout(portal.getDefaultLayout())
