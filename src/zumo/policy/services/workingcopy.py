"""``DELETE @workingcopy`` where there is none.

plone.restapi cancels the working copy of the content (or of its baseline);
content that has no working copy and is none ended in a server error. Here
it answers 404 with a German message and changes nothing.
"""

from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.restapi.services.workingcopy.delete import DeleteWorkingCopy
from zumo.content.i18n import translated
from zumo.policy import _


class DeleteExistingWorkingCopy(DeleteWorkingCopy):
    """plone.restapi's ``DELETE @workingcopy``, for content that has or is
    a working copy."""

    def reply(self):
        """Cancel the working copy, or refuse (404)."""
        policy = ICheckinCheckoutPolicy(self.context, None)
        if policy is None or not (policy.getBaseline() or policy.getWorkingCopy()):
            return self._error(
                404,
                "NotFound",
                translated(
                    _(
                        "error_no_working_copy",
                        default="Zu diesem Inhalt gibt es keine Arbeitskopie.",
                    )
                ),
            )
        return super().reply()
