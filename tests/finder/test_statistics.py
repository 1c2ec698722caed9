"""/statistik: public figures of published content, internal ones for the
ministry and the institute only."""

from DateTime import DateTime
from lxml import html as lxml_html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from tests.fixtures.builders import add
from zope.annotation.interfaces import IAnnotations
from zumo.content import facets

import csv
import io
import pytest
import transaction


def statistics(portal):
    IAnnotations(portal.REQUEST).clear()  # roles are cached per request
    return api.content.get_view("statistik", portal, portal.REQUEST)


def rows(view, title):
    figure = next(f for f in view.figures() if f["title"] == title)
    return {row["title"]: row["count"] for row in figure["rows"]}


def test_public_figures_count_published_content_only(network):
    """The draft counts nowhere, not even for the site manager."""
    view = statistics(network)
    topic = facets.by_index()["zumo_topics"].title_of
    assert rows(view, "Praxisbeispiele nach ZUMO-Themenfeld") == {
        topic("daseinsvorsorge"): "2",
        topic("quartiersentwicklung"): "1",
        topic("klimawandel"): "1",
    }
    assert rows(view, "Praxisbeispiele nach Jahr des Projektbeginns") == {
        "2024": "2",
        "2023": "1",
        "2022": "1",
    }
    assert rows(view, "Praxisbeispiele nach Regierungsbezirk") == {
        "Regierungsbezirk Tübingen": "2",
        "Regierungsbezirk Freiburg": "2",
    }
    assert view.totals() == {"examples": "4", "municipalities": "2"}


def test_internal_figures_for_ministry_and_institute(network):
    """Pending submissions and reviews per state: not for the public."""
    add(network, "praxisbeispiele", "PracticeExample", "eingereicht",
        title="Eingereicht", to_state="pending")  # fmt: skip
    add(network, "gutachten", "ExpertReview", "g1", title="G1")
    for userid, group in (("ministerin", "ministry"), ("buergerin", "citizens")):
        api.user.create(email=f"{userid}@example.org", username=userid,
                        password="geheim-12345")  # fmt: skip
        api.group.add_user(groupname=group, username=userid)
    login(network, "ministerin")
    internal = statistics(network).internal()
    assert internal["pending"] == "1"
    assert internal["citizens"] == "1"
    assert internal["reviews_total"] == "1"
    assert "Interne Zahlen" in statistics(network)()
    for persona in ("buergerin", None):
        login(network, persona) if persona else logout()
        view = statistics(network)
        assert view.internal() is None
        assert "Interne Zahlen" not in view()
        assert rows(view, "Praxisbeispiele nach Programm") == {}


@pytest.mark.parametrize("user", [None, "buerger"])
def test_over_http_the_public_sees_no_internal_figures(functional_portal,
                                                       request_factory, user):  # fmt: skip
    """Served: /statistik answers everyone, the internal part only inside."""
    if user:
        api.user.create(email="b@example.org", username=user, password="geheim-12345")
        api.group.add_user(groupname="citizens", username=user)
    transaction.commit()
    session = request_factory(
        api=False, basic_auth=(user, "geheim-12345") if user else None
    )
    response = session.get("/statistik")
    assert response.status_code == 200
    assert "Das Netzwerk in Zahlen" in response.text
    assert "Interne Zahlen" not in response.text


def tables(html):
    """``{caption: table element}`` of the page ``html``."""
    document = lxml_html.fromstring(html)
    return {
        " ".join(table.find("caption").text_content().split()): table
        for table in document.iter("table")
        if table.find("caption") is not None
    }


def test_captions_above_and_headings_that_say_what_is_counted(network):
    """Each table starts with its caption, shown above it; the first column
    names what the rows are, the second what is counted — no "Wert"."""
    logout()
    html = statistics(network)()
    found = tables(html)
    assert len(found) == len(statistics(network).figures()) == 8
    for caption, table in found.items():
        assert table[0].tag == "caption", caption
        assert "caption-top" in table.get("class"), caption
    headings = {
        caption: [th.text_content().strip() for th in table.iterfind("thead/tr/th")]
        for caption, table in found.items()
    }
    assert headings["Praxisbeispiele nach ZUMO-Themenfeld"][:2] == [
        "ZUMO-Themenfeld", "Praxisbeispiele"]  # fmt: skip
    assert headings["Kommunen nach Rolle im Netzwerk"][:2] == [
        "Rolle im Netzwerk", "Kommunen"]  # fmt: skip
    assert not any("Wert" in heads for heads in headings.values())


