"""Who hears what of an expert review: assigned experts (and experts taken
off the panel), the institute of a request, of each submitted assessment
and of a declared conflict of interest, the reviewed team and the ministry
of a release, and reminders of an ending validity (sent by
:mod:`zumo.policy.mail`)."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from datetime import timedelta
from plone import api
from zumo.content.browser.views import fullname
from zumo.content.dates import local_time
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy.mail import notify
from zumo.policy.mail import notify_group
from zumo.policy.reviews.team import reviewed_team


def review_assigned(review, userids):
    """Experts newly assigned to ``review`` hear of it, once they may see
    it (an expert assigned to a requested review hears when the review
    starts, see :func:`review_transition`)."""
    title = review.Title()
    notify(
        userids, review,
        _t(_("mail_review_assigned_subject", default="Gutachten für Sie: ${title}",
             mapping={"title": title})),
        _t(_("mail_review_assigned_panel", default="Das Institut hat Sie in das "
             "Gremium für das Gutachten „${title}“ berufen. Auf der Seite des "
             "Gutachtens erklären Sie zuerst, ob ein Interessenkonflikt besteht; "
             "danach schreiben und reichen Sie Ihr eigenes Einzelgutachten ein. "
             "Die anderen Mitglieder des Gremiums lesen es nicht.",
             mapping={"title": title})),
    )  # fmt: skip


def expert_unassigned(review, userid):
    """An expert taken off the panel of ``review`` hears of it. The link
    leads to their dashboard: the review is closed to them now."""
    title = review.Title()
    notify(
        [userid], api.portal.get(),
        _t(_("mail_review_unassigned_subject", default="Nicht mehr im Gremium: "
             "${title}", mapping={"title": title})),
        _t(_("mail_review_unassigned", default="Das Institut hat Sie aus dem "
             "Gremium für das Gutachten „${title}“ genommen. Sie haben keinen "
             "Zugang mehr zum Gutachten und zu Ihrem Einzelgutachten.",
             mapping={"title": title})),
        view="@@mein-netzwerk",
    )  # fmt: skip


def conflict_declared(review, userid, statement):
    """The institute hears that an expert declared a conflict of interest
    and left the panel of ``review``."""
    title = review.Title()
    notify_group(
        "institute", review,
        _t(_("mail_conflict_declared_subject", default="Interessenkonflikt "
             "erklärt: ${title}", mapping={"title": title})),
        _t(_("mail_conflict_declared", default="${name} hat für das Gutachten "
             "„${title}“ einen Interessenkonflikt erklärt und gehört dem Gremium "
             "nicht mehr an. Begründung: ${statement} – Bitte berufen Sie bei "
             "Bedarf eine andere Expertin oder einen anderen Experten.",
             mapping={"name": fullname(userid), "title": title,
                      "statement": statement})),
        view="@@gremium",
    )  # fmt: skip


def assessment_submitted(assessment, event):
    """The institute hears of each submitted assessment, with how many of
    the panel have submitted."""
    if event.transition is None or event.transition.id != "submit":
        return
    review = aq_parent(aq_inner(assessment))
    experts = list(review.assigned_experts or ())
    assessments = review.assessments()
    done = sum(
        1
        for userid in experts
        if userid in assessments
        and api.content.get_state(assessments[userid], None) == "submitted"
    )
    title = review.Title()
    notify_group(
        "institute", review,
        _t(_("mail_assessment_submitted_subject", default="Einzelgutachten "
             "eingereicht: ${title}", mapping={"title": title})),
        _t(_("mail_assessment_submitted", default="${name} hat das "
             "Einzelgutachten zum Gutachten „${title}“ eingereicht (${done} von "
             "${count} im Gremium). Sind alle eingereicht, halten Sie das Urteil "
             "des Gremiums fest.",
             mapping={"name": fullname(assessment.expert), "title": title,
                      "done": done, "count": len(experts)})),
        view="@@gremium",
    )  # fmt: skip


def review_requested(review, event):
    """The institute hears of a review a municipality has requested (reviews
    the institute itself creates need no notice)."""
    if api.user.is_anonymous() or "Institute" in api.user.get_roles(obj=review):
        return
    title = review.Title()
    notify_group(
        "institute", review,
        _t(_("mail_review_requested_subject", default="Gutachten angefragt: ${title}",
             mapping={"title": title})),
        _t(_("mail_review_requested", default="Eine Kommune hat das Gutachten "
             "„${title}“ angefragt. Bitte weisen Sie Expertinnen und Experten zu "
             "und starten Sie die Begutachtung.", mapping={"title": title})),
    )  # fmt: skip


def review_transition(review, event):
    """A started review reaches its assigned experts; a released review the
    reviewed municipality's team and the ministry."""
    if event.transition is None:
        return
    if event.transition.id == "start_review":
        review_assigned(review, list(review.assigned_experts or ()))
        return
    if event.transition.id != "release":
        return
    title = review.Title()
    subject = _t(_("mail_review_released_subject", default="Gutachten freigegeben: "
                   "${title}", mapping={"title": title}))  # fmt: skip
    text = _t(_("mail_review_released", default="Das Gutachten „${title}“ des "
                "Expertengremiums ist freigegeben und kann gelesen werden.",
                mapping={"title": title}))  # fmt: skip
    members = {member.getId() for member in api.user.get_users(groupname="ministry")}
    notify(sorted(members | reviewed_team(review)), review, subject, text)


#: Days before a review's validity ends when the team and the institute are
#: reminded.
EXPIRY_NOTICE_DAYS = 60


def remind_expiring_reviews(today=None):
    """Remind the reviewed team and the institute of released reviews whose
    validity ends within ``EXPIRY_NOTICE_DAYS`` (once per end date); return
    how many reviews were reminded of."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    reminded = 0
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", review_state="released"
    ):
        review = brain._unrestrictedGetObject()
        ends = getattr(review, "valid_until", None)
        if not ends or getattr(review, "expiry_reminded", None) == ends:
            continue
        if not today <= ends <= today + timedelta(days=EXPIRY_NOTICE_DAYS):
            continue
        title = review.Title()
        subject = _t(_("mail_review_expiring_subject", default="Gutachten läuft "
                       "ab: ${title}", mapping={"title": title}))  # fmt: skip
        text = _t(_("mail_review_expiring", default="Das Gutachten „${title}“ "
                    "gilt bis ${date}. Wenn die Kommune eine neue Begutachtung "
                    "wünscht, kann sie sie jetzt beantragen.",
                    mapping={"title": title,
                             "date": local_time(ends)}))  # fmt: skip
        text += "\n\n" + _t(_("mail_review_validity_own", default="Die "
                               "Gültigkeit eines Gutachtens ist eine eigene "
                               "Festlegung des Netzwerks; das Integrierte "
                               "Managementverfahren nennt keine."))  # fmt: skip
        institute = [m.getId() for m in api.user.get_users(groupname="institute")]
        notify(
            sorted(reviewed_team(review) | set(institute)),
            review,
            subject,
            text,
        )
        review.expiry_reminded = ends
        reminded += 1
    return reminded
