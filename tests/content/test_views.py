"""The designed Classic UI views render what users need to see."""

from plone import api
from tests.fixtures.builders import html
from zope.interface import alsoProvides
from zumo.content.relations import relation_to
from zumo.policy.browser.reviews import RecognitionViewlet
from zumo.policy.interfaces import IZumoPolicyLayer

import datetime
import pytest
import pytz
import re


def render(obj):
    """Render the default view of ``obj`` as the current user."""
    view = api.content.get_view(obj.getLayout(), obj, obj.REQUEST)
    return view()


@pytest.fixture(autouse=True)
def layer(portal):
    """Mark the request with the browser layers, as on the real site."""
    from zope.interface import alsoProvides
    from zumo.content.interfaces import IZumoContentLayer

    alsoProvides(portal.REQUEST, IZumoContentLayer)


class TestPracticeExampleView:
    def test_sections_and_facts(self, example):
        """Sections, facts box and finder links are shown."""
        page = render(example)
        for shown in ("Ausgangslage", "Der letzte Laden hatte geschlossen.",
                      "Auf einen Blick", "Gomadingen", "zumo_topics=daseinsvorsorge"):  # fmt: skip
            assert shown in page
        assert "KoQuMa 3: Beteiligung und Aktivierung" in page

    def test_contact_hidden_without_consent(self, example):
        """Without consent, the contact person stays hidden."""
        assert "Erika Muster" not in render(example)

    def test_contact_shown_with_consent(self, example):
        """With consent, name and email are shown."""
        example.contact_consent = True
        page = render(example)
        assert "Erika Muster" in page
        assert "mailto:erika@example.org" in page

    def test_attachments(self, example):
        """Files inside are listed as attachments."""
        api.content.create(container=example, type="Link", title="Satzung",
                           remoteUrl="https://example.org")  # fmt: skip
        assert "Satzung" in render(example)

    def test_empty_sections_omitted(self, example):
        """Sections without text get no heading."""
        assert 'id="transferability"' not in render(example)

    def test_does_not_render_the_municipality_page(self, example, monkeypatch):
        """The facts box links the municipality; it never renders its page.

        A TAL path expression calls the object it ends on, so a condition on
        a related object would render that object's whole page and throw it
        away (this once made the practice example twice as slow as a page).
        """
        from zumo.content.browser.views import MunicipalityView

        rendered = []
        monkeypatch.setattr(
            MunicipalityView, "__call__", lambda self: rendered.append(self) or "",
            raising=False,
        )  # fmt: skip
        assert "Gomadingen" in render(example)
        assert rendered == []


class TestMunicipalityView:
    def test_facts(self, municipality):
        """Master data is shown the German way."""
        page = render(municipality)
        for shown in ("2.196", "Regierungsbezirk Tübingen", "08415029",
                      "ZUMO-Pilotkommune"):  # fmt: skip
            assert shown in page

    def test_an_error_in_a_policy_part_stops_the_page(self, municipality, monkeypatch):
        """A part the site policy adds to the page (here the expert panel's
        recognition) that fails stops the page with its error: the manager
        does not hide it behind a note, as Plone's ordered manager would."""
        alsoProvides(municipality.REQUEST, IZumoPolicyLayer)

        def broken(self):
            raise AttributeError("show_review_recognition")

        monkeypatch.setattr(RecognitionViewlet, "recognitions", broken)
        with pytest.raises(AttributeError, match="show_review_recognition"):
            render(municipality)

    def test_lists_its_network(self, manager, municipality, example):
        """Its practice examples, groups and meetings are listed."""
        api.content.create(
            container=manager["mentoring"], type="MentoringGroup",
            title="Gruppe Alb", mentees=[relation_to(municipality)],
        )  # fmt: skip
        api.content.create(
            container=manager["werkstatttreffen"], type="WorkshopMeeting",
            title="Treffen auf der Alb", host_municipality=relation_to(municipality),
        )  # fmt: skip
        page = render(municipality)
        assert "Dorfladen in Bürgerhand" in page
        assert "Gruppe Alb" in page
        assert "Treffen auf der Alb" in page

    def test_hidden_group_not_listed(self, manager, municipality):
        """A group the viewer may not see is not listed."""
        group = api.content.create(
            container=manager["mentoring"], type="MentoringGroup",
            title="Geheime Gruppe", mentees=[relation_to(municipality)],
        )  # fmt: skip
        group.manage_permission("View", [], acquire=False)
        with api.env.adopt_roles(["Member"]):
            assert "Geheime Gruppe" not in render(municipality)


