"""Content for tests, made in one line: ``add(portal, "kommunen", ...)``."""

from plone import api


def add(portal, section, portal_type, oid, *, to_state=None, **values):
    """Create ``portal_type`` with id ``oid`` in the section ``section``.

    Made as a site manager (whoever runs the test); ``to_state`` is a workflow
    state to move it to (``"published"``). ``values`` are the fields.
    """
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=portal[section], type=portal_type, id=oid, **values
        )
        if to_state is not None:
            api.content.transition(obj=obj, to_state=to_state)
    return obj
