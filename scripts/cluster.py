"""Start and stop the ZUMO Netzwerk in the cluster mode.

Usage (``make cluster``, ``make cluster-stop``, ``make cluster-status``)::

    python scripts/cluster.py start [--demo | --no-demo]
    python scripts/cluster.py stop [--remove]
    python scripts/cluster.py status

The cluster is the same site as ``make run`` on other parts, all on this
machine and on loopback only:

* PostgreSQL from Debian's packages, a database cluster of its own in
  ``<dir>/postgresql`` (port ``PG_PORT``, default 5433, so a system
  PostgreSQL on 5432 is left alone), database and user ``zumo`` with a
  generated password (``<dir>/pgpass``, readable by its owner only);
* ``ZOPE_PROCESSES`` Zope processes (default 2) on the ports after
  ``ZOPE_PORT`` (default 8081, 8082), each rendered from
  ``instance/zope-cluster.conf.in`` with its own blob cache;
* HAProxy (``instance/haproxy.cfg.in``) on ``HAPROXY_PORT`` (default 8090),
  checking each process through ``/ok``;
* Varnish (``instance/varnish.vcl.in``) on ``PORT`` (default 8080), so the
  site is at http://localhost:8080/Plone as with ``make run``.

``start`` installs what is missing from Debian's packages (as root), creates
the database, creates the site if it is missing (with the demo network
unless ``--no-demo``; an existing site gets its upgrade steps), switches on
caching with purges to Varnish, and starts everything. ``stop`` stops
everything (``--remove`` also deletes ``<dir>``). ``CLUSTER_DIR`` (default
``instance/var/cluster``) holds all data, configuration, logs and pid files.
"""

from pathlib import Path
from zumo.policy import instance

import argparse
import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time


ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PACKAGES = {"postgresql": "initdb", "haproxy": "haproxy", "varnish": "varnishd"}


def step(message):
    """Show progress."""
    print(f"[cluster] {message}", flush=True)


class Settings:
    """Where the cluster lives and which ports it uses (from the environment)."""

    def __init__(self, environ=os.environ):
        self.dir = Path(
            environ.get("CLUSTER_DIR") or ROOT / "instance" / "var" / "cluster"
        ).resolve()
        self.port = int(environ.get("PORT") or 8080)
        self.haproxy_port = int(environ.get("HAPROXY_PORT") or 8090)
        self.pg_port = int(environ.get("PG_PORT") or 5433)
        first = int(environ.get("ZOPE_PORT") or 8081)
        count = int(environ.get("ZOPE_PROCESSES") or 2)
        self.zope_ports = [first + number for number in range(count)]
        self.threads = environ.get("THREADS") or "2"
        self.cache_size = environ.get("ZODB_CACHE_SIZE") or "50000"
        self.run = self.dir / "run"
        self.pgdata = self.dir / "postgresql"

    def zope_dir(self, number):
        """The instance directory of Zope process ``number`` (from 1)."""
        return self.dir / f"zope-{number}"

    @property
    def url(self):
        """The site as visitors reach it (through Varnish)."""
        return f"http://localhost:{self.port}/Plone"


# -- Debian packages ---------------------------------------------------------


def pg_bin():
    """The directory of Debian's PostgreSQL server programs, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[4]),
    )
    return Path(found[-1]).parent if found else None


def program(name):
    """The path of ``name`` (a PostgreSQL server program or on PATH)."""
    if name == "initdb":
        found = pg_bin()
        return found / "initdb" if found else None
    for directory in ("/usr/sbin", "/usr/bin"):
        if Path(directory, name).exists():
            return Path(directory, name)
    return shutil.which(name)


def ensure_packages():
    """Install the Debian packages the cluster needs, if missing (as root)."""
    missing = [package for package, name in PACKAGES.items() if not program(name)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            f"[cluster] missing: {', '.join(missing)}; install Debian's packages "
            f"as root (apt-get install {' '.join(missing)}), then try again."
        )
    step(f"installing Debian's {', '.join(missing)} ...")
    environ = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environ)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=environ,
    )
    # Debian starts its own services after installing; the cluster runs its
    # own copies on other ports, so the system's are stopped again.
    for service in ("varnish", "haproxy"):
        subprocess.run(["service", service, "stop"], capture_output=True, check=False)


# -- PostgreSQL -------------------------------------------------------------


def _as_postgres(command):
    """``command`` run as the user ``postgres`` when we are root (PostgreSQL
    refuses to run as root), else as ourselves."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *map(str, command)]
    return [str(part) for part in command]


def _pg_owner(path):
    """Give ``path`` to the user ``postgres`` when we are root."""
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        os.chown(path, entry.pw_uid, entry.pw_gid)


