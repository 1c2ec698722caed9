"""The vocabularies say what the programmes' own documents say, word for word.

Each list below is quoted from the source document named in its comment
(the German source documents the project was created from; see
``src/zumo/content/data/README.md``). A changed or paraphrased title fails.
"""

from pathlib import Path
from zumo.content import procedures
from zumo.content import vocabularies

import pytest


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
        "Förderung der Zusammenarbeit mit Wirtschaft + Zivilgesellschaft (Governance)",
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
    """The rubric has a score and a comment per implementation factor, the
    mentoring group a status and a date per ZWK step: renaming a token
    without its field fails here instead of silently in the form."""
    from zumo.content.expert_assessment import IExpertAssessment
    from zumo.content.mentoring_group import IMentoringGroup

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
    milestones = {name for name in IMentoringGroup if name.startswith("milestone_")}
    assert milestones == {
        f"milestone_{token}_{part}"
        for token, _title in vocabularies.terms("zwk_steps")
        for part in ("status", "date", "notes")
    }


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
SEED_001 = (
    next((Path(__file__).parents[2] / "docs" / "seeds").glob("001_*.txt"))
    .read_text(encoding="utf-8")
    .split("\n")
)


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
