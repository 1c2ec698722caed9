"""German UI of team spaces and mentoring groups: the roster (its members
read it, its moderators and the institute manage it), the team space page
of a municipality and the links into them."""

from AccessControl import Unauthorized
from Acquisition import aq_inner
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18nmessageid import Message
from zumo.content import vocabularies
from zumo.content.browser.views import ZumoView
from zumo.content.dates import local_time
from zumo.content.i18n import translated
from zumo.content.municipality import IMunicipality
from zumo.policy import _
from zumo.policy.spaces import invitations
from zumo.policy.spaces import roster


class RosterView(BrowserView):
    """The roster of a space for those who work in it: names and roles.

    Those who manage it (its moderators, the institute) also see the open
    invitations, invite people, change their role and take them off; those
    who manage every roster also add members directly."""

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and "form.action" in form:
            CheckAuthenticator(self.request)
            if not self.may_manage():
                raise Unauthorized("zumo: Manage roster")
            self.apply(form["form.action"], form)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@roster")
            return ""
        return self.index()

    def apply(self, action, form):
        """Carry out one roster change and report it as a status message."""
        userid = (form.get("userid") or "").strip()
        role = form.get("role", "member")
        mapping = {"userid": userid}
        try:
            if action == "invite":
                mapping = {"email": invitations.invite(
                    self.context, form.get("email") or "", role,
                    api.user.get_current().getId(),
                )}  # fmt: skip
                done = _(
                    "msg_roster_invited",
                    default="Wir haben eine Einladung an „${email}“ geschickt. "
                    "Die Person erscheint in der Liste, sobald sie die Einladung "
                    "angenommen hat.",
                )
            elif action == "withdraw":
                mapping = {"email": invitations.withdraw(
                    self.context, form.get("invitation")
                )}  # fmt: skip
                done = _(
                    "msg_roster_withdrawn",
                    default="Die Einladung an „${email}“ wurde zurückgezogen.",
                )
            elif action == "add" and self.may_add_directly():
                roster.set_member(self.context, userid, role)
                done = _(
                    "msg_roster_added", default="„${userid}“ gehört jetzt zum Raum."
                )
            elif action == "change":
                roster.change_role(self.context, userid, role)
                done = _(
                    "msg_roster_changed",
                    default="Die Rolle von „${userid}“ wurde geändert.",
                )
            elif action == "remove":
                roster.remove_member(self.context, userid)
                done = _(
                    "msg_roster_removed",
                    default="„${userid}“ gehört nicht mehr zum Raum.",
                )
            elif action == "category":
                roster.set_category(self.context, userid, form.get("category", ""))
                done = _(
                    "msg_roster_category",
                    default="Die Gruppe von „${userid}“ in der Projektgruppe wurde "
                    "gespeichert.",
                )
            elif action == "facilitator-add" and self.may_add_directly():
                roster.set_facilitator(self.context, userid)
                done = _(
                    "msg_facilitator_added",
                    default="„${userid}“ begleitet jetzt den Prozess dieser Kommune.",
                )
            elif action == "facilitator-remove" and self.may_add_directly():
                roster.remove_facilitator(self.context, userid)
                done = _(
                    "msg_facilitator_removed",
                    default="„${userid}“ begleitet den Prozess dieser Kommune nicht "
                    "mehr.",
                )
            else:
                self._say(
                    _("error_roster_action", default="Unbekannte Aktion."), "error"
                )
                return
        except roster.RosterError as error:
            self._say(error.message, "error")
            return
        self._say(Message(done, mapping=mapping), "info")

    def _say(self, message, kind):
        text = translated(message, self.request)
        api.portal.show_message(text, self.request, type=kind)

    def may_manage(self):
        """Whether the current user manages this roster."""
        return roster.may_manage(self.context)

    def members(self):
        """The roster with German role titles and project-group categories:
        for those who manage it with user ids, for the other members names,
        roles and categories only."""
        full = roster.roster(self.context)
        members = full if self.may_manage() else roster.people(self.context)
        return [
            dict(
                member,
                role_title=roster.ROLES[member["role"]][1],
                category=entry["category"],
            )
            for member, entry in zip(members, full, strict=True)
        ]

    def pending(self):
        """The open invitations, by the address as typed, with German role
        titles and the date they end (only for those who manage the roster)."""
        if not self.may_manage():
            return []
        return [
            dict(
                invitation,
                role_title=roster.ROLES[invitation["role"]][1],
                expires_text=local_time(invitation["expires"]),
            )
            for invitation in invitations.pending(self.context)
        ]

    def role_options(self):
        """``[(key, title)]`` of the roster roles."""
        return [(key, title) for key, (_local, title) in roster.ROLES.items()]

    def is_team_space(self):
        """Whether the space is a municipality's team space (it has a
        project group and a process facilitator; a mentoring group not)."""
        return IMunicipality.providedBy(self.context)

    def category_options(self):
        """``[(token, title)]`` of the project group's categories."""
        return roster.category_options()

    def category_title(self, token):
        """The German title of a project-group category, ``""`` if none."""
        return dict(roster.category_options()).get(token, "")

    def facilitators(self):
        """The process facilitators of this team space, for those who work
        in it: names, and user ids for those who manage every roster."""
        if not self.is_team_space():
            return []
        return roster.facilitators(self.context)

    def facilitator_candidates(self):
        """For the institute: accounts it may name process facilitator,
        without those already named here."""
        if not (self.is_team_space() and self.may_add_directly()):
            return []
        named = {person["userid"] for person in roster.facilitators(self.context)}
        return [c for c in roster.facilitator_candidates() if c[0] not in named]

    def may_add_directly(self):
        """Whether the current user may put members on the roster by user id
        (the institute and site managers)."""
        return roster.may_add_directly()

    def candidates(self):
        """For those who add directly: municipal staff who may be added (id
        and name), at most 500, by name."""
        if not self.may_add_directly():
            return []
        on_roster = {member["userid"] for member in roster.roster(self.context)}
        users = [
            (user.getId(), user.getProperty("fullname") or user.getId())
            for user in api.user.get_users(groupname="municipalities")
            if user.getId() not in on_roster
        ]
        return sorted(users, key=lambda item: item[1].lower())[:500]


