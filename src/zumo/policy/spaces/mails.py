"""Who hears what in a team space or mentoring group: its roster, of what
is added there (sent by :mod:`zumo.policy.mail`)."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from zumo.content.i18n import translated as _t
from zumo.content.interfaces import ISpace
from zumo.policy import _
from zumo.policy.mail import notify
from zumo.policy.spaces.roster import roster


#: What, added to a team space or mentoring group, its roster hears of.
SPACE_TYPES = ("Document", "File", "Image", "Link", "News Item", "Event")


def space_item_added(obj, event):
    """A document, file or image was added in a team space or mentoring
    group: tell the space's roster."""
    if event.newParent is None or getattr(obj, "portal_type", None) not in SPACE_TYPES:
        return
    space = next((c for c in aq_chain(aq_inner(obj)) if ISpace.providedBy(c)), None)
    if space is None:
        return
    title = obj.Title() or obj.getId()
    notify(
        [member["userid"] for member in roster(space)], obj,
        _t(_("mail_space_item_subject", default="Neu in ${space}: ${title}",
             mapping={"space": space.Title(), "title": title})),
        _t(_("mail_space_item", default="In „${space}“ wurde „${title}“ abgelegt.",
             mapping={"space": space.Title(), "title": title})),
    )  # fmt: skip
