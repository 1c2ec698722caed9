"""Load the demo network (the profile ``zumo.policy:demo``) into a new site.

The demo is data: ``network.json`` and ``practice_examples.json`` in the
profile's directory (``profiles/demo``) describe
municipalities, mentoring groups, meetings, modules, reviews and practice
examples; this module only turns them into content. Meeting and group dates
are relative to the day of loading, so there are always past and upcoming
meetings; practice examples carry their own dates, within the periods the
programmes' documents give.

Demo honesty: the municipalities are real (master data), what the demo says
about them is invented. Everything invented is marked (field ``demo`` of the
behavior ``zumo.demo``, and "Demo-Inhalt" in descriptions and texts), and
so is every municipality the demo says something about. The KoQuMa modules
quote their programme's call for participants and are not marked; the
KoQuMa courses (their dates, places, participants and posts) are invented
and marked.
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from tqdm import tqdm
from zumo.content import procedures
from zumo.content import step_names
from zumo.content.action_plan import PLAN_SECTIONS
from zumo.content.practice_example import SECTIONS
from zumo.content.qualification_module import koquma_call
from zumo.content.relations import relation_to
from zumo.content.vocabularies import terms
from zumo.policy import logger
from zumo.policy.bulk.municipalities import import_municipalities
from zumo.policy.bulk.report import add_content
from zumo.policy.mail import silenced
from zumo.policy.meetings.registration import register
from zumo.policy.monitoring.records import add_row
from zumo.policy.monitoring.records import record_value
from zumo.policy.qualification import participation
from zumo.policy.reviews.panel import assessment_of
from zumo.policy.reviews.panel import declare
from zumo.policy.reviews.panel import record_verdict
from zumo.policy.spaces.roster import set_category
from zumo.policy.spaces.roster import set_facilitator
from zumo.policy.spaces.roster import set_member

import json
import os
import pytz


DEMO_MARK = "Demo-Inhalt: "
MUNICIPALITY_NOTE = (
    "Rolle, Programme, Profiltext und die verknüpften Praxisbeispiele, Gruppen, "
    "Treffen und Gutachten dieser Kommune sind für die Vorführung erfunden; "
    "echt sind nur die Stammdaten."
)
DEFAULT_PASSWORD = "zumo-demo"
DEMO_PROFILE = "zumo.policy:demo"
# pytz, as plone.app.event stores it: zoneinfo objects do not pickle in the ZODB.
TIMEZONE = pytz.timezone("Europe/Berlin")


def _html(text):
    return RichTextValue(f"<p>{text}</p>", "text/html", "text/x-html-safe")


def _add_workshop(space, item):
    """Document the workshop ``item`` (``network.json``) in ``space``, with
    the agreements of a Start-Workshop where it has them."""
    agreements = {"agreed_topics": item.get("agreed_topics", [])}
    if "agreed_procedure" in item:
        agreements["agreed_procedure"] = _html(item["agreed_procedure"])
    return add_content(
        space,
        portal_type="FutureWorkshop",
        title=item["title"],
        description=DEMO_MARK + "Dokumentation des Teams.",
        date=date.fromisoformat(item["date"]),
        workshop_format=item["format"],
        participants=item.get("participants"),
        results=_html(item["results"]),
        public_summary=item.get("public_summary"),
        **agreements,
        demo=True,
    )


def _add_action_plan(space, plan, kind, **values):
    """File the action plan ``plan`` (``network.json``) in ``space``; its
    description names its ``kind`` ("Handlungskonzept", …)."""
    return add_content(
        space,
        portal_type="ActionPlan",
        title=plan["title"],
        description=f"{DEMO_MARK}{kind} der Kommune.",
        plan_kind=plan["plan_kind"],
        adopted=date.fromisoformat(plan["adopted"]),
        horizon=plan.get("horizon"),
        demo=True,
        **{name: _html(plan[name]) for name in PLAN_SECTIONS if name in plan},
        **values,
    )


def _session(entry):
    """A module's session ``{"days": 21, "time": "09:30"}``: that many days
    after the day of loading, at that time in Berlin."""
    day = date.today() + timedelta(days=entry["days"])
    hour, minute = (int(part) for part in entry["time"].split(":"))
    return TIMEZONE.localize(datetime(day.year, day.month, day.day, hour, minute))


def _month(value, day):
    """Return the date of ``day`` in the month ``value`` (``"2024-03"``)."""
    year, month = value.split("-")
    return date(int(year), int(month), day)


class DemoLoader:
    """Creates the demo network from the files in ``path``."""

    def __init__(self, site, path, progress=True, password=None):
        self.site = site
        self.password = password or os.environ.get(
            "ZUMO_DEMO_PASSWORD", DEFAULT_PASSWORD
        )
        self.path = Path(path)
        self.progress = progress
        self.network = json.loads((self.path / "network.json").read_text("utf-8"))
        self.municipalities = {}
        self.modules = []
        #: Names of the municipalities the demo claims something about.
        self.claimed = set()

    def load(self):
        """Create everything; return a dict of counts per kind."""
        report = import_municipalities(self.site["kommunen"], progress=self.progress)
        logger.info("Municipalities: %s", report.summary())
        for line, message in report.errors:
            logger.warning("Zeile %s: %s", line, message)
        for obj in self.site["kommunen"].objectValues():
            self.municipalities.setdefault(obj.Title(), obj)
        counts = {"municipalities": report.created + report.updated}
        counts["partners"] = self.create_partners()
        counts["profiles"] = self.enrich_municipalities()
        counts["personas"] = self.create_personas()
        counts["modules"] = self.create_modules()
        counts["qualification_records"] = self.record_qualification()
        counts["mentoring_groups"] = self.create_mentoring_groups()
        counts["rosters"] = self.fill_rosters()
        counts["qualification_cohorts"] = self.create_cohorts()
        counts["team_documents"] = self.create_team_documents()
        counts["team_records"] = self.create_team_records()
        counts["procedure_records"] = self.create_procedure_records()
        counts["imv_rounds"] = self.walk_imv_round()
        counts["meetings"] = self.create_meetings()
        counts["reviews"] = self.create_reviews()
        counts["plan_updates"] = self.update_action_plans()
        counts["monitoring"] = self.create_monitoring()
        counts["practice_examples"] = self.create_practice_examples()
        counts["marked_municipalities"] = self.mark_claimed_municipalities()
        return counts

    def municipality(self, name):
        """Return the municipality called ``name``; ``KeyError`` if unknown.

        The demo claims something about it, so it is marked as demo content
        at the end (:meth:`mark_claimed_municipalities`).
        """
        obj = self.municipalities[name]
        self.claimed.add(name)
        return obj

    def create_partners(self):
        """Create the partners beyond Baden-Württemberg (Landkreise), published."""
        container = self.site["kommunen"]
        for entry in self.network["partners"]:
            if entry["name"] in self.municipalities:
                continue
            obj = add_content(
                container,
                portal_type="Municipality",
                title=entry["name"],
                kind=entry["kind"],
                state=entry["state"],
                ags=entry["ags"],
                district=entry["district"],
                latitude=entry["latitude"],
                longitude=entry["longitude"],
                master_data_source=self.network["partner_source"],
            )
            api.content.transition(obj=obj, to_state="published")
            self.municipalities[entry["name"]] = obj
        return len(self.network["partners"])

    def enrich_municipalities(self):
        """Add the invented programmes, roles and profile texts; unpublish some."""
        for entry in self.network["municipalities"] + self.network["partners"]:
            obj = self.municipality(entry["name"])
            obj.programmes = entry.get("programmes", [])
            obj.network_status = entry.get("network_status", [])
            obj.website = entry.get("website")
            obj.show_review_recognition = entry.get("show_review_recognition", False)
            if entry.get("text"):
                obj.text = _html(DEMO_MARK + entry["text"])
            obj.reindexObject()
            if entry.get("state") == "private":
                api.content.transition(obj=obj, transition="retract")
        return len(self.network["municipalities"]) + len(self.network["partners"])

    def mark_claimed_municipalities(self):
        """Mark every municipality the demo says something about."""
        for name in sorted(self.claimed):
            obj = self.municipalities[name]
            obj.demo = True
            obj.description = DEMO_MARK + MUNICIPALITY_NOTE
            obj.reindexObject()
        return len(self.claimed)

    def create_personas(self):
        """Create the demo users and put them into their groups."""
        for persona in self.network["personas"]:
            if api.user.get(userid=persona["id"]) is None:
                api.user.create(
                    username=persona["id"],
                    email=persona["email"],
                    password=self.password,
                    properties={"fullname": persona["fullname"]},
                )
            for group in persona["groups"]:
                api.group.add_user(groupname=group, username=persona["id"])
        return len(self.network["personas"])

    def space(self, name):
        """Return the municipality or mentoring group called ``name``."""
        if name in self.municipalities:
            return self.municipalities[name]
        for group in self.site["mentoring"].objectValues():
            if group.Title() == name:
                return group
        raise KeyError(name)

    def fill_rosters(self):
        """Put the personas on the rosters of their spaces."""
        count = 0
        for persona in self.network["personas"]:
            for space, role in persona.get("rosters", ()):
                set_member(self.space(space), persona["id"], role)
                count += 1
        return count

    def create_team_documents(self):
        """File a document in each space a persona works in."""
        count = 0
        for persona in self.network["personas"]:
            for name, _role in persona.get("rosters", ()):
                with api.env.adopt_user(username=persona["id"]):
                    add_content(
                        self.space(name),
                        portal_type="Document",
                        title=f"Arbeitsstand {name}",
                        description=DEMO_MARK + "Internes Protokoll des Teams.",
                        demo=True,
                        text=_html(
                            "Verabredungen aus dem letzten Treffen: Termine mit dem "
                            "Gemeinderat, Aufgaben bis zum nächsten Werkstatttreffen."
                        ),
                    )
                count += 1
        return count

    def create_team_records(self):
        """Document the Zukunftswerkstätten of a team and file its action
        plan, which builds on them (as the team's persona)."""
        count = 0
        self.action_plans = {}
        for entry in self.network["team_records"]:
            space = self.municipality(entry["municipality"])
            with api.env.adopt_user(username=entry["author"]):
                workshops = {}
                for item in entry["workshops"]:
                    workshops[item["title"]] = _add_workshop(space, item)
                    count += 1
                plan = entry["action_plan"]
                self.action_plans[plan["title"]] = _add_action_plan(
                    space,
                    plan,
                    "Handlungskonzept",
                    future_workshops=[
                        relation_to(workshops[title]) for title in plan["workshops"]
                    ],
                )
                count += 1
        return count

    def walk_imv_round(self):
        """A later round of the integrated management procedure (seed 001
        dates its offer 2013 to 2014; this round is the demo's invention,
        and its notes say so): the mandate as the team documents it, with
        the council's decision as a document, the project group's make-up
        on the roster and the process facilitator named by the
        institute."""
        entry = self.network["imv_round"]
        space = self.municipality(entry["municipality"])
        mandate = entry["mandate"]
        with api.env.adopt_user(username=mandate["author"]):
            step = add_content(
                space,
                portal_type="ProcedureStep",
                title=mandate["title"],
                description=DEMO_MARK + "Verfahrensschritt des Teams.",
                procedure="imv",
                step="imv_mandat",
                status=mandate["status"],
                decided_by=mandate["decided_by"],
                date=date.fromisoformat(mandate["date"]),
                notes=_html(mandate["notes"]),
                demo=True,
            )
            for document in mandate["documents"]:
                add_content(
                    step,
                    portal_type="Document",
                    title=document["title"],
                    description=DEMO_MARK + "Dokument des Teams.",
                    text=_html(document["text"]),
                    demo=True,
                )
        for userid, category in entry["project_group"]:
            set_category(space, userid, category)
        set_facilitator(space, entry["facilitator"])
        return 1

    def create_procedure_records(self):
        """Walk the ZUMO pilots' paths (``procedures`` of the network): name
        the team's partners, document the steps (the selection as the
        institute), the workshops and the Umsetzungskonzept, each as the
        one who documents it. The dates follow seed 000: ZUMO since 01/2024,
        the pilot phase in 2024, its Auswertungsworkshop in the first
        quarter of 2025."""
        count = 0
        for entry in self.network["procedures"]:
            space = self.municipality(entry["municipality"])
            for name, value in entry["partners"].items():
                setattr(space, name, value)
            for item in entry["steps"]:
                with api.env.adopt_user(username=item.get("author", entry["author"])):
                    step = add_content(
                        space,
                        portal_type="ProcedureStep",
                        title=item["title"],
                        description=DEMO_MARK + "Verfahrensschritt des Teams.",
                        procedure=entry["procedure"],
                        step=item["step"],
                        status=item["status"],
                        date=date.fromisoformat(item["date"]),
                        notes=_html(item["notes"]),
                        demo=True,
                    )
                    for document in item.get("documents", ()):
                        add_content(
                            step,
                            portal_type="Document",
                            title=document["title"],
                            description=DEMO_MARK + "Dokument des Teams.",
                            text=_html(document["text"]),
                            demo=True,
                        )
                count += 1
            with api.env.adopt_user(username=entry["author"]):
                for item in entry["workshops"]:
                    _add_workshop(space, item)
                    count += 1
                _add_action_plan(space, entry["plan"], "Umsetzungskonzept")
                count += 1
        return count

    def update_action_plans(self):
        """Update each action plan once after its review has started: a
        second version, while the review keeps the one it assessed."""
        repository = api.portal.get_tool("portal_repository")
        count = 0
        for entry in self.network["team_records"]:
            plan = entry["action_plan"]
            obj = self.action_plans[plan["title"]]
            update = plan["update"]
            with api.env.adopt_user(username=entry["author"]):
                for name in PLAN_SECTIONS:
                    if name in update:
                        setattr(obj, name, _html(update[name]))
                obj.reindexObject()  # also the modification date
                repository.save(obj=obj, comment=update["comment"])
            count += 1
        return count

    def create_monitoring(self):
        """The Kommunalmonitoring of a team (as the team's persona): its
        indicators with their values, a Zielmatrix on its action plan
        whose first row's evaluation is due (``next_in_days`` from the day
        of loading), and its self-assessments. Return how many records."""
        count = 0
        for entry in self.network["monitoring"]:
            space = self.municipality(entry["municipality"])
            with api.env.adopt_user(username=entry["author"]):
                indicators = {}
                for item in entry["indicators"]:
                    indicator = add_content(
                        space,
                        portal_type="Indicator",
                        title=item["title"],
                        description=DEMO_MARK + "Indikator des Teams.",
                        unit=item["unit"],
                        demo=True,
                    )
                    for day, value, source in item["values"]:
                        record_value(indicator, day, value, source)
                    indicators[item["title"]] = indicator
                    count += 1
                plan = entry["target_matrix"]
                matrix = add_content(
                    space,
                    portal_type="TargetMatrix",
                    title=plan["title"],
                    description=DEMO_MARK + "Zielmatrix des Teams.",
                    action_plan=relation_to(self.action_plans[plan["action_plan"]]),
                    demo=True,
                )
                for row in plan["rows"]:
                    next_date = date.today() + timedelta(days=row["next_in_days"])
                    add_row(
                        matrix,
                        row["goal"],
                        row["measure"],
                        indicators[row["indicator"]].UID(),
                        row["target"],
                        row["interval"],
                        next_date.isoformat(),
                    )
                count += 1
                criteria = [token for token, _title in terms("review_criteria")]
                for item in entry["self_assessments"]:
                    add_content(
                        space,
                        portal_type="SelfAssessment",
                        title="Selbsteinschätzung "
                        + date.fromisoformat(item["date"]).strftime("%d.%m.%Y"),
                        description=DEMO_MARK + item["note"],
                        date=date.fromisoformat(item["date"]),
                        demo=True,
                        **{
                            f"score_{token}": str(score)
                            for token, score in zip(
                                criteria, item["scores"], strict=True
                            )
                        },
                    )
                    count += 1
        return count

    def create_modules(self):
        """Create the KoQuMa modules and the ZUMO curriculum, published.

        The eight KoQuMa modules are what the KoQuMa call says of them
        (:func:`zumo.content.qualification_module.koquma_call`); the demo only
        files them under topics (the call names no dates or places, so none
        are given). The ZUMO curriculum is still being developed: its
        modules, their places and sessions (days from the day of loading)
        are demo content.
        """
        container = self.site["qualifizierung"]
        for entry in self.network["modules"]:
            if "koquma_module" not in entry:
                continue
            call = koquma_call(entry["koquma_module"])
            title = call.pop("title")
            # The call's title: "Kommunale Quartiersentwicklung".
            module = add_content(
                container,
                portal_type="QualificationModule",
                title=title,
                topics=entry["topics"],
                **call,
            )
            api.content.transition(obj=module, to_state="published")
            self.modules.append(module)
        for entry in self.network["modules"]:
            if entry.get("curriculum") != "zumo":
                continue
            module = add_content(
                container,
                portal_type="QualificationModule",
                title=entry["title"],
                description=DEMO_MARK + entry["goals"],
                curriculum=entry["curriculum"],
                position=entry.get("position"),
                module_format=entry["format"],
                duration=entry["duration"],
                place=entry["place"],
                sessions=[_session(item) for item in entry["sessions"]],
                goals=_html(entry["goals"]),
                topics=entry["topics"],
                audiences=entry["audiences"],
                demo=True,
            )
            if entry.get("state", "published") == "published":
                api.content.transition(obj=module, to_state="published")
            self.modules.append(module)
        return len(self.modules)

    def record_qualification(self):
        """Enrol personas in ZUMO modules and record how far they got."""
        by_title = {
            module.Title(): module
            for module in self.site["qualifizierung"].objectValues()
        }
        for entry in self.network["qualification"]:
            module = by_title[entry["module"]]
            participation.enrol(module, entry["person"])
            if entry["status"] != "enrolled":
                participation.record(module, entry["person"], entry["status"])
        return len(self.network["qualification"])

    def create_cohorts(self):
        """Create the KoQuMa courses, one per format, and the courses of the
        integrated management procedure's qualification
        (``imv_qualification_cohorts``, no format), open for enrolment,
        with their participants and the posts in their group spaces.

        The call names no courses, dates or places: all of it is demo
        content, dated relative to the day of loading (one course under
        way, one starting soon).
        """
        container = self.site["qualifizierung"]
        courses = [
            ("koquma", entry, "Kurs der KoQuMa-Qualifizierung mit Gruppenraum "
             "für den Austausch der Teilnehmenden.")
            for entry in self.network["qualification_cohorts"]
        ] + [
            ("imv", entry, "Kurs der Qualifizierung »Kommunales Familien- & "
             "Demografie-Management« mit Gruppenraum für Erfahrungsaustausch "
             "und kollegiales Coaching.")
            for entry in self.network["imv_qualification_cohorts"]
        ]  # fmt: skip
        for curriculum, entry, description in courses:
            cohort = add_content(
                container,
                portal_type="QualificationCohort",
                title=entry["title"],
                description=DEMO_MARK + description,
                curriculum=curriculum,
                cohort_format=entry.get("cohort_format"),
                start=date.today() + timedelta(days=entry["start_days"]),
                end=date.today() + timedelta(days=entry["end_days"]),
                place=entry["place"],
                capacity=entry["capacity"],
                schedule=_html(entry["schedule"]),
                demo=True,
            )
            api.content.transition(obj=cohort, transition="announce")
            for userid, role in entry["rosters"]:
                set_member(cohort, userid, role)
            for post in entry["posts"]:
                with api.env.adopt_user(username=post["author"]):
                    add_content(
                        cohort,
                        portal_type="Document",
                        title=post["title"],
                        description=DEMO_MARK + "Beitrag im Gruppenraum des Kurses.",
                        demo=True,
                        text=_html(post["text"]),
                    )
        return len(courses)

    def create_mentoring_groups(self):
        """Create the mentoring groups (private spaces); each mentee walks
        the ZWK path in its team space, as far as its group's
        ``done_steps`` say (demo records)."""
        container = self.site["mentoring"]
        stages = procedures.procedure(step_names.PATH)["steps"]
        for entry in self.network["mentoring_groups"]:
            start = date.today() + timedelta(days=entry["start_days"])
            add_content(
                container,
                portal_type="MentoringGroup",
                title=entry["title"],
                description=DEMO_MARK
                + "Gruppe aus Mentor- und Mentee-Kommunen; jede Kommune geht "
                "ihren Weg in fünf Stufen zur Demografiestrategie.",
                mentors=[relation_to(self.municipality(n)) for n in entry["mentors"]],
                mentees=[relation_to(self.municipality(n)) for n in entry["mentees"]],
                facilitators=entry["facilitators"],
                topics=entry["topics"],
                start=start,
                demo=True,
            )
            for name in entry["mentees"]:
                for index, stage in enumerate(stages[: entry["done_steps"] + 1]):
                    done = index < entry["done_steps"]
                    values = {
                        key: value
                        for key, value in stage["record"].items()
                        if key not in procedures.RECORD_KEYS
                    }
                    if stage["record"]["portal_type"] == "ProcedureStep":
                        values.update(
                            procedure=step_names.PATH,
                            step=stage["id"],
                            status=procedures.DONE if done else procedures.IN_PROGRESS,
                        )
                    # A workshop not yet held is left for the team to
                    # document; a stage in work began on its day.
                    if not done and "workshop_format" in values:
                        continue
                    day = start + timedelta(days=60 * index)
                    add_content(
                        self.municipality(name),
                        portal_type=stage["record"]["portal_type"],
                        title=stage["title"],
                        description=DEMO_MARK
                        + "Stufe auf dem Weg zur Demografiestrategie.",
                        date=day,
                        demo=True,
                        **values,
                    )
        return len(self.network["mentoring_groups"])

    def create_meetings(self):
        """Create the workshop meetings; past ones carry documentation."""
        container = self.site["werkstatttreffen"]
        for entry in self.network["meetings"]:
            day = date.today() + timedelta(days=entry["days"])
            start = TIMEZONE.localize(datetime(day.year, day.month, day.day, 10))
            meeting = add_content(
                container,
                portal_type="WorkshopMeeting",
                title=entry["title"],
                description=DEMO_MARK
                + "Regionales Werkstatttreffen mit Austausch der Kommunen.",
                start=start,
                end=start + timedelta(hours=6),
                timezone="Europe/Berlin",
                location=entry["location"],
                region=entry["region"],
                host_municipality=relation_to(self.municipality(entry["host"])),
                topics=entry["topics"],
                capacity=entry["capacity"],
                demo=True,
                # Open for three months: the meeting two months ahead takes
                # registrations whatever the hour the demo is loaded.
                registration_start=start - timedelta(days=90),
                registration_end=start - timedelta(days=7),
                agenda=RichTextValue(
                    "<ul><li>10:00 Ankommen und Begrüßung</li>"
                    "<li>10:30 Impuls aus der gastgebenden Kommune</li>"
                    "<li>11:30 Werkstattgruppen</li>"
                    "<li>13:00 Mittagessen</li>"
                    "<li>14:00 Ergebnisse und Verabredungen</li>"
                    "<li>16:00 Ende</li></ul>",
                    "text/html",
                    "text/x-html-safe",
                ),
                documentation=_html(
                    "Die Teilnehmenden haben Erfahrungen ausgetauscht und drei "
                    "Verabredungen für die nächsten Monate getroffen."
                )
                if entry["documented"]
                else None,
            )
            if entry["state"] != "planned":
                api.content.transition(obj=meeting, transition="announce")
            if entry["state"] == "documented":
                api.content.transition(obj=meeting, transition="document")
            for person in entry.get("registrations", ()):
                register(meeting, person, quiet=True,
                                              userid=person["userid"])  # fmt: skip
        return len(self.network["meetings"])

    def create_reviews(self):
        """Create the expert reviews (confidential, private), each with its
        panel: every expert writes their own assessment."""
        container = self.site["gutachten"]
        for entry in self.network["reviews"]:
            review = add_content(
                container,
                portal_type="ExpertReview",
                title=entry["title"],
                description=DEMO_MARK + "Gutachten des Expertengremiums.",
                municipality=relation_to(self.municipality(entry["municipality"])),
                review_subject=entry["subject"],
                assigned_experts=[item["expert"] for item in entry["assessments"]],
                demo=True,
            )
            if entry.get("action_plan"):
                review.action_plan = relation_to(
                    self.action_plans[entry["action_plan"]]
                )
            self.advance_review(review, entry)
        return len(self.network["reviews"])

    def advance_review(self, review, entry):
        """Move a review through its workflow up to ``entry["state"]``: each
        expert declares, scores and submits as far as their ``progress``
        says, then the institute records the verdict and releases."""
        steps = ["requested", "in_review", "submitted", "released"]
        target = steps.index(entry["state"])
        if target < 1:
            return
        api.content.transition(obj=review, transition="start_review")
        criteria = [token for token, _title in terms("review_criteria")]
        for item in entry["assessments"]:
            if item["progress"] == "assigned":
                continue
            declare(review, item["expert"], statement="Keine Verbindung zur Kommune.")
            assessment = assessment_of(review, item["expert"])
            for token, score in zip(criteria, item["scores"], strict=False):
                setattr(assessment, f"score_{token}", str(score))
            assessment.text = _html(item["text"])
            if item["progress"] == "submitted":
                api.content.transition(obj=assessment, transition="submit")
        if target < 2:
            return
        record_verdict(
            review,
            entry["level"],
            date.today() + timedelta(days=365 * entry["valid_years"]),
            "Das Gremium würdigt den Prozess und die breite Beteiligung.",
            show_assessments=entry.get("show_assessments", False),
        )
        if target >= 3:
            api.content.transition(obj=review, transition="release")

    def create_practice_examples(self):
        """Create the practice examples, each idea in each of its places.

        The published ones were published one after another, one every
        ``published_every_days`` (``network.json``) up to a few days before
        the day of loading, in the order of the file: the last is the
        newest. Their projects started before (the planned ones start
        later); written and published the same day.
        """
        ideas = json.loads(
            (self.path / "practice_examples.json").read_text(encoding="utf-8")
        )
        container = self.site["praxisbeispiele"]
        placed = [(idea, name) for idea in ideas for name in idea["in"]]
        every = self.network["practice_example_states"]
        step = every["published_every_days"]
        proposers = [
            persona["id"]
            for persona in self.network["personas"]
            if set(persona["groups"]) & {"citizens", "municipalities"}
        ]
        for number, (idea, name) in enumerate(
            tqdm(placed, desc="Praxisbeispiele", disable=not self.progress)
        ):
            state = "published"
            if number % every["pending_every"] == 1:
                state = "pending"
            elif number % every["private_every"] == 2:
                state = "private"
            municipality = self.municipality(name)
            start = _month(idea["start"], day=1)
            end = _month(idea["end"], day=28) if "end" in idea else None
            texts = {
                section: _html(idea[section].replace("{kommune}", name))
                for section in SECTIONS
            }
            modules = [
                relation_to(module)
                for module in self.modules
                if set(module.topics or ()) & set(idea["topics"])
            ][:2]
            values = dict(
                portal_type="PracticeExample",
                title=f"{idea['title']} in {name}",
                description=DEMO_MARK + idea["summary"],
                municipality=relation_to(municipality),
                start=start,
                end=end,
                project_status=idea["status"],
                topics=idea["topics"],
                trends=idea["trends"],
                fields_of_action=idea["fields_of_action"],
                target_groups=idea["target_groups"],
                participation_formats=idea["participation_formats"],
                programmes=idea["programmes"],
                related_modules=modules,
                contact_name="Verwaltung " + name,
                contact_role="Ansprechstelle für das Projekt",
                contact_email="info@example.org",
                contact_consent=number % 2 == 0,
                demo=True,
                **texts,
            )
            if state == "published":
                published = TIMEZONE.localize(
                    datetime.combine(
                        date.today() - timedelta(days=(len(placed) - number) * step),
                        time(9, number % 60),
                    )
                )
                # written, then published the same day: the page's
                # "Veröffentlicht" and "Stand", the feed and the open data
                # tell one story
                stamp = DateTime(published.isoformat())
                example = add_content(
                    container,
                    creation_date=stamp,
                    effective_date=stamp,
                    modification_date=stamp,
                    **values,
                )
                api.content.transition(obj=example, transition="submit")
                api.content.transition(obj=example, transition="publish")
                continue
            # Proposals in progress belong to the citizens and municipal staff
            # who made them.
            with api.env.adopt_user(username=proposers[number % len(proposers)]):
                example = add_content(container, **values)
                if state == "pending":
                    api.content.transition(obj=example, transition="submit")
        return len(placed)


def load_demo(site, progress=True):
    """Load the demo network from the profile ``zumo.policy:demo``'s
    directory into ``site``; return counts.

    The demo personas get the password ``ZUMO_DEMO_PASSWORD`` (default
    ``zumo-demo``). Nobody is notified of what the demo creates.
    """
    path = site.portal_setup.getProfileInfo(DEMO_PROFILE)["path"]
    with silenced():
        return DemoLoader(site, path, progress=progress).load()


def import_demo(context):
    """Load the demo network with progress bars and log its counts.

    The ``post_handler`` of ``zumo.policy:demo``; ``context`` is
    ``portal_setup``.
    """
    logger.info("Loading the demo network (profile %s)", DEMO_PROFILE)
    counts = load_demo(api.portal.get())
    logger.info(
        "Demo network: %s",
        ", ".join(f"{count} {kind}" for kind, count in counts.items()),
    )
