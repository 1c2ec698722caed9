"""Benchmark the ZUMO views against a stock Plone Document, in one run.

``make bench`` runs this after ``make create-site``. Steps, each shown:

1. copy the site's database (``instance/var``) into a temporary instance, so
   the benchmark never changes the real site;
2. create the stock twins there (``benchmarks/twins.py``);
3. start that instance on 127.0.0.1 and warm it up;
4. measure each page with wrk (Debian's ``wrk``), one and four clients,
   ``BENCH_SECONDS`` seconds each (default 8), and take the median latency;
5. compare each ZUMO page with the stock Document of the same text (ratio of
   the medians) against its target, and check the server log for writes
   that plone.protect aborted (a GET must never write);
6. write ``benchmarks/results/latest.json`` and ``latest.md`` (machine facts,
   medians, ratios, pass or fail) and print the summary.

Exits with 1 if a target is missed.
"""

from datetime import datetime
from datetime import UTC
from pathlib import Path

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "benchmarks" / "results"
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CLIENTS = (1, 4)
#: Highest allowed ratio of a page's median to the stock Document's.
TARGETS = {"practice_example": 1.5, "municipality": 1.5, "start_page": 1.5}
LATENCY = re.compile(r"^\s*50%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def step(message):
    """Show progress."""
    print(f"[bench] {message}", flush=True)


def free_port():
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_instance(work, port):
    """A copy of the site's instance in ``work``; return its zope.conf."""
    source = ROOT / "instance"
    shutil.copytree(source / "var" / "filestorage", work / "var" / "filestorage")
    shutil.copytree(source / "var" / "blobstorage", work / "var" / "blobstorage")
    (work / "var" / "log").mkdir(parents=True)
    (work / "var" / "cache").mkdir()
    etc = work / "etc"
    etc.mkdir()
    for template, target in (
        ("zope.conf.in", "zope.conf"),
        ("zope.ini.in", "zope.ini"),
    ):
        text = (source / template).read_text(encoding="utf-8")
        text = text.replace("@INSTANCE@", str(work)).replace("@PORT@", str(port))
        text = text.replace("@ZODB_CACHE_SIZE@", "50000")
        (etc / target).write_text(text, encoding="utf-8")
    shutil.copy(source / "site.zcml", etc / "site.zcml")
    return etc


def wait_for(url, seconds=120):
    """Wait until ``url`` answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"[bench] the site did not answer at {url}")


def median_ms(url, clients):
    """Median latency of ``url`` in ms under wrk with ``clients`` connections."""
    output = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{SECONDS}s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    value, unit = LATENCY.search(output).groups()
    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE).group(1)
    return round(float(value) * UNITS[unit], 2), int(requests)


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
        "# Benchmark: ZUMO views against a stock Plone Document",
        "",
        f"Run {result['date']} on {result['machine']['cpus']} CPUs, "
        f"Python {result['machine']['python']}, {result['machine']['wrk']}; "
        f"wrk {SECONDS} s per page and client count, median latency in ms.",
        "",
        "| page | clients | median ms | Document ms | ratio | target | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['page']} | {row['clients']} | {row['median_ms']} | "
            f"{row['document_ms']} | {row['ratio']} | ≤ {row['target']} | "
            f"{'pass' if row['passed'] else 'FAIL'} |"
        )
    lines += [
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
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="zumo-bench-") as tmp:
        work = Path(tmp)
        step("copying the site's database")
        etc = make_instance(work, port)
        step("creating the stock twins")
        made = subprocess.run(
            [BIN / "zconsole", "run", etc / "zope.conf", ROOT / "benchmarks/twins.py"],
            capture_output=True,
            text=True,
        )
        if made.returncode:
            raise SystemExit(f"[bench] making the twins failed:\n{made.stderr}")
        paths = json.loads(made.stdout.strip().splitlines()[-1])
        step(f"starting the site on 127.0.0.1:{port}")
        log = (work / "server.log").open("w")
        server = subprocess.Popen(
            [BIN / "runwsgi", etc / "zope.ini"], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://localhost:{port}"
            wait_for(base + paths["document"])
            for path in paths.values():
                for _ in range(20):
                    urllib.request.urlopen(base + path, timeout=60).read()
            rows = []
            documents = {}
            for clients in CLIENTS:
                step(f"Document, {clients} client(s)")
                documents[clients] = median_ms(base + paths["document"], clients)[0]
                for page, target in TARGETS.items():
                    step(f"{page}, {clients} client(s)")
                    median, requests = median_ms(base + paths[page], clients)
                    ratio = round(median / documents[clients], 2)
                    rows.append(
                        {
                            "page": page,
                            "path": paths[page],
                            "clients": clients,
                            "median_ms": median,
                            "requests": requests,
                            "document_ms": documents[clients],
                            "ratio": ratio,
                            "target": target,
                            "passed": ratio <= target,
                        }
                    )
        finally:
            server.terminate()
            server.wait(timeout=60)
            log.close()
        server_log = (work / "server.log").read_text(encoding="utf-8", errors="replace")
    aborted = server_log.count("aborting transaction")
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "seconds": SECONDS,
        "rows": rows,
        "aborted_writes": aborted,
        "passed": all(row["passed"] for row in rows) and aborted == 0,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=1) + "\n")
    text = summary(result)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
