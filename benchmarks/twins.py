"""Create the stock twins the benchmark compares ZUMO views against.

Run by ``benchmarks/bench.py`` with ``zconsole run`` on a copy of the site
(never on the site itself). For the practice example measured, a published
stock Document with the same text (all its sections in one body) is made in
``/benchmark-twins``. Prints the paths to measure as JSON on the last line.
"""

from plone import api
from plone.app.textfield.value import RichTextValue
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zumo.content.practice_example import SECTIONS

import json
import sys
import transaction


def main(app):
    """Make the twins; print the paths of what is measured."""
    app = makerequest(app)
    site = app["Plone"]
    setSite(site)
    admin = app.acl_users.getUserById("admin").__of__(app.acl_users)
    with api.env.adopt_user(user=admin):
        brain = api.content.find(
            portal_type="PracticeExample",
            review_state="published",
            sort_on="id",
            sort_limit=1,
        )[0]
        example = brain.getObject()
        body = "".join(
            getattr(example, name).raw for name in SECTIONS if getattr(example, name)
        )
        if "benchmark-twins" not in site.objectIds():
            folder = api.content.create(
                container=site, type="Folder", id="benchmark-twins", title="Twins"
            )
            api.content.transition(obj=folder, to_state="published")
        folder = site["benchmark-twins"]
        if "document" not in folder.objectIds():
            document = api.content.create(
                container=folder,
                type="Document",
                id="document",
                title=example.Title(),
                description=example.Description(),
                text=RichTextValue(body, "text/html", "text/x-html-safe"),
            )
            api.content.transition(obj=document, to_state="published")
        municipality = api.content.find(
            portal_type="Municipality", review_state="published", id="tuningen"
        )[0]
    transaction.commit()
    print(
        json.dumps(
            {
                "practice_example": brain.getPath(),
                "municipality": municipality.getPath(),
                "start_page": "/Plone",
                "document": "/Plone/benchmark-twins/document",
            }
        )
    )


if __name__ == "__main__":
    main(app)  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
