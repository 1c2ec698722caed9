"""The scaling benchmark: the site at 1,000, 10,000 and 100,000 practice
examples, embedded and as a cluster, in one run.

``make bench`` runs this after ``bench.py`` (``make bench-scale`` alone).
Stages, each showing progress; ``BENCH_WORK`` (default a directory below
``/tmp``) keeps the instance between them, so a stage can be run again:

``prepare``  a new instance: the site with the demo network is created and
             timed (and a stock Plone site beside it); 50 spaces of 100
             documents, one of 20 and one of 2,000, and 500 meetings
             (``scale_data.py spaces``); then practice examples are
             imported with the bulk import up to each size of
             ``BENCH_SIZES`` (default 1000,10000,100000), timing the
             import; at each size every query of the finder and the start
             page is timed in-process through their views, on the
             embedded FileStorage and on its copy in PostgreSQL
             (``zodbconvert``, RelStorage), PostgreSQL's full-text search
             for the same word, and the finder and a practice example
             page served by one process;
``remeasure`` (only when named) times the queries and pages again on the
             copies ``prepare`` keeps of each size (``WORK/sizes``), with
             the code as it is now;
``measure``  with wrk (Debian's ``wrk``): the space listing with 20 and with
             2,000 documents; a practice example page's throughput from
             the single embedded process, and the process's memory; then
             the PostgreSQL copy of the largest size served by the cluster
             (``scripts/cluster.py``): the same page's throughput through
             HAProxy from two processes, and an anonymous page from
             Varnish against nginx serving the same bytes;
``profile``  profiles the catalog queries and the measured pages (the
             practice example anonymously, the spaces as admin) at the
             largest size;
``report``   writes ``results/scale.json`` and ``results/scale.md``: every
             target with pass or fail, and the machine facts; the profiles
             in ``results/scale-profile.txt``.

Without a stage name all four run. Exits with 1 when a target is missed.
"""

from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from http.cookies import SimpleCookie
from pathlib import Path
from zumo.policy import instance

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request


ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "scripts"))

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import LUA  # noqa: E402 - the view benchmark's helpers
from bench import PERCENTILE  # noqa: E402

import cluster  # noqa: E402 - scripts/cluster.py, the cluster's parts


WORK = Path(os.environ.get("BENCH_WORK") or Path(tempfile.gettempdir()) / "zumo-scale")
SIZES = [
    int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")
]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
#: The highest ratio of a catalog query's time at the largest size to its
#: time at the smallest.
QUERY_LIMIT = 3.0
#: The finder measured over HTTP at each size (as ``bench.py``'s).
FINDER = (
    "/praxisbeispiele?SearchableText=Dorfladen&zumo_topics=daseinsvorsorge"
    "&zumo_trends=demografie&zumo_region=tuebingen"
)
#: The targets: (title, figure, comparison, limit).
TARGETS = (
    (
        "Katalogabfragen größte/kleinste Größe, eingebettet (langsamste)",
        "catalog_ratio",
        "<=",
        3.0,
    ),
    (
        "Katalogabfragen größte/kleinste Größe, Cluster (langsamste)",
        "cluster_catalog_ratio",
        "<=",
        3.0,
    ),
    (
        "Katalogabfragen nach einer Änderung, eingebettet (langsamste)",
        "cold_catalog_ratio",
        "<=",
        3.0,
    ),
    (
        "Katalogabfragen nach einer Änderung, Cluster (langsamste)",
        "cold_cluster_catalog_ratio",
        "<=",
        3.0,
    ),
    (
        "Praxisbeispiel größte/vorletzte Größe (ein Prozess, vier Clients)",
        "page_ratio",
        "<=",
        1.5,
    ),
    ("Raum mit 2.000 gegen 20 Dokumente", "space_ratio", "<=", 1.2),
    ("Varnish gegen nginx, gleiche Bytes (Durchsatz)", "varnish_ratio", ">=", 0.3),
    ("Zwei Cluster-Prozesse gegen einen eingebetteten", "cluster_ratio", ">=", 1.6),
    ("Speicher des Prozesses bei 100.000 Einträgen (MB RSS)", "rss_mb", "<=", 1536),
)


