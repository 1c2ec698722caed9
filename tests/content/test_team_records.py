"""Action plans and documented Zukunftswerkstätten in a team space."""

from plone import api
from plone.app.testing import logout
from tests.fixtures.builders import html
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
from zumo.content.i18n import translated
from zumo.content.interfaces import ITeamRecord
from zumo.content.relations import relation_to
from zumo.content.vocabularies import terms

import datetime
import pytest


@pytest.fixture
def plan(municipality):
    """An action plan in the team space of Gomadingen."""
    return api.content.create(
        container=municipality,
        type="ActionPlan",
        id="handlungskonzept",
        title="Handlungskonzept Gomadingen 2035",
        plan_kind="handlungskonzept",
        strategies=html("Ortsmitte beleben."),
        goals=html("Nahversorgung sichern."),
        measures=html("Dorfladen gründen."),
    )


@pytest.fixture
def workshop(municipality):
    """A documented Zukunftswerkstatt in the team space."""
    return api.content.create(
        container=municipality,
        type="FutureWorkshop",
        id="zukunftswerkstatt",
        title="Zukunftswerkstatt Ortsmitte",
        date=datetime.date(2025, 4, 12),
        workshop_format="zukunftswerkstatt",
        participants=48,
        results=html("Drei Arbeitsgruppen, zwölf Projektideen."),
        public_summary="48 Menschen sammelten zwölf Ideen für die Ortsmitte.",
    )


@pytest.mark.parametrize(
    "portal_type,title",
    [("ActionPlan", "Handlungskonzept"), ("FutureWorkshop", "Workshop-Dokumentation")],
)
def test_only_in_team_spaces(manager, municipality, portal_type, title):
    """Both types have German titles and are added in team spaces only."""
    fti = api.portal.get_tool("portal_types")[portal_type]
    assert fti.Title() == title
    assert portal_type in [t.getId() for t in municipality.allowedContentTypes()]
    for section in ("praxisbeispiele", "mentoring", "gutachten", "kommunen"):
        allowed = [t.getId() for t in manager[section].allowedContentTypes()]
        assert portal_type not in allowed, section


def test_the_workshop_type_is_no_format(manager, municipality):
    """The type documents every workshop format (seed 000 keeps the
    Start-Workshop, the Fokusgruppen-Workshops and the Auswertungsworkshop
    apart from the Zukunftswerkstatt): its title is none of them, its
    description names them all, and its add form says so."""
    fti = api.portal.get_tool("portal_types")["FutureWorkshop"]
    formats = [title for _token, title in terms("workshop_formats")]
    assert fti.Title() not in formats
    for title in formats:
        assert title in fti.Description(), title
    form = municipality.restrictedTraverse("++add++FutureWorkshop")
    form.update()
    assert "Zukunftswerkstatt" not in translated(form.form_instance.label)


def test_records_follow_the_team_space(plan, workshop):
    """Only the team and the institute see them, like the team's documents."""
    for record in (plan, workshop):
        assert ITeamRecord.providedBy(record)
        assert api.content.get_state(record) == "internal"
        roles = {p["name"] for p in record.rolesOfPermission("View") if p["selected"]}
        assert roles == {
            "TeamMember", "TeamModerator", "ProcessFacilitator", "Institute",
            "Manager", "Site Administrator",
        }  # fmt: skip


def test_each_change_is_a_version(plan):
    """Editing the plan saves a new version (its "Fortschreibung")."""
    repository = api.portal.get_tool("portal_repository")
    assert plan.version_id == 0
    plan.measures = html("Dorfladen gründen. Bürgerbus einrichten.")
    notify(ObjectModifiedEvent(plan))
    assert plan.version_id == 1
    history = repository.getHistoryMetadata(plan)
    assert history.getLength(countPurged=False) == 2


def test_plan_page(plan, workshop):
    """The plan shows its sections, version and the workshops it builds on."""
    plan.future_workshops = [relation_to(workshop)]
    notify(ObjectModifiedEvent(plan))
    page = plan.restrictedTraverse("@@action-plan-view")()
    for text in ("Strategien", "Ortsmitte beleben.", "Maßnahmen", "Version 1 vom",
                 "Zukunftswerkstatt Ortsmitte", "Integriertes Handlungskonzept"):  # fmt: skip
        assert text in page
    assert (
        "Handlungskonzept Gomadingen 2035"
        in workshop.restrictedTraverse("@@future-workshop-view")()
    )


def test_workshop_page(workshop):
    """Date, format, participants, results and the public summary."""
    page = workshop.restrictedTraverse("@@future-workshop-view")()
    for text in ("12.04.2025", "Zukunftswerkstatt", "48", "zwölf Projektideen",
                 "Zusammenfassung für die Öffentlichkeit",
                 "Als Praxisbeispiel vorschlagen"):  # fmt: skip
        assert text in page


def test_listed_in_the_team_space(municipality, plan, workshop):
    """The team sees its plan and workshops in its team space, apart from
    the municipality's public profile."""
    page = municipality.restrictedTraverse("@@teamraum")()
    assert "Konzepte, Workshops und Verfahrensschritte" in page
    assert "Handlungskonzept Gomadingen 2035" in page
    profile = municipality.restrictedTraverse("@@municipality-view")()
    assert "Handlungskonzept Gomadingen 2035" not in profile


