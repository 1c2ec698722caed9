"""``GET @verfahren`` on a municipality: its paths through its programmes
as JSON, for the same people and with the same content as ``@@verfahren``."""

from plone.restapi.services import Service
from zumo.policy.spaces import procedures


class ProceduresGet(Service):
    """The municipality's paths (:func:`zumo.policy.spaces.procedures.walk`)."""

    def reply(self):
        """``{"@id", "paths"}``."""
        return {
            "@id": f"{self.context.absolute_url()}/@verfahren",
            "paths": procedures.walk(self.context),
        }
