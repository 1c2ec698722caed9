"""Creators of content made by scripts.

plone.app.dexterity's Dublin Core adapter (``Ownership``) adds the current
user as creator whenever content without creators is adapted, which every
REST GET does: a read that writes, aborted by plone.protect. Content made
without a logged-in user (site creation, imports, the demo through
``zconsole``) must therefore get its creators when it is made; these helpers
do that and repair existing sites.
"""

from contextlib import contextmanager
from plone import api


def fill_missing_creators(portal, default):
    """Give every item below ``portal`` (and the site) without creators one.

    The creator is the item's owner, else ``default``. Returns how many
    items were changed; only those are reindexed.
    """
    catalog = api.portal.get_tool("portal_catalog")
    objects = [portal] + [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            path="/".join(portal.getPhysicalPath())
        )
    ]
    changed = 0
    for obj in objects:
        if obj.creators:
            continue
        owner = obj.getOwnerTuple()
        obj.creators = ((owner[1] if owner else None) or default,)
        if obj is not portal:
            obj.reindexObject(idxs=["Creator", "listCreators"])
        changed += 1
    return changed


@contextmanager
def acting_as(app, userid):
    """Run the block as the Zope root user ``userid`` (creator and owner of
    what the block makes)."""
    user = app.acl_users.getUserById(userid)
    with api.env.adopt_user(user=user.__of__(app.acl_users)):
        yield
