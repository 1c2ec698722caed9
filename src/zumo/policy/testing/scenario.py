"""A small network with one object per kind and state, for the permission matrix.

Object ids match the ``object`` column of ``docs/permissions.csv``.
"""

from datetime import date
from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedBlobImage
from zumo.content.expert_assessment import CRITERIA
from zumo.content.relations import relation_to
from zumo.policy import mail as notifications
from zumo.policy.reviews.panel import assessment_of
from zumo.policy.reviews.panel import declare
from zumo.policy.reviews.panel import record_verdict
from zumo.policy.spaces.roster import remove_member
from zumo.policy.spaces.roster import set_facilitator
from zumo.policy.spaces.roster import set_member

import base64
import csv


#: The permission matrix: one row per persona, object and action.
MATRIX = Path(__file__).parents[4] / "docs" / "permissions.csv"
PASSWORD = "geheim-12345"
PERSONAS = {
    "buerger": ["citizens"],
    "kommune-a": ["municipalities"],
    "kommune-b": ["municipalities"],
    "expertin": ["experts"],
    "expertin2": ["experts"],
    "institut": ["institute"],
    "ministerium": ["ministry"],
    "begleitung": ["facilitators"],
}
SECRET = "Zuckerrübensirup"
# A 1x1 pixel PNG for image scale checks.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def matrix(*, persona=None, actions=None):
    """The rows of the permission matrix, optionally of one ``persona`` and
    of the ``actions`` given (``"transition"`` stands for every
    ``transition:...`` row). Each call reads the file afresh."""
    with open(MATRIX, encoding="utf-8") as source:
        return [
            cell
            for cell in csv.DictReader(source)
            if (persona is None or cell["persona"] == persona)
            and (actions is None or cell["action"].split(":", 1)[0] in actions)
        ]


def api_url(portal, obj):
    """The REST address (``.../++api++/...``) of ``obj``."""
    site = portal.absolute_url()
    return obj.absolute_url().replace(site, site + "/++api++", 1)


def _create(container, portal_type, oid, **values):
    values.setdefault("title", f"{oid} {SECRET}")
    if portal_type == "Municipality":  # on the map, with its examples
        values.setdefault("latitude", 48.5)
        values.setdefault("longitude", 9.0)
    return api.content.create(container=container, type=portal_type, id=oid, **values)


