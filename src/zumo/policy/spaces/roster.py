"""Rosters: who belongs to a municipality's team space or a mentoring group.

A roster is a set of local roles on the space: ``TeamMember`` for members,
``TeamModerator`` for moderators. Documents inside follow the space
(``zumo_space_content_workflow``), so the roster decides who sees them.
Everybody on it (and the institute) reads the roster as names and roles
(:func:`people`, permission "zumo: Work in space"); its moderators and the
institute manage it (:func:`may_manage`).

Those who manage every roster (the institute, site managers:
:func:`may_add_directly`) put known members on a roster by user id
(:func:`set_member`). A space's moderators invite people by e-mail address
(:mod:`zumo.policy.spaces.invitations`) and change the roles of those
already on it (:func:`change_role`): they learn neither whether an account
exists nor a name before the person accepts.

Each person on a municipality's roster may carry the category of the
project group they stand for (:func:`set_category`, seed 001: „eine
Projektgruppe aus Gemeinderat, Verwaltung sowie wichtigen Multiplikatoren
der örtlichen Bürgerschaft und Wirtschaft“); :func:`make_up` counts them.

Beside the roster, the institute names a municipality's external process
facilitator (:func:`set_facilitator`, seed 001: „jede Kommune [erhält]
eine professionelle externe Prozessbegleitung“): the local role
``ProcessFacilitator`` on the team space, for accounts of the group
``facilitators``. It works in that team space like a member; it is not on
the roster, so it neither manages it nor reads the municipality's reviews.
"""

from persistent.mapping import PersistentMapping
from plone import api
from plone.indexer import indexer
from Products.CMFPlone.CatalogTool import (
    allowedRolesAndUsers as plone_allowed_roles_and_users,
)
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent
from zumo.content.i18n import translated
from zumo.content.interfaces import ISpace
from zumo.content.municipality import IMunicipality
from zumo.content.procedures import DONE
from zumo.content.procedures import IN_PROGRESS
from zumo.content.vocabularies import terms
from zumo.policy import _
from zumo.policy import localroles
from zumo.policy.errors import UserError


#: Roster role keys, their local roles and German titles.
ROLES = {
    "member": ("TeamMember", _("roster_member", default="Mitglied")),
    "moderator": ("TeamModerator", _("roster_moderator", default="Moderation")),
}
LOCAL_ROLES = {local: key for key, (local, _title) in ROLES.items()}
#: Who may be on a roster: municipal staff and ZUMO team members, and
#: engaged citizens (the volunteers of a ZUMO team). Not the ministry, the
#: experts or the Zope administrator: they see what they may by their roles.
ROSTER_GROUPS = ("municipalities", "citizens")
#: The local role of a municipality's external process facilitator, its
#: German title and the group whose accounts the institute may name.
FACILITATOR_ROLE = "ProcessFacilitator"
FACILITATOR_TITLE = _("roster_facilitator", default="Prozessbegleitung")
FACILITATOR_GROUP = "facilitators"
#: Where a space keeps the project-group category of each person on it.
CATEGORIES_KEY = "zumo.policy.spaces.categories"


class IRosterChangedEvent(IObjectEvent):
    """The roster of a space (the event's object) has changed.

    Whatever derives access from a roster (the readers of released reviews)
    subscribes to it to update the catalog.
    """


@implementer(IRosterChangedEvent)
class RosterChangedEvent(ObjectEvent):
    """The roster of ``object`` has changed."""


class RosterError(UserError):
    """A roster change that cannot be made."""


def may_add_directly():
    """Whether the current user manages every roster of the network (the
    permission on the site root, not as a space's moderator) and so may
    put members on a roster by user id."""
    return bool(api.user.has_permission("zumo: Manage roster", obj=api.portal.get()))


def roster(space):
    """Return the members of ``space``: dicts with userid, fullname, role
    and the project-group ``category`` (a token or ``""``)."""
    categories = _categories(space, create=False)
    members = []
    for principal, local_roles in space.get_local_roles():
        keys = [LOCAL_ROLES[role] for role in local_roles if role in LOCAL_ROLES]
        if not keys:
            continue
        user = api.user.get(userid=principal)
        fullname = user.getProperty("fullname") if user is not None else ""
        members.append(
            {
                "userid": principal,
                "fullname": fullname or principal,
                "role": "moderator" if "moderator" in keys else "member",
                "category": categories.get(principal, ""),
            }
        )
    return sorted(members, key=lambda member: member["fullname"].lower())


def may_manage(space):
    """Whether the current user manages the roster of ``space`` (its
    moderators, the institute): invites, changes roles, sees user ids and
    open invitations."""
    return bool(api.user.has_permission("zumo: Manage roster", obj=space))


