"""The daily job reminds the team's moderators of a due evaluation, by a
real mail, once per date; after the evaluation the next date is reminded
of again when it comes."""

from datetime import date
from datetime import timedelta
from plone import api
from tests.fixtures.mail import subject
from zumo.policy.daily import run_daily_jobs
from zumo.policy.monitoring import records
from zumo.policy.spaces.roster import set_member

import transaction


def _user(userid, group="municipalities"):
    api.user.create(username=userid, email=f"{userid}@example.org",
                    password="geheim-12345", properties={"fullname": userid})  # fmt: skip
    api.group.add_user(groupname=group, username=userid)


def test_due_evaluation_is_mailed_to_the_moderators(functional_portal, inbox):
    """Moderators hear of the due row, members do not; nobody twice."""
    portal = functional_portal
    with api.env.adopt_roles(["Manager"]):
        _user("moderatorin")
        _user("mitglied")
        team = api.content.create(container=portal["kommunen"], type="Municipality",
                                  id="tuningen", title="Tuningen")  # fmt: skip
        set_member(team, "moderatorin", "moderator")
        set_member(team, "mitglied", "member")
        matrix = api.content.create(container=team, type="TargetMatrix",
                                    id="zielmatrix", title="Zielmatrix Ortsmitte")  # fmt: skip
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        later = (date.today() + timedelta(days=30)).isoformat()
        row = records.add_row(matrix, "Nahversorgung sichern", "Dorfladen gründen",
                              "", "", "halbjaehrlich", yesterday)  # fmt: skip
        records.add_row(matrix, "Jugendraum", "", "", "", "jaehrlich", later)
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        report = run_daily_jobs()
    transaction.commit()
    assert "Erinnerungen an fällige Evaluationen: 1" in report
    assert inbox.recipients() == ["moderatorin@example.org"]
    (mail,) = inbox.messages
    assert subject(mail) == "Evaluation fällig: Zielmatrix Ortsmitte"
    inbox.clear()
    with api.env.adopt_roles(["Manager"]):
        assert "Evaluationen: 0" in run_daily_jobs()
        transaction.commit()
        assert inbox.recipients() == []
        moved = records.record_evaluation(matrix, row["id"], yesterday, "Erledigt.")
    transaction.commit()
    assert moved["next_date"] > date.today()
