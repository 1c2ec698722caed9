"""Benchmark the ZUMO views against stock Plone, in one run.

``make bench`` runs this after ``make create-site``. Steps, each shown:

1. copy the site's database (``instance/var``) into a temporary instance, so
   the benchmark never changes the real site;
2. generate ``BENCH_EXAMPLES`` practice examples there (default 10,000,
   ``benchmarks/generate.py``) and create the stock twins inside the site
   (``benchmarks/twins.py``); create a stock Plone Classic site ``stock``
   beside it, from the same install, with as many published Documents as
   the site has practice examples and its navigation depth set to 1
   (``benchmarks/stock.py``, which says why);
3. measure in-process the share of the “similar municipalities” block in
   the practice example view (``benchmarks/similar_share.py``);
4. start that instance on 127.0.0.1 and warm it up (sequentially, then at
   four clients, so that every thread's database cache is warm);
5. measure each page with wrk (Debian's ``wrk``), one and four clients,
   ``BENCH_SECONDS`` seconds each (default 5), median and 95th percentile
   (``latency.lua``), in ``BENCH_ROUNDS`` rounds (default 3) that take the
   pages in turn, so a page and its twin are measured side by side; each
   figure is the median of the rounds;
6. compare each ZUMO page with its stock twin inside the site and with the
   stock site (ratio of the medians: the practice example, municipality and
   start page against a Document of the same text inside the site and a
   Document of the stock site; the finder with a word and three facets
   against ``@@search`` for the same word, the site's and the stock
   site's), check absolute p95 targets of the REST search, and check the
   server log for writes that plone.protect aborted (a GET never writes);
7. write ``benchmarks/results/latest.json`` and ``latest.md`` (machine facts,
   medians, ratios, pass or fail) and print the summary.

Exits with 1 if a target is missed.
"""

from datetime import datetime
from datetime import UTC
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
import urllib.request


ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "benchmarks" / "results"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
EXAMPLES = int(os.environ.get("BENCH_EXAMPLES", "10000"))
CLIENTS = (1, 4)
#: Worker threads of the measured instance (as ``make run``'s default).
THREADS = os.environ.get("THREADS", "2")
WORD = "Dorfladen"
FACETS = "zumo_topics=daseinsvorsorge&zumo_trends=demografie&zumo_region=tuebingen"
#: Pages measured besides those ``twins.py`` names (paths below the site).
PAGES = {
    "finder": f"/praxisbeispiele?SearchableText={WORD}&{FACETS}",
    "search": f"/@@search?SearchableText={WORD}",
    "rest_search": f"/++api++/@search?portal_type=PracticeExample&{FACETS}",
}
#: ``(page, against, highest ratio of the medians)``: against the stock
#: twins inside the ZUMO site (``document``, ``search``), and against the
#: stock Plone site beside it (``stock_document``, ``stock_search``; the
#: targets of issue 30's "Done when").
TARGETS = (
    ("practice_example", "document", 1.5),
    ("municipality", "document", 1.5),
    ("start_page", "document", 1.5),
    ("finder", "search", 1.5),
    ("practice_example", "stock_document", 1.2),
    ("municipality", "stock_document", 1.2),
    ("start_page", "stock_document", 1.2),
    ("finder", "stock_search", 1.0),
)
#: Highest allowed 95th percentile (ms) of a page at a number of clients.
P95_TARGETS = {"rest_search": (4, 150.0)}
PERCENTILE = re.compile(r"^p(50|95)_us (\d+)$", re.MULTILINE)
LUA = ROOT / "benchmarks" / "latency.lua"


def step(message):
    """Show progress."""
    print(f"[bench] {message}", flush=True)


def make_instance(work, port):
    """A copy of the site's instance in ``work``; return its etc directory."""
    source = ROOT / "instance"
    shutil.copytree(source / "var" / "filestorage", work / "var" / "filestorage")
    shutil.copytree(source / "var" / "blobstorage", work / "var" / "blobstorage")
    return instance.render(work, port=port, threads=THREADS)


