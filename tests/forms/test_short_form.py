"""Proposers get a short form for practice examples; the institute the full one."""

from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from tests.fixtures.builders import add
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.publisher.interfaces.browser import IBrowserPage
from zumo.content.browser.forms import PROPOSER_FIELDS
from zumo.content.interfaces import IZumoContentLayer

import pytest


def form_of(portal, context, view_name):
    """The updated add or edit form of a practice example in ``context``."""
    request = portal.REQUEST
    alsoProvides(request, IZumoContentLayer)
    if view_name == "add":
        fti = api.portal.get_tool("portal_types")["PracticeExample"]
        view = getMultiAdapter(
            (context, request, fti), IBrowserPage, name="PracticeExample"
        )
        form = view.form_instance
    else:
        form = api.content.get_view(name="edit", context=context, request=request)
    form.update()
    names = list(form.fields)
    for group in form.groups:
        names += list(group.fields)
    return names, [group.label for group in form.groups]


@pytest.fixture
def proposer(portal):
    """The test user as a citizen may be: Contributor in /praxisbeispiele."""
    setRoles(portal, TEST_USER_ID, ["Member"])
    api.user.grant_roles(
        username=TEST_USER_NAME, roles=["Contributor"], obj=portal["praxisbeispiele"]
    )
    login(portal, TEST_USER_NAME)
    return portal


def test_proposer_add_form_is_short(proposer):
    names, _groups = form_of(proposer, proposer["praxisbeispiele"], "add")
    assert set(names) == set(PROPOSER_FIELDS)
    assert "IPublication.effective" not in names


def test_proposer_edit_form_is_short(proposer):
    example = add(proposer, "praxisbeispiele", "PracticeExample", "eigenes",
                  title="Eigenes")  # fmt: skip
    names, _groups = form_of(proposer, example, "edit")
    assert set(names) == set(PROPOSER_FIELDS)


def test_institute_keeps_the_full_form(portal):
    setRoles(portal, TEST_USER_ID, ["Institute", "Reviewer", "Site Administrator"])
    names, groups = form_of(portal, portal["praxisbeispiele"], "add")
    assert set(PROPOSER_FIELDS) < set(names)
    assert "IPublication.effective" in names
    assert len(groups) > 3


def test_only_the_institute_has_display_menu_and_sharing(proposer):
    example = add(proposer, "praxisbeispiele", "PracticeExample", "eigenes",
                  title="Eigenes")  # fmt: skip
    for permission in ("Modify view template", "Sharing page: Delegate roles"):
        assert not api.user.has_permission(permission, obj=example)
        roles = {
            r["name"] for r in example.rolesOfPermission(permission) if r["selected"]
        }
        assert roles == {"Institute", "Manager", "Site Administrator"}
