"""What ``make import FILE=...`` and ``make export FILE=...``
(``scripts/bulk.py``) run: import or export one kind of records of a site,
practice examples (:mod:`zumo.policy.bulk.practice_examples`) or
municipalities (:mod:`zumo.policy.bulk.municipalities`)."""

from pathlib import Path
from zumo.policy.bulk.municipalities import export_municipalities
from zumo.policy.bulk.municipalities import import_municipalities
from zumo.policy.bulk.municipalities import MUNICIPALITY_COLUMNS
from zumo.policy.bulk.practice_examples import export_practice_examples
from zumo.policy.bulk.practice_examples import import_practice_examples
from zumo.policy.bulk.practice_examples import PRACTICE_EXAMPLE_COLUMNS
from zumo.policy.bulk.report import dump
from zumo.policy.mail import silenced


#: What the command can import and export: the German name used in
#: messages and the section the records live in.
KINDS = {
    "practice-examples": ("Praxisbeispiele", "praxisbeispiele"),
    "municipalities": ("Kommunen", "kommunen"),
}


def run_export(site, kind, path, progress=True):
    """Export ``kind`` (a key of ``KINDS``) of ``site`` to ``path``; return
    how many records were written."""
    container = site[KINDS[kind][1]]
    for_json = Path(path).suffix.lower() == ".json"
    if kind == "practice-examples":
        records = export_practice_examples(container, for_json, progress)
        columns = PRACTICE_EXAMPLE_COLUMNS
    else:
        records = export_municipalities(container, for_json, progress)
        columns = MUNICIPALITY_COLUMNS
    dump(records, path, columns)
    return len(records)


def run_import(site, kind, path, progress=True, batch=None):
    """Import ``kind`` (a key of ``KINDS``) into ``site`` from ``path``;
    return the report (``summary()`` and ``errors``)."""
    container = site[KINDS[kind][1]]
    if kind == "practice-examples":
        return import_practice_examples(container, path, progress, batch)
    with silenced():
        return import_municipalities(container, path, progress=progress, batch=batch)