def settle(url):
    """Wait until the server has finished what the previous measurement left
    queued: wrk stops its clock when its time is up, while up to four
    requests of the previous page may still be in the server's queue. Two
    sequential requests of ``url`` return only once those are done, so
    their wait does not count towards this page's percentiles."""
    for _ in range(2):
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()


def latency_ms(url, clients):
    """``{"p50", "p95", "requests"}`` of ``url`` under wrk with ``clients``
    connections (milliseconds), measured once the server is idle."""
    settle(url)
    output = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{SECONDS}s", "-s", str(LUA), url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {f"p{p}": round(int(us) / 1000, 2) for p, us in PERCENTILE.findall(output)}
    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE).group(1)
    return {**found, "requests": int(requests)}


def warm_up(url):
    """Two seconds of ``url`` at four clients: every server thread has its
    own database cache, and a sequential warm-up fills only one."""
    subprocess.run(
        ["wrk", "-t1", f"-c{max(CLIENTS)}", "-d2s", url],
        check=True,
        capture_output=True,
    )


def median_of(rounds):
    """One figure from several rounds: the median of each percentile and
    the requests of all rounds."""
    return {
        "p50": statistics.median(found["p50"] for found in rounds),
        "p95": statistics.median(found["p95"] for found in rounds),
        "requests": sum(found["requests"] for found in rounds),
    }


def zconsole(etc, script, *args, env=None):
    """Run ``script`` on the bench copy (its progress shown as it goes);
    return its last line of output."""
    try:
        done = instance.zconsole(
            etc / "zope.conf", script, *args, environ=env, stderr=None
        )
    except subprocess.CalledProcessError:
        raise SystemExit(f"[bench] {script.name} failed") from None
    return done.stdout.strip().splitlines()[-1]


