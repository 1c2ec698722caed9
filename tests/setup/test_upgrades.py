"""Upgrade steps bring content made by older versions in line."""

from Acquisition import aq_base
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from tests.fixtures.builders import add
from zope.interface import noLongerProvides
from zumo.content.expert_assessment import CRITERIA
from zumo.content.relations import relation_to
from zumo.content.search import analysis
from zumo.policy.interfaces import ISection
from zumo.policy.upgrades import v1002

import pytest


PROFILE = "zumo.policy:default"


def run_upgrade(portal, source, destination):
    """Upgrade ``zumo.policy:default`` from ``source`` to ``destination`` by
    the steps registered for it, as on a site of that version."""
    portal.portal_setup.setLastVersionForProfile(PROFILE, source)
    portal.portal_setup.upgradeProfile(PROFILE, dest=destination)
    assert portal.portal_setup.getLastVersionForProfile(PROFILE) == (destination,)


@pytest.fixture
def old_site(portal):
    """Content as version 1001 left it: an unmarked section with a published
    page of Plone's workflow, a review whose subject sat in Dublin Core's
    Subject, and an example without consent still readable in full."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    section = portal["qualifizierung"]
    noLongerProvides(section, ISection)
    page = api.content.create(container=section, type="Document", id="einfuehrung")
    page.workflow_history = {
        "simple_publication_workflow": (
            {"review_state": "published", "action": "publish", "actor": "admin",
             "comments": "", "time": page.modified()},
        )
    }  # fmt: skip
    page.reindexObject()
    team = api.content.create(
        container=portal["kommunen"], type="Municipality", id="tuningen"
    )
    review = api.content.create(
        container=portal["gutachten"],
        type="ExpertReview",
        id="alt",
        municipality=relation_to(team),
    )
    review.subject = "Handlungskonzept 2030"
    review.reindexObject()
    example = api.content.create(
        container=portal["praxisbeispiele"],
        type="PracticeExample",
        id="beispiel",
        contact_name="Erika Kontakt",
        contact_consent=False,
    )
    example.manage_permission("zumo: View contact data", ("Anonymous",), acquire=1)
    return portal, page, review, example


def test_1002_moves_content_to_its_workflows_and_fields(old_site):
    """Sections are marked, pages keep their state under the page workflow,
    review subjects leave the keywords, contact data follows consent."""
    portal, page, review, example = old_site
    catalog = api.portal.get_tool("portal_catalog")
    assert review.Subject() != ()

    v1002.upgrade(portal.portal_setup)

    assert ISection.providedBy(portal["qualifizierung"])
    assert api.content.get_state(page) == "published"
    assert catalog(UID=page.UID())[0].review_state == "published"
    assert review.review_subject == "Handlungskonzept 2030"
    assert review.Subject() == ()
    assert "Handlungskonzept 2030" not in catalog.uniqueValuesFor("Subject")
    roles = {
        role["name"]
        for role in example.rolesOfPermission("zumo: View contact data")
        if role["selected"]
    }
    assert "Anonymous" not in roles


@pytest.fixture
def demo_1002(portal):
    """Demo content as version 1002 left it: old KoQuMa token and invented
    format, the old field of action, a group led by a person from the
    sources, a municipality with an invented reference year and no mark."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    pilot = add(portal, "kommunen", "Municipality", "tuningen", title="Tuningen",
                network_status=["zumo_pilot"], population_year=2024)  # fmt: skip
    quiet = add(portal, "kommunen", "Municipality", "stille", title="Stille")
    mentee = add(portal, "kommunen", "Municipality", "hayingen")
    # Made by a script without a user: no creators.
    mentee.creators = ()
    portal["kommunen"].creators = ()
    module = add(portal, "qualifizierung", "QualificationModule", "koquma-5",
                 title="KoQuMa 5: Projektmanagement und Finanzierung",
                 description="Demo-Inhalt: Die Teilnehmenden planen Projekte.",
                 curriculum="koquma", koquma_module="m5_projektmanagement",
                 module_format="hybrid", duration="1 Tag")  # fmt: skip
    example = add(portal, "praxisbeispiele", "PracticeExample", "treff",
                  description="Demo-Inhalt: Ein Treffpunkt.",
                  fields_of_action=["begegnung", "wohnen"])  # fmt: skip
    group = add(portal, "mentoring", "MentoringGroup", "alb",
                description="Demo-Inhalt: Gruppe.",
                facilitators=["Dr. Franziska Lehmann"],
                mentees=[relation_to(mentee)])  # fmt: skip
    return portal, pilot, quiet, mentee, module, example, group


