"""Backup and restore drill for the embedded FileStorage: back up, add
content, restore, verify (``scripts/backup.py``, what ``make backup`` and
``make restore`` run). The PostgreSQL drill is in test_cluster.py."""

from pathlib import Path

import os
import pytest
import subprocess
import sys
import zc.lockfile


ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
ADD = """
import sys, transaction
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite
from zumo.policy.setuphandlers.ownership import acting_as
site = app["Plone"]
setSite(site)
name = sys.argv[-1]
with acting_as(app, "admin"):
    api.content.create(container=site, type="File", id=name, title=name,
        file=NamedBlobFile(data=("Inhalt " + name).encode(), filename=name + ".txt"))
transaction.commit()
"""
LIST = """
import sys
site = app["Plone"]
for name in sorted(site.objectIds()):
    obj = site[name]
    if obj.portal_type == "File":
        print(name, obj.file.data.decode())
"""


def _zconsole(etc, script, *args, environ=None):
    done = subprocess.run(
        [BIN / "zconsole", "run", etc / "zope.conf", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def zodbverify(data_fs):
    """Load every record of the FileStorage ``data_fs`` and resolve every
    reference (zodbverify); fail with its output if one does not."""
    done = subprocess.run(
        [BIN / "zodbverify", "-f", data_fs],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """A new instance with a site (no demo) in a directory of its own."""
    home = tmp_path_factory.mktemp("instance")
    etc = home / "etc"
    etc.mkdir()
    for sub in ("filestorage", "blobstorage", "log", "cache"):
        (home / "var" / sub).mkdir(parents=True)
    text = (ROOT / "instance" / "zope.conf.in").read_text(encoding="utf-8")
    text = text.replace("@INSTANCE@", str(home)).replace("@ZODB_CACHE_SIZE@", "5000")
    (etc / "zope.conf").write_text(text, encoding="utf-8")
    (etc / "site.zcml").write_text(
        (ROOT / "instance" / "site.zcml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (home / "add.py").write_text(ADD, encoding="utf-8")
    (home / "list.py").write_text(LIST, encoding="utf-8")
    environ = {**os.environ, "ZUMO_DEMO": "0"}
    _zconsole(etc, ROOT / "scripts" / "create_site.py", environ=environ)
    return home


def _backup(home, *args):
    environ = {
        **os.environ,
        "BACKUP_DIR": str(home / "backups"),
        "ZUMO_VAR": str(home / "var"),
    }
    return subprocess.run(
        [sys.executable, ROOT / "scripts" / "backup.py", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_backup_add_restore_verify(instance):
    etc = instance / "etc"
    _zconsole(etc, instance / "add.py", "vor-der-sicherung")
    first = _backup(instance, "backup")
    assert first.returncode == 0, first.stderr
    assert "Sicherung" in first.stdout
    _zconsole(etc, instance / "add.py", "zwischendurch")
    second = _backup(instance, "backup")  # an increment
    assert second.returncode == 0, second.stderr
    _zconsole(etc, instance / "add.py", "nach-der-sicherung")
    assert "nach-der-sicherung" in _zconsole(etc, instance / "list.py")

    restored = _backup(instance, "restore")
    assert restored.returncode == 0, restored.stderr
    listed = _zconsole(etc, instance / "list.py")
    assert "vor-der-sicherung Inhalt vor-der-sicherung" in listed
    assert "zwischendurch Inhalt zwischendurch" in listed
    assert "nach-der-sicherung" not in listed
    # The restored storage is sound: every record loads, every reference
    # resolves (zodbverify), the blobs are there.
    zodbverify(instance / "var" / "filestorage" / "Data.fs")
    # Nothing is lost: the state before the restore lies beside.
    kept = list(
        (instance / "var" / "filestorage").glob("Data.fs.vor-wiederherstellung-*")
    )
    assert kept


def test_restore_to_an_earlier_backup_by_date(instance):
    stamps = _backup(instance, "list").stdout.split()
    assert len(stamps) >= 2
    restored = _backup(instance, "restore", "--date", stamps[0])
    assert restored.returncode == 0, restored.stderr
    listed = _zconsole(instance / "etc", instance / "list.py")
    assert "vor-der-sicherung" in listed
    assert "zwischendurch" not in listed
    too_early = _backup(instance, "restore", "--date", "2001-01-01")
    assert too_early.returncode != 0
    assert "keine Sicherung gefunden" in too_early.stderr + too_early.stdout


def test_restore_refuses_while_the_site_runs(instance):
    lock = zc.lockfile.LockFile(str(instance / "var" / "filestorage" / "Data.fs.lock"))
    try:
        refused = _backup(instance, "restore")
    finally:
        lock.close()
    assert refused.returncode != 0
    assert "die Website läuft noch" in refused.stderr + refused.stdout
