"""The demo network that `make run` loads: the profile ``zumo.policy:demo``."""

from datetime import date
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from plone import api
from zumo.content.relations import related_objects
from zumo.content.vocabularies import terms
from zumo.policy import PACKAGE_NAME
from zumo.policy.setuphandlers import pages
from zumo.policy.setuphandlers.demo import DEMO_MARK
from zumo.policy.setuphandlers.demo import DEMO_PROFILE

import pytest


DEMO = Path(__file__).parents[2] / "src" / "zumo" / "policy" / "profiles" / "demo"
RELATIONS = ("municipality", "host_municipality", "mentors", "mentees")
# Everyone the source documents name (ZUMO, the integrated management
# procedure, the ZWK Fachdiskurs 2021, the talk on integrated development).
SEED_PERSONS = [
    "Martin Ruoff", "Ingrid Engelhart", "Monica Settele", "Paul-Stefan-Roß",
    "Janine Bliestle", "Fridolin Koch", "Franziska Haase", "Jens Ridderbusch",
    "Andreas Reuter", "Stefan Zierke", "Thomas Röbke", "Martina Wegner",
    "Renate Agnes Dümchen", "Ursula Keck", "Elke Ricken-Melchert",
    "Stefan Sternberg", "Klaus Zeitler", "Hanna Drabon", "Franziska Lehmann",
    "Klaus Ludden", "Andreas Kirner", "Dieter Assel", "Peter Maszlen",
]  # fmt: skip


def find(**query):
    """Catalog search over everything, whoever may see it."""
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**query)


@pytest.fixture
def demo(demo_site):
    """The site of the demo layer: the profile ``zumo.policy:demo`` applied
    once per run (``zumo.policy.testing.DEMO_FIXTURE``), each test in its
    sandbox."""
    return demo_site


class TestDemoProfile:
    def test_registered_with_the_data_inside_the_package(self, portal):
        """``zumo.policy:demo`` reads the package's ``profiles/demo`` and
        builds on the site policy."""
        setup_tool = portal.portal_setup
        info = setup_tool.getProfileInfo(DEMO_PROFILE)
        assert Path(info["path"]) == DEMO
        assert (DEMO / "network.json").is_file()
        assert (DEMO / "practice_examples.json").is_file()
        assert setup_tool.getDependenciesForProfile(DEMO_PROFILE) == (
            "profile-zumo.policy:default",
        )

    def test_not_part_of_the_policy(self, portal):
        """Installing the policy leaves the demo out."""
        assert portal.portal_setup.getLastVersionForProfile(DEMO_PROFILE) == "unknown"
        assert not find(portal_type="PracticeExample")

    def test_hidden_from_addons_panel(self, portal):
        """The add-ons control panel never offers the demo to an admin."""
        with api.env.adopt_roles(["Manager"]):
            panel = portal.restrictedTraverse("@@prefs_install_products_form")
            addons = panel.get_addons()
        offered = [
            *addons[PACKAGE_NAME]["other_profiles"],
            *addons[PACKAGE_NAME]["upgrade_profiles"].values(),
        ]
        assert DEMO_PROFILE not in {profile["id"] for profile in offered}


