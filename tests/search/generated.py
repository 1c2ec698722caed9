"""A sample of the benchmark's generated practice examples, built once.

The examples come from ``benchmarks/generate.py`` (its ``example_values``
and seed): the same kind of word-list texts the scale benchmark measures,
in six municipalities whose names hold umlauts, ß and two words. The layer
keeps each example's source text, so the search-quality set judges them
without the search engine.
"""

from lxml import html
from pathlib import Path
from plone import api
from plone.app.testing import FunctionalTesting
from tests.fixtures.builders import add
from zumo.policy.bulk.municipalities import MASTER_DATA
from zumo.policy.testing import ContentFixture
from zumo.policy.testing import WSGI_SERVER_FIXTURE

import csv
import importlib.util
import random


#: The benchmark's generator (``benchmarks`` is no package).
GENERATOR = Path(__file__).parents[2] / "benchmarks" / "generate.py"
#: How many generated examples the sample holds.
SAMPLE = 240
#: The places of the sample, as the master data names them.
PLACES = (
    "Tübingen", "Göppingen", "Schwäbisch Gmünd", "Großbottwar", "Überlingen",
    "Bad Säckingen",
)  # fmt: skip


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_text(values):
    """The words of a generated example as written: title, description, text."""
    body = html.fromstring(values["initial_situation"].raw).text_content()
    return " ".join((values["title"], values["description"], body))


class GeneratedLayer(ContentFixture):
    """``SAMPLE`` published generated examples; ``texts`` holds the source
    text of each by id."""

    kind = "generated"

    def build(self, portal):
        """Create the places and the examples."""
        generate = _generator()
        with open(MASTER_DATA, encoding="utf-8") as rows:
            master = {row["name"]: row for row in csv.DictReader(rows)}
        places = [
            add(portal, "kommunen", "Municipality", f"ort-{number}", title=name,
                ags=master[name]["ags"], region=master[name]["region"],
                district=master[name]["district"],
                population=int(master[name]["population"]), to_state="published")
            for number, name in enumerate(PLACES)
        ]  # fmt: skip
        rng = random.Random(generate.SEED)
        self.texts = {}
        with api.env.adopt_roles(["Manager"]):
            for number in range(SAMPLE):
                values = generate.example_values(rng, number, rng.choice(places))
                self.texts[values["id"]] = source_text(values)
                add(portal, "praxisbeispiele", "PracticeExample",
                    values.pop("id"), to_state="published", **values)  # fmt: skip


GENERATED_FIXTURE = GeneratedLayer()

GENERATED_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(GENERATED_FIXTURE, WSGI_SERVER_FIXTURE),
    name="ZumoGeneratedLayer:FunctionalTesting",
)
