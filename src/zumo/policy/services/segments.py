"""REST services that read the path segments after their name, without
server errors for segments they do not know.

plone.restapi's ``@portrait`` and ``@types`` and plone.distribution's
``@sites`` take what follows their name as parameters. A distribution that
does not exist (``@sites/x``), more segments than the service reads
(``@portrait/x/y``, ``@types/x/y/z``) and a field of a type that does not
exist or outside the site root (``@types/x/y``) ended in server errors,
also for anonymous visitors. Here they answer 404 with a German message and
read nothing else; what the services know answers as before.
"""

from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from plone.distribution.api import distribution as distributions
from plone.distribution.services.sites.get import SitesGet as BaseSitesGet
from plone.restapi.services.types.get import TypesGet as BaseTypesGet
from plone.restapi.services.users.get import PortraitGet as BasePortraitGet
from Products.CMFCore.interfaces import ISiteRoot
from zumo.content.i18n import translated
from zumo.policy import _

import json


def not_found(request, service, segments):
    """Answer 404 with the German message that ``service`` has nothing at
    ``segments``, as plone.restapi's JSON error."""
    request.response.setStatus(404)
    message = translated(
        _(
            "error_service_segments",
            default="Diese Adresse gibt es nicht: ${service} kennt "
            "„${segments}“ nicht.",
            mapping={"service": service, "segments": "/".join(segments)},
        )
    )
    return {"error": {"type": "NotFound", "message": message}}


class SitesGet(BaseSitesGet):
    """``GET @sites`` and ``GET @sites/<distribution>``; any other path 404."""

    def reply(self):
        """The sites and distributions, or the one distribution named."""
        known = {
            distribution.name for distribution in distributions.get_distributions()
        }
        if self.params and (len(self.params) > 1 or self.params[0] not in known):
            return not_found(self.request, "@sites", self.params)
        return super().reply()


class PortraitGet(BasePortraitGet):
    """``GET @portrait`` and ``GET @portrait/<user id>``; any longer path 404."""

    def render(self):
        """The portrait, or the German refusal as JSON."""
        if len(self.params) > 1:
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(
                not_found(self.request, "@portrait", self.params), ensure_ascii=False
            )
        return super().render()


class TypesGet(BaseTypesGet):
    """``GET @types``, ``@types/<type>`` and, on the site root,
    ``@types/<type>/<field or fieldset>`` of a Dexterity type; any other
    path 404."""

    def reply(self):
        """What plone.restapi answers for the types, or the refusal."""
        if len(self.params) > 2 or (
            len(self.params) == 2 and not self._fields_readable(self.params[0])
        ):
            return not_found(self.request, "@types", self.params)
        return super().reply()

    def _fields_readable(self, portal_type):
        """Whether plone.restapi can read the fields of ``portal_type`` here:
        it looks them up in the site root's Dexterity types control panel."""
        fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
        return ISiteRoot.providedBy(self.context) and IDexterityFTI.providedBy(fti)
