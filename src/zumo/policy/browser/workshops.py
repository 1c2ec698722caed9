"""A documented Zukunftswerkstatt becomes a practice example."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate
from zumo.policy import _
from zumo.policy import forms
from zumo.policy.errors import UserError


class ProposeAsExampleAction(BrowserView):
    """The button below a public summary, or the link to the example made
    from it."""

    def example(self):
        """The practice example proposed from this workshop, if visible."""
        return forms.proposed_example(self.context)

    def may_propose(self):
        """Whether the viewer may edit the workshop and propose examples."""
        folder = api.portal.get()["praxisbeispiele"]
        return api.user.has_permission(
            "Modify portal content", obj=self.context
        ) and api.user.has_permission("zumo.content: Add PracticeExample", obj=folder)


class ProposeAsExample(BrowserView):
    """POST: create the draft practice example and open its edit form."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.redirect(self.context.absolute_url())
            return ""
        CheckAuthenticator(self.request)
        try:
            example = forms.propose_from_workshop(self.context)
        except UserError as error:
            api.portal.show_message(
                error.translate(self.request), self.request, type="error"
            )
            self.request.response.redirect(self.context.absolute_url())
            return ""
        api.portal.show_message(
            translate(
                _(
                    "msg_example_drafted",
                    default="Der Entwurf des Praxisbeispiels ist angelegt. Bitte "
                    "ergänzen Sie ihn und reichen Sie ihn dann zur Prüfung ein.",
                ),
                context=self.request,
            ),
            self.request,
        )
        self.request.response.redirect(example.absolute_url() + "/edit")
        return ""
