"""Proposing practice examples: through the form at
``/mitmachen/praxisbeispiel-vorschlagen`` (the easyform action
``zumo.policy.forms.ProposePracticeExample``, a name stored in the forms of
existing sites) and from the documentation of a Zukunftswerkstatt."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.easyform.actions import Action
from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.supermodel.exportimport import BaseHandler
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.event import notify
from zope.interface import implementer
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.content.i18n import translated
from zumo.content.municipality import IMunicipality
from zumo.content.relations import relation_to
from zumo.policy import _
from zumo.policy.errors import UserError
from zumo.policy.forms.mitmachen import action_factory
from zumo.policy.forms.mitmachen import IZumoAction
from zumo.policy.forms.mitmachen import refuse
from zumo.policy.practice_examples.review import SUBMITTED


def _html(text):
    """Plain text from a form as a safe HTML rich-text value."""
    if not text:
        return None
    paragraphs = [escape(part.strip()) for part in text.split("\n\n") if part.strip()]
    html = "".join(
        "<p>{}</p>".format(part.replace("\n", "<br />")) for part in paragraphs
    )
    return RichTextValue(html, "text/html", "text/x-html-safe")


PROPOSAL_NOT_ALLOWED = _(
    "error_proposal_not_allowed",
    default="Mit Ihrem Konto können Sie keine Praxisbeispiele vorschlagen. Bitte "
    "wenden Sie sich an das Institut.",
)


@implementer(IZumoAction)
class ProposePracticeExample(Action):
    """Create the proposer's practice example and submit it for review."""

    def onSuccess(self, fields, request):
        """Create the draft; return an error dict if the proposer may not."""
        if api.user.is_anonymous():
            return refuse(
                _(
                    "error_proposal_login",
                    default="Bitte melden Sie sich an, um ein Praxisbeispiel "
                    "vorzuschlagen.",
                ),
                request,
            )
        folder = api.portal.get()["praxisbeispiele"]
        if not api.user.has_permission("zumo.content: Add PracticeExample", obj=folder):
            return refuse(
                PROPOSAL_NOT_ALLOWED,
                request,
            )
        example = api.content.create(
            container=folder,
            type="PracticeExample",
            title=fields["title"],
            description=fields.get("description") or "",
            safe_id=True,
        )
        for name in ("initial_situation", "approach", "results"):
            setattr(example, name, _html(fields.get(name)))
        example.topics = sorted(fields.get("topics") or ())
        municipality = fields.get("municipality") and api.content.get(
            UID=fields["municipality"]
        )
        if municipality is not None:
            intids = getUtility(IIntIds)
            example.municipality = RelationValue(intids.getId(municipality))
        for name in ("contact_name", "contact_email"):
            setattr(example, name, fields.get(name) or None)
        example.contact_consent = bool(fields.get("contact_consent"))
        notify(ObjectModifiedEvent(example))
        api.content.transition(obj=example, transition="submit")
        api.portal.show_message(translated(SUBMITTED, request), request)
        request.set("zumo_proposal_url", example.absolute_url())
        return None


PROPOSED_KEY = "zumo.policy.proposed_example"


def proposed_example(workshop):
    """Return the practice example proposed from ``workshop``, if any and
    if the current user may see it."""
    uid = IAnnotations(workshop).get(PROPOSED_KEY)
    example = api.content.get(UID=uid) if uid else None
    if example is None or not api.user.has_permission("View", obj=example):
        return None
    return example


def propose_from_workshop(workshop):
    """Create a draft practice example from the public summary of the
    documented Zukunftswerkstatt ``workshop`` and return it.

    The current user becomes its owner and completes it before submitting
    it; the example names the team's municipality and the Zukunftswerkstatt
    as participation format. Raises ``UserError`` (German) without a public
    summary, when an example was already proposed, or when the user may not
    propose practice examples.
    """
    summary = (workshop.public_summary or "").strip()
    if not summary:
        raise UserError(
            _(
                "error_no_public_summary",
                default="Bitte schreiben Sie zuerst eine Zusammenfassung für die "
                "Öffentlichkeit.",
            )
        )
    if proposed_example(workshop) is not None:
        raise UserError(
            _(
                "error_already_proposed",
                default="Aus dieser Dokumentation wurde bereits ein Praxisbeispiel "
                "vorgeschlagen.",
            )
        )
    folder = api.portal.get()["praxisbeispiele"]
    if not api.user.has_permission("zumo.content: Add PracticeExample", obj=folder):
        raise UserError(PROPOSAL_NOT_ALLOWED)
    paragraphs = [part for part in summary.split("\n\n") if part.strip()]
    example = api.content.create(
        container=folder,
        type="PracticeExample",
        title=workshop.Title(),
        description=paragraphs[0].strip()[:300],
        safe_id=True,
    )
    example.approach = _html(summary)
    example.participation_formats = ["zukunftswerkstatt"]
    municipality = aq_parent(aq_inner(workshop))
    if IMunicipality.providedBy(municipality):
        example.municipality = relation_to(municipality)
    notify(ObjectModifiedEvent(example))
    IAnnotations(workshop)[PROPOSED_KEY] = example.UID()
    return example


ProposeAction = action_factory(
    ProposePracticeExample, _("label_propose_action", default="Praxisbeispiel anlegen")
)
ProposeHandler = BaseHandler(ProposePracticeExample)
