"""Import or export practice examples or municipalities (CSV or JSON).

Run with ``zconsole run <zope.conf> scripts/bulk.py import|export KIND FILE``
(``make import`` and ``make export`` do). ``KIND`` is ``practice-examples``
or ``municipalities``; a ``FILE`` ending in ``.json`` is JSON, else CSV.
Import shows a progress bar, commits every ``BULK_BATCH`` rows (default
100), lists each rejected row with its German reason and exits with 1 if
any was rejected; export writes the format import reads
(``zumo.policy.bulk.practice_examples``).
"""

from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zumo.policy.bulk.commands import KINDS
from zumo.policy.bulk.commands import run_export
from zumo.policy.bulk.commands import run_import
from zumo.policy.errors import UserError
from zumo.policy.setuphandlers.ownership import acting_as

import os
import sys
import transaction


USAGE = "Aufruf: bulk.py import|export practice-examples|municipalities DATEI"


def main(app, argv):
    """Run the import or export; return the exit code."""
    if len(argv) != 3 or argv[0] not in ("import", "export") or argv[1] not in KINDS:
        print(USAGE, file=sys.stderr)
        return 2
    command, kind, path = argv
    app = makerequest(app)
    site = app["Plone"]
    setSite(site)
    with acting_as(app, "admin"):
        if command == "export":
            count = run_export(site, kind, path)
            print(f"{count} {KINDS[kind][0]} nach {path} geschrieben")
            return 0
        batch = int(os.environ.get("BULK_BATCH") or 100)
        try:
            report = run_import(site, kind, path, batch=batch)
        except UserError as error:
            print(str(error), file=sys.stderr)
            return 1
        transaction.commit()
    app._p_jar.db().close()
    for number, message in report.errors:
        print(f"Zeile {number}: {message}")
    summary = report.summary()
    # The municipalities' summary names them already.
    print(summary if KINDS[kind][0] in summary else f"{KINDS[kind][0]}: {summary}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    # zconsole leaves sys.argv as it was: zconsole run <zope.conf> <script> ...
    sys.exit(main(app, sys.argv[4:]))  # noqa: F821 - zconsole binds ``app``