def build(portal):
    """Create personas and objects in ``portal``; return ``{object id: obj}``.
    Nobody is notified of the scenario itself."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    objects = {}
    with notifications.silenced():
        _personas()
        _spaces(portal, objects)
        _examples(portal, objects)
        _meetings_and_modules(portal, objects)
        _reviews(portal, objects)
        _section_pages(portal, objects)
    objects["site"] = portal
    objects["form_application"] = portal["mitmachen"]["modellkommune-bewerben"]
    logout()
    return objects


def _personas():
    for userid, groups in PERSONAS.items():
        api.user.create(
            username=userid,
            email=f"{userid}@example.org",
            password=PASSWORD,
            properties={"fullname": userid},
        )
        for group in groups:
            api.group.add_user(groupname=group, username=userid)


def _spaces(portal, objects):
    team = _create(portal["kommunen"], "Municipality", "municipality_published")
    api.content.transition(obj=team, transition="publish")
    set_member(team, "kommune-a", "moderator")
    # The team's external process facilitator (seed 001): works in this
    # team space only.
    set_facilitator(team, "begleitung")
    set_member(
        _create(portal["kommunen"], "Municipality", "municipality_b"),
        "kommune-b",
        "moderator",
    )
    objects["municipality_published"] = team
    objects["municipality_private"] = _create(
        portal["kommunen"], "Municipality", "municipality_private"
    )
    group = _create(
        portal["mentoring"], "MentoringGroup", "group", mentees=[relation_to(team)]
    )
    set_member(group, "kommune-a", "member")
    objects["group"] = group
    login(portal, "kommune-a")
    objects["team_document"] = _create(team, "Document", "team_document")
    objects["future_workshop"] = _create(
        team,
        "FutureWorkshop",
        "future_workshop",
        date=date(2025, 4, 12),
        workshop_format="zukunftswerkstatt",
        public_summary=f"Zusammenfassung {SECRET}",
    )
    objects["action_plan"] = _create(
        team,
        "ActionPlan",
        "action_plan",
        future_workshops=[relation_to(objects["future_workshop"])],
    )
    objects["indicator"] = _create(team, "Indicator", "indicator", unit="Personen")
    objects["target_matrix"] = _create(team, "TargetMatrix", "target_matrix")
    objects["self_assessment"] = _create(
        team,
        "SelfAssessment",
        "self_assessment",
        date=date(2025, 5, 1),
        **{f"score_{token}": "3" for token in CRITERIA},
    )
    objects["procedure_step"] = _create(
        team,
        "ProcedureStep",
        "procedure_step",
        procedure="zumo",
        step="situationsanalyse",
        status="in_arbeit",
    )
    objects["team_image"] = _create(
        team,
        "Image",
        "team_image",
        image=NamedBlobImage(data=PNG, filename="plan.png"),
    )
    # A member files a document, then leaves the team: the roster decides.
    set_member(team, "kommune-b", "member")
    login(portal, "kommune-b")
    objects["former_member_document"] = _create(
        team, "Document", "former_member_document"
    )
    remove_member(team, "kommune-b")
    logout()
    login(portal, "institut")
    objects["group_document"] = _create(group, "Document", "group_document")


def _examples(portal, objects):
    login(portal, "buerger")
    for state in ("private", "pending", "published"):
        example = _create(
            portal["praxisbeispiele"], "PracticeExample", f"example_{state}"
        )
        objects[f"example_{state}"] = example
        if state in ("private", "published"):
            objects[f"attachment_{state}"] = _create(
                example,
                "File",
                f"attachment_{state}",
                file=NamedBlobFile(data=b"Anhang " + SECRET.encode(), filename="a.txt"),
            )
        if state != "private":
            api.content.transition(obj=example, transition="submit")
    login(portal, "institut")
    api.content.transition(obj=objects["example_published"], transition="publish")


def _meetings_and_modules(portal, objects):
    login(portal, "institut")
    for state, steps in (
        ("planned", ()),
        ("announced", ("announce",)),
        ("documented", ("announce", "document")),
    ):
        meeting = _create(
            portal["werkstatttreffen"], "WorkshopMeeting", f"meeting_{state}"
        )
        for step in steps:
            api.content.transition(obj=meeting, transition=step)
        objects[f"meeting_{state}"] = meeting
    objects["form_registration"] = objects["meeting_announced"]["anmeldung"]
    for state in ("private", "published"):
        module = _create(
            portal["qualifizierung"], "QualificationModule", f"module_{state}"
        )
        if state == "published":
            api.content.transition(obj=module, transition="publish")
        objects[f"module_{state}"] = module
    # A course open for enrolment; kommune-a takes part, the institute has
    # posted in its group space.
    cohort = _create(
        portal["qualifizierung"],
        "QualificationCohort",
        "cohort",
        cohort_format="format_1",
        start=date(2026, 3, 2),
    )
    api.content.transition(obj=cohort, transition="announce")
    set_member(cohort, "kommune-a", "member")
    objects["cohort"] = cohort
    objects["cohort_document"] = _create(cohort, "Document", "cohort_document")


def _reviews(portal, objects):
    team = objects["municipality_published"]
    valid_until = date.today() + timedelta(days=700)
    for oid, state, experts in (
        ("review_requested", "requested", ["expertin"]),
        ("review_undeclared", "in_review", ["expertin"]),
        ("review_in_review", "in_review", ["expertin", "expertin2"]),
        ("review_submitted", "submitted", ["expertin"]),
        ("review_released", "released", ["expertin"]),
    ):
        login(portal, "institut")
        review = _create(
            portal["gutachten"],
            "ExpertReview",
            oid,
            municipality=relation_to(team),
            assigned_experts=experts,
        )
        objects[oid] = review
        if state == "requested":
            continue
        api.content.transition(obj=review, transition="start_review")
        if oid == "review_undeclared":
            continue
        for expert in experts:
            declare(review, expert)
            _score(assessment_of(review, expert))
        if oid == "review_in_review":
            # expertin writes, expertin2 has submitted: neither reads the other.
            _submit(portal, assessment_of(review, "expertin2"))
            objects["assessment_draft"] = _titled(
                assessment_of(review, "expertin"), "assessment_draft"
            )
            objects["assessment_submitted"] = _titled(
                assessment_of(review, "expertin2"), "assessment_submitted"
            )
            continue
        _submit(portal, assessment_of(review, "expertin"))
        login(portal, "institut")
        record_verdict(review, "standard", valid_until, "Urteil des Gremiums.")
        if state == "released":
            api.content.transition(obj=review, transition="release")
            objects["assessment_released"] = _titled(
                assessment_of(review, "expertin"), "assessment_released"
            )


def _score(assessment):
    for token in CRITERIA:
        setattr(assessment, f"score_{token}", "3")


def _submit(portal, assessment):
    login(portal, assessment.expert)
    api.content.transition(obj=assessment, transition="submit")


def _titled(assessment, oid):
    """Give a panel-made assessment the scenario's title of ``oid``."""
    assessment.title = f"{oid} {SECRET}"
    assessment.reindexObject()
    return assessment


def _section_pages(portal, objects):
    """Standard pages in a section follow the ZUMO page workflow."""
    login(portal, "institut")
    for oid in ("section_page", "section_page_published"):
        objects[oid] = _create(portal["qualifizierung"], "Document", oid)
    api.content.transition(obj=objects["section_page_published"], transition="publish")
