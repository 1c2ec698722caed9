"""Enrolment into a course (a :class:`~zumo.content.qualification_cohort.QualificationCohort`).

The KoQuMa call describes a course learnt in the group, not single modules
(seed 004, line 21), so a person enrols into a cohort: they ask for a place
(:func:`request_enrolment`), naming which of the call's target groups they
belong to and for which municipality or organisation they work; the
institute or the cohort's moderators accept (:func:`accept`: the person
joins the roster and so the group space) or decline (:func:`decline`).

Requests are personal data: they are kept on the cohort (an annotation,
never serialized by REST) and read by those who manage its roster
("zumo: Manage roster": the institute, the cohort's moderators) and by the
person asking. Mails: the request to the institute and the cohort's
moderators and a receipt to the person; the decision to the person.
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zumo.content.browser.views import fullname
from zumo.content.i18n import translated as _t
from zumo.content.vocabularies import details
from zumo.content.vocabularies import title_of
from zumo.policy import _
from zumo.policy.errors import UserError
from zumo.policy.mail import mail
from zumo.policy.mail import notify
from zumo.policy.spaces import roster


#: Where a cohort keeps its open enrolment requests (an annotation).
KEY = "zumo.policy.qualification.cohort_requests"
#: The state in which a cohort takes enrolments.
OPEN = "open"
#: The page on which requests are decided.
REQUESTS_VIEW = "@@kursanmeldungen"
#: The longest organisation name and message accepted.
MAX_ORGANISATION = 200
MAX_MESSAGE = 2000


def audiences():
    """The target groups one enrols as: the KoQuMa call's three
    (``[(token, title)]``, seed 004 lines 46-48)."""
    return [
        (token, title_of("qualification_audiences", token))
        for token in details("koquma_modules", "call")["audiences"]
    ]


def _store(cohort, create=False):
    annotations = IAnnotations(cohort)
    if KEY not in annotations and create:
        annotations[KEY] = OOBTree()
    return annotations.get(KEY)


def request_of(cohort, userid):
    """The open request of ``userid`` on ``cohort`` as a dict, or ``None``."""
    found = (_store(cohort) or {}).get(userid)
    return dict(found, userid=userid) if found is not None else None


def requests(cohort):
    """The open requests of ``cohort``: dicts with userid, fullname,
    audience (token and title), organisation, message and the ISO date,
    oldest first."""
    found = [
        dict(
            entry,
            userid=userid,
            fullname=fullname(userid),
            audience_title=title_of("qualification_audiences", entry["audience"]),
        )
        for userid, entry in (_store(cohort) or {}).items()
    ]
    return sorted(found, key=lambda entry: (entry["requested"], entry["fullname"]))


def seats_left(cohort):
    """How many places the cohort still has (``None``: no limit)."""
    if not cohort.capacity:
        return None
    return max(cohort.capacity - len(roster.roster(cohort)), 0)


def _refuse(msgid, default):
    raise UserError(_(msgid, default=default))


def _check_request(cohort, userid, audience, organisation, message):
    if api.content.get_state(cohort) != OPEN:
        _refuse(
            "error_cohort_not_open",
            "Für diesen Kurs ist keine Anmeldung möglich.",
        )
    if not roster.eligible(userid):
        _refuse(
            "error_cohort_not_eligible",
            "Anmelden können sich Beschäftigte der Kommunen und registrierte "
            "Bürgerinnen und Bürger mit einem Konto im Netzwerk.",
        )
    if roster.on_roster(cohort, userid):
        _refuse("error_cohort_already_member", "Sie gehören bereits zu diesem Kurs.")
    if request_of(cohort, userid) is not None:
        _refuse(
            "error_cohort_already_requested",
            "Ihre Anmeldung zu diesem Kurs liegt bereits vor.",
        )
    if seats_left(cohort) == 0:
        _refuse("error_cohort_full", "Der Kurs ist ausgebucht.")
    if audience not in dict(audiences()):
        _refuse(
            "error_cohort_audience",
            "Bitte wählen Sie, zu welcher Zielgruppe der Qualifizierung Sie gehören.",
        )
    if not organisation:
        _refuse(
            "error_cohort_organisation",
            "Bitte nennen Sie die Kommune oder Organisation, für die Sie teilnehmen.",
        )
    if len(organisation) > MAX_ORGANISATION or len(message) > MAX_MESSAGE:
        _refuse(
            "error_cohort_too_long",
            "Der Name der Organisation darf höchstens 200, die Nachricht höchstens "
            "2000 Zeichen lang sein.",
        )


def request_enrolment(cohort, userid, audience, organisation, message=""):
    """Ask for a place for ``userid`` in ``cohort``; return the request.

    ``audience`` is one of :func:`audiences`; ``organisation`` names the
    municipality or organisation the person works for. Raises
    ``UserError`` (German) when the cohort takes no enrolments, is full,
    the person may not join a roster, is on it or has asked already, or the
    input is missing or too long; then nothing is written and nobody is
    told.
    """
    organisation = (organisation or "").strip()
    message = (message or "").strip()
    _check_request(cohort, userid, audience, organisation, message)
    _store(cohort, create=True)[userid] = PersistentMapping(
        requested=date.today().isoformat(),
        audience=audience,
        organisation=organisation,
        message=message,
    )
    _tell_managers(cohort, userid, organisation)
    _write(
        userid,
        _t(
            _(
                "mail_cohort_requested_subject",
                default="Ihre Anmeldung zum Kurs „${cohort}“",
                mapping={"cohort": cohort.Title()},
            )
        ),
        _t(
            _(
                "mail_cohort_requested",
                default="Ihre Anmeldung zum Kurs „${cohort}“ ist eingegangen. Sobald "
                "das Institut sie angenommen hat, erhalten Sie eine Nachricht und "
                "finden den Gruppenraum des Kurses hier: ${url}",
                mapping={"cohort": cohort.Title(), "url": cohort.absolute_url()},
            )
        ),
    )
    return request_of(cohort, userid)


def _managers(cohort):
    """The user ids who decide on requests: the institute and the
    cohort's moderators."""
    institute = [user.getId() for user in api.user.get_users(groupname="institute")]
    moderators = [
        member["userid"]
        for member in roster.roster(cohort)
        if member["role"] == "moderator"
    ]
    return institute + moderators


