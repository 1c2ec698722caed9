"""Applications as model municipality (``/mitmachen/modellkommune-bewerben``)
as a step of a municipality's path.

The form asks for the municipality's name; the saved applications whose
name is the municipality's title count as its application. The path shows
only that one arrived and when, never its content: that stays with the
institute (``mitmachen.SAVED_DATA``).
"""

from collective.easyform.api import get_actions
from collective.easyform.interfaces import ISaveData
from plone import api
from urllib.parse import urlencode
from zope.schema import getFieldsInOrder
from zumo.content.dates import site_time
from zumo.content.procedures import DONE
from zumo.policy.forms.mitmachen import SECTION


#: The application form in ``/mitmachen`` and the field naming the
#: municipality.
FORM_ID = "modellkommune-bewerben"
NAME_FIELD = "municipality"
#: The column in which easyform keeps when a form was sent.
SENT = "dt"


def _same_name(one, other):
    return (
        " ".join(str(one or "").split()).casefold()
        == " ".join(str(other or "").split()).casefold()
    )


def application_form():
    """The application form, or ``None`` where the site has none."""
    section = api.portal.get().get(SECTION)
    return None if section is None else section.get(FORM_ID)


def application_received(municipality):
    """``{"status": "abgeschlossen", "date"}`` once an application naming
    the municipality was sent (the date of the latest), else ``None``."""
    form = application_form()
    if form is None:
        return None
    sent = [
        row.get(SENT)
        for _name, action in getFieldsInOrder(get_actions(form))
        if ISaveData.providedBy(action)
        for row in action.getSavedFormInput()
        if _same_name(row.get(NAME_FIELD), municipality.Title())
    ]
    sent = [value for value in sent if value]
    if not sent:
        return None
    return {"status": DONE, "date": max(site_time(value) for value in sent).date()}


def application_url(municipality):
    """The application form with the municipality's name filled in, or
    ``None`` where the site has no application form."""
    form = application_form()
    if form is None:
        return None
    query = urlencode({f"form.widgets.{NAME_FIELD}": municipality.Title()})
    return f"{form.absolute_url()}?{query}"
