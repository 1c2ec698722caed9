"""The site's own pages (Impressum, Datenschutzerklärung, Erklärung zur
Barrierefreiheit), read from ``data/pages.json`` and ``data/pages/<id>.html``.

They are plain Documents in the site root, published and left out of the
main navigation (the footer links to them), so the institute edits them like
any page. Their texts mark with "Demo-Angabe" what the operator must fill in
(address, representatives, contacts): nothing in them is an invented fact
about a real person or office.

A link to another object of the site is written ``${path}`` in the data
(``${mitmachen/barriere-melden}``) and stored as Plone's ``resolveuid/<uid>``,
which still leads there when the site moves to another address.
"""

from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from zumo.policy import logger

import json
import re


DATA = Path(__file__).parents[1] / "data"
PAGES_FILE = DATA / "pages.json"
#: A link to an object of the site in a page's text: ``${path}``.
SITE_LINK = re.compile(r"\$\{([\w/-]+)\}")


def pages():
    """Return the page definitions of ``data/pages.json``: id, title,
    description; the text is ``data/pages/<id>.html``."""
    return json.loads(PAGES_FILE.read_text(encoding="utf-8"))


def page_text(page_id, portal):
    """The HTML of page ``page_id`` with its ``${path}`` links resolved
    to the UIDs of the objects below ``portal``; raise ``KeyError`` for a
    link to an object that does not exist."""
    html = (DATA / "pages" / f"{page_id}.html").read_text(encoding="utf-8")

    def resolve(match):
        target = portal.unrestrictedTraverse(match.group(1), None)
        if target is None:
            raise KeyError(f"{page_id}.html links to missing /{match.group(1)}")
        return f"resolveuid/{api.content.get_uuid(target)}"

    return SITE_LINK.sub(resolve, html)


def create_pages(portal):
    """Create the missing pages in ``portal`` and publish them; keep existing
    ones as the institute left them. Needs the forms (:func:`create_forms`)
    the texts link to. Return the ids of the pages created."""
    created = []
    for definition in pages():
        if definition["id"] in portal:
            continue
        page = api.content.create(
            container=portal,
            type="Document",
            id=definition["id"],
            title=definition["title"],
            description=definition["description"],
            exclude_from_nav=True,
        )
        page.text = RichTextValue(
            page_text(definition["id"], portal), "text/html", "text/x-html-safe"
        )
        api.content.transition(obj=page, to_state="published")
        page.reindexObject()
        created.append(definition["id"])
        logger.info("Created page /%s", definition["id"])
    return created