def step(message):
    """Show progress."""
    print(f"[scale] {message}", flush=True)


def state(update=None):
    """The results so far (``WORK/state.json``), updated with ``update``."""
    path = WORK / "state.json"
    found = json.loads(path.read_text()) if path.exists() else {}
    if update:
        found.update(update)
        path.write_text(json.dumps(found, indent=1))
    return found


# -- the instance ------------------------------------------------------------


def zconsole(etc, script, *args, environ=None):
    """Run ``script`` on the instance (progress shown); return the JSON of
    its last line of output."""
    try:
        done = instance.zconsole(
            etc / "zope.conf", script, *args, environ=environ, stderr=None
        )
    except subprocess.CalledProcessError:
        raise SystemExit(
            f"[scale] {Path(script).name} {' '.join(map(str, args))} failed"
        ) from None
    return json.loads(done.stdout.strip().splitlines()[-1])


STOCK_SITE = """
import json, sys, time, transaction
from plone.distribution.api import site as site_api
started = time.perf_counter()
site_api.create(app, "classic", {"site_id": "stock", "title": "Stock",
    "default_language": "de", "portal_timezone": "Europe/Berlin", "setup_content": True})
transaction.commit()
print(json.dumps({"seconds": round(time.perf_counter() - started, 1)}))
"""


def prepare():
    """Create the site and the data, timing creation, import and queries.

    With ``BENCH_RESUME=1`` a run that stopped goes on where it stopped
    (the site and spaces made, the sizes imported so far kept)."""
    if WORK.exists() and not os.environ.get("BENCH_RESUME"):
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    etc = instance.render(WORK / "instance", port=instance.free_port())
    data = ROOT / "benchmarks" / "scale_data.py"
    if "paths" not in state():
        step("creating the site with the demo network")
        started = time.perf_counter()
        instance.zconsole(
            etc / "zope.conf",
            ROOT / "scripts" / "create_site.py",
            environ={**os.environ, "ZUMO_DEMO": "1"},
            stdout=None,
            stderr=None,
        )
        created = round(time.perf_counter() - started, 1)
        step("creating a stock Plone site beside it, for comparison")
        script = WORK / "stock_site.py"
        script.write_text(STOCK_SITE, encoding="utf-8")
        stock = zconsole(etc, script)["seconds"]
        state({"site_creation_s": created, "stock_site_creation_s": stock})
        step("50 spaces of 100 documents, one of 20, one of 2,000; 500 meetings")
        state({"paths": zconsole(etc, data, "spaces")})
    found = state()
    imports = found.get("imports", [])
    existing = max((row["size"] for row in imports), default=0)
    for size in SIZES:
        if size < existing:
            continue
        if size > existing:
            step(f"importing practice examples up to {size:,}")
            result = zconsole(etc, data, "examples", existing, size)
            existing = size
            imports.append({"size": size, **result})
            state({"imports": imports})
        # The last figure of a size: a run that stopped before it measures
        # the size again.
        if str(size) not in state().get("fulltext", {}):
            at_size(etc, size)
        keep(size)
    path = WORK / "instance" / "var" / "filestorage" / "Data.fs"
    state({"data_fs_mb": round(path.stat().st_size / 2**20)})


def _kept(size):
    """Where the data at ``size`` is kept for ``remeasure``."""
    return WORK / "sizes" / str(size)


