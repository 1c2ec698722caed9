"""Back up and restore the ZUMO Netzwerk's data.

Usage (``make backup``, ``make restore``)::

    python scripts/backup.py backup  [--storage filestorage|postgresql]
    python scripts/backup.py restore [--storage filestorage|postgresql] [--date D]
    python scripts/backup.py list    [--storage filestorage|postgresql]

Backups go to ``BACKUP_DIR`` (default ``instance/var/backups``):

* **filestorage** (the embedded site of ``make run``): ``repozo`` (ZODB's
  own tool) writes a full backup of ``Data.fs`` the first time and
  increments after, to ``<backups>/filestorage``; then the blobs are copied
  to ``<backups>/blobstorage/<time>`` (hard links to the blob files of
  the previous copy where they did not change: blob files never change once
  written). Data.fs first, blobs second: every blob the backup's Data.fs
  names is in the copy. Both may run while the site runs.
* **postgresql** (the cluster mode, ``make cluster``): ``pg_dump`` writes
  the database, blobs included (RelStorage keeps them in PostgreSQL), to
  ``<backups>/postgresql/zumo-<time>.dump``, consistent while the cluster
  runs.

``restore`` brings back the newest backup, or the last one taken at or
before ``--date`` (``JJJJ-MM-TT`` or ``JJJJ-MM-TT-hh-mm-ss``, UTC). For the
file storage the site must be stopped; the current ``Data.fs`` and blobs
are kept beside as ``*.vor-wiederherstellung-<time>``, so a restore loses
nothing. For PostgreSQL the cluster's Zope processes and Varnish are stopped,
a dump of the current database is taken first (likewise kept), the backup
is restored, the blob caches are emptied and everything starts again.
"""

from datetime import datetime
from datetime import UTC
from pathlib import Path

import argparse
import os
import shutil
import subprocess
import sys
import time
import zc.lockfile


sys.path.insert(0, str(Path(__file__).resolve().parent))

import cluster  # noqa: E402 - the sibling script, for the cluster's parts


ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
STAMP = "%Y-%m-%d-%H-%M-%S"


def step(message):
    """Show progress."""
    print(f"[backup] {message}", flush=True)


def now():
    """The time stamp of a backup (UTC)."""
    return datetime.now(UTC).strftime(STAMP)


def backups_dir():
    """Where backups go (``BACKUP_DIR``)."""
    return Path(
        os.environ.get("BACKUP_DIR") or ROOT / "instance" / "var" / "backups"
    ).resolve()


def var_dir():
    """The embedded site's data (``ZUMO_VAR``, default ``instance/var``)."""
    return Path(os.environ.get("ZUMO_VAR") or ROOT / "instance" / "var").resolve()


def _pick(stamps, date):
    """The newest of ``stamps`` at or before ``date`` (a stamp prefix)."""
    if date:
        # A day means the end of that day.
        limit = date + "-23-59-59" if len(date) == 10 else date
        stamps = [stamp for stamp in stamps if stamp <= limit]
    if not stamps:
        raise SystemExit(
            "[backup] keine Sicherung gefunden"
            + (f" bis {date}" if date else "")
            + f" in {backups_dir()}"
        )
    return max(stamps)


# -- FileStorage -------------------------------------------------------------


def _blob_copies():
    return sorted(
        path.name
        for path in (backups_dir() / "blobstorage").glob("*")
        if path.is_dir() and not path.name.startswith(".")
    )


def _copy_blobs(source, target, previous):
    """Copy the blob tree ``source`` to ``target``; files unchanged since the
    ``previous`` copy (same size and time) become hard links to it."""
    for directory, _dirs, files in os.walk(source):
        relative = Path(directory).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            origin = Path(directory, name)
            before = previous / relative / name if previous else None
            stat = origin.stat()
            if before is not None and before.exists():
                old = before.stat()
                if (old.st_size, int(old.st_mtime)) == (
                    stat.st_size,
                    int(stat.st_mtime),
                ):
                    os.link(before, target / relative / name)
                    continue
            shutil.copy2(origin, target / relative / name)


def backup_filestorage():
    """repozo of Data.fs, then a copy of the blobs; return the stamp."""
    data = var_dir() / "filestorage" / "Data.fs"
    if not data.exists():
        raise SystemExit(f"[backup] {data} fehlt: es gibt nichts zu sichern")
    repository = backups_dir() / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    step(f"Data.fs mit repozo nach {repository}")
    subprocess.run(
        [BIN / "repozo", "-B", "-z", "-r", repository, "-f", data], check=True
    )
    # Named after the blobs' copy, which starts after repozo's backup: a
    # restore to this stamp takes that backup of Data.fs.
    stamp = now()
    previous = _blob_copies()
    target = backups_dir() / "blobstorage" / stamp
    partial = target.with_name("." + stamp)
    step(f"Blobs nach {target}")
    _copy_blobs(
        var_dir() / "blobstorage",
        partial,
        backups_dir() / "blobstorage" / previous[-1] if previous else None,
    )
    partial.rename(target)
    step(f"Sicherung {stamp} fertig")
    return stamp