def pg_password(settings):
    """The password of the database user ``zumo`` (made on first use)."""
    path = settings.dir / "pgpass"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(24) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def pg_environ(settings):
    """Environment for PostgreSQL's client programs (psql, pg_dump)."""
    return {
        **os.environ,
        "PGHOST": "127.0.0.1",
        "PGPORT": str(settings.pg_port),
        "PGUSER": "zumo",
        "PGDATABASE": "zumo",
        "PGPASSWORD": pg_password(settings),
    }


def pg_running(settings):
    """True if the cluster's PostgreSQL answers."""
    done = subprocess.run(
        [pg_bin() / "pg_isready", "-q", "-h", "127.0.0.1", "-p", str(settings.pg_port)],
        check=False,
    )
    return done.returncode == 0


def start_postgres(settings):
    """Create the database cluster if missing and start it."""
    bindir = pg_bin()
    password = pg_password(settings)
    if not (settings.pgdata / "PG_VERSION").exists():
        step(f"creating the PostgreSQL database cluster in {settings.pgdata}")
        settings.pgdata.mkdir(parents=True, exist_ok=True)
        _pg_owner(settings.pgdata)
        pwfile = settings.run / "initdb.pw"
        pwfile.write_text(password + "\n", encoding="utf-8")
        _pg_owner(pwfile)
        try:
            subprocess.run(
                _as_postgres(
                    [bindir / "initdb", "-D", settings.pgdata, "-U", "zumo",
                     "--pwfile", pwfile, "--auth=scram-sha-256",
                     "--encoding=UTF8", "--locale=C.UTF-8"]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        finally:
            pwfile.unlink()
    if pg_running(settings):
        return
    step(f"starting PostgreSQL on 127.0.0.1:{settings.pg_port}")
    _pg_owner(settings.run)
    subprocess.run(
        _as_postgres(
            [bindir / "pg_ctl", "-D", settings.pgdata, "-w", "-l",
             settings.run / "postgresql.log", "start", "-o",
             f"-h 127.0.0.1 -p {settings.pg_port} -k {settings.run}"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    environ = pg_environ(settings)
    exists = subprocess.run(
        [bindir / "psql", "-d", "postgres", "-tAc",
         "SELECT 1 FROM pg_database WHERE datname = 'zumo'"],
        env=environ, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run([bindir / "createdb", "zumo"], env=environ, check=True)


def stop_postgres(settings, mode="fast"):
    """Stop the cluster's PostgreSQL (``mode`` as pg_ctl's ``-m``)."""
    if not (settings.pgdata / "postmaster.pid").exists():
        return
    step(f"stopping PostgreSQL ({mode})")
    subprocess.run(
        _as_postgres(
            [pg_bin() / "pg_ctl", "-D", settings.pgdata, "-w", "-m", mode, "stop"]
        ),
        check=False,
        stdout=subprocess.DEVNULL,
    )


# -- configuration -----------------------------------------------------------


def configure(settings):
    """Render the configuration of every part into ``<dir>``."""
    password = pg_password(settings)
    for number, port in enumerate(settings.zope_ports, start=1):
        etc = instance.render(
            settings.zope_dir(number),
            port=port,
            threads=settings.threads,
            cache_size=settings.cache_size,
            template="zope-cluster.conf.in",
            values={
                "PG_PORT": settings.pg_port,
                "PG_PASSWORD": password,
                # Zope decides which forwarded addresses it trusts.
                "CLEAR_PROXY_HEADERS": "false",
            },
            var=("log", "cache", "blobcache"),
        )
        (etc / "zope.conf").chmod(0o600)
    servers = "\n".join(
        f"    server zope{number} 127.0.0.1:{port} check inter 1s fall 2 rise 2"
        f" maxconn {settings.threads}"
        for number, port in enumerate(settings.zope_ports, start=1)
    )
    instance.fill(
        "haproxy.cfg.in",
        settings.dir / "haproxy.cfg",
        {
            "RUN": settings.run,
            "HAPROXY_PORT": settings.haproxy_port,
            "SERVERS": servers,
        },
    )
    instance.fill(
        "varnish.vcl.in",
        settings.dir / "varnish.vcl",
        {"HAPROXY_PORT": settings.haproxy_port},
    )


# -- processes -----------------------------------------------------------------


def _pid(path):
    """The process id in ``path`` if that process is alive, else None."""
    try:
        pid = int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    try:
        # A process this one started and that has ended: collect it.
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    try:
        # A killed process nobody has collected yet (a zombie) is gone too.
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] == "Z":
            return None
    except (OSError, IndexError):
        pass
    return pid


def wait_for(url, seconds=180):
    """Wait until ``url`` answers with 200; exit with a message if it does
    not within ``seconds``."""
    try:
        instance.wait_for(url, seconds)
    except TimeoutError:
        raise SystemExit(
            f"[cluster] no answer from {url}; see the logs in {url}"
        ) from None


def create_site(settings, demo):
    """Create the site in PostgreSQL if missing (else upgrade it), with
    caching switched on and purges sent to Varnish."""
    step("creating or upgrading the site in PostgreSQL (RelStorage)")
    environ = {
        **os.environ,
        "ZUMO_DEMO": "1" if demo else "0",
        "ZUMO_CACHING_PROXY": f"http://127.0.0.1:{settings.port}",
    }
    instance.zconsole(
        settings.zope_dir(1) / "etc" / "zope.conf",
        ROOT / "scripts" / "create_site.py",
        environ=environ,
        stdout=None,
        stderr=None,
    )


def start_zope(settings, number):
    """Start Zope process ``number`` in the background."""
    home = settings.zope_dir(number)
    pidfile = settings.run / f"zope-{number}.pid"
    if _pid(pidfile):
        return
    port = settings.zope_ports[number - 1]
    step(f"starting Zope process {number} on 127.0.0.1:{port}")
    log = (home / "var" / "log" / "console.log").open("ab")
    process = subprocess.Popen(
        [BIN / "runwsgi", home / "etc" / "zope.ini"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        cwd=ROOT,
    )
    pidfile.write_text(f"{process.pid}\n")


def start_haproxy(settings):
    """Start HAProxy in the background."""
    if _pid(settings.run / "haproxy.pid"):
        return
    step(f"starting HAProxy on 127.0.0.1:{settings.haproxy_port}")
    subprocess.run(
        [program("haproxy"), "-q", "-D", "-f", settings.dir / "haproxy.cfg",
         "-p", settings.run / "haproxy.pid"],
        check=True,
    )  # fmt: skip


def start_varnish(settings):
    """Start Varnish in the background."""
    if _pid(settings.run / "varnish.pid"):
        return
    step(f"starting Varnish on 127.0.0.1:{settings.port}")
    workdir = settings.run / "varnish"
    workdir.mkdir(exist_ok=True)
    subprocess.run(
        [program("varnishd"), "-a", f"127.0.0.1:{settings.port}",
         "-f", settings.dir / "varnish.vcl", "-n", workdir,
         "-P", settings.run / "varnish.pid", "-s", "malloc,256m",
         "-T", "none", "-p", "ban_lurker_sleep=0.01",
         *(["-j", "none"] if os.geteuid() != 0 else [])],
        check=True,
    )  # fmt: skip


def stop_process(settings, name, seconds=30):
    """Stop the process whose pid file is ``<run>/<name>.pid``."""
    pidfile = settings.run / f"{name}.pid"
    pid = _pid(pidfile)
    if pid is None:
        pidfile.unlink(missing_ok=True)
        return
    step(f"stopping {name}")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and _pid(pidfile):
        time.sleep(0.2)
    if _pid(pidfile):
        os.kill(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)


def start(settings, demo=True):
    """Start the whole cluster; return its URL."""
    ensure_packages()
    settings.run.mkdir(parents=True, exist_ok=True)
    start_postgres(settings)
    configure(settings)
    create_site(settings, demo)
    for number in range(1, len(settings.zope_ports) + 1):
        start_zope(settings, number)
    for port in settings.zope_ports:
        wait_for(f"http://127.0.0.1:{port}/ok")
    start_haproxy(settings)
    wait_for(f"http://127.0.0.1:{settings.haproxy_port}/ok")
    start_varnish(settings)
    wait_for(settings.url)
    step(f"ZUMO Netzwerk (cluster): {settings.url}")
    return settings.url


def stop(settings, remove=False):
    """Stop every part of the cluster; with ``remove`` delete its data."""
    if settings.run.exists():
        stop_process(settings, "varnish")
        stop_process(settings, "haproxy")
        for number in range(1, len(settings.zope_ports) + 1):
            stop_process(settings, f"zope-{number}")
        stop_postgres(settings)
    if remove and settings.dir.exists():
        step(f"removing {settings.dir}")
        shutil.rmtree(settings.dir)


def status(settings):
    """Print which parts run; return 0 if all do."""
    parts = {"postgresql": pg_bin() is not None and pg_running(settings)}
    for name in ("varnish", "haproxy") + tuple(
        f"zope-{number}" for number in range(1, len(settings.zope_ports) + 1)
    ):
        parts[name] = _pid(settings.run / f"{name}.pid") is not None
    for name, running in parts.items():
        print(f"{name:12} {'läuft' if running else 'gestoppt'}")
    return 0 if all(parts.values()) else 1


def main(argv=None):
    """Command line entry; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("start", "stop", "status"))
    parser.add_argument(
        "--no-demo", action="store_true", help="a site without the demo network"
    )
    parser.add_argument(
        "--remove", action="store_true", help="stop: also delete the data"
    )
    args = parser.parse_args(argv)
    settings = Settings()
    if args.command == "start":
        start(settings, demo=not args.no_demo)
        return 0
    if args.command == "stop":
        stop(settings, remove=args.remove)
        return 0
    return status(settings)


if __name__ == "__main__":
    sys.exit(main())
