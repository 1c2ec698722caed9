"""Crash drill: nothing acknowledged is ever lost.

The site runs on its FileStorage as in production (``runwsgi`` with
``instance/zope.ini.in``); a client writes through REST — new files with
blobs, new pages, edits — while the process is killed with SIGKILL at a
random moment. After each cycle the storage is opened again and checked:
``fstest`` and ``fsrefs`` (ZODB's own checkers), every acknowledged write
present (a 201 or 200 was answered), the catalog agrees with the objects,
every file's blob readable with the bytes written. At the end zodbverify
loads every record. ``CRASH_CYCLES`` (default 20) sets the number of
cycles; the figures appear in the summary of the test run.
"""

from tests.fixtures.instance import CACHE_SIZE
from tests.fixtures.instance import run_script
from tests.fixtures.instance import zodbverify
from zumo.policy.instance import BIN
from zumo.policy.instance import free_port
from zumo.policy.instance import render
from zumo.policy.instance import ROOT
from zumo.policy.instance import wait_for

import json
import os
import pytest
import random
import requests
import signal
import subprocess
import threading
import time


pytestmark = pytest.mark.drill
CYCLES = int(os.environ.get("CRASH_CYCLES", "20"))
AUTH = ("admin", "admin")
HEADERS = {"Accept": "application/json"}
#: What the check prints: the drill folder's objects, their blobs and what
#: the catalog holds for it.
CHECK = """
import json
site = app["Plone"]
folder = site["crash"]
objects = {}
for name, obj in folder.objectItems():
    entry = {"title": obj.Title()}
    if obj.portal_type == "File":
        entry["data"] = obj.file.data.decode()
    objects[name] = entry
catalog = site.portal_catalog.unrestrictedSearchResults(
    path={"query": "/Plone/crash", "depth": 1})
print(json.dumps({
    "objects": objects,
    "catalog": sorted(brain.getId for brain in catalog),
    "titles": {brain.getId: brain.Title for brain in catalog},
}))
"""
#: What the drill prints when a write is lost: where the item still is
#: (folder, manual order, catalog) and the transaction that dropped it from
#: the folder, with the request that wrote it.
DIAGNOSE = """
import json
import sys
names = sys.argv[4:]
site = app["Plone"]
folder = site["crash"]
catalog = site.portal_catalog.unrestrictedSearchResults(
    path={"query": "/Plone/crash", "depth": 1})
indexed = {brain.getId for brain in catalog}
report = {}
for name in names:
    report[name] = {
        "tree": name in folder._tree,
        "order": name in folder.getOrdering().idsInOrder(),
        "catalog": name in indexed,
        "history": [],
    }
db = app._p_jar.db()
seen = {name: None for name in names}
for txn in db.storage.iterator():
    connection = db.open(at=txn.tid)
    try:
        ids = set(connection.root()["Application"]["Plone"]["crash"].objectIds())
    except (KeyError, AttributeError):
        ids = set()
    for name in names:
        present = name in ids
        if present != seen[name]:
            report[name]["history"].append(
                [txn.tid.hex(), present, txn.user.decode(errors="replace"),
                 txn.description.decode(errors="replace")[:200]])
            seen[name] = present
    connection.close()
print(json.dumps(report))
"""
SETUP = """
import transaction
from plone import api
from zope.component.hooks import setSite
from zumo.policy.setuphandlers.ownership import acting_as
site = app["Plone"]
setSite(site)
with acting_as(app, "admin"):
    if "crash" not in site:
        api.content.create(container=site, type="Folder", id="crash", title="Absturz")
transaction.commit()
"""


class Writer(threading.Thread):
    """Writes through REST until the server dies; remembers what was
    acknowledged: ``{id: {"title", "data"}}``, and the edit whose answer
    never came (``in_flight``: ``(id, title)``): the kill may have come
    after its commit and before its answer, so either title is right."""

    def __init__(self, base, cycle, acknowledged):
        super().__init__(daemon=True)
        self.base = base
        self.cycle = cycle
        self.acknowledged = acknowledged
        self.attempts = 0
        self.in_flight = None

    def run(self):
        folder = self.base + "/++api++/crash"
        number = 0
        while True:
            number += 1
            name = f"z{self.cycle:03d}-{number:04d}"
            self.attempts += 1
            try:
                if number % 3 == 0 and self.acknowledged:
                    # An edit of something written before.
                    target = random.choice(sorted(self.acknowledged))
                    title = f"{target} geändert in Zyklus {self.cycle}"
                    self.in_flight = (target, title)
                    answer = requests.patch(
                        f"{folder}/{target}",
                        json={"title": title},
                        auth=AUTH,
                        headers=HEADERS,
                        timeout=30,
                    )
                    self.in_flight = None
                    if answer.status_code == 204:
                        self.acknowledged[target] = {
                            **self.acknowledged[target],
                            "title": title,
                        }
                    continue
                data = f"Inhalt {name} " + "x" * random.randint(0, 5000)
                body = {"@type": "File", "id": name, "title": name}
                if number % 2:
                    body["file"] = {
                        "data": data,
                        "encoding": "utf8",
                        "filename": f"{name}.txt",
                        "content-type": "text/plain",
                    }
                else:
                    body["@type"] = "Document"
                    data = None
                answer = requests.post(
                    folder, json=body, auth=AUTH, headers=HEADERS, timeout=30
                )
                if answer.status_code == 201:
                    self.acknowledged[name] = {"title": name, "data": data}
            except requests.RequestException:
                return  # the server is gone


