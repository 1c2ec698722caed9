"""German UI to manage the roster of a team space or mentoring group."""

from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zumo.policy import roster


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
        messages = IStatusMessage(self.request)
        userid = (form.get("userid") or "").strip()
        try:
            if action == "add":
                roster.set_member(self.context, userid, form.get("role", "member"))
                messages.add(f"„{userid}“ gehört jetzt zum Raum.", "info")
            elif action == "change":
                roster.set_member(self.context, userid, form.get("role", "member"))
                messages.add(f"Die Rolle von „{userid}“ wurde geändert.", "info")
            elif action == "remove":
                roster.remove_member(self.context, userid)
                messages.add(f"„{userid}“ gehört nicht mehr zum Raum.", "info")
            else:
                messages.add("Unbekannte Aktion.", "error")
        except roster.RosterError as error:
            messages.add(str(error), "error")

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
