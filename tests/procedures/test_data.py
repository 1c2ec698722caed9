"""The paths of ``data/procedures.json``: faithful to their documents."""

from pathlib import Path
from plone import api
from zumo.content import procedures

import json
import pytest


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"
STEPS = [
    (name, step)
    for name, path in procedures.PROCEDURES.items()
    for step in path["steps"]
]


def seed_lines(number):
    """The lines of seed ``number`` (``"000"``), numbered from 1."""
    found = next(SEEDS.glob(f"{number}_*.txt"))
    return found.read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize(
    "name,step", STEPS, ids=[f"{name}-{step['id']}" for name, step in STEPS]
)
def test_every_quote_is_in_its_line(name, step):
    """Each quote stands word for word in the line of the seed it names."""
    for quote in step["quotes"]:
        line = seed_lines(quote["seed"])[quote["line"] - 1]
        assert quote["quote"] in line, (name, step["id"], quote["line"])


@pytest.mark.parametrize(
    "name,step", STEPS, ids=[f"{name}-{step['id']}" for name, step in STEPS]
)
def test_every_record_type_exists(integration, name, step):
    """A step is documented by a type the site has, with field values its
    schema knows, or by a function that exists."""
    record = step["record"]
    if "portal_type" in record:
        fti = api.portal.get_tool("portal_types").getTypeInfo(record["portal_type"])
        assert fti is not None, record["portal_type"]
        schema = fti.lookupSchema()
        for field, value in record.items():
            if field in procedures.RECORD_KEYS:
                continue
            schema[field].validate(value)
    for key in ("check", "link"):
        if key in record:
            assert callable(procedures.resolve(record[key]))


def test_a_step_without_a_source_is_marked_own():
    """A step that quotes nothing is the network's own, and says so."""
    for _name, step in STEPS:
        assert step["quotes"] or step["own"], step["id"]


def test_zumo_path_in_the_order_of_the_document():
    """The ZUMO pilot cycle: application, Situationsanalyse, selection,
    Start-Workshop, focus groups, Umsetzungskonzept, Auswertungsworkshop."""
    assert [step["id"] for step in procedures.procedure("zumo")["steps"]] == [
        "bewerbung",
        "situationsanalyse",
        "auswahl",
        "start_workshop",
        "fokusgruppen",
        "umsetzungskonzept",
        "auswertungsworkshop",
    ]
    assert procedures.procedure("zumo")["source"]["seed"] == "000"


@pytest.mark.parametrize(
    "broken,message",
    [
        ({"x": {"title": "X", "programme": "zumo", "source": {}}}, "no 'steps'"),
        (
            {"x": {"title": "X", "programme": "zumo", "source": {}, "steps": [
                {"id": "a", "title": "A", "quotes": [], "own": True, "record": {}}
            ]}},
            "portal_type or a check",
        ),
        (
            {"x": {"title": "X", "programme": "zumo", "source": {}, "steps": [
                {"id": "a", "title": "A", "quotes": [{"seed": "000"}], "own": False,
                 "record": {"portal_type": "ProcedureStep"}}
            ]}},
            "seed, line and quote",
        ),
    ],
)  # fmt: skip
def test_a_broken_file_stops_with_a_message(broken, message):
    """The data is checked when it is read; a broken entry is named."""
    with pytest.raises(ValueError, match=message):
        procedures._validated(json.loads(json.dumps(broken)))
