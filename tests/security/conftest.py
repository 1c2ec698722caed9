"""A network with every kind of object in every state, built once per class,
and HTTP sessions as its personas."""

from pytest_plone.fixtures.requests import RelativeSession
from tests.security.scenario import build
from tests.security.scenario import PASSWORD

import pytest
import transaction


@pytest.fixture(scope="class")
def scenario(portal_class):
    """``(portal, {object id: object})`` for in-process checks."""
    return portal_class, build(portal_class)


@pytest.fixture(scope="class")
def served_scenario(functional_portal_class):
    """The same network, committed and served over HTTP."""
    objects = build(functional_portal_class)
    transaction.commit()
    return functional_portal_class, objects


@pytest.fixture(scope="class")
def persona_request(served_scenario):
    """Builder of HTTP sessions as a persona of the served scenario.

    The class-scoped sibling of pytest-plone's ``request_factory`` (which
    needs the function-scoped portal): ``persona_request("kommune-a")`` is
    pytest-plone's ``RelativeSession`` on the site's address, with that
    persona's basic auth (none for ``"anonymous"``). Each call gives a new
    session, so no cookie carries over; all are closed after the class.
    """
    portal, _objects = served_scenario
    sessions = []

    def factory(persona):
        session = RelativeSession(portal.absolute_url())
        if persona != "anonymous":
            session.auth = (persona, PASSWORD)
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()