def people(space):
    """The roster of ``space`` as its members read it: dicts with
    ``fullname`` and ``role``, nothing else (no user ids: they are made from
    names and would name those without a full name)."""
    unnamed = translated(_("roster_unnamed", default="Person ohne hinterlegten Namen"))
    people = []
    for member in roster(space):
        named = member["fullname"] != member["userid"]
        people.append(
            {
                "fullname": member["fullname"] if named else unnamed,
                "role": member["role"],
            }
        )
    return people


def eligible(userid):
    """Whether ``userid`` belongs to one of the :data:`ROSTER_GROUPS`."""
    user = api.user.get(userid=userid)
    return user is not None and not set(ROSTER_GROUPS).isdisjoint(user.getGroups())


def check_role(role):
    """Raise :class:`RosterError` unless ``role`` is a key of :data:`ROLES`."""
    if role not in ROLES:
        raise RosterError(
            _(
                "error_roster_role",
                default="Unbekannte Rolle „${role}“: erlaubt sind member, moderator.",
                mapping={"role": role},
            )
        )


def _not_member(userid):
    return RosterError(
        _(
            "error_roster_not_member",
            default="„${userid}“ gehört nicht zu diesem Raum.",
            mapping={"userid": userid},
        )
    )


def on_roster(space, userid):
    """Whether ``userid`` is on the roster of ``space``."""
    current = space.get_local_roles_for_userid(userid) if userid else ()
    return any(role in LOCAL_ROLES for role in current)


def change_role(space, userid, role):
    """Give ``userid``, who is on the roster of ``space``, the ``role``.

    Raises :class:`RosterError` for an unknown role or a person not on the
    roster, whether or not they have an account: new people come by
    invitation (:mod:`zumo.policy.spaces.invitations`).
    """
    check_role(role)
    if not isinstance(userid, str) or not on_roster(space, userid):
        raise _not_member(userid)
    set_member(space, userid, role)


def set_member(space, userid, role="member"):
    """Put ``userid`` on the roster of ``space`` with ``role``.

    Raises :class:`RosterError` for an unknown user or role, or a person
    outside the :data:`ROSTER_GROUPS`.
    """
    check_role(role)
    if not userid or api.user.get(userid=userid) is None:
        raise RosterError(
            _(
                "error_roster_no_user",
                default="Es gibt keine Person mit der Kennung „${userid}“.",
                mapping={"userid": userid},
            )
        )
    if not eligible(userid):
        raise RosterError(
            _(
                "error_roster_not_eligible",
                default="„${userid}“ kann nicht in den Raum aufgenommen werden: nur "
                "Beschäftigte der Kommunen und registrierte Bürgerinnen und Bürger.",
                mapping={"userid": userid},
            )
        )
    localroles.grant(space, userid, ROLES[role][0], replacing=LOCAL_ROLES)
    space.reindexObjectSecurity()
    notify(RosterChangedEvent(space))


def remove_member(space, userid):
    """Take ``userid`` off the roster of ``space``.

    Raises :class:`RosterError` if the person is not on it.
    """
    if not isinstance(userid, str) or not on_roster(space, userid):
        raise _not_member(userid)
    localroles.revoke(space, userid, LOCAL_ROLES)
    _categories(space, create=False).pop(userid, None)
    space.reindexObjectSecurity()
    notify(RosterChangedEvent(space))


def _categories(space, create=True):
    """``{userid: category token}`` of ``space`` (an empty dict, not stored,
    while none was set and ``create`` is false: a GET writes nothing)."""
    annotations = IAnnotations(space)
    if CATEGORIES_KEY not in annotations:
        if not create:
            return {}
        annotations[CATEGORIES_KEY] = PersistentMapping()
    return annotations[CATEGORIES_KEY]


def category_options():
    """``[(token, German title)]`` of the project group's categories."""
    return terms("project_group_categories")


def set_category(space, userid, category):
    """Record that ``userid``, on the roster of ``space``, stands in the
    project group for ``category`` (a token of
    ``zumo.vocabularies.project_group_categories``; ``""`` clears it).

    Raises :class:`RosterError` for an unknown category or a person not on
    the roster.
    """
    if not isinstance(category, str) or (
        category and category not in dict(category_options())
    ):
        raise RosterError(
            _(
                "error_roster_category",
                default="Unbekannte Gruppe „${category}“ der Projektgruppe.",
                mapping={"category": category},
            )
        )
    if not isinstance(userid, str) or not on_roster(space, userid):
        raise _not_member(userid)
    categories = _categories(space)
    if category:
        categories[userid] = category
    else:
        categories.pop(userid, None)


def make_up(space):
    """The project group of ``space`` by category, in the document's order:
    ``[{"category", "title", "count", "people"}]`` with the names of
    :func:`people`, and a last entry ``category=""`` for those without one
    (only when there are such). Who may read names decides the caller."""
    members = roster(space)
    names = [person["fullname"] for person in people(space)]
    rows = []
    for token, title in [*category_options(), ("", None)]:
        named = [
            name
            for name, member in zip(names, members, strict=True)
            if member["category"] == token
        ]
        if token or named:
            rows.append(
                {
                    "category": token,
                    "title": title
                    or translated(_("roster_no_category", default="ohne Angabe")),
                    "count": len(named),
                    "people": named,
                }
            )
    return rows


