"""The vocabularies say what the programmes' own documents say, word for word.

Each list below is quoted from the source document named in its comment
(the German source documents the project was created from; see
``src/zumo/content/data/README.md``). A changed or paraphrased title fails.
"""

from pathlib import Path
from zumo.content import procedures
from zumo.content import vocabularies

import pytest
import re


SEED_003 = Path(__file__).parents[2] / "docs" / "seeds" / "003_d9fc1192377e8d93.txt"
# The slide "Die Umsetzung 6 Faktoren" (from its heading to the last cell).
FACTORS_SLIDE = (177, 282)
DATA_README = (
    Path(__file__).parents[2] / "src" / "zumo" / "content" / "data" / "README.md"
)

# "Qualifizierungsmaßnahme für das kommunale Quartiersmanagement (KoQuMa)",
# Schwerpunkte der Qualifizierung.
KOQUMA_MODULES = [
    "Modul 1: Lokalspezifische Bedarfslagen und Strukturen ermitteln",
    "Modul 2: Sozialräumliche Wohn-, Infra- und Versorgungsstrukturen gestalten",
    "Modul 3: Lokale Beteiligungsstrukturen stärken und selbsttragende Strukturen "
    "aufbauen",
    "Modul 4: Moderation und Netzwerkarbeit",
    "Modul 5: Welfare-Mix vor Ort gestalten",
    "Modul 6: Projektmanagement",
    "Modul 7: Organisations- und Personalentwicklung",
    "Modul 8: Nachhaltige Finanzierung des Quartiersmanagements",
]
# KoQuMa, Zielgruppen der Qualifizierung ("Dies sind u.a.: ...").
KOQUMA_AUDIENCES = [
    "Mittlere Verwaltungsebene",
    "Leitungs- und Entscheidungsebene",
    "Mitarbeitende z.B. der freien Wohlfahrtspflege, die mit der Umsetzung des "
    "Quartiersmanagements von den Kommunen beauftragt sind",
]
# KoQuMa, Ziele: "hinsichtlich ihrer Selbst-, Sozial-, Methoden- und
# Handlungskompetenz gestärkt".
COMPETENCES = [
    "Selbstkompetenz",
    "Sozialkompetenz",
    "Methodenkompetenz",
    "Handlungskompetenz",
]
# "ZUMO - Moderierende für Zukunftsfragen": the headings of "Zukunftsfähigkeit".
ZUMO_TOPICS = [
    "Daseinsvorsorge",
    "Quartiersentwicklung",
    "Lokale Antworten auf den Klimawandel und ein enkelgerechtes Leben",
    "Lebensqualität",
    "Demokratisches Miteinander",
]
# Talk on integrated municipal development: "6 prägende Zukunftstrends".
TRENDS = [
    "Demografischer Wandel",
    "Diversität",
    "Digitalisierung",
    "Demokratie",
    "Daseinsvorsorge",
    "Klimawandel",
]
# Same talk: "Sie verzahnt Arbeit, Wohnen, Integration, Soziales, Bildung,
# Kultur und Umwelt zu einem Gesamtkonzept".
INTEGRATED_AREAS = [
    "Arbeit",
    "Wohnen",
    "Integration",
    "Soziales",
    "Bildung",
    "Kultur",
    "Umwelt",
]
# Same talk: "Die Umsetzung 6 Faktoren", each with the sub-points set below
# it on the slide.
IMPLEMENTATION_FACTORS = {
    "Politische Legitimation sichern": [
        "Mittelbeschaffung",
        "Regelmäßiges Berichtswesen",
        "Überprüfung + ggf. Korrektur von Zielsetzungen",
    ],
    "Planungskonzept entwickeln": [
        "Planungsschwerpunkte definieren",
        "Planungsräume identifizieren",
        "Planungsziele benennen",
        "Steuerungsinstrumente installieren",
    ],
    "Vernetzung gestalten": [
        "Kooperations- und Kommunikationsformate gestalten",
        "Multiprofessionelle Zusammenarbeit sichern",
    ],
    "Ressourcen bündeln": [
        "Zusammenführung von Fachplanung und strategischen Vorgaben",
        "Ressortübergreifende Zusammenarbeit gestalten",
    ],
    "Aktivierung + Beteiligung sichern": [
        "Transparente Kommunikation nach innen + außen",
        "Aufbau neuer bzw. Nutzung bestehender Beteiligungsformate",
        # The slide's cell ends in "Zivilgesellschaft" / "Governance" on two
        # lines, without parentheses (seed 003, lines 269-272).
        "Förderung der Zusammenarbeit mit Wirtschaft + Zivilgesellschaft Governance",
    ],
    "Evaluation und Qualitätssicherung": [
        "Qualitätsziele definieren",
        "Evaluationsformate + zeitliche Intervalle definieren",
        "Zielmatrix entwickeln",
        "Schnittstellen identifizieren",
    ],
}
# Programme names as their documents write them.
PROGRAMMES = {
    "zumo": "ZUMO – Moderierende für Zukunftsfragen",
    "zwk": "Zukunftswerkstatt Kommunen – Attraktiv im Wandel (ZWK)",
    "dwk": "Demografiewerkstatt Kommunen (DWK)",
    "imv": "Integriertes Managementverfahren »Familienfreundliche, bürgeraktive "
    "und demografiesensible Kommune«",
    "koquma": "Qualifizierungsmaßnahme für das kommunale Quartiersmanagement (KoQuMa)",
}


