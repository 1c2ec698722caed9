"""Backup and restore drill for the embedded FileStorage: back up, add
content, restore, verify (``scripts/backup.py``, what ``make backup`` and
``make restore`` run). The PostgreSQL drill is in test_cluster.py."""

from tests.fixtures.instance import run_script
from tests.fixtures.instance import zodbverify
from zumo.policy.instance import ROOT

import os
import pytest
import subprocess
import sys
import zc.lockfile


pytestmark = pytest.mark.drill


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
    run_script(etc, instance / "add.py", "vor-der-sicherung")
    first = _backup(instance, "backup")
    assert first.returncode == 0, first.stderr
    assert "Sicherung" in first.stdout
    run_script(etc, instance / "add.py", "zwischendurch")
    second = _backup(instance, "backup")  # an increment
    assert second.returncode == 0, second.stderr
    run_script(etc, instance / "add.py", "nach-der-sicherung")
    assert "nach-der-sicherung" in run_script(etc, instance / "list.py")

    restored = _backup(instance, "restore")
    assert restored.returncode == 0, restored.stderr
    listed = run_script(etc, instance / "list.py")
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
    listed = run_script(instance / "etc", instance / "list.py")
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
