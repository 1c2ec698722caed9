"""The buildout install for real, as the README describes it, on a fresh clone:
``make buildout``, ``bin/instance run scripts/create_site.py``,
``bin/instance fg``; the map's libraries and outlines are served.

The clone is of the repository's HEAD: commit before running it. Needs the
network as ``make install`` does: PyPI for buildout's eggs, the npm registry
for the map libraries (package-lock.json). Takes about nine minutes on an
idle machine (buildout fetches and installs some 300 eggs one by one).
"""

from pathlib import Path
from zumo.policy.instance import free_port

import os
import pytest
import requests
import signal
import subprocess
import time


pytestmark = [pytest.mark.drill, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
#: What the map pages load from ``++plone++zumo``.
MAP_FILES = (
    "vendor/leaflet.js",
    "vendor/leaflet.markercluster.js",
    "vendor/leaflet.css",
    "vendor/MarkerCluster.css",
    "outlines_bw.geojson",
)
#: Without the calling make's jobserver and level: the clone's make is a
#: command of its own, as an administrator would type it.
ENVIRON = {
    key: value
    for key, value in os.environ.items()
    if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV"}
}


def run(command, cwd, timeout, **environ):
    """Run ``command`` in ``cwd``; fail with its output's end unless it
    succeeds."""
    done = subprocess.run(
        command,
        cwd=cwd,
        env={**ENVIRON, **environ},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def answering(url, process, seconds=300):
    """Wait until ``url`` answers (or the server has stopped); a busy
    machine may take long for the first answer of a new site."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return requests.get(url, timeout=60)
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(1)
    pytest.fail(f"{url} did not answer within {seconds} s")


def test_buildout_serves_the_map(tmp_path):
    clone = tmp_path / "zumo"
    run(["git", "clone", "--quiet", "--no-hardlinks", ROOT, clone], tmp_path, 300)
    port = free_port()
    run(["make", "buildout", f"PORT={port}"], clone, 1800)
    instance = clone / "bin" / "instance"
    assert instance.is_file()
    static = clone / "src/zumo/policy/browser/static"
    for name in MAP_FILES:
        assert (static / name).is_file(), name
    run([instance, "run", "scripts/create_site.py"], clone, 600, ZUMO_DEMO="0")
    # `fg` runs Zope as its child: a session of its own, stopped as a whole.
    server = subprocess.Popen(
        [instance, "fg"],
        cwd=clone,
        env=ENVIRON,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        site = f"http://127.0.0.1:{port}/Plone"
        for name in MAP_FILES:
            response = answering(f"{site}/++plone++zumo/{name}", server)
            assert response.status_code == 200, name
            assert response.content == (static / name).read_bytes(), name
        page = requests.get(f"{site}/praxisbeispiele/karte", timeout=120)
        assert page.status_code == 200
        assert f"{site}/++plone++zumo/vendor/leaflet.js" in page.text
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
