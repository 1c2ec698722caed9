"""Seeded content for the scaling benchmark, on a benchmark instance.

Run by ``benchmarks/scale.py`` with ``zconsole run <zope.conf> scale_data.py
COMMAND ...`` on the benchmark's own site (never on the real one):

``examples FROM TO``  writes practice examples number FROM to TO-1 into a
                      CSV file (fixed seed, marked as demo content) and
                      imports it with the bulk import
                      (``zumo.policy.bulk.practice_examples``, batches of 500); prints
                      ``{"imported", "seconds", "rate", "total"}``
``spaces``            50 mentoring groups (private spaces) of 100 documents
                      each, one of 20 and one of 2,000 documents, and 500
                      workshop meetings; prints the paths of the two
                      measured spaces and of a practice example
``queries``           times what the finder and the start page ask the
                      catalog, through their views' public methods
                      (``QUERIES``), anonymously and as a member; median
                      of ``BENCH_QUERY_RUNS`` (30) runs after a warm-up;
                      prints ``{user: {query: {"ms", "hits"}}}``
``fulltext``          the same word query with PostgreSQL's full-text
                      search over the same texts (a scratch table in the
                      database of the libpq environment, dropped after);
                      prints ``{"ms", "hits", "fill_s", ...}``
``profile [PAGE ...]`` profiles the catalog queries and the pages
                      (``[user@]path``) served in-process; prints
                      ``{name: profile text}``

Every line of progress goes to stderr; the result is the last line on
stdout.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.browserlayer.layer import mark_layer
from Products.CMFCore.indexing import processQueue
from Testing.makerequest import makerequest
from tqdm import tqdm
from zope.component.hooks import setSite
from zope.globalrequest import setRequest
from zope.traversing.interfaces import BeforeTraverseEvent
from zumo.content import recordsets
from zumo.content.indexers.searchable import searchable_text
from zumo.content.relations import relation_to
from zumo.content.vocabularies import terms
from zumo.policy import mail as notifications
from zumo.policy.browser.finder import FinderView
from zumo.policy.browser.start import StartView
from zumo.policy.bulk import commands
from zumo.policy.bulk import practice_examples as bulk

import csv
import io
import json
import os
import psycopg2
import pytz
import random
import statistics
import sys
import tempfile
import time
import transaction


# zconsole runs this file without __file__: its path is in the arguments
# (zconsole run <zope.conf> <script> ...).
sys.path.insert(0, str(Path(sys.argv[3]).resolve().parent))

from generate import text  # noqa: E402 - the benchmark's words
from generate import WORDS  # noqa: E402


SEED = 2026
HEADER = [column for column, _kind in bulk.PRACTICE_EXAMPLE_COLUMNS]
# Smaller figures for a quick look through the environment.
SPACES = int(os.environ.get("BENCH_SPACES", "50"))
DOCUMENTS = int(os.environ.get("BENCH_SPACE_DOCUMENTS", "100"))
MEETINGS = int(os.environ.get("BENCH_MEETINGS", "500"))
SMALL, LARGE = 20, int(os.environ.get("BENCH_LARGE_SPACE", "2000"))


def _pick(rng, vocabulary, most=3):
    tokens = [token for token, _title in terms(vocabulary)]
    return "; ".join(rng.sample(tokens, rng.randint(1, min(most, len(tokens)))))


def example_row(number, municipalities):
    """The seeded record of practice example ``number``."""
    rng = random.Random(SEED * 1_000_003 + number)
    municipality = rng.choice(municipalities)
    year = rng.randint(2014, 2026)
    return {
        **dict.fromkeys(HEADER, ""),
        "id": f"bench-{number:06d}",
        "title": f"{rng.choice(WORDS)} in {municipality[1]} ({number})",
        "description": f"Demo-Inhalt: {text(rng, 20)}",
        "municipality": municipality[0],
        "start": f"{year}-{rng.randint(1, 12):02d}-01",
        "project_status": rng.choice(["geplant", "laufend", "abgeschlossen"]),
        "topics": _pick(rng, "topics"),
        "trends": _pick(rng, "trends"),
        "target_groups": _pick(rng, "target_groups"),
        "fields_of_action": _pick(rng, "fields_of_action"),
        "programmes": _pick(rng, "programmes", most=1),
        "initial_situation": "".join(f"<p>{text(rng, 60)}</p>" for _ in range(4)),
        "demo": "true",
        "review_state": "published",
    }


def _municipalities():
    """``(AGS, name)`` of the published municipalities that have an AGS."""
    found = []
    for brain in api.content.find(portal_type="Municipality", review_state="published"):
        obj = brain.getObject()
        if obj.ags:
            found.append((obj.ags, obj.Title()))
    return sorted(found)


def examples(site, first, last):
    """Import practice examples ``first`` to ``last - 1``; return the figures."""
    municipalities = _municipalities()
    with tempfile.NamedTemporaryFile(
        "w", suffix=".csv", newline="", encoding="utf-8", delete=False
    ) as target:
        writer = csv.DictWriter(target, fieldnames=HEADER)
        writer.writeheader()
        for number in range(first, last):
            writer.writerow(example_row(number, municipalities))
    try:
        started = time.perf_counter()
        report = commands.run_import(site, "practice-examples", target.name, batch=500)
        transaction.commit()
        seconds = time.perf_counter() - started
    finally:
        os.unlink(target.name)
    if report.errors:
        raise SystemExit(f"bench data rejected: {report.errors[:3]}")
    total = len(api.content.find(portal_type="PracticeExample"))
    return {
        "imported": report.created,
        "seconds": round(seconds, 1),
        "rate": round(report.created / seconds, 1),
        "total": total,
    }


def _space(container, number, documents, rng):
    group = api.content.create(
        container=container,
        type="MentoringGroup",
        id=f"bench-raum-{number:03d}",
        title=f"Benchmark-Raum {number} (Demo)",
        demo=True,
    )
    for index in range(documents):
        api.content.create(
            container=group,
            type="Document",
            id=f"dokument-{index:05d}",
            title=f"Protokoll {index} {rng.choice(WORDS)}",
            text=RichTextValue(
                f"<p>{text(rng, 40)}</p>", "text/html", "text/x-html-safe"
            ),
        )
    return group


def spaces(site):
    """The spaces and meetings; return the paths measured."""
    rng = random.Random(SEED)
    container = site["mentoring"]
    sizes = [DOCUMENTS] * SPACES + [SMALL, LARGE]
    made = []
    for number, size in enumerate(tqdm(sizes, desc="Räume", file=sys.stderr), start=1):
        made.append(_space(container, number, size, rng))
        processQueue()
        transaction.commit()
    municipalities = [
        brain.getObject()
        for brain in api.content.find(portal_type="Municipality", sort_on="id")[:200]
    ]
    zone = pytz.timezone("Europe/Berlin")
    meetings = site["werkstatttreffen"]
    for number in tqdm(range(MEETINGS), desc="Werkstatttreffen", file=sys.stderr):
        day = datetime(2024, 1, 1, 10) + timedelta(days=3 * number)
        start = zone.localize(day)
        meeting = api.content.create(
            container=meetings,
            type="WorkshopMeeting",
            id=f"bench-treffen-{number:03d}",
            title=f"Werkstatttreffen {number} (Demo)",
            start=start,
            end=start + timedelta(hours=6),
            timezone="Europe/Berlin",
            location="Rathaus",
            region=rng.choice(["stuttgart", "karlsruhe", "freiburg", "tuebingen"]),
            host_municipality=relation_to(rng.choice(municipalities)),
            capacity=30,
            registration_start=start - timedelta(days=60),
            registration_end=start - timedelta(days=7),
            demo=True,
        )
        api.content.transition(obj=meeting, transition="announce")
        if number % 50 == 49:
            processQueue()
            transaction.commit()
    processQueue()
    transaction.commit()
    example = api.content.find(
        portal_type="PracticeExample", review_state="published", sort_on="id",
        sort_limit=1,
    )[0]  # fmt: skip
    return {
        "space_small": "/".join(made[-2].getPhysicalPath()),
        "space_large": "/".join(made[-1].getPhysicalPath()),
        "practice_example": example.getPath(),
    }


#: The word and the three facets of the finder measured (as ``bench.py``).
WORD = "Dorfladen"
FACETS = {
    "zumo_topics": "daseinsvorsorge",
    "zumo_trends": "demografie",
    "zumo_region": "tuebingen",
}
#: The finder's searches timed at each size: the form of its request.
SEARCHES = {
    "newest": {},
    "word": {"SearchableText": WORD},
    "word_facets": {"SearchableText": WORD, **FACETS},
    "facet_by_date": {"zumo_topics": "daseinsvorsorge", "sort": "newest"},
    "by_title": {"sort": "title"},
}
#: What is timed, ``name: (page, form, work)``: the page's view (``finder``
#: on ``/praxisbeispiele``, ``start`` on the site) made for a request with
#: ``form``, and what of it ``work`` asks, through the view's public methods
#: as the page's template calls them: the first page of 20 results with
#: their addresses, the facet counts, the result count, the start page's
#: lists and section counts.
QUERIES = {
    **{
        f"finder_{name}": ("finder", form, "results") for name, form in SEARCHES.items()
    },
    "finder_facets": ("finder", {}, "facets"),
    "finder_facets_word": ("finder", SEARCHES["word_facets"], "facets"),
    "finder_count": ("finder", {}, "result_count"),
    "finder_count_word": ("finder", SEARCHES["word_facets"], "result_count"),
    "start_sections": ("start", {}, "sections"),
    "start_latest": ("start", {}, "latest_examples"),
    "start_meetings": ("start", {}, "upcoming_meetings"),
}
#: Who asks: an anonymous visitor and a logged-in member (a persona of the
#: demo network).
MEMBER = "kommune-a"
RUNS = int(os.environ.get("BENCH_QUERY_RUNS", "30"))
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "5"))


def _view(site, page, form):
    """The view of ``page`` for a new request with ``form``, as the
    publisher makes it (a request of its own, the site's browser layers),
    without rendering its template."""
    root = makerequest(site.aq_parent.aq_base)
    request = root.REQUEST
    request.form.update(form)
    setRequest(request)
    site = root[site.getId()]
    mark_layer(site, BeforeTraverseEvent(site, request))
    if page == "start":
        return StartView(site, request)
    view = FinderView(site["praxisbeispiele"], request)
    # What the view's ``__call__`` sets before it renders.
    view.catalog = api.portal.get_tool("portal_catalog")
    return view


def _ask(view, work):
    """Call ``work`` of ``view`` as its template does; return how many
    results it found (``None`` where that is no figure of the work)."""
    found = getattr(view, work)()
    if work == "results":
        [brain.getURL() for brain in found]
        return found.sequence_length
    if work in ("latest_examples", "upcoming_meetings"):
        [brain.getURL() for brain in found]
        return len(found)
    return None


@contextmanager
def _as(user):
    """Run as ``user`` (``None``: anonymous)."""
    before = getSecurityManager()
    newSecurityManager(None, user or nobody)
    try:
        yield
    finally:
        setSecurityManager(before)


def _users(site):
    """``{"anonymous": None, "member": the member}``."""
    member = site.acl_users.getUserById(MEMBER)
    if member is None:
        raise SystemExit(f"no member {MEMBER} on the benchmark site (demo network)")
    return {"anonymous": None, "member": member.__of__(site.acl_users)}


class _Clock:
    """The clock the remembered sets read their minute from, ``minutes``
    ahead of the real one: each run after a change is in a new minute too
    (for anonymous visitors the publication dates are checked per minute)."""

    minutes = 0

    def time(self):
        return time.time() + 60 * self.minutes


CLOCK = _Clock()


def _change(site, run):
    """An editor's change, committed: one practice example's topics (the
    first by record id) alternate, reindexed through Plone's indexing queue
    (its facet values and full text), as a save in the edit form does."""
    catalog = api.portal.get_tool("portal_catalog")
    rid = recordsets.holding(catalog, "portal_type", "PracticeExample").minKey()
    example = site.unrestrictedTraverse(catalog.getpath(rid))
    example.topics = ["daseinsvorsorge"] if run % 2 else ["klimawandel"]
    example.reindexObject()
    transaction.commit()


def _timed(site, page, form, work, runs, cold):
    """Milliseconds of ``runs`` runs of ``work`` (a new request and view
    each) and the hits of the last; ``cold``: each the first request after
    a committed change of one practice example (``_change``), in a new
    minute, what it remembered before brought forward."""
    times, hits = [], None
    for run in range(runs):
        if cold:
            _ask(_view(site, page, form), work)  # remembered before the change
            transaction.abort()
            admin = site.aq_parent.acl_users.getUserById("admin")
            with _as(admin.__of__(site.aq_parent.acl_users)):
                _change(site, run)
            CLOCK.minutes += 1
        view = _view(site, page, form)
        started = time.perf_counter()
        hits = _ask(view, work)
        times.append((time.perf_counter() - started) * 1000)
        transaction.abort()
    return times, hits


def queries(site):
    """Median milliseconds of each query of ``QUERIES`` for each user:
    ``ms`` of ``RUNS`` runs after three to warm up (what a visitor meets
    while the catalog does not change), ``cold_ms`` of ``COLD_RUNS`` runs
    each the first request after a change (``_timed``): ``{user: {query:
    {"ms", "cold_ms", "hits"}}}``."""
    recordsets.time = CLOCK
    found = {}
    for label, user in _users(site).items():
        found[label] = {}
        with _as(user):
            for name, (page, form, work) in QUERIES.items():
                cold, _hits = _timed(site, page, form, work, COLD_RUNS, cold=True)
                times, hits = _timed(site, page, form, work, RUNS + 3, cold=False)
                found[label][name] = {
                    "ms": round(statistics.median(times[3:]), 2),
                    "cold_ms": round(statistics.median(cold), 2),
                    "hits": hits,
                }
                print(f"{label} {name}: {found[label][name]}", file=sys.stderr)
    return found


#: The scratch table of ``fulltext`` (dropped afterwards).
FULLTEXT_TABLE = "zumo_bench_fulltext"
#: The word query as PostgreSQL's full-text search asks it: German
#: stemming, the word as a prefix (as the finder takes the word being
#: typed), ranked, the first page of 20.
FULLTEXT_QUERY = f"""
    SELECT id FROM {FULLTEXT_TABLE}, to_tsquery('german', %s || ':*') query
    WHERE tsv @@ query ORDER BY ts_rank(tsv, query) DESC, id LIMIT 20
"""


def fulltext(site):
    """What the word query takes with PostgreSQL's full-text search over
    the same texts: what the catalog's ``SearchableText`` of a practice
    example reads (``zumo.content.indexers.searchable``), in a scratch table of the PostgreSQL the libpq environment
    names (``PGHOST`` ...), with a stored ``to_tsvector('german', ...)``
    and a GIN index; median of ``RUNS`` runs. Returns ``{"ms", "hits",
    "page", "texts", "fill_s"}``."""
    lines = io.StringIO()
    texts = 0
    for brain in api.content.find(portal_type="PracticeExample"):
        # COPY's text format: tab between columns, backslash escapes.
        text = " ".join(searchable_text(brain.getObject()).split())
        text = text.replace("\\", "\\\\")
        lines.write(f"{brain.UID}\t{text}\n")
        texts += 1
    lines.seek(0)
    with psycopg2.connect("") as connection, connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(f"DROP TABLE IF EXISTS {FULLTEXT_TABLE}")
        cursor.execute(
            f"CREATE TABLE {FULLTEXT_TABLE} (id text PRIMARY KEY, body text, "
            "tsv tsvector GENERATED ALWAYS AS (to_tsvector('german', body)) STORED)"
        )
        cursor.copy_from(lines, FULLTEXT_TABLE, columns=("id", "body"))
        cursor.execute(f"CREATE INDEX ON {FULLTEXT_TABLE} USING gin (tsv)")
        cursor.execute(f"ANALYZE {FULLTEXT_TABLE}")
        connection.commit()
        fill = time.perf_counter() - started
        times = []
        for run in range(RUNS + 3):
            started = time.perf_counter()
            cursor.execute(FULLTEXT_QUERY, (WORD,))
            page = cursor.fetchall()
            if run >= 3:
                times.append((time.perf_counter() - started) * 1000)
        cursor.execute(
            f"SELECT count(*) FROM {FULLTEXT_TABLE}, "
            "to_tsquery('german', %s || ':*') query WHERE tsv @@ query",
            (WORD,),
        )
        hits = cursor.fetchone()[0]
        cursor.execute(f"DROP TABLE {FULLTEXT_TABLE}")
    return {
        "ms": round(statistics.median(times), 2),
        "hits": hits,
        "page": len(page),
        "texts": texts,
        "fill_s": round(fill, 1),
    }


def _top(profiler, lines, order="tottime", within=None):
    """The first ``lines`` rows of a cProfile (of the functions whose place
    matches the pattern ``within``), as text without blank lines."""
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats(order)
    stats.print_stats(*([within] if within else []), lines)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def _publish(path, user=None):
    """Serve ``path`` in-process through Zope's WSGI publisher, as ``user``
    (HTTP basic authentication, password = name) or anonymously; return the
    status line."""
    from ZPublisher.WSGIPublisher import publish_module

    import base64

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8080",
        "HTTP_HOST": "localhost:8080",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }
    if user:
        token = base64.b64encode(f"{user}:{user}".encode()).decode()
        environ["HTTP_AUTHORIZATION"] = "Basic " + token
    status = []
    b"".join(
        publish_module(environ, lambda line, headers, info=None: status.append(line))
    )
    transaction.abort()
    return status[0]


#: Where a page's own work happens (pattern on a profile row's place).
PAGE_PARTS = r"zumo/|viewlets|portlets|Catalog\.py|publish_module|plone/folder"


def profile(site, pages=()):
    """Where the time goes: the top of a cProfile of 20 runs of each catalog
    query, and of 3 requests of each page (``pages``: ``[user@]path``, the
    page served as in production; ``user`` logs in), as text."""
    import cProfile

    found = {}
    for name, (page, form, work) in QUERIES.items():
        with _as(None):
            _ask(_view(site, page, form), work)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(20):
                _ask(_view(site, page, form), work)
            profiler.disable()
        found[f"{name} (anonymous, 20 runs)"] = _top(profiler, 8)
    for page in pages:
        user, _at, path = page.rpartition("@")
        _publish(path, user)  # warm the caches
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(3):
            status = _publish(path, user)
        profiler.disable()
        # The parts of the page (views, viewlets, portlets, catalog), not the
        # template engine's frames around them.
        found[f"page {path} ({user or 'anonymous'}, {status}, 3 requests)"] = _top(
            profiler, 30, "cumulative", PAGE_PARTS
        )
    return found


def main(app, argv):
    """Run ``argv``'s command; print its result as JSON."""
    app = makerequest(app)
    site = app["Plone"]
    setSite(site)
    admin = app.acl_users.getUserById("admin").__of__(app.acl_users)
    with api.env.adopt_user(user=admin), notifications.silenced():
        if argv[0] == "examples":
            result = examples(site, int(argv[1]), int(argv[2]))
        elif argv[0] == "spaces":
            result = spaces(site)
        elif argv[0] == "fulltext":
            result = fulltext(site)
        elif argv[0] == "profile":
            result = profile(site, argv[1:])
        else:
            result = queries(site)
    print(json.dumps(result))
    app._p_jar.db().close()


if __name__ == "__main__":
    # zconsole leaves sys.argv as it was: zconsole run <zope.conf> <script> ...
    main(app, sys.argv[4:])  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