def restore_filestorage(date=None):
    """Restore Data.fs (repozo) and the blobs of the backup chosen by
    ``date``; keep the current ones beside."""
    repository = backups_dir() / "filestorage"
    stamp = _pick(_blob_copies(), date)
    filestorage = var_dir() / "filestorage"
    blobs = var_dir() / "blobstorage"
    if (filestorage / "Data.fs.lock").exists():
        try:
            zc.lockfile.LockFile(str(filestorage / "Data.fs.lock")).close()
        except zc.lockfile.LockError:
            raise SystemExit(
                "[backup] die Website läuft noch: erst anhalten, dann wiederherstellen"
            ) from None
    kept = f"vor-wiederherstellung-{now()}"
    filestorage.mkdir(parents=True, exist_ok=True)
    restored = filestorage / "Data.fs.restored"
    step(f"Data.fs der Sicherung {stamp} mit repozo")
    subprocess.run(
        [BIN / "repozo", "-R", "-r", repository, "-o", restored,
         "-D", stamp],
        check=True,
    )  # fmt: skip
    for name in ("Data.fs", "Data.fs.index", "Data.fs.tmp", "Data.fs.lock"):
        if (filestorage / name).exists():
            (filestorage / name).rename(filestorage / f"{name}.{kept}")
    restored.rename(filestorage / "Data.fs")
    step(f"Blobs der Sicherung {stamp}")
    if blobs.exists():
        blobs.rename(blobs.with_name(f"blobstorage.{kept}"))
    shutil.copytree(backups_dir() / "blobstorage" / stamp, blobs, symlinks=True)
    step(
        f"wiederhergestellt: Sicherung {stamp}; der vorige Stand liegt als *.{kept} daneben"
    )
    return stamp


# -- PostgreSQL ----------------------------------------------------------------


def _dumps():
    return sorted(
        path.name[len("zumo-") : -len(".dump")]
        for path in (backups_dir() / "postgresql").glob("zumo-*.dump")
    )


def _dump(settings, target):
    environ = cluster.pg_environ(settings)
    partial = target.with_name(target.name + ".part")
    subprocess.run(
        [cluster.pg_bin() / "pg_dump", "-Fc", "-f", partial, "zumo"],
        env=environ,
        check=True,
    )
    partial.rename(target)


def backup_postgresql(settings=None):
    """``pg_dump`` of the cluster's database; return the stamp."""
    settings = settings or cluster.Settings()
    if not cluster.pg_running(settings):
        raise SystemExit("[backup] PostgreSQL des Clusters läuft nicht (make cluster)")
    target_dir = backups_dir() / "postgresql"
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = now()
    target = target_dir / f"zumo-{stamp}.dump"
    step(f"Datenbank mit pg_dump nach {target}")
    _dump(settings, target)
    step(f"Sicherung {stamp} fertig ({target.stat().st_size // 1024} KB)")
    return stamp


def _close_sessions(settings, seconds=60):
    """End the database sessions still open and wait until they are gone.

    A stopped Zope process's server-side session ends a moment after the
    process; until then its temporary tables (RelStorage's blob chunks)
    hold on to functions that ``pg_restore --clean`` drops.
    """
    query = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = 'zumo' AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + seconds
    while True:
        done = subprocess.run(
            [cluster.pg_bin() / "psql", "-d", "postgres", "-tAc", query],
            env=cluster.pg_environ(settings),
            capture_output=True,
            text=True,
            check=True,
        )
        if done.stdout.strip() == "0":
            return
        if time.monotonic() > deadline:
            raise SystemExit(
                "[backup] Datenbank-Sitzungen enden nicht; bitte erneut versuchen"
            )
        time.sleep(0.5)


def restore_postgresql(date=None, settings=None):
    """Restore the dump chosen by ``date`` into the cluster's database."""
    settings = settings or cluster.Settings()
    stamp = _pick(_dumps(), date)
    dump = backups_dir() / "postgresql" / f"zumo-{stamp}.dump"
    if not cluster.pg_running(settings):
        raise SystemExit("[backup] PostgreSQL des Clusters läuft nicht (make cluster)")
    kept = backups_dir() / "postgresql" / f"vor-wiederherstellung-{now()}.dump"
    step(f"den jetzigen Stand sichern: {kept}")
    _dump(settings, kept)
    running = [
        number
        for number in range(1, len(settings.zope_ports) + 1)
        if cluster._pid(settings.run / f"zope-{number}.pid")
    ]
    cluster.stop_process(settings, "varnish")
    for number in running:
        cluster.stop_process(settings, f"zope-{number}")
    _close_sessions(settings)
    step(f"Sicherung {stamp} mit pg_restore")
    subprocess.run(
        [cluster.pg_bin() / "pg_restore", "--clean", "--if-exists",
         "--single-transaction", "--no-owner", "-d", "zumo", dump],
        env=cluster.pg_environ(settings),
        check=True,
    )  # fmt: skip
    for number in range(1, len(settings.zope_ports) + 1):
        cache = settings.zope_dir(number) / "var" / "blobcache"
        if cache.exists():
            shutil.rmtree(cache)
            cache.mkdir()
    if running:
        for number in running:
            cluster.start_zope(settings, number)
        for number in running:
            cluster.wait_for(f"http://127.0.0.1:{settings.zope_ports[number - 1]}/ok")
        # HAProxy takes them back after two good checks.
        cluster.wait_for(f"http://127.0.0.1:{settings.haproxy_port}/ok")
        cluster.start_varnish(settings)
    step(f"wiederhergestellt: Sicherung {stamp}; der vorige Stand liegt in {kept}")
    return stamp


def main(argv=None):
    """Command line entry; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("backup", "restore", "list"))
    parser.add_argument(
        "--storage", choices=("filestorage", "postgresql"), default="filestorage"
    )
    parser.add_argument("--date", help="JJJJ-MM-TT[-hh-mm-ss] (UTC)")
    args = parser.parse_args(argv)
    postgres = args.storage == "postgresql"
    if args.command == "backup":
        (backup_postgresql if postgres else backup_filestorage)()
    elif args.command == "restore":
        (restore_postgresql if postgres else restore_filestorage)(args.date)
    else:
        for stamp in _dumps() if postgres else _blob_copies():
            print(stamp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