def test_workshop_becomes_a_practice_example(portal, municipality, workshop):
    """The public summary becomes a draft example of the team's municipality,
    once; the proposer owns it and completes it before submitting."""
    from zumo.policy.errors import UserError
    from zumo.policy.practice_examples import proposals

    example = proposals.propose_from_workshop(workshop)
    assert example.portal_type == "PracticeExample"
    assert api.content.get_state(example) == "private"
    assert example.municipality.to_object == municipality
    assert example.participation_formats == ["zukunftswerkstatt"]
    assert "zwölf Ideen" in example.approach.raw
    assert proposals.proposed_example(workshop) == example
    with pytest.raises(UserError) as error:
        proposals.propose_from_workshop(workshop)
    assert "bereits" in error.value.translate(portal.REQUEST)


def test_no_example_without_summary(portal, workshop):
    """Without a public summary nothing is created, with a German message."""
    from zumo.policy.errors import UserError
    from zumo.policy.practice_examples import proposals

    workshop.public_summary = ""
    before = len(portal["praxisbeispiele"].objectIds())
    with pytest.raises(UserError) as error:
        proposals.propose_from_workshop(workshop)
    assert "Zusammenfassung" in error.value.translate(portal.REQUEST)
    assert len(portal["praxisbeispiele"].objectIds()) == before


def test_review_names_a_plan_of_its_municipality(manager, municipality, plan):
    """A review's plan must lie in the reviewed municipality's team space."""
    from zope.interface import Invalid
    from zumo.content.validators import check_reviewed_plan

    other = api.content.create(
        container=manager["kommunen"], type="Municipality", title="Andere"
    )

    class Data:
        action_plan = plan
        municipality = other

    with pytest.raises(Invalid):
        check_reviewed_plan(Data)
    Data.municipality = municipality
    check_reviewed_plan(Data)


def test_review_pins_the_plan_version(manager, municipality, plan):
    """Starting the review pins the plan's current version; later changes
    to the plan do not change what the review assesses."""
    from zumo.policy.reviews import experts as reviews

    review = api.content.create(
        container=manager["gutachten"],
        type="ExpertReview",
        title="Gutachten Gomadingen",
        municipality=relation_to(municipality),
        action_plan=relation_to(plan),
    )
    assert reviews.assessed_plan(review) is None
    api.content.transition(obj=review, transition="start_review")
    pinned = reviews.assessed_plan(review)
    assert pinned["version_id"] == 0
    assert "Dorfladen gründen." in pinned["measures"]
    plan.measures = html("Alles anders.")
    notify(ObjectModifiedEvent(plan))
    assert plan.version_id == 1
    assert reviews.assessed_plan(review)["version_id"] == 0
    page = review.restrictedTraverse("@@expert-review-view")()
    assert "Begutachtetes Handlungskonzept" in page
    assert "Dorfladen gründen." in page
    assert "Alles anders." not in page


def test_recognition_only_with_consent(manager, municipality):
    """A released, valid review shows on the public profile only when the
    municipality agreed; the content stays confidential."""
    from zumo.content.expert_assessment import CRITERIA
    from zumo.policy.reviews import experts as reviews
    from zumo.policy.reviews import panel

    api.user.create(email="gutachterin@example.org", username="gutachterin")
    review = api.content.create(
        container=manager["gutachten"],
        type="ExpertReview",
        title="Gutachten Gomadingen",
        municipality=relation_to(municipality),
        review_subject="Handlungskonzept 2035",
        level="hoher_standard",
        valid_until=datetime.date.today() + datetime.timedelta(days=400),
        summary=html("Vertrauliche Einschätzung."),
        assigned_experts=["gutachterin"],
    )
    api.content.transition(obj=review, transition="start_review")
    panel.declare(review, "gutachterin")
    assessment = panel.assessment_of(review, "gutachterin")
    for token in CRITERIA:
        setattr(assessment, f"score_{token}", "4")
    api.content.transition(obj=assessment, transition="submit")
    for transition in ("submit", "release"):
        api.content.transition(obj=review, transition=transition)
    assert reviews.recognitions(municipality) == []
    municipality.show_review_recognition = True
    found = reviews.recognitions(municipality)
    assert [item["level"] for item in found] == ["hoher_standard"]
    review.valid_until = datetime.date.today() - datetime.timedelta(days=1)
    assert reviews.recognitions(municipality) == []
    review.valid_until = datetime.date.today() + datetime.timedelta(days=1)
    api.content.transition(obj=municipality, transition="publish")
    logout()
    page = municipality.restrictedTraverse("@@municipality-view")()
    assert "Anerkennung durch das Expertengremium" in page
    assert "Hoher Standard" in page
    assert "Vertrauliche Einschätzung" not in page


def test_each_record_says_its_format(municipality, plan, workshop):
    """A Start-Workshop or a focus group is listed with its own format, not
    as a "(Zukunftswerkstatt)": seed 000 names them as formats of their own."""
    for title, workshop_format in [
        ("Start-Workshop ZUMO", "auftakt"),
        ("Fokusgruppe Jugend", "fokusgruppe"),
    ]:
        api.content.create(container=municipality, type="FutureWorkshop",
                           title=title, date=datetime.date(2024, 5, 8),
                           workshop_format=workshop_format)  # fmt: skip
    page = " ".join(municipality.restrictedTraverse("@@teamraum")().split())
    assert (
        'Start-Workshop ZUMO</a> <span class="text-muted small" >(Start-Workshop)'
        in page
    )
    assert (
        'Fokusgruppe Jugend</a> <span class="text-muted small" >(Fokusgruppen-Workshop)'
        in page
    )
    assert (
        'Zukunftswerkstatt Ortsmitte</a> <span class="text-muted small" >(Zukunftswerkstatt)'
        in page
    )
    assert page.count("(Zukunftswerkstatt)") == 1
