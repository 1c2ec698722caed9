"""A documented Zukunftswerkstatt becomes a practice example."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from zumo.policy import _
from zumo.policy.browser.actions import PostedAction
from zumo.policy.practice_examples import proposals


class ProposeAsExampleViewlet(ViewletBase):
    """The button below a public summary, or the link to the example made
    from it."""

    def example(self):
        """The practice example proposed from this workshop, if visible."""
        return proposals.proposed_example(self.context)

    def may_propose(self):
        """Whether the viewer may edit the workshop and propose examples."""
        folder = api.portal.get()["praxisbeispiele"]
        return api.user.has_permission(
            "Modify portal content", obj=self.context
        ) and api.user.has_permission("zumo.content: Add PracticeExample", obj=folder)


class ProposeAsExample(PostedAction):
    """POST: create the draft practice example and open its edit form."""

    done = _(
        "msg_example_drafted",
        default="Der Entwurf des Praxisbeispiels ist angelegt. Bitte ergänzen Sie "
        "ihn und reichen Sie ihn dann zur Prüfung ein.",
    )

    def act(self):
        """Create the draft (see :func:`zumo.policy.practice_examples.proposals.propose_from_workshop`)."""
        return proposals.propose_from_workshop(self.context)

    def next_url(self, target):
        """The draft's edit form."""
        return target.absolute_url() + "/edit"