def facilitators(space):
    """The external process facilitators of ``space``: dicts with userid
    and fullname, by name."""
    found = []
    for principal, local_roles in space.get_local_roles():
        if FACILITATOR_ROLE not in local_roles:
            continue
        user = api.user.get(userid=principal)
        fullname = (user.getProperty("fullname") if user is not None else "") or ""
        found.append({"userid": principal, "fullname": fullname or principal})
    return sorted(found, key=lambda person: person["fullname"].lower())


def facilitator_candidates():
    """Accounts of the group ``facilitators``: ``[(userid, name)]`` by name."""
    users = [
        (user.getId(), user.getProperty("fullname") or user.getId())
        for user in api.user.get_users(groupname=FACILITATOR_GROUP)
    ]
    return sorted(users, key=lambda item: item[1].lower())


def set_facilitator(space, userid):
    """Name ``userid`` external process facilitator of the municipality
    ``space``: the local role ``ProcessFacilitator`` there.

    Raises :class:`RosterError` if ``space`` is no municipality, or the
    person has no account in the group ``facilitators``.
    """
    if not IMunicipality.providedBy(space):
        raise RosterError(
            _(
                "error_facilitator_space",
                default="Eine Prozessbegleitung gibt es nur für den Teamraum "
                "einer Kommune.",
            )
        )
    user = api.user.get(userid=userid) if isinstance(userid, str) and userid else None
    if user is None or FACILITATOR_GROUP not in user.getGroups():
        raise RosterError(
            _(
                "error_facilitator_not_eligible",
                default="„${userid}“ kann nicht als Prozessbegleitung benannt "
                "werden: nur Konten der Gruppe „Prozessbegleitung“.",
                mapping={"userid": userid},
            )
        )
    if localroles.grant(space, userid, FACILITATOR_ROLE):
        space.reindexObjectSecurity()


def remove_facilitator(space, userid):
    """End the process facilitation of ``userid`` for ``space``.

    Raises :class:`RosterError` if the person is not its facilitator.
    """
    if not isinstance(userid, str) or not localroles.revoke(
        space, userid, (FACILITATOR_ROLE,)
    ):
        raise RosterError(
            _(
                "error_facilitator_not_named",
                default="„${userid}“ ist keine Prozessbegleitung dieses Teamraums.",
                mapping={"userid": userid},
            )
        )
    space.reindexObjectSecurity()


@indexer(ISpace)
def allowed_roles_and_users(space):
    """Plone's ``allowedRolesAndUsers`` of a space, with its roster named
    when everyone may see the space (a published municipality profile):
    Plone then indexes only ``Anonymous``, and "my spaces" on the personal
    dashboard would not find the team space. Naming the roster grants
    nobody anything: the catalog matches a person's own ``user:`` entry
    only, for a space everyone sees anyway."""
    allowed = list(plone_allowed_roles_and_users.callable(space))
    if "Anonymous" in allowed or "Authenticated" in allowed:
        for principal, local_roles in space.get_local_roles():
            if {*LOCAL_ROLES, FACILITATOR_ROLE} & set(local_roles):
                allowed.append(f"user:{principal}")
    return allowed


def spaces_of(userid):
    """Catalog brains of the team spaces and mentoring groups on whose
    roster ``userid`` is, or whose process facilitator they are (for that
    person's own dashboard)."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(
        object_provides=ISpace.__identifier__,
        allowedRolesAndUsers=f"user:{userid}",
        sort_on="sortable_title",
    )


def project_group_state(municipality):
    """The step „Projektgruppe“ of the IMV path (a check of
    ``zumo.content.procedures``): done when the roster names someone for
    each of the document's categories, in work while it names some;
    ``None`` (open) before any category is recorded. Only counts leave
    the roster, no names."""
    recorded = {row["category"] for row in make_up(municipality) if row["count"]}
    recorded.discard("")
    if not recorded:
        return None
    complete = recorded >= {token for token, _title in category_options()}
    return {"status": DONE if complete else IN_PROGRESS, "date": None}


def facilitation_state(municipality):
    """The step „Externe Prozessbegleitung“ of the IMV path: done once the
    institute has named a process facilitator, ``None`` (open) before."""
    if not facilitators(municipality):
        return None
    return {"status": DONE, "date": None}


def roster_url(municipality):
    """Where the team records the project group's make-up: the roster page,
    for those who may open it (``None`` for the others)."""
    if not api.user.has_permission("zumo: Work in space", obj=municipality):
        return None
    return f"{municipality.absolute_url()}/@@roster"


def facilitator_url(municipality):
    """Where the institute names the process facilitator (its part of the
    roster page); ``None`` for everybody else."""
    if not may_add_directly():
        return None
    return f"{municipality.absolute_url()}/@@roster#facilitator-heading"
