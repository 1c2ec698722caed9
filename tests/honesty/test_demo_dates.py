"""The demo's dates agree with each other and with the programmes' documents.

Dates from the seeds (docs/seeds): ZUMO "Projektdauer: seit 01.2024 bis
heute" (000, line 77) with "zwei ausgewählten Kommunen" in 2024 (000, line
105); the Managementverfahren "im Zeitraum 2013 bis 2014 für insgesamt 20
Kommunen" (001, line 23); the ZWK Fachdiskurs on 06./07. Dezember 2021
(002, line 5), after the "abgeschlossenen Projekt „Demografiewerkstatt
Kommunen (DWK)“" (002, line 17).
"""

from pathlib import Path

import json
import pytest


DEMO = Path(__file__).parents[2] / "src" / "zumo" / "policy" / "profiles" / "demo"
SEEDS = Path(__file__).parents[2] / "docs" / "seeds"
QUOTES = [
    ("000", "Projektdauer:", 75),
    ("000", "seit 01.2024 bis heute", 77),
    ("000", "unter Beteiligung und mit der Expertise von zwei ausgewählten Kommunen", 105),
    ("001", "im Zeitraum 2013 bis 2014 für insgesamt 20 Kommunen", 23),
    ("002", "am 06. und 07. Dezember", 5),
    ("002", "abgeschlossenen Projekt „Demografiewerkstatt Kommunen (DWK)“", 17),
]  # fmt: skip


def network():
    return json.loads((DEMO / "network.json").read_text(encoding="utf-8"))


def examples():
    return json.loads((DEMO / "practice_examples.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("seed", "quote", "line"), QUOTES)
def test_the_dates_are_the_seeds(seed, quote, line):
    """Each date this test holds the demo to stands in its seed's line."""
    text = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    assert quote in text.splitlines()[line - 1]


def test_zumo_examples_only_in_the_two_pilots_after_their_start():
    """ZUMO practice examples lie only in the demo's two ZUMO pilots (the
    document has two selected municipalities), start in 2024 or later and
    not before the pilot's first recorded workshop."""
    pilots = {
        entry["name"]
        for entry in network()["municipalities"]
        if "zumo_pilot" in entry.get("network_status", ())
    }
    assert len(pilots) == 2
    in_zumo = {
        entry["name"]
        for entry in network()["municipalities"]
        if "zumo" in entry.get("programmes", ())
    }
    assert in_zumo == pilots
    first_workshop = {}
    for record in network()["team_records"]:
        dates = [item["date"][:7] for item in record.get("workshops", ())]
        if dates:
            first_workshop[record["municipality"]] = min(dates)
    for idea in examples():
        if "zumo" not in idea["programmes"]:
            continue
        assert set(idea["in"]) <= pilots, idea["title"]
        assert idea["start"] >= "2024-01", idea["title"]
        for place in idea["in"]:
            assert idea["start"] >= first_workshop.get(place, "2024-01"), idea["title"]


def test_imv_examples_start_in_2013_to_2014_in_at_most_20_places():
    """The Managementverfahren ran 2013–2014 for 20 municipalities."""
    places = {
        entry["name"]
        for entry in network()["municipalities"]
        if "imv" in entry.get("programmes", ())
    }
    for idea in examples():
        if "imv" in idea["programmes"]:
            assert "2013-01" <= idea["start"] <= "2014-12", idea["title"]
            places |= set(idea["in"])
    assert len(places) <= 20


def test_zwk_after_its_kick_off_and_dwk_before():
    """ZWK examples start after the Fachdiskurs of December 2021; DWK ones
    before it (the DWK was finished then)."""
    for idea in examples():
        if "zwk" in idea["programmes"]:
            assert idea["start"] >= "2021-12", idea["title"]
        if "dwk" in idea["programmes"]:
            assert idea["start"] < "2021-12", idea["title"]


def test_listed_municipalities_examples_match_their_programmes():
    """A municipality the demo lists with its programmes has examples only
    of those programmes (KoQuMa, a qualification of people, and Quartier
    2030 aside)."""
    programmes = {
        entry["name"]: set(entry.get("programmes", ()))
        for entry in network()["municipalities"] + network()["partners"]
    }
    for idea in examples():
        for place in idea["in"]:
            if place in programmes:
                own = set(idea["programmes"]) - {"koquma", "quartier2030"}
                assert own <= programmes[place], (idea["title"], place)
