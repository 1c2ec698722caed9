"""``@@verfahren``: a municipality's path through each of its programmes,
for its team, the institute and (reading only) the ministry."""

from plone import api
from zumo.content.browser.views import ZumoView
from zumo.policy.spaces import procedures


class ProcedureView(ZumoView):
    """The municipality's paths, one section each, the steps in order with
    state, date, the document's words and the button to document a step."""

    def paths(self):
        """The paths as :func:`zumo.policy.spaces.procedures.walk` gives them."""
        return procedures.walk(self.context)

    def may_work(self):
        """Whether the viewer works in the team space (the ministry does not)."""
        return bool(api.user.has_permission("zumo: Work in space", obj=self.context))
