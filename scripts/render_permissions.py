"""Render docs/permissions.csv (the permission matrix) as docs/permissions.md.

Usage: ``python scripts/render_permissions.py`` (``make docs``). One table
per object: a row per action, a column per persona, ✓ for allowed.
"""

from collections import defaultdict
from pathlib import Path

import csv


DOCS = Path(__file__).resolve().parents[1] / "docs"
ACTIONS = {
    "view": "ansehen",
    "search": "in Suche und Listen finden",
    "download": "Datei herunterladen",
    "edit": "bearbeiten",
    "delete": "löschen",
    "add": "darin hinzufügen",
    "work-in-space": "im Raum mitarbeiten: Mitglieder (Namen, Rollen) und Teamraum sehen, Meilensteine fortschreiben",
    "manage-roster": "Mitglieder verwalten: einladen, Rollen ändern, entfernen",
    "undo-log": "Änderungsprotokoll lesen (@transactions)",
    "list-users": "Personen auflisten (Personen-Vokabulare, Suche im Freigabe-Dialog)",
    "internal-statistics": "interne Zahlen unter /statistik sehen",
    "saved-data": "gespeicherte Einsendungen lesen (@@saveddata, CSV, REST)",
}


def render(cells):
    """Return the Markdown text for the matrix ``cells`` (dicts from the CSV)."""
    personas = list(dict.fromkeys(cell["persona"] for cell in cells))
    objects = defaultdict(list)
    for cell in cells:
        objects[cell["object"]].append(cell)
    lines = [
        "# Wer darf was – die Berechtigungsmatrix",
        "",
        "Erzeugt aus `docs/permissions.csv` mit `make docs`; jede Zelle wird von",
        "`tests/security/test_matrix.py` geprüft. ✓ = erlaubt, · = verweigert.",
        f"{len(cells)} Zellen, {len(objects)} Objekte, {len(personas)} Personas.",
        "",
        "Wer etwas anlegt, bekommt dadurch keine Rechte daran (außer am eigenen",
        "Praxisbeispiel): Gutachten, Gruppen, Treffen und Module öffnen Institut,",
        "Zuweisung und Team, auch nachdem jemand sie verlassen hat. Wer einen",
        "Verlauf sieht, steht in `docs/privacy.md`: Namen und Kommentare nur für",
        "die, die prüfen dürfen; die Autorin liest den Grund einer Zurückweisung.",
        "",
        "Personas: `begleitung` ist die externe Prozessbegleitung (Gruppe",
        "`facilitators`, lokale Rolle `ProcessFacilitator`) des Teamraums",
        "`municipality_published`, benannt vom Institut; sie steht nicht auf",
        "dessen Mitgliederliste.",
        "",
    ]
    for oid, rows in objects.items():
        first = rows[0]
        lines += [
            f"## {oid}: {first['portal_type']}, Status `{first['state']}`",
            "",
            first["where"],
            "",
            "| Aktion | " + " | ".join(personas) + " |",
            "|---" * (len(personas) + 1) + "|",
        ]
        by_action = defaultdict(dict)
        for row in rows:
            by_action[row["action"]][row["persona"]] = row["expected"] == "allowed"
        for action, allowed in by_action.items():
            label = ACTIONS.get(action, action.replace("transition:", "Übergang "))
            marks = ["✓" if allowed[p] else "·" for p in personas]
            lines.append(f"| {label} | " + " | ".join(marks) + " |")
        lines.append("")
    return "\n".join(lines)


def main():
    """Write docs/permissions.md."""
    with open(DOCS / "permissions.csv", encoding="utf-8") as source:
        cells = list(csv.DictReader(source))
    (DOCS / "permissions.md").write_text(render(cells), encoding="utf-8")
    print(f"Wrote docs/permissions.md ({len(cells)} cells)")


if __name__ == "__main__":
    main()
