"""The review of a practice example in the browser: the author submits it,
the institute rejects it with a reason.

The status menu links these transitions to the pages here (the actions in
the workflow definition point to them). Each page says what the step means
and does it on the button (a GET changes nothing). Rejecting asks for the
reason: the author reads it in the mail and on the returned draft; without
one nothing changes.
"""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from zumo.content.browser.batching import one_text
from zumo.content.i18n import translated
from zumo.policy import _


#: The most characters of a reason (a long letter).
MAX_REASON = 5_000
#: What the author reads after submitting, here and after the proposal form.
SUBMITTED = _(
    "msg_example_submitted",
    default="Vielen Dank! Ihr Praxisbeispiel ist beim Institut zur Prüfung "
    "eingereicht. Das Institut prüft es und veröffentlicht es oder gibt es "
    "Ihnen mit einer Begründung zurück; in beiden Fällen erhalten Sie eine "
    "E-Mail. Solange es geprüft wird, können Sie es nicht bearbeiten.",
)


class TransitionPage(BrowserView):
    """A page that explains one transition of the context and performs it
    on POST. Subclasses name the transition and the message after it."""

    #: The id of the transition in the workflow.
    transition = None
    #: The message shown after the transition.
    done = None
    #: The message when the transition is not possible now.
    unavailable = _(
        "error_transition_unavailable",
        default="Das ist in diesem Zustand des Praxisbeispiels nicht möglich.",
    )

    error = None

    def available(self):
        """Whether the current user may perform the transition now."""
        workflow = api.portal.get_tool("portal_workflow")
        return self.transition in {
            item["id"] for item in workflow.getTransitionsFor(self.context)
        }

    def reason(self):
        """The reason as typed (kept when the page is shown again)."""
        return one_text(self.request.form, "reason").strip()

    def validate(self):
        """Return a German error message for the input, or ``None``."""
        return None

    def __call__(self):
        if not self.available():
            api.portal.show_message(
                translated(self.unavailable, self.request), self.request, type="error"
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        if self.request.method != "POST" or not self.request.form.get("confirm"):
            return self.index()
        CheckAuthenticator(self.request)
        error = self.validate()
        if error is not None:
            self.error = translated(error, self.request)
            self.request.response.setStatus(400)
            return self.index()
        api.content.transition(
            obj=self.context, transition=self.transition, comment=self.reason()
        )
        api.portal.show_message(translated(self.done, self.request), self.request)
        self.request.response.redirect(self.context.absolute_url())
        return ""


class SubmitPage(TransitionPage):
    """``@@einreichen``: the author submits the draft to the institute."""

    transition = "submit"
    done = SUBMITTED


class RejectPage(TransitionPage):
    """``@@zurueckweisen``: the institute returns a submitted example to its
    author with a reason (required)."""

    transition = "reject"
    done = _(
        "msg_example_rejected",
        default="Das Praxisbeispiel ist an die Autorin oder den Autor "
        "zurückgegeben. Sie oder er erhält Ihre Begründung per E-Mail und "
        "liest sie beim Entwurf.",
    )

    def validate(self):
        """A reason is required, and at most ``MAX_REASON`` characters."""
        reason = self.reason()
        if not reason:
            return _(
                "error_reason_required",
                default="Bitte geben Sie eine Begründung an: Die Autorin oder der "
                "Autor erfährt daraus, was zu ändern ist. Das Praxisbeispiel "
                "wurde nicht zurückgewiesen.",
            )
        if len(reason) > MAX_REASON:
            return _(
                "error_reason_too_long",
                default="Die Begründung ist zu lang: höchstens ${limit} Zeichen. "
                "Das Praxisbeispiel wurde nicht zurückgewiesen.",
                mapping={"limit": f"{MAX_REASON:,}".replace(",", ".")},
            )
        return None