def _check(etc, home):
    """The storage checks and the state the site holds after a crash."""
    state = json.loads(run_script(etc, home / "check.py").strip().splitlines()[-1])
    data_fs = home / "var" / "filestorage" / "Data.fs"
    for tool in ("fstest", "fsrefs"):
        done = subprocess.run(
            [BIN / "python", "-m", f"ZODB.scripts.{tool}", data_fs],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (tool, done.stdout[-2000:], done.stderr[-2000:])
        assert "error" not in done.stdout.lower(), (tool, done.stdout[-2000:])
    return state


def _diagnose(etc, home, cycle, names, details):
    """Fail with what the storage and the logs know about the lost ``names``
    (``details``: what was acknowledged and what was found)."""
    (home / "diagnose.py").write_text(DIAGNOSE, encoding="utf-8")
    report = run_script(etc, home / "diagnose.py", *names).strip().splitlines()[-1]
    requests_seen = [
        line.strip()
        for line in (home / "var" / "log" / "access.log").read_text().splitlines()
        if any(name in line for name in names)
    ]
    warnings = [
        line
        for line in (home / "var" / "log" / "event.log").read_text().splitlines()
        if " WARNING " in line or " ERROR " in line or "onflict" in line
    ]
    raise AssertionError(
        f"cycle {cycle}: lost {names}\n{details}\nstorage: {report}\n"
        f"requests: {requests_seen[-20:]}\nlog: {warnings[-30:]}"
    )


def test_nothing_acknowledged_is_lost_when_the_process_is_killed(
    instance, record_property
):
    home = instance
    etc = home / "etc"
    (home / "check.py").write_text(CHECK, encoding="utf-8")
    (home / "setup.py").write_text(SETUP, encoding="utf-8")
    run_script(etc, home / "setup.py")
    port = free_port()
    render(home, port=port, threads=2, cache_size=CACHE_SIZE)
    base = f"http://127.0.0.1:{port}/Plone"
    acknowledged = {}
    figures = {
        "cycles": 0,
        "attempts": 0,
        "acknowledged": 0,
        "lost": 0,
        "unanswered": 0,
    }
    started = time.time()
    for cycle in range(CYCLES):
        log = open(home / "var" / "log" / f"crash-{cycle}.log", "w")
        server = subprocess.Popen(
            [BIN / "runwsgi", etc / "zope.ini"],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        try:
            wait_for(base + "/ok", process=server)
            writer = Writer(base, cycle, acknowledged)
            writer.start()
            time.sleep(random.uniform(0.3, 2.5))
        finally:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
            log.close()
        writer.join(60)
        figures["attempts"] += writer.attempts
        state = _check(etc, home)
        if writer.in_flight:
            name, title = writer.in_flight
            if state["objects"].get(name, {}).get("title") == title:
                # Committed, killed before the answer: it stands from now on.
                acknowledged[name] = {**acknowledged[name], "title": title}
                figures["unanswered"] += 1
        missing = sorted(set(acknowledged) - set(state["objects"]))
        changed = sorted(
            name
            for name, expected in acknowledged.items()
            if name in state["objects"]
            and (
                state["objects"][name]["title"] != expected["title"]
                or state["objects"][name].get("data") != expected["data"]
            )
        )
        figures["lost"] += len(missing) + len(changed)
        if missing or changed:
            _diagnose(
                etc,
                home,
                cycle,
                missing + changed,
                {
                    name: {
                        "acknowledged": acknowledged[name],
                        "found": state["objects"].get(name),
                    }
                    for name in missing + changed
                },
            )
        # The catalog agrees with the objects, titles included.
        assert state["catalog"] == sorted(state["objects"]), cycle
        for name, entry in state["objects"].items():
            assert state["titles"][name] == entry["title"], (cycle, name)
        figures["cycles"] += 1
        print(
            f"[crash] cycle {cycle + 1}/{CYCLES}: {len(acknowledged)} acknowledged "
            f"writes checked, none lost",
            flush=True,
        )
    figures["acknowledged"] = len(acknowledged)
    zodbverify(home / "var" / "filestorage" / "Data.fs")
    figures["seconds"] = round(time.time() - started)
    for name, value in figures.items():
        record_property(f"crash_{name}", value)
    assert figures["cycles"] == CYCLES and figures["lost"] == 0
    assert figures["acknowledged"] > CYCLES  # the drill did write