def keep(size):
    """Keep a copy of the data at ``size`` (the storage and its blobs), so
    that ``remeasure`` can time the queries and pages of changed code on
    the same data without importing it again."""
    kept = _kept(size)
    if kept.exists():
        return
    step(f"keeping a copy of the data at {size:,}")
    var = WORK / "instance" / "var"
    partial = kept.with_name(kept.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    for name in ("filestorage", "blobstorage"):
        shutil.copytree(var / name, partial / name)
    partial.rename(kept)


def remeasure():
    """Time the queries and pages again at every size ``prepare`` kept,
    with the code as it is now: each kept copy is put in place, measured
    like a newly imported size, and the largest is left in place for the
    stages after this one."""
    etc = instance.render(WORK / "instance", port=instance.free_port())
    var = WORK / "instance" / "var"
    sizes = [size for size in SIZES if _kept(size).exists()]
    if not sizes:
        raise SystemExit("[scale] no kept sizes: run the prepare stage first")
    for size in sizes:
        step(f"putting the data at {size:,} in place")
        for name in ("filestorage", "blobstorage"):
            shutil.rmtree(var / name)
            shutil.copytree(_kept(size) / name, var / name)
        at_size(etc, size)


def _stored(key, size, value):
    """Keep ``value`` in the state's ``key`` for ``size``."""
    found = state().get(key, {})
    found[str(size)] = value
    state({key: found})


def at_size(etc, size):
    """What is measured at each size: the catalog queries in-process on
    the embedded FileStorage and on its copy in PostgreSQL (RelStorage),
    the finder and a practice example page served by one process."""
    data = ROOT / "benchmarks" / "scale_data.py"
    step(f"timing the finder's and the start page's queries at {size:,} (embedded)")
    _stored("queries", size, zconsole(etc, data, "queries"))
    step(f"serving the finder and a practice example at {size:,} (one process)")
    _stored("served", size, serve_pages(state()["paths"]))
    settings = cluster_settings()
    try:
        convert(settings, size)
        step(f"timing the same queries at {size:,} on PostgreSQL (RelStorage)")
        cluster.configure(settings)
        _stored(
            "queries_cluster",
            size,
            zconsole(settings.zope_dir(1) / "etc", data, "queries"),
        )
        step(f"PostgreSQL's full-text search for the same word at {size:,}")
        _stored(
            "fulltext",
            size,
            zconsole(etc, data, "fulltext", environ=cluster.pg_environ(settings)),
        )
    finally:
        cluster.stop_postgres(settings)


def serve_pages(paths):
    """The finder with a word and three facets (one client) and a practice
    example page (four clients) from one embedded process."""
    found = {}
    with serving() as (base, _server):
        wait_for(base + paths["practice_example"])
        finder = base + "/" + paths["practice_example"].split("/")[1] + FINDER
        warm(finder, seconds=2)
        found["finder"] = wrk(finder, 1)
        step(f"finder, one client: {found['finder']}")
        page = base + paths["practice_example"]
        warm(page, seconds=2)
        found["practice_example"] = wrk(page, 4)
        step(f"practice example, four clients: {found['practice_example']}")
    return found


def profile():
    """Profile the catalog queries and the measured pages at the largest
    size (for the report)."""
    etc = instance.render(WORK / "instance", port=instance.free_port())
    paths = state()["paths"]
    pages = [
        paths["practice_example"],
        "admin@" + paths["space_small"],
        "admin@" + paths["space_large"],
    ]
    step("profiling the catalog queries and the pages")
    script = ROOT / "benchmarks" / "scale_data.py"
    state({"profiles": zconsole(etc, script, "profile", *pages)})


# -- measuring -----------------------------------------------------------------


def wait_for(url, seconds=300):
    """Wait until ``url`` answers; return the answer's body, or exit with a
    message if nothing answered within ``seconds``."""
    try:
        return instance.wait_for(url, seconds)
    except TimeoutError:
        raise SystemExit(f"[scale] no answer from {url}") from None


def wrk(url, clients, seconds=SECONDS, headers=()):
    """``{"p50", "p95" (ms), "rps"}`` of ``url`` under wrk (a request may
    take up to 60 s; none answered gives zeros)."""
    command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "60s",
               "-s", str(LUA)]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, url], check=True, capture_output=True, text=True
    ).stdout
    found = {f"p{p}": round(int(us) / 1000, 2) for p, us in PERCENTILE.findall(output)}
    found["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return found


def warm(url, headers=(), seconds=5):
    """Fill the caches of every thread (and process) behind ``url``:
    twenty requests one after another, then ``seconds`` at four clients."""
    request = urllib.request.Request(
        url, headers=dict(header.split(": ", 1) for header in headers)
    )
    for _ in range(20):
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
    wrk(url, 4, seconds, headers)


def timed(url, header, runs=5):
    """``{"p50" (ms), "runs"}`` of ``url`` asked ``runs`` times one after
    another, after one request to warm up (for pages too slow for wrk)."""
    request = urllib.request.Request(url, headers=dict([header.split(": ", 1)]))
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
        if run:
            times.append((time.perf_counter() - started) * 1000)
    return {"p50": round(statistics.median(times), 1), "runs": runs}


def rss_mb(pid):
    """The resident memory of process ``pid`` and its peak (MB)."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return round(int(found["VmRSS"]) / 1024), round(int(found["VmHWM"]) / 1024)


class _KeepRedirect(urllib.request.HTTPRedirectHandler):
    """Leave a redirect unfollowed: the login answers with one."""

    def redirect_request(self, *args, **kwargs):
        """Follow nothing."""
        return None


def session_cookie(site, user="admin", password="admin"):
    """The Cookie header of a session logged in at ``site`` (its URL), as a
    browser holds one. Basic authentication would check the password's
    bcrypt hash on every request (some 0.2 s), which no browser user pays."""
    form = urllib.parse.urlencode(
        {"__ac_name": user, "__ac_password": password, "buttons.login": "1"}
    ).encode()
    opener = urllib.request.build_opener(_KeepRedirect)
    try:
        answer = opener.open(f"{site}/login", data=form, timeout=300)
    except urllib.error.HTTPError as redirect:  # the 302 after the login
        answer = redirect
    cookie = SimpleCookie(answer.headers.get("Set-Cookie", ""))
    return f"Cookie: __ac={cookie['__ac'].coded_value}"


@contextmanager
def serving():
    """The instance served by one embedded process (two threads): yields
    its address; the server's output goes to ``WORK/embedded.log``."""
    port = instance.free_port()
    etc = instance.render(WORK / "instance", port=port)
    with (WORK / "embedded.log").open("a") as log:
        server = subprocess.Popen(
            [BIN / "runwsgi", etc / "zope.ini"], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            yield f"http://localhost:{port}", server
        finally:
            server.terminate()
            server.wait(timeout=120)


def measure_embedded(paths):
    """The single embedded process: space listings, throughput, memory."""
    found = {}
    with serving() as (base, server):
        wait_for(base + paths["practice_example"])
        auth = session_cookie(base + "/" + paths["practice_example"].split("/")[1])
        for name in ("space_small", "space_large"):
            found[name] = timed(base + paths[name], auth)
            step(f"{name}: {found[name]}")
        page = base + paths["practice_example"]
        warm(page)
        found["embedded_page"] = wrk(page, 4)
        step(f"practice example, one process: {found['embedded_page']}")
        rss, peak = rss_mb(server.pid)
        found["rss_mb"], found["rss_peak_mb"] = rss, peak
        step(f"memory: {rss} MB resident, peak {peak} MB")
    return found


ZODBCONVERT = """
<filestorage source>
  path {data}
  blob-dir {blobs}
  read-only true
</filestorage>
<relstorage destination>
  keep-history false
  shared-blob-dir false
  blob-dir {cache}
  <postgresql>
    dsn host='127.0.0.1' port='{port}' dbname='zumo' user='zumo' password='{password}'
  </postgresql>
</relstorage>
"""


def cluster_settings():
    """The cluster's settings: its data in ``WORK/cluster``, free ports."""
    environ = {
        "CLUSTER_DIR": str(WORK / "cluster"),
        "PORT": str(instance.free_port()),
        "HAPROXY_PORT": str(instance.free_port()),
        "PG_PORT": str(instance.free_port()),
        # Two consecutive ports for the Zope processes.
        "ZOPE_PORT": str(instance.free_ports(2)[0]),
    }
    settings = cluster.Settings({**os.environ, **environ})
    settings.run.mkdir(parents=True, exist_ok=True)
    # PostgreSQL runs as its own user, below WORK.
    for path in (WORK, settings.dir, settings.run):
        path.chmod(0o755)
    return settings


def convert(settings, size):
    """Start PostgreSQL and copy the embedded data into it (``zodbconvert``,
    history-free) unless the copy there is of this data already
    (``converted.json`` in the cluster's directory, gone with it)."""
    cluster.start_postgres(settings)
    storage = WORK / "instance" / "var"
    data = storage / "filestorage" / "Data.fs"
    stamp = {"size": size, "bytes": data.stat().st_size}
    marker = settings.dir / "converted.json"
    if marker.exists() and json.loads(marker.read_text()) == stamp:
        return
    step(f"copying the data at {size:,} into PostgreSQL (zodbconvert)")
    config = WORK / "zodbconvert.conf"
    config.write_text(
        ZODBCONVERT.format(
            data=data,
            blobs=storage / "blobstorage",
            cache=WORK / "convert-blobcache",
            port=settings.pg_port,
            password=cluster.pg_password(settings),
        ),
        encoding="utf-8",
    )
    started = time.perf_counter()
    subprocess.run([BIN / "zodbconvert", "--clear", config], check=True)
    _stored("zodbconvert_s", size, round(time.perf_counter() - started, 1))
    marker.write_text(json.dumps(stamp))


def measure_cluster(paths):
    """The same data in PostgreSQL, served by the cluster."""
    settings = cluster_settings()
    found = {}
    try:
        convert(settings, max(SIZES))
        step("starting the cluster")
        cluster.start(settings, demo=False)
        direct = f"http://localhost:{settings.haproxy_port}" + paths["practice_example"]
        warm(direct, seconds=10)
        found["cluster_page"] = wrk(direct, 4)
        step(f"practice example, two processes: {found['cluster_page']}")
        cached = f"http://localhost:{settings.port}" + paths["practice_example"]
        body = wait_for(cached)
        wait_for(cached)
        static = WORK / "static"
        (static / "page").mkdir(parents=True, exist_ok=True)
        (static / "page" / "index.html").write_bytes(body)
        nginx_port = instance.free_port()
        nginx_conf = WORK / "nginx.conf"
        nginx_conf.write_text(
            "daemon off; worker_processes 1; pid "
            f"{WORK}/nginx.pid; error_log {WORK}/nginx.log;\n"
            "events { worker_connections 256; }\n"
            "http { access_log off; server { listen "
            f"127.0.0.1:{nginx_port}; root {static}; "
            "location / { default_type text/html; } } }\n",
            encoding="utf-8",
        )
        nginx = subprocess.Popen(["nginx", "-c", str(nginx_conf)])
        try:
            wait_for(f"http://127.0.0.1:{nginx_port}/page/index.html")
            found["nginx"] = wrk(f"http://127.0.0.1:{nginx_port}/page/index.html", 4)
            found["varnish"] = wrk(cached, 4)
            found["page_bytes"] = len(body)
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
        step(f"Varnish {found['varnish']}, nginx {found['nginx']}")
    finally:
        cluster.stop(settings)
    return found


def measure():
    """The served measurements; stored in the state."""
    if shutil.which("wrk") is None:
        raise SystemExit("[scale] wrk is missing: apt-get install wrk")
    paths = state()["paths"]
    found = measure_embedded(paths)
    state({"embedded": found})
    state({"cluster": measure_cluster(paths)})


# -- the report ---------------------------------------------------------------


def machine():
    """Facts about the machine the numbers come from."""

    def version(*command):
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError:
            return None
        return (done.stdout or done.stderr).strip().splitlines()[0]

    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(int(memory.group(1)) / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgresql": version(str(cluster.pg_bin() / "postgres"), "--version")
        if cluster.pg_bin()
        else None,
        "varnish": version("varnishd", "-V"),
        "haproxy": version("haproxy", "-v"),
        "nginx": version("nginx", "-v"),
        "wrk": version("wrk", "-v"),
    }


#: The catalog queries of each mode in the state, and the mode's name.
MODES = (("queries", "eingebettet (FileStorage)"), ("queries_cluster", "Cluster (RelStorage/PostgreSQL)"))  # fmt: skip


def query_ratios(measured, figure="ms"):
    """``{user: {query: ratio}}``: each query's time at the largest size
    against the smallest (of ``measured``: ``{size: {user: {query: ...}}}``);
    ``figure``: ``ms`` (the catalog unchanged) or ``cold_ms`` (the first
    request after a change)."""
    smallest, largest = measured[str(min(SIZES))], measured[str(max(SIZES))]
    return {
        user: {
            name: round(found[figure] / smallest[user][name][figure], 2)
            for name, found in queries.items()
        }
        for user, queries in largest.items()
    }


def figures(found):
    """The compared figures of the state."""
    ratios = {key: query_ratios(found[key]) for key, _title in MODES}
    cold = {key: query_ratios(found[key], "cold_ms") for key, _title in MODES}
    served = found["served"]
    page_ratio = None
    if len(SIZES) > 1:
        # Time per request at four clients: the inverse of the throughput.
        before, largest = str(sorted(SIZES)[-2]), str(max(SIZES))
        page_ratio = round(
            served[before]["practice_example"]["rps"]
            / served[largest]["practice_example"]["rps"],
            2,
        )
    embedded, clustered = found["embedded"], found["cluster"]

    def slowest(mode, ratios=ratios):
        return max(value for user in ratios[mode].values() for value in user.values())

    return {
        "catalog_ratios": ratios,
        "cold_catalog_ratios": cold,
        "catalog_ratio": slowest("queries"),
        "cluster_catalog_ratio": slowest("queries_cluster"),
        "cold_catalog_ratio": slowest("queries", cold),
        "cold_cluster_catalog_ratio": slowest("queries_cluster", cold),
        "page_ratio": page_ratio,
        "space_ratio": round(
            embedded["space_large"]["p50"] / embedded["space_small"]["p50"], 2
        ),
        "varnish_ratio": round(
            clustered["varnish"]["rps"] / clustered["nginx"]["rps"], 2
        ),
        "cluster_ratio": round(
            clustered["cluster_page"]["rps"] / embedded["embedded_page"]["rps"], 2
        ),
        "rss_mb": embedded["rss_mb"],
    }


def report():
    """Write the results and print the summary; return the exit code."""
    found = state()
    compared = figures(found)
    rows = []
    for title, key, comparison, limit in TARGETS:
        value = compared[key]
        if value is None:
            passed = False
        else:
            passed = value <= limit if comparison == "<=" else value >= limit
        rows.append(
            {"target": title, "figure": key, "value": value,
             "limit": f"{comparison} {limit}", "passed": passed}
        )  # fmt: skip
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "sizes": SIZES,
        "seconds": SECONDS,
        **found,
        "compared": compared,
        "targets": rows,
        "passed": all(row["passed"] for row in rows),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=1) + "\n")
    text = summary(result)
    (RESULTS / "scale.md").write_text(text, encoding="utf-8")
    if found.get("profiles"):
        (RESULTS / "scale-profile.txt").write_text(
            "".join(
                f"== {name} at {max(SIZES):,} practice examples ==\n{text}\n\n"
                for name, text in found["profiles"].items()
            ),
            encoding="utf-8",
        )
    print(text)
    return 0 if result["passed"] else 1


