"""The forms at ``/mitmachen`` (collective.easyform), on every site.

``data/forms.json`` names each form, its texts and its models: the fields
and the actions in ``data/forms/<id>.fields.xml`` and ``.actions.xml``
(easyform's own supermodel format, editable later through the web).
:func:`create_forms` creates the missing ones and publishes them.

Two actions of our own join easyform's:

* ``zumo.policy.forms.SpamGuard`` comes first in every form: a honeypot
  field that people never see (``website``, hidden by ``zumo.css``) must
  stay empty, and one address may send a form only ``RATE_LIMIT`` times in
  ``RATE_WINDOW`` seconds. A refused submission stores nothing, since
  easyform stops at the first action that reports an error.
* ``zumo.policy.forms.ProposePracticeExample`` turns a proposal into a
  practice example of the proposer (its owner, who later reads the reason
  if the institute rejects it) and submits it for review
  (:mod:`zumo.policy.practice_examples.proposals`).

These names of the actions (the classes' old dotted names) are stored in
the forms' models of existing sites, so they stay as they are although the
classes now live in this module and in the proposals module.

Saved data (easyform's ``SaveData``) needs "collective.easyform: Download
Saved Input", which only the institute (Site Administrator), the Manager
and the form's owner have; REST serializes it only for them as well.
"""

from AccessControl import getSecurityManager
from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_actions
from collective.easyform.config import FORM_ERROR_MARKER as FORM_ERROR
from collective.easyform.interfaces import IAction
from collective.easyform.interfaces import IEasyForm
from collective.easyform.interfaces import ISaveData
from collective.easyform.serializer import SerializeToJson
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson as DXContentToJson
from plone.supermodel.exportimport import BaseHandler
from zope.component import adapter
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.schema import getFieldsInOrder
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy import logger
from zumo.policy.interfaces import ILoginRequiredForm
from zumo.policy.interfaces import IZumoPolicyLayer
from zumo.policy.mail import notify_group
from zumo.policy.security.ratelimit import RateLimiter

import json


DATA = Path(__file__).parents[1] / "data"
FORMS_FILE = DATA / "forms.json"
#: The section that holds the forms.
SECTION = "mitmachen"
#: Submissions one address may send to one form within ``RATE_WINDOW`` s.
RATE_LIMIT = 5
RATE_WINDOW = 600
#: The most forms and addresses counted at once (the oldest are forgotten).
MAX_SENDERS = 10_000
#: Who may read a form's saved data (easyform's permission, by title).
SAVED_DATA = "collective.easyform: Download Saved Input"
#: The honeypot field every form carries.
HONEYPOT = "website"


def forms():
    """Return the form definitions of ``data/forms.json``."""
    return json.loads(FORMS_FILE.read_text(encoding="utf-8"))


def _model(name):
    return (DATA / "forms" / name).read_text(encoding="utf-8")


def make_form(container, form_id, texts, model):
    """Create the easyform ``form_id`` in ``container`` with ``texts`` (a
    definition as in ``data/forms.json``) and the fields and actions of
    ``data/forms/<model>.fields.xml`` and ``.actions.xml``; return it."""
    form = api.content.create(
        container=container,
        type="EasyForm",
        id=form_id,
        title=texts["title"],
        description=texts["description"],
    )
    form.fields_model = _model(f"{model}.fields.xml")
    form.actions_model = _model(f"{model}.actions.xml")
    form.submitLabel = texts["submit"]
    form.formPrologue = RichTextValue(
        texts["prologue"], "text/html", "text/x-html-safe"
    )
    form.thankstitle = texts["thanks_title"]
    form.thanksdescription = texts["thanks"]
    form.showAll = False
    form.showFields = []
    form.includeEmpties = False
    form.default_fieldset_label = texts["title"]
    for name, value in texts.get("settings", {}).items():
        setattr(form, name, value)
    for _name, action in getFieldsInOrder(get_actions(form)):
        if ISaveData.providedBy(action):
            # easyform creates the storage when it is first read, which
            # would make the institute's first look at it (a GET) a write.
            action.itemsSaved()
    return form


def create_forms(portal):
    """Create the missing forms in ``/mitmachen`` and publish them; keep
    existing ones as the institute left them."""
    section = portal[SECTION]
    for definition in forms():
        if definition["id"] in section:
            continue
        form = make_form(section, definition["id"], definition, definition["id"])
        if definition.get("login_required"):
            alsoProvides(form, ILoginRequiredForm)
        api.content.transition(obj=form, to_state="published")
        form.reindexObject()
        logger.info("Created form /%s/%s", SECTION, definition["id"])