def _tell_managers(cohort, userid, organisation):
    notify(
        _managers(cohort),
        cohort,
        _t(
            _(
                "mail_cohort_request_subject",
                default="Neue Anmeldung zum Kurs „${cohort}“",
                mapping={"cohort": cohort.Title()},
            )
        ),
        _t(
            _(
                "mail_cohort_request",
                default="${name} (${organisation}) möchte am Kurs „${cohort}“ "
                "teilnehmen. Bitte nehmen Sie die Anmeldung an oder lehnen Sie "
                "sie ab.",
                mapping={
                    "name": fullname(userid),
                    "organisation": organisation,
                    "cohort": cohort.Title(),
                },
            )
        ),
        view=REQUESTS_VIEW,
    )


def _write(userid, subject, text):
    """Mail ``userid`` directly: they asked for the answer themselves."""
    user = api.user.get(userid=userid)
    address = user.getProperty("email") if user is not None else None
    if address:
        mail(address, subject, text)


def _open_request(cohort, userid):
    if not isinstance(userid, str) or request_of(cohort, userid) is None:
        _refuse(
            "error_cohort_no_request",
            "Für diese Person liegt keine offene Anmeldung vor.",
        )


def accept(cohort, userid):
    """Accept the request of ``userid``: the person joins the roster of
    ``cohort`` as a member (and so its group space) and is told by mail.

    Raises ``UserError`` if there is no open request or the cohort is full;
    then nothing changes.
    """
    _open_request(cohort, userid)
    if seats_left(cohort) == 0:
        _refuse("error_cohort_full", "Der Kurs ist ausgebucht.")
    roster.set_member(cohort, userid, "member")
    del _store(cohort)[userid]
    notify(
        [userid],
        cohort,
        _t(
            _(
                "mail_cohort_accepted_subject",
                default="Sie sind im Kurs „${cohort}“",
                mapping={"cohort": cohort.Title()},
            )
        ),
        _t(
            _(
                "mail_cohort_accepted",
                default="Ihre Anmeldung zum Kurs „${cohort}“ ist angenommen. Im "
                "Gruppenraum des Kurses tauschen Sie sich mit den anderen "
                "Teilnehmenden aus und legen Dokumente ab.",
                mapping={"cohort": cohort.Title()},
            )
        ),
    )


def decline(cohort, userid):
    """Decline the request of ``userid`` on ``cohort`` and tell the person.

    Raises ``UserError`` if there is no open request.
    """
    _open_request(cohort, userid)
    del _store(cohort)[userid]
    _write(
        userid,
        _t(
            _(
                "mail_cohort_declined_subject",
                default="Ihre Anmeldung zum Kurs „${cohort}“",
                mapping={"cohort": cohort.Title()},
            )
        ),
        _t(
            _(
                "mail_cohort_declined",
                default="Ihre Anmeldung zum Kurs „${cohort}“ konnte nicht "
                "angenommen werden. Bei Fragen wenden Sie sich bitte an das "
                "Institut. Die anderen Kurse finden Sie hier: ${url}",
                mapping={
                    "cohort": cohort.Title(),
                    "url": api.portal.get()["qualifizierung"].absolute_url(),
                },
            )
        ),
    )
