"""Qualification records: who enrolled in, attended and completed which
qualification module.

Enrolling in a single module is the network's own offer, not part of the
KoQuMa call: KoQuMa modules take no single enrolments (one enrols in a
KoQuMa course, :mod:`zumo.policy.qualification.cohorts`); records made on
them before stay readable.

Records are personal data. They are stored on the module (an annotation,
never serialized by REST) and read only by the person, the moderators of
their municipality's team (permission "zumo: View qualification records",
a local role on the municipality) and the institute, which also records
attendance and completion ("zumo: Manage network").
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zumo.content.browser.views import fullname
from zumo.content.vocabularies import terms
from zumo.policy import _
from zumo.policy.errors import UserError


ANNOTATION_KEY = "zumo.policy.qualification_records"
#: The steps in their order; each later step includes the earlier ones.
STEPS = [token for token, _title in terms("qualification_status")]
VIEW_PERMISSION = "zumo: View qualification records"


def _store(module, create=False):
    annotations = IAnnotations(module)
    if ANNOTATION_KEY not in annotations and create:
        annotations[ANNOTATION_KEY] = OOBTree()
    return annotations.get(ANNOTATION_KEY)


def records(module):
    """Return the records of ``module``: dicts with userid, fullname,
    status and the ISO dates of each step, sorted by name."""
    store = _store(module) or {}
    found = [
        dict(record, userid=userid, fullname=fullname(userid))
        for userid, record in store.items()
    ]
    return sorted(found, key=lambda record: record["fullname"].lower())


def record_of(module, userid):
    """Return the record of ``userid`` on ``module`` as a dict, or ``None``."""
    store = _store(module) or {}
    record = store.get(userid)
    return dict(record, userid=userid) if record is not None else None


def takes_enrolments(module):
    """Whether one enrols in ``module`` on its own: a published module
    that is not one of the KoQuMa call's. The call describes a course
    learnt in the group, so one enrols into a KoQuMa course
    (:mod:`zumo.policy.qualification.cohorts`); enrolling in single
    modules is the network's own offer for its other modules."""
    return (
        api.content.get_state(module) == "published"
        and module.curriculum != "koquma"
        and not module.koquma_module
    )


def enrol(module, userid):
    """Enrol ``userid`` in the published module ``module``; return the record.

    Raises ``UserError`` (German) for an unpublished module or a KoQuMa
    module (one enrols in a KoQuMa course instead), an unknown user or
    someone already enrolled.
    """
    if api.content.get_state(module) != "published":
        raise UserError(
            _(
                "error_module_not_open",
                default="Für dieses Modul ist keine Anmeldung möglich.",
            )
        )
    if not takes_enrolments(module):
        raise UserError(
            _(
                "error_module_koquma_by_course",
                default="Die KoQuMa-Qualifizierung belegen Sie als Kurs, nicht "
                "modulweise: Die Kurse stehen auf der Seite „Qualifizierung“.",
            )
        )
    if api.user.get(userid=userid) is None:
        raise UserError(
            _(
                "error_unknown_person",
                default="Unter dieser Kennung ist niemand registriert.",
            )
        )
    if record_of(module, userid) is not None:
        raise UserError(
            _(
                "error_already_enrolled",
                default="Diese Person ist für das Modul bereits angemeldet.",
            )
        )
    _store(module, create=True)[userid] = PersistentMapping(
        status="enrolled", enrolled=date.today().isoformat()
    )
    return record_of(module, userid)


def record(module, userid, status):
    """Record that ``userid`` reached ``status`` (``attended`` or
    ``completed``) in ``module``; completing implies attending. Return the
    record. Raises ``UserError`` for an unknown step or a person not
    enrolled."""
    if status not in STEPS[1:]:
        raise UserError(
            _(
                "error_unknown_qualification_step",
                default="Unbekannter Schritt. Möglich sind: teilgenommen, "
                "abgeschlossen.",
            )
        )
    store = _store(module) or {}
    if userid not in store:
        raise UserError(
            _(
                "error_not_enrolled",
                default="Diese Person ist für das Modul nicht angemeldet.",
            )
        )
    entry = store[userid]
    today = date.today().isoformat()
    for step in STEPS[1 : STEPS.index(status) + 1]:
        entry.setdefault(step, today)
    if STEPS.index(status) > STEPS.index(entry["status"]):
        entry["status"] = status
    return record_of(module, userid)


def withdraw(module, userid):
    """Withdraw the enrolment of ``userid``; only before attending.

    Raises ``UserError`` if there is none or the person has attended.
    """
    found = record_of(module, userid)
    if found is None:
        raise UserError(
            _(
                "error_not_enrolled",
                default="Diese Person ist für das Modul nicht angemeldet.",
            )
        )
    if found["status"] != "enrolled":
        raise UserError(
            _(
                "error_withdraw_after_attending",
                default="Nach der Teilnahme kann die Anmeldung nicht mehr "
                "zurückgezogen werden.",
            )
        )
    del _store(module)[userid]


def _modules():
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="QualificationModule", sort_on="sortable_title"
    ):
        yield brain._unrestrictedGetObject()


def records_of_users(userids):
    """Return the records of the people ``userids`` across all modules:
    dicts with module title and URL, userid, fullname, status and dates.

    Callers check that the reader may see these people's records.
    """
    wanted = set(userids)
    found = []
    for module in _modules():
        store = _store(module)
        if not store:
            continue
        for userid in wanted & set(store.keys()):
            found.append(
                dict(
                    store[userid],
                    userid=userid,
                    fullname=fullname(userid),
                    module=module.Title(),
                    module_url=module.absolute_url(),
                )
            )
    return sorted(found, key=lambda r: (r["fullname"].lower(), r["module"]))
