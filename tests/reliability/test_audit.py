"""The dependency audit over the pinned set (``scripts/audit.py``, what
``make audit`` runs): no known vulnerability without a documented, unexpired
exception (``scripts/audit_exceptions.json``)."""

from pathlib import Path

import json
import os
import pytest
import subprocess
import sys


pytestmark = pytest.mark.drill


ROOT = Path(__file__).resolve().parents[2]


def test_no_known_vulnerability_in_the_pinned_set(tmp_path, record_property):
    figures_file = tmp_path / "audit.json"
    done = subprocess.run(
        [sys.executable, ROOT / "scripts" / "audit.py"],
        capture_output=True,
        text=True,
        env={**os.environ, "AUDIT_JSON": str(figures_file)},
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    figures = json.loads(figures_file.read_text())
    record_property("audit_pins", figures["pins"])
    record_property("audit_audited", figures["audited"])
    record_property("audit_vulnerabilities", len(figures["vulnerabilities"]))
    record_property("audit_excepted", len(figures["excepted"]))
    record_property("audit_not_audited", len(figures["not_audited"]))
    assert figures["vulnerabilities"] == []
    assert figures["audited"] > 0, "no vulnerability data reached the audit"


def test_exceptions_are_documented_with_reason_and_expiry():
    entries = json.loads((ROOT / "scripts" / "audit_exceptions.json").read_text())
    for entry in entries:
        assert {"id", "package", "reason", "expires"} <= set(entry), entry
        assert len(entry["reason"]) > 20, entry