class TestOtherViews:
    def test_mentoring_group(self, manager, municipality):
        """The members' paths side by side (stages with their working
        titles, marked as the network's) and the members are shown."""
        group = api.content.create(
            container=manager["mentoring"], type="MentoringGroup", title="Gruppe",
            mentors=[relation_to(municipality)],
        )  # fmt: skip
        page = render(group)
        assert "Kick-off" in page and "Zwischenbilanz" in page and "Offen" in page
        assert "Arbeitstitel, eigene Festlegung des Netzwerks" in page
        assert "Gomadingen" in page

    def test_workshop_meeting(self, manager, municipality):
        """Dates, place, agenda and registration state are shown."""
        from datetime import datetime
        from datetime import timedelta

        import pytz

        start = pytz.timezone("Europe/Berlin").localize(
            datetime.now() + timedelta(days=30)
        )
        meeting = api.content.create(
            container=manager["werkstatttreffen"], type="WorkshopMeeting",
            title="Treffen", start=start, end=start + timedelta(hours=4),
            location="Rathaus", agenda=html("Begrüßung und Werkstattgruppen"),
            registration_end=start - timedelta(days=3), capacity=40,
        )  # fmt: skip
        page = render(meeting)
        assert start.strftime("%d.%m.%Y") in page
        assert "Rathaus" in page
        assert "Begrüßung und Werkstattgruppen" in page
        assert "Anmeldung geöffnet" in page
        assert "ics_view" in page

    def test_expert_review(self, manager, municipality):
        """The review shows the panel's verdict; an expert's assessment
        shows its rubric as a table with all six implementation factors."""
        review = api.content.create(
            container=manager["gutachten"], type="ExpertReview", title="Gutachten",
            municipality=relation_to(municipality), level="standard",
        )  # fmt: skip
        assert "Standard" in render(review)
        assert "abgelaufen" not in render(review)
        assessment = api.content.create(
            container=review, type="ExpertAssessment", title="Einzelgutachten",
            score_vernetzung="3", comment_vernetzung="Gute Netzwerke",
        )  # fmt: skip
        page = render(assessment)
        assert "<table" in page
        for factor in ("Politische Legitimation sichern", "Ressourcen bündeln",
                       "Evaluation und Qualitätssicherung"):  # fmt: skip
            assert factor in page
        assert "3 – weitgehend erfüllt" in page
        assert "Gute Netzwerke" in page

    def test_expired_review_says_so(self, manager, municipality):
        """A review past its validity date is marked as expired."""
        import datetime

        review = api.content.create(
            container=manager["gutachten"], type="ExpertReview", title="Alt",
            municipality=relation_to(municipality),
            valid_until=datetime.date.today() - datetime.timedelta(days=1),
        )  # fmt: skip
        assert "(abgelaufen)" in render(review)

    def test_qualification_module(self, module):
        """Goals, format and duration are shown."""
        page = render(module)
        assert "Passende Beteiligungsformate wählen." in page
        assert "Präsenz" in page
        assert "2 Tage" in page

    def test_qualification_module_dates_and_place(self, module):
        """The sessions still ahead in Berlin time (summer and winter, typed
        with or without a zone), soonest first; the place."""
        berlin = pytz.timezone("Europe/Berlin")
        module.sessions = [
            berlin.localize(datetime.datetime(2027, 7, 15, 10)),
            datetime.datetime(2027, 1, 20, 10),
            datetime.datetime(2020, 3, 1, 10),
        ]
        module.place = "Haus der Akademie, Stuttgart"
        page = render(module)
        assert "Nächste Termine" in page
        assert page.index("20.01.2027 10:00 Uhr") < page.index("15.07.2027 10:00 Uhr")
        assert "01.03.2020" not in page
        assert "Haus der Akademie, Stuttgart" in page
        module.sessions = [datetime.datetime(2020, 3, 1, 10)]
        assert "Zurzeit sind keine Termine angekündigt." in render(module)

    def test_qualification_module_edit_form_asks_for_dates_and_place(self, module):
        page = module.restrictedTraverse("@@edit")()
        for label in ("Termine", "Ort", "Dauer", "Format"):
            assert re.search(rf"<label[^>]*>\s*{label}\s*<", page), label
