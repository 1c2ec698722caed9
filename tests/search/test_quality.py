"""The search-quality set of issue 30: German queries with judged results.

Each query of ``quality.json`` goes through the two ways a visitor or a
program searches practice examples: the finder (``/praxisbeispiele``, its
view in-process, as the finder's own tests call it) and REST ``@search``
(over HTTP, ``portal_type=PracticeExample``). Both search as a site
manager, so every example of the demo network counts (the private and
pending ones too): the set measures the text search, the leak and
permission suites measure who sees what.

Per query:

* recall: the judged relevant examples found anywhere in the results (all
  pages, as a visitor who pages on), over the judged relevant ones;
* precision: the judged relevant examples on the first page (20, the
  finder's page; all results if fewer), over the results on that page;
  0 when nothing is found. The first page is what a visitor reads, so a
  search that buries the relevant examples under others loses precision
  even when its recall is complete.

A misspelt query is measured as a visitor uses it: when the channel offers
a "Meinten Sie …?" suggestion (the finder shows it as a link, REST
``@search`` answers with a top-level ``suggestion``), the suggestion is
followed once and its results count.

Each test records its rows; ``tests/conftest.py`` prints the table, the
averages per kind and the macro averages per channel at the end of the run.
Each channel's macro average over the set must reach recall 0.9 and
precision 0.8, on the demo network and on the generated sample alike.
"""

from lxml import html
from pathlib import Path
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from tests.search.generated import GENERATED_FIXTURE
from urllib.parse import parse_qs
from urllib.parse import urlparse
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides
from zumo.policy.interfaces import IZumoPolicyLayer

import json
import pytest
import re
import requests


pytestmark = pytest.mark.slow

QUALITY = json.loads((Path(__file__).parent / "quality.json").read_text("utf-8"))
#: The finder's page: what precision is measured over.
PAGE = 20
#: What the macro averages of each channel must reach (issue 30).
RECALL, PRECISION = 0.9, 0.8
#: Where a suggestion's link stands on the finder's page.
SUGGESTION = "Meinten Sie"


def _finder_view(portal, form):
    request = portal.REQUEST
    IAnnotations(request).clear()  # roles are cached per request
    request.form.clear()
    request.form.update(form)
    alsoProvides(request, IZumoPolicyLayer)
    return api.content.get_view(
        "practice-example-finder", portal["praxisbeispiele"], request
    )


def _suggested(page):
    """The words of the "Meinten Sie" link on a finder page, else None."""
    for link in html.fromstring(page).iter("a"):
        href = link.get("href") or ""
        near = link.getparent()
        if (
            "SearchableText=" in href
            and near is not None
            and (SUGGESTION in near.text_content())
        ):
            return parse_qs(urlparse(href).query)["SearchableText"][0]
    return None


def finder(portal, words, key, follow=False):
    """``(first page, all results, words searched)`` of the finder, each
    result as ``key(brain)``; ``follow``: follow a suggestion once."""
    if follow:
        view = _finder_view(portal, {"SearchableText": words})
        view.catalog = api.portal.get_tool("portal_catalog")
        words = _suggested(view()) or words
    found, start = [], 0
    while True:
        view = _finder_view(portal, {"SearchableText": words, "b_start": str(start)})
        view.catalog = api.portal.get_tool("portal_catalog")
        batch = view.results()
        found += [key(brain) for brain in batch]
        start += PAGE
        if start >= batch.sequence_length:
            return found[:PAGE], found, words


def rest(portal, words, key, follow=False):
    """``(first page, all results, words searched)`` of REST ``@search``,
    each item as ``key(item)``; ``follow``: follow a suggestion once."""
    url = portal.absolute_url() + "/@search"
    found, start = [], 0
    while True:
        answer = requests.get(
            url,
            params={"portal_type": "PracticeExample", "SearchableText": words,
                    "b_size": 100, "b_start": start},
            headers={"Accept": "application/json"},
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            timeout=60,
        )  # fmt: skip
        assert answer.status_code == 200, answer.text[:500]
        body = answer.json()
        if follow and start == 0 and body.get("suggestion"):
            follow = False
            words = body["suggestion"]
            continue
        found += [key(item) for item in body["items"]]
        start += 100
        if start >= body["items_total"]:
            return found[:PAGE], found, words