class AcceptInvitationView(BrowserView):
    """The page of the link in an invitation mail: it names the space to
    the invited member and puts them on its roster on the button (a GET
    writes nothing), then leads into the space."""

    error = None

    def __call__(self):
        """Show the page; on POST accept and redirect into the space."""
        self.token = self.request.form.get("token", "")
        user = api.user.get_current()
        try:
            self.space, _id, self.invitation = invitations.check(self.token, user)
        except roster.RosterError as error:
            self.error = error.translate(self.request)
            return self.index()
        if self.request.method == "POST" and self.request.form.get("accept"):
            CheckAuthenticator(self.request)
            invitations.accept(self.token, user)
            api.portal.show_message(
                translated(
                    _("msg_roster_invitation_accepted",
                      default="Sie gehören jetzt zu „${space}“.",
                      mapping={"space": self.space.Title()}),
                    self.request,
                ),
                self.request,
            )  # fmt: skip
            self.request.response.redirect(self.space.absolute_url())
            return ""
        return self.index()

    def role_title(self):
        """The German title of the role the invitation gives."""
        return roster.ROLES[self.invitation["role"]][1]


class SpaceLinksViewlet(ViewletBase):
    """On a municipality's profile the link into its team space, on a
    mentoring group the link to its members: only for those who work in
    the space (its roster and the institute)."""

    def render(self):
        """The link, or nothing for everybody else."""
        if not api.user.has_permission("zumo: Work in space", obj=self.context):
            return ""
        return self.index()

    def is_team_space(self):
        """Whether the space is a municipality (else a mentoring group)."""
        return IMunicipality.providedBy(self.context)


#: The team records the team space lists, and the vocabulary and field that
#: say what each is (``None``: the type's title says it).
TEAM_RECORD_KINDS = {
    "ActionPlan": ("action_plan_kinds", "plan_kind"),
    "FutureWorkshop": ("workshop_formats", "workshop_format"),
    "ProcedureStep": None,
}


class TeamSpaceView(ZumoView):
    """``@@teamraum``: a municipality's team space as its own page, for
    those who work in it (its roster and the institute): who is on the
    team, its action plans and Zukunftswerkstätten, its documents. The
    profile page stays public and shows none of it."""

    def people(self):
        """The team: names and German role titles."""
        return [
            dict(
                person,
                role_title=translated(roster.ROLES[person["role"]][1], self.request),
            )
            for person in roster.people(self.context)
        ]

    def may_manage(self):
        """Whether the current user manages the team's roster."""
        return roster.may_manage(self.context)

    def make_up(self):
        """The project group by the document's categories, with counts and
        names (this page is for those who read the roster)."""
        return roster.make_up(self.context)

    def facilitators(self):
        """The names of the team's external process facilitators."""
        return [person["fullname"] for person in roster.facilitators(self.context)]

    def may_add(self):
        """Whether the current user may file documents here."""
        return bool(api.user.has_permission("Add portal content", obj=self.context))

    def team_records(self):
        """The team's visible action plans, documented workshops and steps,
        newest first, each with what it is: the kind of a plan, the format
        of a workshop (a Start-Workshop is no Zukunftswerkstatt), the type's
        German title for a step."""
        return [
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "type_title": self.record_kind(brain.getObject()),
            }
            for brain in api.content.find(
                context=aq_inner(self.context),
                depth=1,
                portal_type=list(TEAM_RECORD_KINDS),
                sort_on="modified",
                sort_order="descending",
            )
        ]

    def record_kind(self, record):
        """What ``record`` is, in German."""
        kind = TEAM_RECORD_KINDS[record.portal_type]
        if kind is None:
            types = api.portal.get_tool("portal_types")
            return translated(
                types.getTypeInfo(record.portal_type).Title(), self.request
            )
        vocabulary, field = kind
        return vocabularies.title_of(vocabulary, getattr(record, field, None), "")