def machine():
    """Facts about the machine the numbers come from."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "wrk": subprocess.run(
            ["wrk", "-v"], capture_output=True, text=True
        ).stdout.split(" [")[0],
    }


def summary(result):
    """The markdown summary of ``result``."""
    lines = [
        "# Benchmark: ZUMO views against stock Plone",
        "",
        f"Run {result['date']} on {result['machine']['cpus']} CPUs, "
        f"Python {result['machine']['python']}, {result['machine']['wrk']}, "
        f"{result.get('threads', THREADS)} Zope threads; "
        f"wrk {SECONDS} s per page and client count in each of {ROUNDS} rounds "
        "(medians of the rounds); "
        f"{result['examples']} practice examples in the site.",
        "",
        "Compared with: `document` and `search`, a stock Document with the "
        "practice example's text and Plone's `@@search` inside the ZUMO site; "
        f"`stock_document` and `stock_search`, a Document and `@@search` of a "
        f"stock Plone Classic site served beside it from the same install, "
        f"with {result['stock_documents']} Documents (the one measured at its "
        "top, the others in one folder) and its navigation depth set to 1.",
        "",
        "| page | clients | median ms | against | its ms | ratio | target | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['page']} | {row['clients']} | {row['median_ms']} | "
            f"{row['twin']} | {row['twin_ms']} | {row['ratio']} | "
            f"≤ {row['target']} | {'pass' if row['passed'] else 'FAIL'} |"
        )
    lines += [
        "",
        "| page | clients | p95 ms | target | result |",
        "|---|---|---|---|---|",
    ]
    for row in result["p95"]:
        lines.append(
            f"| {row['page']} | {row['clients']} | {row['p95_ms']} | "
            f"≤ {row['target']} ms | {'pass' if row['passed'] else 'FAIL'} |"
        )
    share = result["similar"]
    lines += [
        "",
        f"Similar-municipalities block: {share['similar_ms']} ms of "
        f"{share['view_ms']} ms for the practice example view "
        f"({round(share['share'] * 100, 1)} %, in-process, anonymous).",
        "",
        f"GETs whose write plone.protect aborted: {result['aborted_writes']}",
        "",
        f"Overall: {'pass' if result['passed'] else 'FAIL'}",
    ]
    return "\n".join(lines) + "\n"


def main():
    """Run the benchmark; return the exit code."""
    if shutil.which("wrk") is None:
        raise SystemExit("[bench] wrk is missing: apt-get install wrk")
    port = instance.free_port()
    with tempfile.TemporaryDirectory(prefix="zumo-bench-") as tmp:
        work = Path(tmp)
        step("copying the site's database")
        etc = make_instance(work, port)
        step(f"generating {EXAMPLES} practice examples")
        environment = {**os.environ, "BENCH_EXAMPLES": str(EXAMPLES)}
        examples = int(zconsole(etc, ROOT / "benchmarks/generate.py", env=environment))
        step("creating the stock twins")
        paths = json.loads(zconsole(etc, ROOT / "benchmarks/twins.py"))
        paths.update({page: "/Plone" + path for page, path in PAGES.items()})
        step(f"creating a stock Plone Classic site with {examples} Documents beside it")
        stock = json.loads(zconsole(etc, ROOT / "benchmarks/stock.py", examples))
        paths["stock_document"] = stock["document"]
        paths["stock_search"] = stock["site"] + PAGES["search"]
        step("timing the similar-municipalities block")
        similar = json.loads(
            zconsole(
                etc, ROOT / "benchmarks/similar_share.py", paths["practice_example"]
            )
        )
        step(f"starting the site on 127.0.0.1:{port}")
        log = (work / "server.log").open("w")
        server = subprocess.Popen(
            [BIN / "runwsgi", etc / "zope.ini"], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://localhost:{port}"
            try:
                instance.wait_for(base + paths["document"])
            except TimeoutError:
                raise SystemExit(
                    f"[bench] the site did not answer at {base + paths['document']}"
                ) from None
            step("warming up (each thread's database cache too)")
            for path in paths.values():
                for _ in range(20):
                    urllib.request.urlopen(base + path, timeout=60).read()
                warm_up(base + path)
            rounds = {}
            for number in range(1, ROUNDS + 1):
                for clients in CLIENTS:
                    for page, path in paths.items():
                        step(f"round {number}/{ROUNDS}: {page}, {clients} client(s)")
                        found = latency_ms(base + path, clients)
                        rounds.setdefault((page, clients), []).append(found)
            measured = {key: median_of(found) for key, found in rounds.items()}
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
        server_log = (work / "server.log").read_text(encoding="utf-8", errors="replace")
    rows = []
    for clients in CLIENTS:
        for page, twin, target in TARGETS:
            median = measured[page, clients]["p50"]
            twin_ms = measured[twin, clients]["p50"]
            ratio = round(median / twin_ms, 2)
            rows.append(
                {
                    "page": page,
                    "path": paths[page],
                    "clients": clients,
                    "median_ms": median,
                    "requests": measured[page, clients]["requests"],
                    "twin": twin,
                    "twin_ms": twin_ms,
                    "ratio": ratio,
                    "target": target,
                    "passed": ratio <= target,
                }
            )
    p95 = [
        {
            "page": page,
            "clients": clients,
            "p95_ms": measured[page, clients]["p95"],
            "target": target,
            "passed": measured[page, clients]["p95"] <= target,
        }
        for page, (clients, target) in P95_TARGETS.items()
    ]
    aborted = server_log.count("aborting transaction")
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "seconds": SECONDS,
        "threads": int(THREADS),
        "examples": examples,
        "stock_documents": examples,
        "rows": rows,
        "p95": p95,
        "similar": similar,
        "measured": {
            f"{page} {clients}": value for (page, clients), value in measured.items()
        },
        "aborted_writes": aborted,
        "passed": all(row["passed"] for row in rows + p95) and aborted == 0,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=1) + "\n")
    text = summary(result)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
