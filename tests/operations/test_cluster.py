"""The cluster mode for real: PostgreSQL (RelStorage), two Zope processes,
HAProxy and Varnish, started and stopped by ``scripts/cluster.py`` (what
``make cluster`` runs) in a directory of its own on free ports.

Writes go through one process and are read through the other; one process
stops while the proxy keeps serving; Varnish keeps anonymous pages, never
a logged-in user's, and a change is visible to the next anonymous request.
The cluster's crash drill kills a Zope process with SIGKILL and stops
PostgreSQL with ``immediate`` while a client writes through HAProxy; every
acknowledged write is there afterwards, read through each process.
"""

from pathlib import Path
from zumo.policy.instance import free_ports
from zumo.policy.security import logins

import base64
import http.client
import os
import pytest
import random
import requests
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time


pytestmark = pytest.mark.drill
ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "admin")
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def run_cluster(environ, *args, script="cluster.py"):
    """Run ``scripts/cluster.py`` (or ``script``) with ``args``; return the
    completed process."""
    return subprocess.run(
        [sys.executable, ROOT / "scripts" / script, *args],
        env=environ,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def cluster():
    """A running cluster without the demo network; removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="zumo-cluster-"))
    directory.chmod(0o755)  # PostgreSQL runs as its own user
    first = free_ports(5)[0]
    environ = {
        **os.environ,
        "CLUSTER_DIR": str(directory),
        "PORT": str(first),
        "HAPROXY_PORT": str(first + 1),
        "PG_PORT": str(first + 2),
        "ZOPE_PORT": str(first + 3),
        "ZUMO_ADMIN_PASSWORD": "admin",
    }
    started = run_cluster(environ, "start", "--no-demo")
    try:
        assert started.returncode == 0, started.stdout[-3000:] + started.stderr[-3000:]
        yield {
            "environ": environ,
            "dir": directory,
            "varnish": f"http://localhost:{first}/Plone",
            "haproxy": f"http://localhost:{first + 1}/Plone",
            "zope": [
                f"http://localhost:{first + 3}/Plone",
                f"http://localhost:{first + 4}/Plone",
            ],
        }
    finally:
        stopped = run_cluster(environ, "stop", "--remove")
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        shutil.rmtree(directory, ignore_errors=True)


def _create(base, title, publish=True, container=""):
    """Create a Document through ``base`` as admin; return its path below
    the site."""
    answer = requests.post(
        f"{base}{container}",
        json={"@type": "Document", "title": title},
        headers=JSON,
        auth=ADMIN,
        timeout=60,
    )
    assert answer.status_code == 201, answer.text
    url = answer.json()["@id"]
    if publish:
        done = requests.post(
            f"{url}/@workflow/publish", headers=JSON, auth=ADMIN, timeout=60
        )
        assert done.status_code == 200, done.text
    return url.split("/Plone", 1)[1]


def _anonymous(url):
    return requests.get(url, timeout=60)


#: A page only a logged-in manager may see (401 for anybody else).
MANAGED = "/Plone/++api++/@controlpanels"


def _as_client(client, port, auth, forwarded=None):
    """The status of ``MANAGED`` on 127.0.0.1:``port`` asked from the
    loopback address ``client`` with basic ``auth`` (and an
    ``X-Forwarded-For`` header ``forwarded`` of the client's choosing)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=60, source_address=(client, 0)
    )
    token = base64.b64encode(":".join(auth).encode()).decode()
    headers = {"Accept": "application/json", "Authorization": f"Basic {token}"}
    if forwarded is not None:
        headers["X-Forwarded-For"] = forwarded
    try:
        connection.request("GET", MANAGED, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


class TestCluster:
    """Two processes on one PostgreSQL database behind HAProxy and Varnish."""

    def test_the_site_is_stored_in_postgresql(self, cluster):
        conf = (cluster["dir"] / "zope-1" / "etc" / "zope.conf").read_text()
        assert "<relstorage>" in conf
        assert "keep-history false" in conf
        environ = {
            **os.environ,
            "PGPASSWORD": (cluster["dir"] / "pgpass").read_text().strip(),
        }
        port = cluster["environ"]["PG_PORT"]
        count = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", port, "-U", "zumo", "-d", "zumo",
             "-tAc", "SELECT count(*) FROM object_state"],
            env=environ, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert int(count) > 1000
        # The password is the cluster's own, not a default one.
        assert (cluster["dir"] / "pgpass").stat().st_mode & 0o077 == 0

    def test_written_through_one_read_through_the_other(self, cluster):
        first, second = cluster["zope"]
        path = _create(first, "Geschrieben über Prozess eins")
        answer = requests.get(
            second + path,
            headers={"Accept": "application/json"},
            auth=ADMIN,
            timeout=60,
        )
        assert answer.status_code == 200
        assert answer.json()["title"] == "Geschrieben über Prozess eins"
        # And the other way round, with a file (blobs live in PostgreSQL).
        created = requests.post(
            second,
            json={
                "@type": "File",
                "title": "Protokoll",
                "file": {
                    "data": "UHJvdG9rb2xsIGRlciBTaXR6dW5n",
                    "encoding": "base64",
                    "filename": "protokoll.txt",
                    "content-type": "text/plain",
                },
            },
            headers=JSON,
            auth=ADMIN,
            timeout=60,
        )
        assert created.status_code == 201, created.text
        download = requests.get(
            first + created.json()["@id"].split("/Plone", 1)[1] + "/@@download/file",
            auth=ADMIN,
            timeout=60,
        )
        assert download.content == b"Protokoll der Sitzung"

    def test_anonymous_pages_are_cached_and_purged_on_change(self, cluster):
        varnish = cluster["varnish"]
        path = _create(varnish, "Dorfladen Version eins")
        url = varnish + path
        assert "Dorfladen Version eins" in _anonymous(url).text
        cached = _anonymous(url)
        assert cached.headers["X-Cache"] == "HIT"
        assert "s-maxage=3600" in cached.headers["Cache-Control"]
        # Edited: the next anonymous request sees the new title.
        edited = requests.patch(
            varnish + "/++api++" + path,
            json={"title": "Dorfladen Version zwei"},
            headers=JSON,
            auth=ADMIN,
            timeout=60,
        )
        assert edited.status_code == 204, edited.text
        after = _anonymous(url)
        assert "Dorfladen Version zwei" in after.text
        assert after.headers["X-Cache"] == "MISS"
        # Retracted: anonymous visitors no longer see it.
        retracted = requests.post(
            f"{varnish}/++api++{path}/@workflow/retract",
            headers=JSON,
            auth=ADMIN,
            timeout=60,
        )
        assert retracted.status_code == 200
        assert "Dorfladen Version zwei" not in _anonymous(url).text
        # Deleted: gone for the next visitor.
        path = _create(varnish, "Bald gelöscht")
        assert _anonymous(varnish + path).status_code == 200
        assert _anonymous(varnish + path).headers["X-Cache"] == "HIT"
        deleted = requests.delete(
            varnish + "/++api++" + path, headers=JSON, auth=ADMIN, timeout=60
        )
        assert deleted.status_code == 204
        assert _anonymous(varnish + path).status_code == 404

    def test_a_new_item_appears_in_the_cached_listing_at_once(self, cluster):
        varnish = cluster["varnish"]
        folder = requests.post(
            varnish,
            json={"@type": "Folder", "title": "Aktuelles"},
            headers=JSON,
            auth=ADMIN,
            timeout=60,
        ).json()["@id"]
        requests.post(
            f"{folder}/@workflow/publish", headers=JSON, auth=ADMIN, timeout=60
        )
        listing = varnish + folder.split("/Plone", 1)[1]
        _anonymous(listing)
        assert _anonymous(listing).headers["X-Cache"] == "HIT"
        _create(varnish, "Neu in Aktuelles", container=folder.split("/Plone", 1)[1])
        assert "Neu in Aktuelles" in _anonymous(listing).text

    def test_logged_in_pages_are_never_cached(self, cluster):
        varnish = cluster["varnish"]
        path = _create(varnish, "Für alle sichtbar")
        for _ in range(2):
            page = requests.get(varnish + path, auth=ADMIN, timeout=60)
            assert page.headers["X-Cache"] == "MISS"
            assert "private" in page.headers["Cache-Control"]
        # The cached copy anonymous visitors get is never given to a
        # request with a login cookie.
        assert "s-maxage" in _anonymous(varnish + path).headers["Cache-Control"]
        assert _anonymous(varnish + path).headers["X-Cache"] == "HIT"
        cookie = requests.get(varnish + path, cookies={"__ac": "abc"}, timeout=60)
        assert cookie.headers["X-Cache"] == "MISS"
        # A private page is never kept either.
        private = _create(varnish, "Entwurf", publish=False)
        for _ in range(2):
            page = requests.get(varnish + private, auth=ADMIN, timeout=60)
            assert page.headers["X-Cache"] == "MISS"
        assert "Entwurf" not in _anonymous(varnish + private).text

    def test_forms_are_never_cached(self, cluster):
        url = cluster["varnish"] + "/mitmachen/rueckmeldung"
        for _ in range(2):
            page = _anonymous(url)
            assert page.status_code == 200
            assert page.headers["X-Cache"] == "MISS"

    def test_limits_key_on_the_real_client_behind_the_proxies(self, cluster):
        """20 failed logins from one client lock out that client, not the
        network behind the shared proxies; the client cannot escape by
        sending an X-Forwarded-For header of its own."""
        environ = cluster["environ"]
        varnish, haproxy = int(environ["PORT"]), int(environ["HAPROXY_PORT"])
        zopes = [int(environ["ZOPE_PORT"]) + number for number in range(2)]
        guesser, other = "127.0.0.2", "127.0.0.3"
        assert _as_client(guesser, varnish, ADMIN) == 200
        # Wrong passwords for ever new names through Varnish, until every
        # process (each counts for itself) refuses the guesser's right one.
        for attempt in range(4 * logins.ADDRESS_LIMIT):
            status = _as_client(guesser, varnish, (f"niemand-{attempt}", "falsch"))
            assert status == 401
            if attempt >= logins.ADDRESS_LIMIT and all(
                _as_client(guesser, port, ADMIN) == 401 for port in zopes
            ):
                break
        else:
            pytest.fail("the guessing client was never refused")
        # The others behind the same proxies log in as before.
        for _attempt in range(4):
            assert _as_client(other, varnish, ADMIN) == 200
        assert _as_client("127.0.0.1", varnish, ADMIN) == 200
        # The guesser stays refused whatever address it claims to forward,
        # through Varnish, through HAProxy and at each process itself.
        for number, port in enumerate([varnish, varnish, haproxy, *zopes]):
            for forwarded in (other, f"198.51.100.{number}", f"{other}, {other}"):
                assert _as_client(guesser, port, ADMIN, forwarded) == 401, (
                    port,
                    forwarded,
                )

    def test_backup_and_restore_drill(self, cluster):
        """pg_dump while the cluster runs, add content, restore, verify."""
        environ = {**cluster["environ"], "BACKUP_DIR": str(cluster["dir"] / "backups")}
        varnish = cluster["varnish"]
        kept = _create(varnish, "Vor der Sicherung")
        backup = run_cluster(
            environ, "backup", "--storage", "postgresql", script="backup.py"
        )
        assert backup.returncode == 0, backup.stdout + backup.stderr
        lost = _create(varnish, "Nach der Sicherung")
        assert _anonymous(varnish + lost).status_code == 200
        assert _anonymous(varnish + lost).headers["X-Cache"] == "HIT"
        restore = run_cluster(
            environ, "restore", "--storage", "postgresql", script="backup.py"
        )
        assert restore.returncode == 0, restore.stdout + restore.stderr
        # Through Varnish (emptied) and each process (caches dropped).
        for base in (varnish, *cluster["zope"]):
            assert "Vor der Sicherung" in _anonymous(base + kept).text
            assert _anonymous(base + lost).status_code == 404
        # The state before the restore was dumped first.
        assert list((cluster["dir"] / "backups" / "postgresql").glob("vor-*.dump"))
        assert run_cluster(cluster["environ"], "status").returncode == 0

    def test_the_proxy_keeps_serving_while_one_process_stops(self, cluster):
        run = cluster["dir"] / "run"
        pid = int((run / "zope-2.pid").read_text())
        os.kill(pid, 15)
        try:
            # HAProxy notices within two checks a second apart; requests
            # that meet the stopped process are sent to the other.
            for number in range(30):
                answer = requests.get(
                    cluster["haproxy"] + "/praxisbeispiele", auth=ADMIN, timeout=60
                )
                assert answer.status_code == 200, number
            path = _create(cluster["varnish"], "Während Prozess zwei ruht")
            assert (
                requests.get(
                    cluster["zope"][0] + path, auth=ADMIN, timeout=60
                ).status_code
                == 200
            )
        finally:
            started = run_cluster(cluster["environ"], "start", "--no-demo")
            assert started.returncode == 0, started.stdout + started.stderr
        status = run_cluster(cluster["environ"], "status")
        assert status.returncode == 0, status.stdout


class ClusterWriter(threading.Thread):
    """Adds pages through HAProxy until told to stop; remembers the
    acknowledged ones (201) and counts the refused (a process or the
    database was down)."""

    def __init__(self, base, prefix):
        super().__init__(daemon=True)
        self.base = base
        self.prefix = prefix
        self.acknowledged = {}
        self.attempts = 0
        self.refused = 0
        self.stop = threading.Event()

    def run(self):
        number = 0
        while not self.stop.is_set():
            number += 1
            name = f"{self.prefix}-{number:04d}"
            self.attempts += 1
            try:
                answer = requests.post(
                    self.base + "/absturz",
                    json={"@type": "Document", "id": name, "title": name},
                    headers=JSON,
                    auth=ADMIN,
                    timeout=30,
                )
            except requests.RequestException:
                answer = None
            if answer is not None and answer.status_code == 201:
                self.acknowledged[name] = name
            else:
                self.refused += 1
                time.sleep(0.2)


def _stop_postgres_immediately(environ):
    """``pg_ctl stop -m immediate``: PostgreSQL ends without a checkpoint,
    as after a power cut, and recovers from its write-ahead log on start."""
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys; sys.path.insert(0, 'scripts'); import cluster; "
         "cluster.stop_postgres(cluster.Settings(), mode='immediate')"],
        env=environ, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