#: The action that tells the institute of a submission, as in the models.
NOTIFY_FIELD = """    <field name="benachrichtigen"
           type="zumo.policy.forms.NotifyInstitute"
    >
      <title>Institut benachrichtigen</title>
    </field>
"""


def add_institute_notification(form):
    """Add the notification of the institute to an existing form's actions
    (unless it has one); the institute's other changes stay."""
    model = form.actions_model or ""
    if "zumo.policy.forms.NotifyInstitute" in model or "</schema>" not in model:
        return False
    head, tail = model.rsplit("</schema>", 1)
    form.actions_model = head + NOTIFY_FIELD + "  </schema>" + tail
    return True


def refuse(message, request):
    """easyform's answer that stops a form: ``message`` translated for the
    person who sent it, as an error of the whole form."""
    return {FORM_ERROR: translated(message, request)}


#: Submissions per form (UID) and client address.
limiter = RateLimiter(RATE_WINDOW, MAX_SENDERS)


class IZumoAction(IAction):
    """An action of the network's own (no settings)."""


def action_factory(action, title):
    """easyform's factory of ``action``, one of the network's own actions:
    only those who may add custom scripts (the institute) add it to a form."""
    return ActionFactory(action, title, "collective.easyform.AddCustomScripts")


@implementer(IZumoAction)
class SpamGuard(Action):
    """Refuse a filled-in honeypot and too many submissions."""

    def onSuccess(self, fields, request):
        """Return an error dict to stop the form, or ``None``."""
        if fields.get(HONEYPOT):
            logger.info("Form %s: honeypot filled, refused", request.get("URL"))
            return refuse(
                _(
                    "error_form_honeypot",
                    default="Ihre Angaben konnten nicht gesendet werden. Bitte "
                    "lassen Sie das Feld „Bitte leer lassen“ leer.",
                ),
                request,
            )
        # The form by its UID, not by the spelling of its address (virtual
        # hosts, acquisition), and the client as Zope finds it behind the
        # trusted proxies.
        form = getattr(request.get("PUBLISHED"), "context", None)
        key = (api.content.get_uuid(form), request.getClientAddr())
        if not limiter.allow(key, RATE_LIMIT):
            return refuse(
                _(
                    "error_form_rate_limit",
                    default="Von Ihrer Adresse kamen in kurzer Zeit zu viele "
                    "Einsendungen. Bitte versuchen Sie es in einigen Minuten "
                    "noch einmal.",
                ),
                request,
            )
        return None


@implementer(IZumoAction)
class NotifyInstitute(Action):
    """Tell the institute that the form was sent (last in the actions, so
    only a stored submission is announced)."""

    def onSuccess(self, fields, request):
        """Notify the members of the group ``institute``."""
        form = getattr(request.get("PUBLISHED"), "context", None)
        if form is None or not IEasyForm.providedBy(form):
            return None
        title = form.Title()
        notify_group(
            "institute",
            form,
            translated(_("mail_form_sent_subject", default="Neue Einsendung: ${title}",
                         mapping={"title": title})),
            translated(_("mail_form_sent", default="Über das Formular „${title}“ ist "
                         "eine Einsendung eingegangen. Sie finden sie bei den "
                         "gespeicherten Daten des Formulars:", mapping={"title": title})),
            view="@@saveddata",
        )  # fmt: skip
        return None


@implementer(ISerializeToJson)
@adapter(IEasyForm, IZumoPolicyLayer)
class FormSerializer(SerializeToJson):
    """easyform's REST serializer, with its permission check repaired.

    collective.easyform 5.0.2 asks ``api.user.has_permission`` with the
    permission's id instead of its title, which fails with a server error
    for every reader; here the saved data is added only for those who have
    "collective.easyform: Download Saved Input" (the institute).
    """

    def __call__(self, version=None, include_items=True):
        """Return the form as JSON-compatible data."""
        result = DXContentToJson.__call__(self, version, include_items)
        if getSecurityManager().checkPermission(SAVED_DATA, self.context):
            self.serializeSavedData(result)
        return result


SpamGuardAction = action_factory(
    SpamGuard, _("label_spam_guard_action", default="Schutz vor Spam")
)
NotifyAction = action_factory(
    NotifyInstitute, _("label_notify_action", default="Institut benachrichtigen")
)
SpamGuardHandler = BaseHandler(SpamGuard)
NotifyHandler = BaseHandler(NotifyInstitute)
