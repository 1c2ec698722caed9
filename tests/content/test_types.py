"""The six ZUMO types: FTIs, schemas, behaviors and where they may be added."""

from plone import api
from plone.dexterity.fti import DexterityFTI
from zope.component import createObject

import pytest


TYPES = {
    "PracticeExample": ("Praxisbeispiel", "praxisbeispiele"),
    "Municipality": ("Kommune", "kommunen"),
    "MentoringGroup": ("Mentoring-Gruppe", "mentoring"),
    "WorkshopMeeting": ("Werkstatttreffen", "werkstatttreffen"),
    "ExpertReview": ("Gutachten (Expertengremium)", "gutachten"),
    "QualificationModule": ("Qualifizierungsmodul", "qualifizierung"),
}

FIELDS = {
    "PracticeExample": [
        "initial_situation", "goals", "approach", "results", "success_factors",
        "transferability", "resources", "start", "end", "project_status",
        "contact_name", "contact_role", "contact_email", "contact_phone",
        "contact_consent", "municipality", "fields_of_action",
        "participation_formats", "related_modules",
    ],
    "Municipality": [
        "ags", "district", "region", "population", "population_year",
        "network_status", "website", "contact_email",
        "contact_phone",
    ],
    "MentoringGroup": [
        "mentors", "mentees", "facilitators", "start",
    ],
    "WorkshopMeeting": [
        "region", "host_municipality", "agenda", "capacity",
        "registration_start", "registration_end", "documentation",
    ],
    "ExpertReview": [
        "municipality", "review_subject", "assigned_experts", "level",
        "summary", "recommendation", "valid_until", "show_assessments",
    ],
    "QualificationModule": [
        "curriculum", "koquma_module", "goals", "module_format", "duration",
        "materials",
    ],
}  # fmt: skip

BEHAVIORS = {
    "PracticeExample": ["plone.leadimage", "plone.versioning", "plone.relateditems",
                        "plone.locking", "plone.shortname",
                        "plone.excludefromnavigation", "zumo.topics",
                        "zumo.geolocation", "zumo.programmes"],
    "Municipality": ["plone.leadimage", "plone.versioning", "zumo.geolocation",
                     "zumo.programmes"],
    "MentoringGroup": ["plone.versioning", "plone.locking", "zumo.topics"],
    "WorkshopMeeting": ["plone.eventbasic", "plone.eventlocation", "plone.versioning"],
    "ExpertReview": ["plone.versioning", "plone.locking"],
    "QualificationModule": ["plone.leadimage", "zumo.topics"],
}  # fmt: skip


@pytest.mark.parametrize("portal_type,expected", TYPES.items())
def test_fti(portal, portal_type, expected):
    """Each type has a Dexterity FTI with its German title."""
    fti = api.portal.get_tool("portal_types")[portal_type]
    assert isinstance(fti, DexterityFTI)
    assert fti.Title() == expected[0]


@pytest.mark.parametrize("portal_type", TYPES)
def test_factory(portal, portal_type):
    """The factory creates an object of the type's class."""
    fti = api.portal.get_tool("portal_types")[portal_type]
    obj = createObject(fti.factory)
    assert obj.__class__.__name__ == portal_type


#: What each type is: a space with a roster or an entry of the knowledge
#: base; about one municipality or not.
KINDS = {
    "PracticeExample": ("IEntry", "IConcernsMunicipality"),
    "Municipality": ("ISpace", "IConcernsMunicipality"),
    "MentoringGroup": ("ISpace",),
    "WorkshopMeeting": ("IEntry", "IConcernsMunicipality"),
    "ExpertReview": ("IEntry", "IConcernsMunicipality"),
    "QualificationModule": ("IEntry",),
}


@pytest.mark.parametrize("portal_type,kinds", KINDS.items())
def test_markers(portal, portal_type, kinds):
    """The classes say what each type is; workflows, indexers and views follow."""
    from zumo.content import interfaces

    fti = api.portal.get_tool("portal_types")[portal_type]
    obj = createObject(fti.factory)
    assert interfaces.IZumoContent.providedBy(obj)
    for name in ("ISpace", "IEntry", "IConcernsMunicipality"):
        assert getattr(interfaces, name).providedBy(obj) == (name in kinds), name


@pytest.mark.parametrize("portal_type,fields", FIELDS.items())
def test_schema_fields(portal, portal_type, fields):
    """The schema offers the fields the design asks for."""
    fti = api.portal.get_tool("portal_types")[portal_type]
    schema = fti.lookupSchema()
    assert set(fields) <= set(schema.names())


@pytest.mark.parametrize("portal_type,behaviors", BEHAVIORS.items())
def test_behaviors(portal, portal_type, behaviors):
    """The behaviors an editor expects are enabled."""
    fti = api.portal.get_tool("portal_types")[portal_type]
    assert set(behaviors) <= set(fti.behaviors)


@pytest.mark.parametrize("portal_type,expected", TYPES.items())
def test_addable_in_its_section(manager, portal_type, expected):
    """Each type can be added in its own section of the site."""
    section = manager[expected[1]]
    obj = api.content.create(container=section, type=portal_type, title="Test")
    assert obj.portal_type == portal_type


@pytest.mark.parametrize("portal_type,expected", TYPES.items())
def test_not_addable_in_other_sections(manager, portal_type, expected):
    """No ZUMO type can be added in another type's section."""
    others = [section for _, section in TYPES.values() if section != expected[1]]
    for section in others:
        allowed = [fti.getId() for fti in manager[section].allowedContentTypes()]
        assert portal_type not in allowed, section


def test_expert_assessment_type(portal):
    """An expert's own assessment (Einzelgutachten): the rubric and a text,
    only inside a review and added by nobody by hand (the panel code makes
    it); the review keeps only the panel's joint verdict."""
    from zumo.content.expert_assessment import IExpertAssessment
    from zumo.content.expert_review import IExpertReview

    fti = api.portal.get_tool("portal_types")["ExpertAssessment"]
    assert fti.Title() == "Einzelgutachten"
    assert not fti.global_allow
    assert fti.add_permission == "zumo.content.AddExpertAssessment"
    assert {"score_legitimation", "comment_evaluation", "text"} <= set(
        IExpertAssessment.names()
    )
    assert not [name for name in IExpertReview if name.startswith("score_")]
    review_fti = api.portal.get_tool("portal_types")["ExpertReview"]
    assert "ExpertAssessment" in review_fti.allowed_content_types


def test_team_space_takes_documents(municipality):
    """A municipality's team space takes documents, files and folders."""
    allowed = {fti.getId() for fti in municipality.allowedContentTypes()}
    assert {"Document", "File", "Image", "Folder"} <= allowed
    assert "PracticeExample" not in allowed


def test_meeting_is_an_event(manager):
    """Workshop meetings are events (iCal, calendar)."""
    from plone.event.interfaces import IEvent

    meeting = api.content.create(
        container=manager["werkstatttreffen"], type="WorkshopMeeting", title="Treffen"
    )
    assert IEvent.providedBy(meeting)


def test_municipality_size_class(municipality):
    """The size class is derived from the population."""
    assert municipality.size_class == "2000_5000"
    municipality.population = 25000
    assert municipality.size_class == "ab_20000"