def measure(channel, data, query, relevant, search):
    """The row of one query: what was searched, found and judged."""
    follow = query["kind"] == "misspelling"
    page, found, searched = search(query["query"], follow=follow)
    hits = relevant & set(found)
    return {
        "channel": channel,
        "data": data,
        "kind": query["kind"],
        "query": query["query"],
        "searched": searched,
        "relevant": len(relevant),
        "found": len(found),
        "recall": len(hits) / len(relevant),
        "precision": (len(relevant & set(page)) / len(page) if page else 0.0),
        "missed": sorted(relevant - set(found))[:3],
    }


def check(rows, record_property):
    """Record the rows for the summary; assert the macro averages."""
    for row in rows:
        record_property("search_quality", json.dumps(row, ensure_ascii=False))
    recall = sum(row["recall"] for row in rows) / len(rows)
    precision = sum(row["precision"] for row in rows) / len(rows)
    weak = [
        f"{row['query']!r}: recall {row['recall']:.2f}, precision {row['precision']:.2f}"
        for row in rows
        if row["recall"] < RECALL or row["precision"] < PRECISION
    ]
    assert recall >= RECALL and precision >= PRECISION, (
        f"recall {recall:.2f}, precision {precision:.2f}; weak: " + "; ".join(weak)
    )


@pytest.fixture
def demo(demo_site):
    """The demo network, searched as a site manager."""
    setRoles(demo_site, TEST_USER_ID, ["Manager"])
    login(demo_site, TEST_USER_NAME)
    return demo_site


@pytest.fixture
def generated(generated_functional_session, generated_functional):
    """The generated sample, served, searched as a site manager; with the
    judged relevant ids of each query."""
    portal = generated_functional["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    return portal


def judged(query):
    """The ids of the generated examples whose source text matches every
    rule of ``query``."""
    rules = [re.compile(rule) for rule in query["rule"]]
    return {
        oid
        for oid, text in GENERATED_FIXTURE.texts.items()
        if all(rule.search(text) for rule in rules)
    }


def _id(item):
    return item["@id"].rstrip("/").rsplit("/", 1)[-1]


def test_the_set_is_large_and_judged():
    """At least 40 queries, every kind well represented, every query judged
    relevant at least one example; the issue's four queries among them."""
    queries = QUALITY["demo"] + QUALITY["generated"]
    assert len(queries) >= 40
    kinds = {}
    for query in queries:
        kinds[query["kind"]] = kinds.get(query["kind"], 0) + 1
        assert query.get("relevant") or query.get("rule"), query
    assert min(kinds.values()) >= 4, kinds
    assert {"Jugend", "Klima", "Beteiligung", "Dorfläden"} <= {
        query["query"] for query in QUALITY["demo"]
    }


@pytest.mark.parametrize("channel", ["finder", "REST"])
def test_demo_network(demo, channel, record_property):
    """The demo network's examples, judged by title."""
    titles = {
        brain.Title
        for brain in api.portal.get_tool("portal_catalog")(
            portal_type="PracticeExample"
        )
    }
    rows = []
    for query in QUALITY["demo"]:
        relevant = set(query["relevant"])
        assert relevant <= titles, relevant - titles
        if channel == "finder":
            search = lambda words, follow: finder(  # noqa: E731
                demo, words, lambda brain: brain.Title, follow
            )
        else:
            search = lambda words, follow: rest(  # noqa: E731
                demo, words, lambda item: item["title"], follow
            )
        rows.append(measure(channel, "demo", query, relevant, search))
    check(rows, record_property)


@pytest.mark.parametrize("channel", ["finder", "REST"])
def test_generated_sample(generated, channel, record_property):
    """The generated sample, judged by rules over its source text."""
    rows = []
    for query in QUALITY["generated"]:
        relevant = judged(query)
        assert relevant, query
        if channel == "finder":
            search = lambda words, follow: finder(  # noqa: E731
                generated, words, lambda brain: brain.getId, follow
            )
        else:
            search = lambda words, follow: rest(generated, words, _id, follow)  # noqa: E731
        rows.append(measure(channel, "generated", query, relevant, search))
    check(rows, record_property)