def titles(name):
    return [title for _token, title in vocabularies.terms(name)]


def test_koquma_modules():
    """The eight KoQuMa modules, in order, with the call's titles."""
    assert titles("koquma_modules") == KOQUMA_MODULES


def test_koquma_audiences_and_competences():
    """KoQuMa's three target groups and four competence areas."""
    assert titles("qualification_audiences")[:3] == KOQUMA_AUDIENCES
    assert titles("competences") == COMPETENCES


def test_cohort_formats_are_placeholders_for_the_two_unnamed_formats():
    """KoQuMa, Lernformate: "Die Qualifizierung bietet zwei unterschiedliche
    Formate an:" (seed 004, line 54), and the text ends. Two formats, named
    as placeholders; the quotes the course pages show stand in their lines."""
    assert titles("cohort_formats") == ["Format 1", "Format 2"]
    assert "placeholders defined by this project" in vocabularies.source(
        "cohort_formats"
    )
    (seed,) = (Path(__file__).parents[2] / "docs" / "seeds").glob("004_*.txt")
    lines = seed.read_text(encoding="utf-8").splitlines()
    call = vocabularies.details("cohort_formats", "call")
    assert lines[-1] == call["formats"]["quote"]
    for quote in call.values():
        assert quote["quote"] in lines[quote["line"] - 1], quote["line"]


def test_zumo_topics_and_trends():
    """The five ZUMO fields and the six future trends."""
    assert titles("topics") == ZUMO_TOPICS
    assert titles("trends") == TRENDS


def test_fields_of_action_hold_the_integrated_areas():
    """The seven areas of integrated development lead the fields of action."""
    assert titles("fields_of_action")[:7] == INTEGRATED_AREAS


def test_implementation_factors_with_guidance():
    """The six factors, each with the talk's sub-points."""
    rubric = {
        title: vocabularies.guidance("review_criteria", token)
        for token, title in vocabularies.terms("review_criteria")
    }
    assert rubric == IMPLEMENTATION_FACTORS


def _letters(text):
    """``text`` without spaces and the slide's marks: what is left are the
    words and signs the document writes."""
    return "".join(text.replace("*", "").split())