def test_1003_migrates_tokens_and_marks_the_demo(demo_1002):
    """Tokens follow the sources; demo content and the municipalities it
    speaks of are marked; no seed person and no invented year remain."""
    from zumo.policy.upgrades import v1003

    portal, pilot, quiet, mentee, module, example, group = demo_1002

    v1003.upgrade(portal.portal_setup)

    assert module.koquma_module == "m5_welfare_mix"
    assert module.Title() == "KoQuMa-Modul 5: Welfare-Mix vor Ort gestalten"
    assert module.module_format is None and module.duration is None
    assert not module.demo
    assert example.fields_of_action == ["kultur", "wohnen"]
    assert example.demo and group.demo
    assert group.facilitators == ["Dr. Paula Prozessbegleiterin (Demo)"]
    assert pilot.demo and mentee.demo and not quiet.demo
    assert pilot.Description().startswith("Demo-Inhalt: ")
    assert pilot.population_year is None
    # Reading no longer adds a creator: the owner is the creator now.
    assert mentee.creators == (TEST_USER_ID,)
    assert portal["kommunen"].creators
    catalog = api.portal.get_tool("portal_catalog")
    assert [b.getId for b in catalog(zumo_fields_of_action="kultur")] == ["treff"]
    assert len(catalog(portal_type="Municipality")) > 1000


def test_content_1001_indexes_the_markers(portal):
    """ZUMO content indexed before the markers moved is found by them."""
    from Products.CMFCore.indexing import processQueue
    from zumo.content.interfaces import IEntry
    from zumo.content.interfaces import ISpace
    from zumo.content.upgrades import v1001 as content_v1001

    setRoles(portal, TEST_USER_ID, ["Manager"])
    team = api.content.create(container=portal["kommunen"], type="Municipality",
                              id="tuningen")  # fmt: skip
    module = api.content.create(container=portal["qualifizierung"],
                                type="QualificationModule", id="m1")  # fmt: skip
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex("object_provides")
    for obj in (team, module):
        index.unindex_object(catalog.getrid("/".join(obj.getPhysicalPath())))
    assert not catalog(object_provides=ISpace.__identifier__)

    content_v1001.upgrade(portal.portal_setup)

    assert [b.getObject() for b in catalog(object_provides=ISpace.__identifier__)] == [
        team
    ]
    assert [b.getObject() for b in catalog(object_provides=IEntry.__identifier__)] == [
        module
    ]


def test_content_1002_adds_and_fills_the_finder_indexes(portal):
    """Sites older than the finder get its indexes, filled."""
    from zumo.content.upgrades import v1002 as content_v1002

    setRoles(portal, TEST_USER_ID, ["Manager"])
    add(portal, "praxisbeispiele", "PracticeExample", "alt", project_status="laufend")
    catalog = api.portal.get_tool("portal_catalog")
    for name in content_v1002.NEW_INDEXES:
        catalog.delIndex(name)

    content_v1002.upgrade(portal.portal_setup)

    assert [b.getId for b in catalog(zumo_project_status="laufend")] == ["alt"]
    for name, meta_type in content_v1002.NEW_INDEXES.items():
        assert catalog.Indexes[name].meta_type == meta_type


def test_1004_makes_the_finder_the_default_view(portal):
    """/praxisbeispiele of an older site opens the finder after the upgrade."""
    from plone.base.interfaces.syndication import IFeedSettings
    from zumo.policy.interfaces import IPracticeExampleSection
    from zumo.policy.upgrades import v1004

    setRoles(portal, TEST_USER_ID, ["Manager"])
    portal["praxisbeispiele"].setLayout("listing_view")
    v1004.upgrade(portal.portal_setup)
    section = portal["praxisbeispiele"]
    assert section.getLayout() == "practice-example-finder"
    assert IPracticeExampleSection.providedBy(section)
    assert IFeedSettings(section).enabled


