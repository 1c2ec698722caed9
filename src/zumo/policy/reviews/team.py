"""The reviewed team: once released, the roster of the municipality a
review is about reads it (local role ``ReviewedTeam``); when that roster
changes, the municipality's reviews are reindexed, so that search follows
(the catalog stores who may find an object)."""

from borg.localrole.interfaces import ILocalRoleProvider
from plone import api
from zope.component import adapter
from zope.interface import implementer
from zumo.content.expert_review import IExpertReview
from zumo.content.relations import municipality_of


TEAM_ROLES = ("TeamMember", "TeamModerator")


def reindex_reviews_of(municipality, event=None):
    """Update who finds the reviews of ``municipality`` after a roster change."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", zumo_municipality_uid=municipality.UID()
    ):
        brain._unrestrictedGetObject().reindexObjectSecurity()


def reviewed_team(review):
    """Return the user ids on the roster of the municipality ``review`` is about."""
    municipality = municipality_of(review)
    if municipality is None:
        return set()
    return {
        principal
        for principal, roles in municipality.get_local_roles()
        if set(roles) & set(TEAM_ROLES)
    }


@implementer(ILocalRoleProvider)
@adapter(IExpertReview)
class ReviewedTeam:
    """Gives the reviewed municipality's roster the role ``ReviewedTeam``."""

    def __init__(self, context):
        self.context = context

    def _team(self):
        return reviewed_team(self.context)

    def getRoles(self, principal_id):
        """Return ``("ReviewedTeam",)`` for members of the reviewed team."""
        return ("ReviewedTeam",) if principal_id in self._team() else ()

    def getAllRoles(self):
        """Yield ``(principal, roles)`` for every member of the reviewed team."""
        for principal in self._team():
            yield principal, ("ReviewedTeam",)