def test_implementation_factors_are_on_the_slide():
    """Each factor and sub-point is written on the slide with exactly these
    words and signs; only the slide's line breaks (and the hyphens that
    break a word over two lines) and the spaces are not compared. An added
    parenthesis or word fails."""
    lines = SEED_003.read_text(encoding="utf-8").splitlines()
    first, last = FACTORS_SLIDE
    slide = ""
    for line in lines[first - 1 : last]:
        line = line.strip()
        slide += line[:-1] if line.endswith("-") and not line.endswith(" -") else line
    slide = _letters(slide)
    for token, title in vocabularies.terms("review_criteria"):
        for words in [title, *vocabularies.guidance("review_criteria", token)]:
            assert _letters(words) in slide, words


def test_programme_names():
    """Full programme names; the DWK is there."""
    names = dict(vocabularies.terms("programmes"))
    for token, title in PROGRAMMES.items():
        assert names[token] == title


@pytest.mark.parametrize("name", vocabularies.names())
def test_every_vocabulary_names_its_source(name):
    """The data file and its README say where each vocabulary comes from."""
    assert vocabularies.source(name).strip()
    assert f"`{name}`" in DATA_README.read_text(encoding="utf-8")


def test_rubric_guidance_in_the_form(portal):
    """The assessment form explains each factor with its sub-points."""
    from zumo.content.expert_assessment import IExpertAssessment

    description = IExpertAssessment["score_vernetzung"].description
    assert "Multiprofessionelle Zusammenarbeit sichern" in description


def test_fields_follow_their_vocabularies():
    """The rubric has a score and a comment per implementation factor:
    renaming a token without its field fails here instead of silently in
    the form."""
    from zumo.content.expert_assessment import IExpertAssessment

    rubric = {
        name for name in IExpertAssessment if name.startswith(("score_", "comment_"))
    }
    assert rubric == {
        f"{part}_{token}"
        for token, _title in vocabularies.terms("review_criteria")
        for part in ("score", "comment")
    }
    for token, title in vocabularies.terms("review_criteria"):
        assert IExpertAssessment[f"score_{token}"].title == title


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"


def test_target_groups_from_the_fachdiskurs():
    """Two target groups are the ZWK Fachdiskurs' words (seed 002, line 13),
    and the source note says so instead of "the seeds name none"."""
    line = (SEEDS / "002_8ae2d29fef1eba65.txt").read_text(encoding="utf-8")
    line = line.splitlines()[12]
    assert "Alteingesessene Vereinsmitglieder ebenso wie Zugezogene" in line
    found = titles("target_groups")
    for term in ("Alteingesessene Vereinsmitglieder", "Zugezogene"):
        assert term in found and term in line
    assert "name none" not in vocabularies.source("target_groups")
    assert "seed 002" in vocabularies.source("target_groups")


#: Sources outside the seeds that a vocabulary may name instead (official
#: lists the seeds do not give).
PUBLIC_SOURCES = ("Landesverwaltungsgesetz", "Statistisches Bundesamt")
SEED_NAMES = {
    "000": "ZUMO – Moderierende für Zukunftsfragen",
    "001": "Integriertes Managementverfahren",
    "002": "ZWK Fachdiskurs 2021",
    "003": "Impuls zur integrierten Kommunalentwicklung",
    "004": "Ausschreibung KoQuMa",
}


@pytest.mark.parametrize("name", vocabularies.names())
def test_every_source_names_a_seed_or_says_it_is_the_network_s(name):
    """A vocabulary's source names a seed ("seed 000 (…)"), says "defined
    by this project", or names an official public source; a seed it names
    is one of the five, called by its name."""
    source = vocabularies.source(name)
    seeds = re.findall(r"seed (\d{3})", source)
    assert (
        seeds
        or "defined by this project" in source
        or any(public in source for public in PUBLIC_SOURCES)
    ), name
    for number in seeds:
        assert number in SEED_NAMES, (name, number)


