"""Stock parts of Plone that the site serves speak German."""

from plone import api
from plone.app.z3cform.interfaces import IPloneFormLayer
from plone.app.z3cform.widgets.singlecheckbox import SingleCheckBoxBoolFieldWidget
from z3c.form.i18n import MessageFactory as z3c_form
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.schema import Bool
from zumo.policy.interfaces import IZumoPolicyLayer

import pytest
import re
import transaction


@pytest.fixture
def session(functional_portal, request_factory):
    """A browser-like session that asks for German pages, as a Manager
    sees them (Plone's forms and the theme's page frame)."""
    session = request_factory(role="Manager", api=False)
    session.headers["Accept"] = "text/html"
    session.headers["Accept-Language"] = "de"
    return session


class TestTheme:
    def test_close_button_of_the_menu_is_german(self, session):
        """The off-canvas main menu's close button (phones) reads
        "Schließen"; Barceloneta's index.html says "Close"."""
        page = session.get("/").text
        buttons = re.findall(r"<button[^>]*btn-close[^>]*>", page)
        assert buttons
        assert all('aria-label="Schließen"' in button for button in buttons)

    def test_theme_is_barceloneta_in_german(self, functional_portal, session):
        """The site's theme frames pages with Barceloneta's page and styles."""
        assert (
            api.portal.get_registry_record(
                "plone.app.theming.interfaces.IThemeSettings.currentTheme"
            )
            == "zumo"
        )
        page = session.get("/").text
        assert "++theme++barceloneta/css/barceloneta.min.css" in page
        assert 'id="portal-footer"' in page


class TestZ3cForm:
    def test_no_value_and_yes_are_german(self, portal):
        """z3c.form's option for no choice and the label of a single
        checkbox come from z3c.form's German catalogue (a .po file only,
        compiled when its ZCML registers it)."""
        assert translate(z3c_form("No value"), target_language="de") == "Kein Wert"
        assert translate(z3c_form("yes"), target_language="de") == "ja"

    def test_required_single_checkbox_is_german(self, portal, http_request):
        """The required marker of a single checkbox (e.g. an easyform's
        consent) is titled "Erforderlich", as on every other widget."""
        alsoProvides(http_request, IZumoPolicyLayer, IPloneFormLayer)
        http_request.environ["HTTP_ACCEPT_LANGUAGE"] = "de"
        field = Bool(__name__="consent", title="Einverstanden", required=True)
        widget = SingleCheckBoxBoolFieldWidget(field, http_request)
        widget.context = portal
        widget.update()
        assert 'title="Erforderlich"' in widget.render()


class TestStateForm:
    def test_listing_is_german(self, functional_portal, session):
        """The state form lists the item with German titles: "… auswählen"
        on its checkbox, its type's title on its link, no state id."""
        with api.env.adopt_roles(["Manager"]):
            api.content.create(functional_portal, "Folder", "ordner", title="Ordner")
        transaction.commit()
        page = session.get("/ordner/content_status_history").text
        assert 'title="Ordner auswählen"' in page
        assert 'title="Ordner: ' in page
        assert "Select " not in page
        assert 'title="Folder: ' not in page
        assert 'title="private"' not in page


class TestLabels:
    def test_easyform_thanks_title_is_german(self, session):
        """The add form of a form labels the thank-you page's title in
        German (upstream's German: "Title der Danke-Seite")."""
        page = session.get("/++add++EasyForm").text
        assert "Titel der Danke-Seite" in page
        assert "Title der" not in page

    def test_collection_columns_created_and_modified_are_german(self, session):
        """A Collection's add form offers the catalogue columns "created"
        and "modified" (Plone's vocabulary has no label for them) in
        German."""
        page = session.get("/++add++Collection").text
        assert re.search(r"<option[^>]*>Erstellt</option>", page)
        assert re.search(r"<option[^>]*>Geändert</option>", page)
        assert not re.search(r"<option[^>]*>(created|modified)</option>", page)
