"""Audit the pinned set (``constraints.txt``) for known vulnerabilities.

``make audit`` runs this; so does the test suite (tests/reliability/test_audit.py).

1. ``pip-audit -r constraints.txt --no-deps --disable-pip`` asks PyPI's
   vulnerability data (the JSON API per release) about every pin.
2. A pin pip-audit could not look up (a package index that serves only the
   project pages, not the pages per release) is looked up in the project's
   JSON page instead, whose ``vulnerabilities`` hold for its newest release:
   a pin of that release is audited that way; an older pin is reported as
   not audited.
3. Known vulnerabilities are errors unless ``scripts/audit_exceptions.json``
   documents them with a reason and an expiry date (``YYYY-MM-DD``); an
   expired exception is an error again.

Prints one line per finding and a summary; writes the figures as JSON to
``AUDIT_JSON`` if set. Exits with 1 on an unexcepted vulnerability or an
expired exception, else 0 (not audited pins are reported, not failed: the
network decides about them, not the project).
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import json
import os
import re
import subprocess
import sys
import urllib.request


ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CONSTRAINTS = ROOT / "constraints.txt"
EXCEPTIONS = Path(__file__).with_name("audit_exceptions.json")
PYPI = os.environ.get("AUDIT_PYPI", "https://pypi.org/pypi")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)")


def pins(path=CONSTRAINTS):
    """``{name: version}`` of the pinned set."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def exceptions(today=None):
    """``(valid, expired)``: the documented exceptions by vulnerability id."""
    today = today or date.today()
    valid, expired = {}, {}
    for entry in json.loads(EXCEPTIONS.read_text(encoding="utf-8")):
        target = valid if date.fromisoformat(entry["expires"]) >= today else expired
        target[entry["id"]] = entry
    return valid, expired


def run_pip_audit():
    """pip-audit's JSON answer about the pins."""
    done = subprocess.run(
        [
            BIN / "pip-audit",
            "-r",
            CONSTRAINTS,
            "--no-deps",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise SystemExit(
            f"[audit] pip-audit gave no answer: {done.stderr[-2000:]}"
        ) from None


def project_vulnerabilities(name, version):
    """The vulnerabilities of ``name==version`` from the project's JSON page,
    or ``None`` when that page does not speak about this version."""
    try:
        with urllib.request.urlopen(f"{PYPI}/{name}/json", timeout=60) as answer:
            data = json.load(answer)
    except OSError:
        return None
    if data.get("info", {}).get("version") != version:
        return None
    return [
        {"id": vuln["id"], "fix_versions": vuln.get("fixed_in", [])}
        for vuln in data.get("vulnerabilities") or []
        if not vuln.get("withdrawn")
    ]


def audit():
    """Audit the pins; return the figures."""
    pinned = pins()
    answer = run_pip_audit()
    audited, vulnerable, not_audited = {}, {}, []
    skipped = []
    for dependency in answer.get("dependencies", []):
        name, version = dependency["name"].lower(), dependency.get("version")
        if "skip_reason" in dependency:
            skipped.append((name, version or pinned.get(name)))
            continue
        audited[name] = version
        if dependency.get("vulns"):
            vulnerable[name] = dependency["vulns"]
    with ThreadPoolExecutor(8) as pool:
        looked_up = list(pool.map(lambda pin: project_vulnerabilities(*pin), skipped))
    for (name, version), vulns in zip(skipped, looked_up, strict=True):
        if vulns is None:
            not_audited.append(f"{name}=={version}")
            continue
        audited[name] = version
        if vulns:
            vulnerable[name] = vulns
    valid, expired = exceptions()
    findings, excepted = [], []
    for name, vulns in sorted(vulnerable.items()):
        for vuln in vulns:
            entry = {"package": name, "version": audited[name], **vuln}
            (excepted if vuln["id"] in valid else findings).append(entry)
    return {
        "pins": len(pinned),
        "audited": len(audited),
        "not_audited": sorted(not_audited),
        "vulnerabilities": findings,
        "excepted": excepted,
        "expired_exceptions": sorted(expired),
    }


def main():
    """Run the audit, print it, exit 1 on a finding."""
    figures = audit()
    for finding in figures["vulnerabilities"]:
        print(
            f"[audit] VULNERABLE {finding['package']}=={finding['version']}: "
            f"{finding['id']} (fixed in {', '.join(finding['fix_versions']) or '?'})"
        )
    for entry in figures["excepted"]:
        print(f"[audit] excepted {entry['package']}: {entry['id']}")
    for vuln_id in figures["expired_exceptions"]:
        print(f"[audit] EXPIRED exception {vuln_id}: audit it again")
    if figures["not_audited"]:
        print(
            f"[audit] not audited ({len(figures['not_audited'])}): no vulnerability "
            "data for these releases from the package index: "
            + ", ".join(figures["not_audited"])
        )
    print(
        f"[audit] {figures['audited']} of {figures['pins']} pins audited, "
        f"{len(figures['vulnerabilities'])} known vulnerabilities, "
        f"{len(figures['excepted'])} excepted, "
        f"{len(figures['not_audited'])} not audited"
    )
    if os.environ.get("AUDIT_JSON"):
        Path(os.environ["AUDIT_JSON"]).write_text(json.dumps(figures, indent=1))
    return 1 if figures["vulnerabilities"] or figures["expired_exceptions"] else 0


if __name__ == "__main__":
    sys.exit(main())