@pytest.mark.parametrize("name", vocabularies.names())
def test_own_terms_are_marked_in_the_data(name):
    """A vocabulary defined by this project marks its terms as the
    network's own (``own``), so the screens label them, all but those its
    source note quotes from a seed; a term from outside the seeds (Quartier
    2030) carries its public source."""
    source = vocabularies.source(name)
    if source.startswith("defined by this project") and name in SHOWN_PUBLICLY:
        # a term the source note quotes from a seed is the seed's, not own
        unmarked = [title for token, title in vocabularies.terms(name)
                    if not vocabularies.own(name, token)]  # fmt: skip
        assert all(f"„{title}“" in source for title in unmarked), name
    if name == "programmes":
        own = vocabularies.own(name, "quartier2030")
        assert own["url"] == "https://www.quartier2030-bw.de"
        assert vocabularies.own(name, "zumo") is None


#: Own vocabularies shown on public pages (facts boxes, finder, directory).
SHOWN_PUBLICLY = {"target_groups", "size_classes"}


# "ZUMO - Moderierende für Zukunftsfragen": the formats of its pilot phase
# ("ein Start-Workshop", line 29; "Fokusgruppen-Workshops in Kommunen",
# line 110; "ein Auswertungsworkshop", line 31) and its "Umsetzungskonzept"
# (line 111).
ZUMO_FORMATS = {
    "auftakt": "Start-Workshop",
    "fokusgruppe": "Fokusgruppen-Workshop",
    "evaluation": "Auswertungsworkshop",
}
ZUMO_SEED = SEEDS / "000_4182a7d55e8d9cfb.txt"


def test_zumo_formats_and_umsetzungskonzept():
    """The formats and the plan kind of ZUMO stand in seed 000 as named, and
    their source notes name seed 000, not the project's brief."""
    seed = ZUMO_SEED.read_text(encoding="utf-8")
    formats = dict(vocabularies.terms("workshop_formats"))
    for token, title in ZUMO_FORMATS.items():
        assert formats[token] == title
        assert title.removesuffix("-Workshop") in seed, title
    assert dict(vocabularies.terms("action_plan_kinds"))["umsetzungskonzept"] == (
        "Umsetzungskonzept"
    )
    assert "Umsetzungskonzept" in seed
    assert "seed 000" in vocabularies.source("workshop_formats")
    assert "brief" not in vocabularies.source("workshop_formats")
    assert "seed 000" in vocabularies.source("action_plan_kinds")


# "Integriertes Managementverfahren" (seed 001), line 11: „eine Projektgruppe
# aus Gemeinderat, Verwaltung sowie wichtigen Multiplikatoren der örtlichen
# Bürgerschaft und Wirtschaft“.
PROJECT_GROUP = ["Gemeinderat", "Verwaltung", "Bürgerschaft", "Wirtschaft"]
# The step names of the IMV path that are the document's words, each with
# its line in seed 001; „Externe Begutachtung“ is the network's own.
IMV_STEPS = {
    "Mandat": 11,
    "Projektgruppe": 11,
    "externe Prozessbegleitung": 11,
    "Zukunftswerkstatt": 9,
    "integriertes Handlungskonzept": 11,
    "Rückmeldung und Anerkennung": 19,
    "Fortschreibung des Handlungskonzepts": 17,
}
SEED_001 = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").split("\n")


def test_project_group_categories_are_the_documents():
    """The project group's categories, word for word and in order."""
    titles = [title for _token, title in vocabularies.terms("project_group_categories")]
    assert titles == PROJECT_GROUP
    for title in titles:
        assert title in SEED_001[10]


def test_imv_step_names_are_the_documents():
    """Each step name of the IMV path stands in its line of seed 001; the
    one that does not is marked the network's own."""
    steps = procedures.procedure("imv")["steps"]
    for step in steps:
        word = next((w for w in IMV_STEPS if w.lower() == step["title"].lower()), None)
        if word is None:
            assert step["own"], step["title"]
            continue
        assert word in SEED_001[IMV_STEPS[word] - 1], word
        assert not step["own"], step["title"]


def test_imv_course_quotes_are_in_their_line():
    """The words a course of the IMV qualification shows."""
    for quote in vocabularies.details("curricula", "imv_course").values():
        assert quote["quote"] in SEED_001[quote["line"] - 1]