class TestDemoNetwork:
    def test_applied_as_a_profile(self, demo):
        """GenericSetup records the demo profile as applied."""
        setup_tool = demo.portal_setup
        assert setup_tool.getLastVersionForProfile(DEMO_PROFILE) == ("1000",)

    def test_municipalities(self, demo):
        """Over 1,000 municipalities with coordinates, in all four regions."""
        brains = find(portal_type="Municipality")
        assert len(brains) >= 1000
        assert all(brain.zumo_latitude for brain in brains)
        assert {brain.zumo_region for brain in brains if brain.zumo_region} == {
            token for token, _title in terms("regions")
        }

    def test_partners_beyond_baden_wuerttemberg(self, demo):
        """Landkreise of other Länder take part; one group spans the Länder."""
        portal = demo
        partners = {
            obj.Title(): obj
            for obj in portal["kommunen"].objectValues()
            if obj.state != "08"
        }
        assert sorted(partners) == [
            "Kreis Dithmarschen", "Kreis Düren", "Landkreis Ludwigslust-Parchim"
        ]  # fmt: skip
        assert {obj.kind for obj in partners.values()} == {"landkreis"}
        assert all(obj.ags[:2] == obj.state for obj in partners.values())
        members = {
            rel.to_object.Title()
            for group in portal["mentoring"].objectValues()
            for rel in group.mentees
        }
        assert "Kreis Dithmarschen" in members

    def test_two_pilots(self, demo):
        """Exactly two ZUMO pilot municipalities."""
        portal = demo
        pilots = [
            obj
            for obj in portal["kommunen"].objectValues()
            if "zumo_pilot" in (obj.network_status or ())
        ]
        assert sorted(obj.Title() for obj in pilots) == ["Gomadingen", "Tuningen"]

    def test_practice_examples_cover_topics_and_regions(self, demo):
        """At least 60 different examples, across every topic and region."""
        brains = find(portal_type="PracticeExample")
        assert len(brains) >= 60
        assert len({brain.Description for brain in brains}) >= 60
        assert {t for brain in brains for t in brain.zumo_topics} == {
            token for token, _title in terms("topics")
        }
        assert {brain.zumo_region for brain in brains} == {
            token for token, _title in terms("regions")
        }

    def test_groups_meetings_modules_reviews(self, demo):
        """Groups, past and upcoming meetings, modules and reviews exist."""
        from datetime import datetime

        assert len(find(portal_type="MentoringGroup")) == 5
        meetings = find(portal_type="WorkshopMeeting")
        assert len(meetings) == 6
        now = datetime.now(UTC)
        assert any(brain.start < now for brain in meetings)
        assert any(brain.start > now for brain in meetings)
        modules = find(portal_type="QualificationModule")
        assert len(modules) >= 13
        assert len(find(portal_type="ExpertReview")) >= 4

    def test_action_plan_with_two_versions_and_a_review(self, demo):
        """A pilot team's action plan builds on its documented
        Zukunftswerkstätten; the review assessed its first version, the
        plan has been updated since; the municipality shows the recognition."""
        from zumo.policy.reviews import experts as reviews

        # the pilots' Umsetzungskonzepte are action plans of another kind
        (brain,) = [b for b in find(portal_type="ActionPlan")
                    if b._unrestrictedGetObject().plan_kind == "handlungskonzept"]  # fmt: skip
        plan = brain._unrestrictedGetObject()
        assert plan.version_id == 1
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_roles(["Manager"]):
            history = repository.getHistoryMetadata(plan)
        assert history.getLength(countPurged=False) == 2
        assert len(plan.future_workshops) == 3
        assert {b.portal_type for b in find(path=brain.getPath().rsplit("/", 1)[0],
                                            portal_type="FutureWorkshop")} == {
            "FutureWorkshop"
        }  # fmt: skip
        (review,) = [
            b._unrestrictedGetObject()
            for b in find(portal_type="ExpertReview", review_state="released")
            if b._unrestrictedGetObject().action_plan is not None
        ]
        pinned = reviews.assessed_plan(review)
        assert pinned["version_id"] == 0
        assert pinned["uid"] == plan.UID()
        assert "Probebetrieb" not in pinned["measures"]
        assert "Probebetrieb" in plan.measures.raw
        municipality = plan.aq_parent
        assert [r["subject"] for r in reviews.recognitions(municipality)] == [
            "Handlungskonzept Tuningen 2035"
        ]

    def test_qualification_records(self, demo):
        """Personas have enrolled in, attended and completed ZUMO modules."""
        from zumo.policy.qualification import participation as qualification

        with api.env.adopt_roles(["Manager"]):
            found = qualification.records_of_users(["kommune-a", "buerger"])
        assert sorted((r["userid"], r["status"]) for r in found) == [
            ("buerger", "enrolled"),
            ("kommune-a", "attended"),
            ("kommune-a", "completed"),
            ("kommune-a", "enrolled"),
        ]

    def test_marked_as_demo(self, demo):
        """Every invented item says so, in its field and its description
        (the site's own pages are not demo content: they mark what the
        operator fills in with "Demo-Angabe", see test_legal_pages)."""
        site_pages = {f"/plone/{page['id']}" for page in pages.pages()}
        for portal_type in ("PracticeExample", "MentoringGroup", "WorkshopMeeting",
                            "ExpertReview", "Document", "ActionPlan",
                            "FutureWorkshop", "QualificationCohort"):  # fmt: skip
            brains = [
                brain
                for brain in find(portal_type=portal_type)
                if brain.getPath() not in site_pages
            ]
            assert brains, portal_type
            for brain in brains:
                assert brain.Description.startswith(DEMO_MARK), brain.getPath()
                assert brain._unrestrictedGetObject().demo is True, brain.getPath()

    def test_modules_koquma_from_the_call_zumo_marked(self, demo):
        """KoQuMa modules quote the call and are not marked; ZUMO ones are."""
        modules = [
            b._unrestrictedGetObject() for b in find(portal_type="QualificationModule")
        ]
        koquma = sorted(
            (m for m in modules if m.curriculum == "koquma"), key=lambda m: m.position
        )
        assert [m.Title() for m in koquma] == [
            f"KoQuMa-{title}" for _token, title in terms("koquma_modules")
        ]
        for module in koquma:
            assert not module.demo
            assert module.audiences == [
                "mittlere_verwaltungsebene", "leitungsebene", "wohlfahrtspflege"
            ]  # fmt: skip
            assert len(module.competences) == 4
            # The call names no formats or durations: none are invented.
            assert module.module_format is None and not module.duration
        zumo = [m for m in modules if m.curriculum == "zumo"]
        assert zumo and all(m.demo for m in zumo)

    def test_koquma_courses_one_per_format(self, demo):
        """One KoQuMa course per format, open, marked demo, dated one under
        way and one ahead, each with posts in its group space; kommune-a
        takes part in none (it enrols in the journey)."""
        courses = [
            b._unrestrictedGetObject() for b in find(portal_type="QualificationCohort")
        ]
        # The IMV qualification's demo course is tested in tests/imv/test_demo.py.
        courses = [course for course in courses if course.curriculum == "koquma"]
        assert sorted(c.cohort_format for c in courses) == ["format_1", "format_2"]
        today = date.today()
        for course in courses:
            assert course.demo and course.curriculum == "koquma"
            assert api.content.get_state(course) == "open"
            assert course.start < course.end
            posts = course.objectValues()
            assert posts and all(post.demo for post in posts)
            assert not course.get_local_roles_for_userid("kommune-a")
        assert sorted(course.start > today for course in courses) == [False, True]

    def test_every_claimed_municipality_is_marked(self, demo):
        """A municipality the demo says anything about carries the mark."""
        portal = demo
        claimed = set()
        for obj in portal["kommunen"].objectValues():
            if obj.network_status or obj.programmes or obj.text:
                claimed.add(obj.Title())
        for brain in find(portal_type=["PracticeExample", "ExpertReview",
                                       "WorkshopMeeting", "MentoringGroup"]):  # fmt: skip
            related = related_objects(brain._unrestrictedGetObject(), RELATIONS)
            claimed.update(obj.Title() for obj in related)
        assert len(claimed) >= 60
        flagged = {obj.Title() for obj in portal["kommunen"].objectValues() if obj.demo}
        assert flagged == claimed
        for obj in portal["kommunen"].objectValues():
            marked = bool(obj.demo) and obj.Description().startswith(DEMO_MARK)
            assert marked == (obj.Title() in claimed), obj.Title()

    def test_public_pages_and_api_show_the_mark(self, demo):
        """Each marked municipality's public page and REST answer say "Demo"."""
        from plone.app.testing import logout
        from plone.restapi.interfaces import ISerializeToJson
        from zope.component import getMultiAdapter

        portal = demo
        marked = [
            obj
            for obj in portal["kommunen"].objectValues()
            if obj.demo and api.content.get_state(obj) == "published"
        ]
        assert len(marked) >= 60
        logout()
        request = portal.REQUEST
        for obj in marked:
            html = obj.restrictedTraverse("@@municipality-view")()
            note = html.split('class="alert alert-warning zumo-demo-note"')
            assert len(note) == 2, obj.Title()
            assert "Rolle im Netzwerk, Programme und Profiltext" in note[1], obj.Title()
            data = getMultiAdapter((obj, request), ISerializeToJson)()
            assert data["demo"] is True, obj.Title()
            assert data["description"].startswith(DEMO_MARK), obj.Title()
        example = find(portal_type="PracticeExample", review_state="published")[0]
        html = example.getObject().restrictedTraverse("@@practice-example-view")()
        assert "zumo-demo-note" in html

    def test_no_person_from_the_sources(self, demo):
        """People in the demo are fictional: no one the sources name."""
        portal = demo
        texts = [path.read_text(encoding="utf-8") for path in DEMO.glob("*.json")]
        for group in portal["mentoring"].objectValues():
            texts.extend(group.facilitators)
        for user in api.user.get_users():
            texts.append(user.getProperty("fullname") or "")
        for person in SEED_PERSONS:
            assert not any(person in text for text in texts), person

    def test_dates_agree_with_the_sources(self, demo):
        """ZUMO since 01/2024; the integrated management procedure 2013-2014
        for 20 municipalities; ZWK after its kick-off in December 2021."""
        imv_places = set()
        for brain in find(portal_type="PracticeExample"):
            obj = brain._unrestrictedGetObject()
            if "zumo" in obj.programmes:
                assert obj.start >= date(2024, 1, 1), brain.getPath()
            if "imv" in obj.programmes:
                assert 2013 <= obj.start.year <= 2014, brain.getPath()
                imv_places.add(obj.municipality.to_object.Title())
            if "zwk" in obj.programmes:
                assert obj.start >= date(2021, 12, 1), brain.getPath()
            if obj.end is not None:
                assert obj.end >= obj.start
        portal = demo
        imv_places |= {
            obj.Title()
            for obj in portal["kommunen"].objectValues()
            if "imv" in (obj.programmes or ())
        }
        assert len(imv_places) <= 20

    def test_published_examples_have_their_own_dates(self, demo):
        """Each published example was published on its own day within the
        last year, after its project started (a planned one before), and
        written that day: the open data and the feed never say 1969."""
        today = date.today()
        days = []
        for brain in find(portal_type="PracticeExample", review_state="published"):
            obj = brain._unrestrictedGetObject()
            published = obj.effective().asdatetime().date()
            assert obj.EffectiveDate() != "None", brain.getPath()
            assert brain.effective.year() > 2000, brain.getPath()
            assert today - timedelta(days=366) <= published < today, brain.getPath()
            if obj.project_status != "geplant":
                assert obj.start <= published, brain.getPath()
            assert obj.created() <= obj.effective() <= obj.modified()
            days.append(published)
        assert len(set(days)) == len(days) > 30
        for brain in find(portal_type="PracticeExample", review_state="pending"):
            assert brain._unrestrictedGetObject().EffectiveDate() == "None"

    def test_master_data_say_what_they_are(self, demo):
        """Every municipality has its Landkreis and names its source; parts
        of a Gemeinde say so; no reference year is invented."""
        portal = demo
        titles = {obj.Title() for obj in portal["kommunen"].objectValues()}
        for obj in portal["kommunen"].objectValues():
            assert obj.district, obj.Title()
            assert obj.population_year is None, obj.Title()
            assert obj.master_data_source, obj.Title()
            if obj.kind == "gemeindeteil":
                assert obj.part_of in titles, obj.Title()
            else:
                assert obj.ags and obj.ags[:2] == obj.state, obj.Title()

    def test_a_panel_of_two_at_work(self, demo):
        """A review in progress has both demo experts on its panel, each
        with an own assessment: one submitted, one not yet declared."""
        from zumo.policy.reviews import panel

        (brain,) = find(portal_type="ExpertReview", review_state="in_review")
        review = brain._unrestrictedGetObject()
        assert review.assigned_experts == ["expertin", "expertin2"]
        states = {
            userid: api.content.get_state(assessment)
            for userid, assessment in review.assessments().items()
        }
        assert states == {"expertin": "submitted", "expertin2": "draft"}
        assert panel.declaration_of(review, "expertin2") is None
        assert sorted(review.get_local_roles_for_userid("expertin2")) == [
            "AssignedExpert"
        ]

    @pytest.mark.parametrize(
        "portal_type,states",
        [
            ("PracticeExample", {"private", "pending", "published"}),
            ("Municipality", {"private", "published"}),
            ("MentoringGroup", {"private"}),
            ("WorkshopMeeting", {"planned", "announced", "documented"}),
            ("ExpertReview", {"requested", "in_review", "submitted", "released"}),
            ("ExpertAssessment", {"draft", "submitted"}),
            ("QualificationModule", {"private", "published"}),
            ("Document", {"internal"}),
        ],
    )
    def test_every_workflow_state(self, demo, portal_type, states):
        """The demo holds content in every state of every workflow (the
        site's own pages, which are not demo content, left aside)."""
        site_pages = {f"/plone/{page['id']}" for page in pages.pages()}
        found = find(portal_type=portal_type)
        assert {
            brain.review_state for brain in found if brain.getPath() not in site_pages
        } == states

    def test_personas(self, demo):
        """The personas exist in their groups, with their rosters."""
        from zumo.policy.spaces.roster import roster

        portal = demo
        groups = {
            "ministerium": "ministry", "institut": "institute", "expertin": "experts",
            "expertin2": "experts", "kommune-a": "municipalities",
            "kommune-b": "municipalities", "buerger": "citizens",
        }  # fmt: skip
        for userid, group in groups.items():
            assert group in [g.getId() for g in api.group.get_groups(username=userid)]
        team = {m["userid"] for m in roster(portal["kommunen"]["tuningen"])}
        assert team == {"kommune-a"}
