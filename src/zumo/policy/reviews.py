"""Confidentiality of expert reviews.

* The experts named in ``assigned_experts`` get the local role
  ``AssignedExpert`` on the review (and lose it when taken off).
* An assigned expert confirms a conflict-of-interest declaration before
  submitting: the confirmation is stored on the review and gives the local
  role ``DeclaredExpert``, which the ``submit`` transition requires.
* Once released, the reviewed municipality's team reads the review: a local
  role provider gives its roster the role ``ReviewedTeam`` there. When that
  roster changes, the reviews of the municipality are reindexed, so that
  search follows (the catalog stores who may find an object).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.interface import implementer
from zumo.content.expert_review import IExpertReview
from zumo.content.relations import municipality_of
from zumo.policy import _
from zumo.policy import localroles
from zumo.policy.errors import UserError


ASSIGNED = "AssignedExpert"
DECLARED = "DeclaredExpert"
ANNOTATION_KEY = "zumo.policy.conflict_declarations"
TEAM_ROLES = ("TeamMember", "TeamModerator")


def sync_assigned_experts(review, event=None):
    """Make the local roles on ``review`` match its ``assigned_experts``."""
    assigned = set(review.assigned_experts or ())
    changed = False
    for principal, roles in review.get_local_roles():
        if ASSIGNED in roles and principal not in assigned:
            changed |= localroles.revoke(review, principal, (ASSIGNED, DECLARED))
    newly = []
    for userid in sorted(assigned):
        if localroles.grant(review, userid, ASSIGNED):
            changed = True
            newly.append(userid)
    if changed:
        review.reindexObjectSecurity()
    if newly:
        from zumo.policy import notifications

        notifications.review_assigned(review, newly)


def declarations(review):
    """Return ``{userid: {"date": ISO string, "statement": str}}``."""
    return dict(IAnnotations(review).get(ANNOTATION_KEY, {}))


def declare_no_conflict(review, userid, statement=""):
    """Record that ``userid`` declared no conflict of interest for ``review``.

    Only an assigned expert can declare; raises ``UserError`` otherwise.
    """
    if userid not in (review.assigned_experts or ()):
        raise UserError(
            _(
                "error_not_assigned_expert",
                default="Nur zugewiesene Expertinnen und Experten können erklären.",
            )
        )
    annotations = IAnnotations(review)
    store = annotations.setdefault(ANNOTATION_KEY, PersistentMapping())
    store[userid] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "statement": statement,
    }
    if localroles.grant(review, userid, DECLARED):
        review.reindexObjectSecurity()


def reindex_reviews_of(municipality, event=None):
    """Update who finds the reviews of ``municipality`` after a roster change."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", zumo_municipality_uid=municipality.UID()
    ):
        brain._unrestrictedGetObject().reindexObjectSecurity()


@implementer(ILocalRoleProvider)
@adapter(IExpertReview)
class ReviewedTeam:
    """Gives the reviewed municipality's roster the role ``ReviewedTeam``."""

    def __init__(self, context):
        self.context = context

    def _team(self):
        municipality = municipality_of(self.context)
        if municipality is None:
            return set()
        return {
            principal
            for principal, roles in municipality.get_local_roles()
            if set(roles) & set(TEAM_ROLES)
        }

    def getRoles(self, principal_id):
        """Return ``("ReviewedTeam",)`` for members of the reviewed team."""
        return ("ReviewedTeam",) if principal_id in self._team() else ()

    def getAllRoles(self):
        """Yield ``(principal, roles)`` for every member of the reviewed team."""
        for principal in self._team():
            yield principal, ("ReviewedTeam",)