def test_1008_and_content_1005_bring_action_plans(portal):
    """A site from before action plans gets the types, their workflow,
    versioning and the teams' permission to add them."""
    from zumo.content.upgrades import v1005 as content_v1005

    setRoles(portal, TEST_USER_ID, ["Manager"])
    types = portal.portal_types
    municipality_fti = types["Municipality"]
    for name in ("ActionPlan", "FutureWorkshop"):
        types.manage_delObjects([name])
    municipality_fti.allowed_content_types = tuple(
        t for t in municipality_fti.allowed_content_types
        if t not in ("ActionPlan", "FutureWorkshop")
    )  # fmt: skip
    portal.portal_workflow.setChainForPortalTypes(["ActionPlan"], ())
    repository = portal.portal_repository
    repository.setVersionableContentTypes(
        [t for t in repository.getVersionableContentTypes() if t != "ActionPlan"]
    )
    content_v1005.upgrade(portal.portal_setup)
    run_upgrade(portal, "1007", "1008")
    assert {"ActionPlan", "FutureWorkshop"} <= set(
        municipality_fti.allowed_content_types
    )
    assert portal.portal_workflow.getChainForPortalType("ActionPlan") == (
        "zumo_space_content_workflow",
    )
    assert "ActionPlan" in repository.getVersionableContentTypes()
    roles = {
        p["name"]
        for p in portal.rolesOfPermission("zumo.content: Add ActionPlan")
        if p["selected"]
    }
    assert {"TeamMember", "TeamModerator", "Institute"} <= roles


def test_1011_creating_grants_nothing_on_existing_content(portal):
    """A module made before 1011 no longer grants its creator anything by
    ownership; creators, feed authors and "send this page" follow the new
    rules."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    module = api.content.create(
        container=portal["qualifizierung"], type="QualificationModule", id="alt"
    )
    module.manage_setLocalRoles("ehemalig", ["Owner"])
    module.manage_permission("View", ("Owner", "Institute"), acquire=False)
    portal.manage_permission("zumo: View creators", (), acquire=True)
    portal.manage_permission("Allow sendto", ("Member",), acquire=True)
    registry = "plone.base.interfaces.syndication.ISiteSyndicationSettings"
    api.portal.set_registry_record(f"{registry}.show_author_info", True)
    run_upgrade(portal, "1010", "1011")
    viewers = {r["name"] for r in module.rolesOfPermission("View") if r["selected"]}
    assert "Owner" not in viewers
    readers = {
        r["name"]
        for r in portal.rolesOfPermission("zumo: View creators")
        if r["selected"]
    }
    assert {"Institute", "Owner"} <= readers
    assert api.portal.get_registry_record(f"{registry}.show_author_info") is False
    senders = {
        r["name"] for r in portal.rolesOfPermission("Allow sendto") if r["selected"]
    }
    assert senders == {"Manager", "Site Administrator"}


def test_1011_versions_follow_edit_and_markers_are_for_administrators(portal):
    """A site of version 1010 gave an object's owner ``Manage properties``
    (marker interfaces) and, on published content, saving a version; after
    the upgrade the rolemap and the content's role mappings say otherwise."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    example = api.content.create(
        container=portal["praxisbeispiele"], type="PracticeExample", id="alt"
    )
    api.content.transition(obj=example, transition="submit")
    api.content.transition(obj=example, transition="publish")
    example.manage_permission(
        "CMFEditions: Save new version", ("Owner", "Manager"), acquire=0
    )
    portal.manage_permission(
        "Manage properties", ("Owner", "Manager", "Site Administrator"), acquire=1
    )

    run_upgrade(portal, "1010", "1011")

    def roles(obj, permission):
        return {
            role["name"]
            for role in obj.rolesOfPermission(permission)
            if role["selected"]
        }

    assert roles(portal, "Manage properties") == {"Manager", "Site Administrator"}
    assert roles(example, "CMFEditions: Save new version") == roles(
        example, "Modify portal content"
    )
    assert "Owner" not in roles(example, "CMFEditions: Save new version")


