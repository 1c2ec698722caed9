"""A GET never writes: not even plone.app.dexterity's lazily added creator.

plone.protect aborts a GET that changed the database and logs
"aborting transaction due to no CSRF protection"; the tests listen for that
line, so a write that was thrown away is still caught.
"""

from plone import api
from zumo.policy.setuphandlers.ownership import fill_missing_creators
from zumo.policy.setuphandlers.structure import sections

import transaction


def _sections(portal):
    return [portal[section["id"]] for section in sections()]


def test_content_without_creators_no_longer_writes_on_get(
    functional_portal, manager_request, aborted_writes
):
    """Sections made by a script without a user had no creators; plone's
    Ownership adapter added the reader on every REST GET. Once they have
    creators, GETs of the site and every section leave the database alone."""
    portal = functional_portal
    for folder in _sections(portal):
        folder.creators = ()
    transaction.commit()
    assert manager_request.get("/kommunen").status_code == 200
    assert aborted_writes, "the listener must see the lazy write"
    aborted_writes.clear()

    with api.env.adopt_roles(["Manager"]):
        assert fill_missing_creators(portal, "admin") >= len(sections())
    transaction.commit()
    for path in ["/"] + [f"/{section['id']}" for section in sections()]:
        assert manager_request.get(path).status_code == 200, path
    assert aborted_writes == []
    assert {folder.creators for folder in _sections(portal)} == {("admin",)}
