"""A stock Plone Classic site beside ZUMO, for the view benchmark.

Run by ``benchmarks/bench.py`` with ``zconsole run <zope.conf> stock.py
COUNT`` on the bench copy (never on the real site): creates the site
``stock`` from the same install with plone.distribution's ``classic``
distribution (as ``scale.py`` does), sets its navigation depth to 1, and
adds COUNT published Documents, one per practice example of the ZUMO site,
with texts of the same words and length (fixed seed): the first, the one
measured, at the top of the site, the others in the folder ``dokumente``.
Shows progress on stderr and commits in batches. Prints ``{"site",
"document"}``, the paths of the site and of the Document to measure, as
JSON on the last line.

Why depth 1: with Plone's default depth of 3 the global navigation fetches
and sorts every item down to the third level, so at 10,000 Documents a
page of the stock site takes seconds, and one inside their folder 20 to
50 s. ZUMO's navigation shows its sections only; the stock site is set up
the way an administrator of a site of this size would set it up.

Why the measured Document is not in the folder: a page inside a folder
shows stock Plone's navigation portlet, which lists every item of that
folder (half a second per page at 360 Documents, seconds at 10,000).
ZUMO's pages have no portlets; beside the folder the portlet lists the
few items of the site's top level.
"""

from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.distribution.api import site as site_api
from Products.CMFCore.indexing import processQueue
from Testing.makerequest import makerequest
from tqdm import tqdm
from zope.component.hooks import setSite

import json
import random
import sys
import transaction


# zconsole runs this file without __file__: its path is in the arguments
# (zconsole run <zope.conf> <script> ...).
sys.path.insert(0, str(Path(sys.argv[3]).resolve().parent))

from generate import text  # noqa: E402 - the benchmark's words
from generate import WORDS  # noqa: E402


SITE = "stock"
FOLDER = "dokumente"
BATCH = 250


def _site(app):
    site = site_api.create(
        app,
        "classic",
        {
            "site_id": SITE,
            "title": "Stock",
            "default_language": "de",
            "portal_timezone": "Europe/Berlin",
            "setup_content": True,
        },
    )
    setSite(site)
    return site


def main(app, count):
    """Create the stock site with ``count`` Documents; print the paths."""
    app = makerequest(app)
    site = _site(app)
    admin = app.acl_users.getUserById("admin").__of__(app.acl_users)
    rng = random.Random(2026)
    with api.env.adopt_user(user=admin):
        api.portal.set_registry_record("plone.navigation_depth", 1)
        # As for the practice examples: no initial version of each Document
        # (the bench's pages do not depend on it, and it triples the time).
        repository = api.portal.get_tool("portal_repository")
        repository.setVersionableContentTypes(
            [t for t in repository.getVersionableContentTypes() if t != "Document"]
        )
        folder = api.content.create(
            container=site, type="Folder", id=FOLDER, title="Dokumente"
        )
        api.content.transition(obj=folder, to_state="published")
        transaction.commit()
        for number in tqdm(range(count), desc="stock Documents", file=sys.stderr):
            container = folder if number else site
            body = "".join(f"<p>{text(rng, 60)}</p>" for _ in range(4))
            document = api.content.create(
                container=container,
                type="Document",
                id=f"dokument-{number:05d}",
                title=f"{rng.choice(WORDS)} ({number})",
                description=text(rng, 20),
                text=RichTextValue(body, "text/html", "text/x-html-safe"),
            )
            api.content.transition(obj=document, to_state="published")
            if (number + 1) % BATCH == 0:
                processQueue()
                transaction.commit()
        processQueue()
        transaction.commit()
    print(
        json.dumps(
            {
                "site": f"/{SITE}",
                "document": f"/{SITE}/dokument-00000",
            }
        )
    )


if __name__ == "__main__":
    # zconsole leaves sys.argv as it was: zconsole run <zope.conf> <script> ...
    main(app, int(sys.argv[4]))  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
