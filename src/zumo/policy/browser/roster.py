"""German UI to manage the roster of a team space or mentoring group."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18nmessageid import Message
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.spaces import roster


class RosterView(BrowserView):
    """List the roster; add, remove or change the role of people."""

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and "form.action" in form:
            CheckAuthenticator(self.request)
            self.apply(form["form.action"], form)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@roster")
            return ""
        return self.index()

    def apply(self, action, form):
        """Carry out one roster change and report it as a status message."""
        userid = (form.get("userid") or "").strip()
        try:
            if action == "add":
                roster.set_member(self.context, userid, form.get("role", "member"))
                done = _(
                    "msg_roster_added", default="„${userid}“ gehört jetzt zum Raum."
                )
            elif action == "change":
                roster.set_member(self.context, userid, form.get("role", "member"))
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
            else:
                self._say(
                    _("error_roster_action", default="Unbekannte Aktion."), "error"
                )
                return
        except roster.RosterError as error:
            self._say(error.message, "error")
            return
        self._say(Message(done, mapping={"userid": userid}), "info")

    def _say(self, message, kind):
        text = translated(message, self.request)
        api.portal.show_message(text, self.request, type=kind)

    def members(self):
        """The roster with German role titles."""
        return [
            dict(member, role_title=roster.ROLES[member["role"]][1])
            for member in roster.roster(self.context)
        ]

    def role_options(self):
        """``[(key, title)]`` of the roster roles."""
        return [(key, title) for key, (_local, title) in roster.ROLES.items()]

    def candidates(self):
        """Municipal staff who may be added (id and name), at most 500, by name.

        Engaged citizens are added by their user id: their names are not
        listed to the moderators of a space.
        """
        on_roster = {member["userid"] for member in roster.roster(self.context)}
        users = [
            (user.getId(), user.getProperty("fullname") or user.getId())
            for user in api.user.get_users(groupname="municipalities")
            if user.getId() not in on_roster
        ]
        return sorted(users, key=lambda item: item[1].lower())[:500]