def test_1012_each_expert_gets_the_sheet_the_panel_shared(portal):
    """A site of version 1011 kept one score sheet on the review and the
    "no conflict" declaration as a role on it; after the upgrade each
    expert has an own assessment with the sheet's scores, submitted for a
    review past its review phase, and the review keeps no sheet."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for userid in ("gutachterin", "gutachter"):
        api.user.create(email=f"{userid}@example.org", username=userid)
    team = api.content.create(
        container=portal["kommunen"], type="Municipality", id="tuningen"
    )
    review = api.content.create(
        container=portal["gutachten"],
        type="ExpertReview",
        id="alt",
        municipality=relation_to(team),
        assigned_experts=["gutachterin", "gutachter"],
    )
    wf = portal.portal_workflow
    (chain,) = wf.getChainFor(review)
    wf.setStatusOf(
        chain,
        review,
        {"review_state": "submitted", "action": "submit", "actor": "admin",
         "comments": "", "time": review.modified()},
    )  # fmt: skip
    for token in CRITERIA:
        setattr(review, f"score_{token}", "3")
        setattr(review, f"comment_{token}", "Solide.")
    review.manage_setLocalRoles("gutachterin", ["AssignedExpert", "DeclaredExpert"])
    review.reindexObject()
    file = api.content.create(container=team, type="File", id="protokoll")
    if hasattr(aq_base(file), "version_id"):
        del file.version_id  # as a file of version 1011: never versioned

    run_upgrade(portal, "1011", "1012")

    assessments = review.assessments()
    assert set(assessments) == {"gutachterin", "gutachter"}
    for assessment in assessments.values():
        assert assessment.is_complete()
        assert getattr(assessment, f"comment_{CRITERIA[0]}") == "Solide."
        assert api.content.get_state(assessment) == "submitted"
    assert not [name for name in vars(review) if name.startswith("score_")]
    assert "DeclaredExpert" not in review.get_local_roles_for_userid("gutachterin")
    assert portal["mentoring"].getLayout() == "mentoring-view"
    assert aq_base(file).version_id is not None


def test_1013_the_public_face(portal):
    """A site of version 1012 had no legal pages, no barrier form, the
    directory not as /kommunen's view and examples published without an
    effective date; after the upgrade it has all, and each example shows
    when it was first made public."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for page in ("impressum", "datenschutz", "barrierefreiheit"):
        api.content.delete(obj=portal[page])
    api.content.delete(obj=portal["mitmachen"]["barriere-melden"])
    portal["kommunen"].setLayout("folder_listing")
    example = add(portal, "praxisbeispiele", "PracticeExample", "alt",
                  title="Alt", to_state="published")  # fmt: skip
    published = example.effective()
    example.setEffectiveDate(None)
    example.reindexObject()

    run_upgrade(portal, "1012", "1013")

    for page in ("impressum", "datenschutz", "barrierefreiheit"):
        assert api.content.get_state(portal[page]) == "published"
    assert "barriere-melden" in portal["mitmachen"]
    assert portal["kommunen"].getLayout() == "municipality-directory"
    assert abs(example.effective() - published) < 1 / 24 / 60
    actions = portal.portal_actions.site_actions
    assert actions.accessibility.url_expr.endswith("/barrierefreiheit")
    assert "impressum" in actions and "datenschutz" in actions


def test_content_1007_fills_the_directorys_index(portal):
    """Municipalities of a site of content version 1006 get their kind in
    the new index."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add(portal, "kommunen", "Municipality", "bitz", title="Bitz", kind="gemeinde")
    catalog = portal.portal_catalog
    catalog.delIndex("zumo_kind")
    content = "zumo.content:default"
    portal.portal_setup.setLastVersionForProfile(content, "1006")
    portal.portal_setup.upgradeProfile(content, dest="1007")
    assert [b.getId for b in catalog(zumo_kind="gemeinde")] == ["bitz"]


def test_1014_the_programmes_procedures(portal):
    """A site of version 1013 had no group of process facilitators, no
    Verfahrensschritt, /qualifizierung without its courses' view and the
    ZWK stages as a mentoring group's milestones; after the upgrade it has
    the group, the type and the view, and the group's stages are its
    mentee's path."""
    from datetime import date
    from zumo.content import procedures

    setRoles(portal, TEST_USER_ID, ["Manager"])
    api.group.delete(groupname="facilitators")
    portal.portal_types.manage_delObjects(["ProcedureStep"])
    portal["qualifizierung"].setLayout("folder_listing")
    hayingen = add(portal, "kommunen", "Municipality", "hayingen",
                   title="Hayingen", programmes=["zwk"])  # fmt: skip
    group = api.content.create(
        container=portal["mentoring"], type="MentoringGroup", title="Gruppe Alb",
        mentees=[relation_to(hayingen)],
    )  # fmt: skip
    group.milestone_kickoff_status = "erreicht"
    group.milestone_kickoff_date = date(2025, 2, 3)

    run_upgrade(portal, "1013", "1014")

    assert api.group.get(groupname="facilitators") is not None
    assert "ProcedureStep" in portal.portal_types
    assert portal["qualifizierung"].getLayout() == "qualification-view"
    kickoff = procedures.path_state(hayingen, "zwk")["steps"][0]
    assert kickoff["status"] == "abgeschlossen"
    assert kickoff["date"] == date(2025, 2, 3)
    assert not hasattr(aq_base(group), "milestone_kickoff_status")