def _cell(found, figure="ms"):
    """A measured query as a table cell: milliseconds (``figure``) and hits."""
    hits = found.get("hits")
    return f"{found[figure]}" + (f" ({hits:,})" if hits is not None else "")


def summary(result):
    """The markdown summary of ``result``."""
    facts = result["machine"]
    lines = [
        "# Benchmark: the site at scale, embedded and as a cluster",
        "",
        f"Run {result['date']} on {facts['cpus']} CPUs, {facts['memory_gb']} GB, "
        f"Python {facts['python']}; {facts['postgresql']}; {facts['varnish']}; "
        f"{facts['haproxy']}; {facts['nginx']}; {facts['wrk']}. "
        f"wrk {result['seconds']} s per measurement.",
        "",
        "| target | value | limit | result |",
        "|---|---|---|---|",
    ]
    for row in result["targets"]:
        lines.append(
            f"| {row['target']} | {row['value']} | {row['limit']} | "
            f"{'pass' if row['passed'] else 'FAIL'} |"
        )
    lines += [
        "",
        f"Site creation with the demo network: {result['site_creation_s']} s "
        f"(a stock Plone site: {result['stock_site_creation_s']} s). "
        f"Data.fs at {max(result['sizes']):,} practice examples: "
        f"{result['data_fs_mb']} MB.",
        "",
        "| size | imported | seconds | items/s |",
        "|---|---|---|---|",
    ]
    for row in result["imports"]:
        lines.append(
            f"| {row['total']:,} | {row['imported']:,} | {row['seconds']} | {row['rate']} |"
        )
    sizes = [str(size) for size in SIZES]
    head = " | ".join(f"{size:,}" for size in SIZES)
    for key, title in MODES:
        for figure, ratios_key, when in (
            ("ms", "catalog_ratios", "the catalog unchanged"),
            ("cold_ms", "cold_catalog_ratios", "first request after a change"),
        ):
            lines += [
                "",
                f"Catalog queries, {title}, {when} (ms, median; hits):",
                "",
                f"| query | user | {head} | ratio | <= {QUERY_LIMIT} |",
                "|---|---|" + "---|" * (len(SIZES) + 2),
            ]
            ratios = result["compared"][ratios_key][key]
            for user, queries in ratios.items():
                for name, ratio in queries.items():
                    cells = " | ".join(
                        _cell(result[key][size][user][name], figure) for size in sizes
                    )
                    verdict = "pass" if ratio <= QUERY_LIMIT else "FAIL"
                    lines.append(f"| {name} | {user} | {cells} | {ratio} | {verdict} |")
    lines += [
        "",
        "PostgreSQL's full-text search, the same word over the same texts "
        "(German stemming, prefix, `ts_rank`, `LIMIT 20`; a scratch table "
        "with a GIN index):",
        "",
        f"| | {head} |",
        "|---|" + "---|" * len(SIZES),
        "| ms (median) | "
        + " | ".join(_cell(result["fulltext"][size]) for size in sizes)
        + " |",
        "| table and index filled (s) | "
        + " | ".join(str(result["fulltext"][size]["fill_s"]) for size in sizes)
        + " |",
        "",
        "Served by one embedded process (wrk, median):",
        "",
        f"| | {head} |",
        "|---|" + "---|" * len(SIZES),
        "| finder, word and three facets, one client (p50 ms) | "
        + " | ".join(str(result["served"][size]["finder"]["p50"]) for size in sizes)
        + " |",
        "| practice example, four clients (p50 ms) | "
        + " | ".join(
            str(result["served"][size]["practice_example"]["p50"]) for size in sizes
        )
        + " |",
        "| practice example, four clients (requests/s) | "
        + " | ".join(
            str(result["served"][size]["practice_example"]["rps"]) for size in sizes
        )
        + " |",
        "| copying into PostgreSQL (zodbconvert, s) | "
        + " | ".join(
            str(result.get("zodbconvert_s", {}).get(size, "–")) for size in sizes
        )
        + " |",
    ]
    embedded, clustered = result["embedded"], result["cluster"]
    lines += [
        "",
        f"Space listing (logged in, one client, median): 20 documents "
        f"{embedded['space_small']['p50']} ms, 2,000 documents "
        f"{embedded['space_large']['p50']} ms.",
        f"Practice example page, four clients: one embedded process "
        f"{embedded['embedded_page']['rps']} requests/s, two cluster processes "
        f"through HAProxy {clustered['cluster_page']['rps']} requests/s.",
        f"Anonymous page of {clustered['page_bytes']:,} bytes, four clients: Varnish "
        f"{clustered['varnish']['rps']} requests/s, nginx {clustered['nginx']['rps']} "
        "requests/s.",
        f"Embedded process memory after the measurements: {embedded['rss_mb']} MB "
        f"resident (peak {embedded['rss_peak_mb']} MB).",
        "",
        f"Overall: {'pass' if result['passed'] else 'FAIL'}",
    ]
    return "\n".join(lines) + "\n"


def main(argv):
    """Run the stages named in ``argv`` (all by default)."""
    stages = argv or ["prepare", "profile", "measure", "report"]
    for stage in stages:
        if stage == "prepare":
            prepare()
        elif stage == "remeasure":
            remeasure()
        elif stage == "profile":
            profile()
        elif stage == "measure":
            measure()
        elif stage == "report":
            return report()
        else:
            raise SystemExit(f"[scale] unknown stage {stage}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