class TestClusterCrash:
    """The crash drill of the cluster: nothing acknowledged is lost when a
    Zope process is killed or PostgreSQL stops without warning."""

    def test_nothing_acknowledged_is_lost(self, cluster, record_property):
        environ = cluster["environ"]
        folder = requests.post(
            cluster["haproxy"],
            json={"@type": "Folder", "id": "absturz", "title": "Absturz"},
            headers=JSON,
            auth=ADMIN,
            timeout=60,
        )
        assert folder.status_code == 201, folder.text
        run = cluster["dir"] / "run"
        writers, crashes = [], []
        for cycle, crash in enumerate(
            ("zope-1", "zope-2", "postgresql", "zope-1", "postgresql")
        ):
            writer = ClusterWriter(cluster["haproxy"], f"c{cycle}")
            writer.start()
            time.sleep(random.uniform(1.0, 3.0))
            if crash == "postgresql":
                _stop_postgres_immediately(environ)
            else:
                os.kill(int((run / f"{crash}.pid").read_text()), signal.SIGKILL)
            time.sleep(1.0)
            started = run_cluster(environ, "start", "--no-demo")
            assert started.returncode == 0, started.stdout + started.stderr
            # Writing works again before the cycle ends.
            before = len(writer.acknowledged)
            for _attempt in range(2):
                deadline = time.time() + 150
                while len(writer.acknowledged) <= before and time.time() < deadline:
                    time.sleep(0.5)
                if len(writer.acknowledged) > before:
                    break
                # Not back yet: start the missing parts once more.
                run_cluster(environ, "start", "--no-demo")
            writer.stop.set()
            writer.join(60)
            assert len(writer.acknowledged) > before, (
                crash,
                writer.refused,
                run_cluster(environ, "status").stdout,
            )
            writers.append(writer)
            crashes.append(crash)
        # Every acknowledged page is there, read through each process.
        acknowledged = [name for w in writers for name in w.acknowledged]
        lost = []
        for base in cluster["zope"]:
            listing = requests.get(
                base + "/++api++/absturz",
                params={"b_size": 100, "b_start": 0},
                headers={"Accept": "application/json"},
                auth=ADMIN,
                timeout=60,
            ).json()
            present = {item["@id"].rsplit("/", 1)[1] for item in listing["items"]}
            url = listing.get("batching", {}).get("next")
            while url:
                page = requests.get(
                    url, headers={"Accept": "application/json"}, auth=ADMIN, timeout=60
                ).json()
                present |= {item["@id"].rsplit("/", 1)[1] for item in page["items"]}
                url = page.get("batching", {}).get("next")
            lost += [(base, name) for name in acknowledged if name not in present]
        record_property("cluster_crash_cycles", len(crashes))
        record_property("cluster_crash_attempts", sum(w.attempts for w in writers))
        record_property("cluster_crash_acknowledged", len(acknowledged))
        record_property("cluster_crash_refused", sum(w.refused for w in writers))
        record_property("cluster_crash_lost", len(lost))
        assert lost == []
        assert run_cluster(environ, "status").returncode == 0
