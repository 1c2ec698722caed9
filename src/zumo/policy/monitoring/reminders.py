"""Who hears of a due evaluation: the moderators of the team whose
Zielmatrix has a row whose evaluation date has come (once per date; the
daily job asks, sent by :mod:`zumo.policy.mail`)."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from plone import api
from zumo.content.dates import local_time
from zumo.content.i18n import translated as _t
from zumo.policy import _
from zumo.policy.mail import notify
from zumo.policy.spaces.roster import roster


def moderators(space):
    """The user ids of the moderators of ``space``."""
    return [
        member["userid"] for member in roster(space) if member["role"] == "moderator"
    ]


def _due_line(row):
    due = _t(_("text_due_on", default="fällig am ${date}",
               mapping={"date": local_time(row["next_date"])}))  # fmt: skip
    return f"* {row['goal']} – {row['measure'] or '–'} ({due})"


def remind_due_evaluations(today=None):
    """Tell the moderators of each team of the rows of its Zielmatrizen
    whose evaluation is due on ``today`` or earlier and not yet reminded
    of (one mail per matrix); return how many rows were reminded of."""
    today = today or date.today()
    catalog = api.portal.get_tool("portal_catalog")
    reminded = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="TargetMatrix"):
        matrix = brain._unrestrictedGetObject()
        due = [
            row
            for row in matrix.due_rows(today)
            if row.get("reminded") != row["next_date"]
        ]
        if not due:
            continue
        title = matrix.Title()
        lines = "\n".join(_due_line(row) for row in due)
        subject = _t(_("mail_evaluation_due_subject", default="Evaluation fällig: "
                       "${title}", mapping={"title": title}))  # fmt: skip
        text = _t(_("mail_evaluation_due", default="In der Zielmatrix „${title}“ "
                    "ist die Evaluation dieser Zeilen fällig:\n\n${rows}\n\nBitte "
                    "halten Sie das Ergebnis in der Zielmatrix fest; der nächste "
                    "Prüftermin rückt dann um das Intervall weiter.",
                    mapping={"title": title, "rows": lines}))  # fmt: skip
        notify(moderators(aq_parent(aq_inner(matrix))), matrix, subject, text)
        due_ids = {row["id"] for row in due}
        matrix.rows = tuple(
            dict(row, reminded=row["next_date"]) if row["id"] in due_ids else row
            for row in matrix.rows
        )
        reminded += len(due)
    return reminded