def test_content_1009_puts_the_full_text_on_the_german_lexicon(portal):
    """A site of content version 1008 (the full text on Plone's lexicon, no
    ``zumo_demo`` index, a facet left stale by an old import) gets the
    German lexicon, its texts indexed again with the example's sections:
    "Jugend" finds the "Jugendgemeinderat"; the demo mark is indexed and
    the facet copied from the municipality is true again."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    place = add(portal, "kommunen", "Municipality", "bitz", title="Bitz",
                region="tuebingen", population=3800)  # fmt: skip
    add(portal, "praxisbeispiele", "PracticeExample", "jgr",
        title="Beteiligung in Bitz", approach=RichTextValue("<p>Ein Jugendgemeinderat.</p>"),
        municipality=relation_to(place), demo=True)  # fmt: skip
    catalog = portal.portal_catalog
    assert catalog(portal_type="PracticeExample", zumo_region="tuebingen")
    place.region = "stuttgart"  # as the old master-data import did: no event
    index = catalog._catalog.getIndex("SearchableText")
    index.lexicon_id = "plone_lexicon"
    index.clear()
    catalog.reindexIndex("SearchableText", None)
    catalog.manage_delObjects(["zumo_lexicon"])
    catalog.delIndex("zumo_demo")
    assert not catalog(SearchableText="Jugend")
    assert not catalog(portal_type="PracticeExample", zumo_region="stuttgart")

    content = "zumo.content:default"
    portal.portal_setup.setLastVersionForProfile(content, "1008")
    portal.portal_setup.upgradeProfile(content, dest="1009")

    assert index.lexicon_id == "zumo_lexicon"
    assert [b.getId for b in catalog(SearchableText="Jugend")] == ["jgr"]
    assert [b.getId for b in catalog(zumo_demo=True)] == ["jgr"]
    found = catalog(portal_type="PracticeExample", zumo_region="stuttgart")
    assert [b.getId for b in found] == ["jgr"]


def test_content_1010_indexes_the_full_text_again(portal, monkeypatch):
    """Texts indexed while "Handlungskonzept" was split into Hand, Lungs and
    Konzept are indexed again: "Lungs" no longer finds them, "Handlung"
    and "Konzept" still do."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    old_split = {"Handlungskonzept": ("hand", "lungs", "konzept")}
    parts = analysis.compound_parts
    monkeypatch.setattr(
        analysis, "compound_parts", lambda word: old_split.get(word) or parts(word)
    )
    analysis.word_terms.cache_clear()
    add(portal, "praxisbeispiele", "PracticeExample", "hk",
        title="Handlungskonzept Bitz")  # fmt: skip
    catalog = portal.portal_catalog
    assert [b.getId for b in catalog(SearchableText="Lungs")] == ["hk"]
    monkeypatch.undo()
    analysis.word_terms.cache_clear()

    content = "zumo.content:default"
    portal.portal_setup.setLastVersionForProfile(content, "1009")
    portal.portal_setup.upgradeProfile(content, dest="1010")

    def found(word):
        return [
            b.getId for b in catalog(SearchableText=word, portal_type="PracticeExample")
        ]

    assert not found("Lungs")
    assert found("Handlung") == found("Konzept") == ["hk"]


def test_importing_the_catalog_again_keeps_the_german_full_text(portal):
    """Upgrades import the catalog step again; the German lexicon and the
    index keep their words."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    add(portal, "praxisbeispiele", "PracticeExample", "jgr",
        title="Jugendgemeinderat Bitz")  # fmt: skip
    catalog = portal.portal_catalog
    assert [b.getId for b in catalog(SearchableText="Jugend")] == ["jgr"]
    portal.portal_setup.runImportStepFromProfile(
        "profile-zumo.content:default", "catalog"
    )
    assert catalog._catalog.getIndex("SearchableText").lexicon_id == "zumo_lexicon"
    assert [b.getId for b in catalog(SearchableText="Jugend")] == ["jgr"]
