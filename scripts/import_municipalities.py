"""Import municipality master data into /kommunen of the site ``Plone``.

Run with ``zconsole run instance/etc/zope.conf scripts/import_municipalities.py``
(``make import-municipalities``; ``CSV=path/to/file.csv`` imports another
file with the same columns). Bad rows are listed and skipped; the others
are created or updated. Exits with 1 if any row was rejected.
"""

from zope.component.hooks import setSite
from zumo.policy.bulk.municipalities import import_municipalities
from zumo.policy.bulk.municipalities import MASTER_DATA

import os
import sys
import transaction


def main(app):
    """Import the CSV file, commit and print the report."""
    site = app["Plone"]
    setSite(site)
    path = os.environ.get("CSV") or MASTER_DATA
    report = import_municipalities(site["kommunen"], path)
    transaction.commit()
    # Closing writes the storage index for the next start.
    app._p_jar.db().close()
    for line, message in report.errors:
        print(f"Zeile {line}: {message}")
    print(report.summary())
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(app))  # noqa: F821 - zconsole binds ``app``