def test_development_by_year_of_publication(network):
    """Examples published per year, by their publication date; an example
    without one counts in the year it was created."""
    examples = network["praxisbeispiele"]
    for oid, year in (("dorfladen", 2023), ("buergerbus", 2023), ("treffpunkt", 2024)):
        examples[oid].effective_date = DateTime(f"{year}/05/01 10:00 Europe/Berlin")
        examples[oid].reindexObject()
    examples["klimaplan"].effective_date = None
    examples["klimaplan"].reindexObject()
    created = str(examples["klimaplan"].created().year())
    view = statistics(network)
    assert rows(view, "Veröffentlichte Praxisbeispiele nach Jahr der Veröffentlichung") == {
        "2023": "2", "2024": "1", created: "1"}  # fmt: skip
    figure = next(f for f in view.figures() if f["id"] == "veroeffentlicht")
    assert [row["title"] for row in figure["rows"]] == sorted({"2023", "2024", created})


def filtered(portal, **form):
    IAnnotations(portal.REQUEST).clear()
    portal.REQUEST.form.clear()
    portal.REQUEST.form.update(form)
    return api.content.get_view("statistik", portal, portal.REQUEST)


def test_filter_by_region_and_programme(network):
    """Every figure counts only what lies in the Regierungsbezirk and the
    programme chosen."""
    examples = network["praxisbeispiele"]
    examples["klimaplan"].programmes = ["zumo"]
    examples["klimaplan"].reindexObject()
    view = filtered(network, zumo_region="tuebingen")
    assert view.totals() == {"examples": "2", "municipalities": "1"}
    assert rows(view, "Praxisbeispiele nach Regierungsbezirk") == {
        "Regierungsbezirk Tübingen": "2"}  # fmt: skip
    assert "Alle Zahlen unten gelten nur für" in view()
    view = filtered(network, zumo_region="freiburg", zumo_programmes="zumo")
    assert view.totals() == {"examples": "1", "municipalities": "0"}
    assert rows(view, "Praxisbeispiele nach ZUMO-Themenfeld") == {
        facets.by_index()["zumo_topics"].title_of("klimawandel"): "1"}  # fmt: skip
    assert "Regierungsbezirk Freiburg, ZUMO – Moderierende für Zukunftsfragen" in view()


@pytest.mark.parametrize("form", [
    {"zumo_region": "mars"},
    {"zumo_region": ["tuebingen", "freiburg"]},
    {"zumo_programmes": "<script>"},
])  # fmt: skip
def test_unknown_filter_values_are_left_out_with_a_german_note(network, form):
    """No error: the figures count without the filter, and say so."""
    view = filtered(network, **form)
    assert view.totals() == {"examples": "4", "municipalities": "2"}
    html = view()
    assert "ist kein bekannter Wert für" in html
    assert "<script>" not in html


def csv_table(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_each_table_downloads_as_csv_with_the_filter(served, request_factory):
    """The page links a CSV file under each table; it holds the table's
    rows as numbers, honours the filter and keeps the demo column."""
    session = request_factory(api=False)
    html = session.get("/statistik", params={"zumo_region": "tuebingen"}).text
    document = lxml_html.fromstring(html)
    links = [
        a.get("href")
        for a in document.iter("a")
        if "statistik.csv" in a.get("href", "")
    ]
    assert len(links) == 8
    assert all("zumo_region=tuebingen" in link for link in links)
    topics = csv_table(session.get(links[0]))
    title = facets.by_index()["zumo_topics"].title_of
    assert topics == [
        ["ZUMO-Themenfeld", "Praxisbeispiele", "davon Demo-Inhalt"],
        [title("daseinsvorsorge"), "2", "1"],
    ]
    assert "Demo-Inhalt" in html
    regions = csv_table(session.get("/@@statistik.csv?tabelle=regierungsbezirke"))
    assert regions[1:] == [["Regierungsbezirk Freiburg", "2", "0"],
                           ["Regierungsbezirk Tübingen", "2", "1"]]  # fmt: skip
    bad = csv_table(session.get("/@@statistik.csv?tabelle=themen&zumo_region=mars"))
    assert len(bad) == 4  # unfiltered: header and three topics


@pytest.mark.parametrize("user", [None, "buerger"])
def test_csv_follows_the_page_s_permissions(served, request_factory, user):
    """The internal table's file only for ministry and institute; a table
    that does not exist is not found."""
    api.user.create(
        email="m@example.org", username="ministerin", password="geheim-12345"
    )
    api.group.add_user(groupname="ministry", username="ministerin")
    if user:
        api.user.create(email="b@example.org", username=user, password="geheim-12345")
        api.group.add_user(groupname="citizens", username=user)
    transaction.commit()
    session = request_factory(
        api=False, basic_auth=(user, "geheim-12345") if user else None
    )
    assert session.get("/@@statistik.csv?tabelle=gutachten").status_code == 404
    assert session.get("/@@statistik.csv?tabelle=erfunden").status_code == 404
    assert session.get("/@@statistik.csv").status_code == 404
    ministry = request_factory(api=False, basic_auth=("ministerin", "geheim-12345"))
    assert "tabelle=gutachten" in ministry.get("/statistik").text
    reviews = csv_table(ministry.get("/@@statistik.csv?tabelle=gutachten"))
    assert reviews[0] == ["Stand", "Gutachten"]
