"""Every cell of docs/permissions.csv, asserted in-process.

For each persona and object: the permission behind the action
(View, Modify portal content, Delete objects, Add portal content), catalog
visibility (``search``), the file download, and each workflow transition.
"""

from collections import defaultdict
from pathlib import Path
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.annotation.interfaces import IAnnotations
from zumo.policy.testing.scenario import MATRIX
from zumo.policy.testing.scenario import matrix

import pytest


PERMISSIONS = {
    "view": "View",
    "download": "View",
    "edit": "Modify portal content",
    "delete": "Delete objects",
    "add": "Add portal content",
    "work-in-space": "zumo: Work in space",
    "manage-roster": "zumo: Manage roster",
    "undo-log": "List undoable changes",
    "list-users": "List portal members",
    "internal-statistics": "zumo: View internal statistics",
    "saved-data": "collective.easyform: Download Saved Input",
}
#: Permissions that change content through its versions: they follow ``edit``.
VERSIONING = (
    "CMFEditions: Save new version",
    "CMFEditions: Revert to previous versions",
)


def _by_persona():
    grouped = defaultdict(list)
    for cell in matrix():
        grouped[cell["persona"]].append(cell)
    return grouped


def _actual(portal, obj, action):
    if action in PERMISSIONS:
        return bool(api.user.has_permission(PERMISSIONS[action], obj=obj))
    if action == "search":
        return len(api.portal.get_tool("portal_catalog")(UID=obj.UID())) == 1
    transition = action.split(":", 1)[1]
    workflow = api.portal.get_tool("portal_workflow")
    return transition in {t["id"] for t in workflow.getTransitionsFor(obj)}


class TestMatrix:
    @pytest.mark.parametrize("persona,cells", sorted(_by_persona().items()))
    def test_persona(self, scenario, persona, cells, record_property):
        """All cells of one persona hold."""
        portal, objects = scenario
        # Roles are cached per request; the scenario changed rosters.
        IAnnotations(portal.REQUEST).clear()
        if persona == "anonymous":
            logout()
        else:
            login(portal, persona)
        wrong = []
        for cell in cells:
            allowed = _actual(portal, objects[cell["object"]], cell["action"])
            if allowed != (cell["expected"] == "allowed"):
                wrong.append(
                    f"{cell['object']} {cell['action']}: "
                    f"{'allowed' if allowed else 'denied'}, expected {cell['expected']}"
                )
        logout()
        record_property("matrix_cells_in_process", len(cells))
        assert wrong == []

    @pytest.mark.parametrize("persona,cells", sorted(_by_persona().items()))
    def test_versions_and_markers_follow_edit(self, scenario, persona, cells):
        """Saving and restoring a version (CMFEditions) is allowed exactly
        where editing is; only administrators (the institute is Site
        Administrator) change marker interfaces (``Manage properties``,
        ``@@edit-markers.html``), an object's owner not (issue 26)."""
        portal, objects = scenario
        IAnnotations(portal.REQUEST).clear()
        if persona == "anonymous":
            logout()
        else:
            login(portal, persona)
        administrator = bool(
            {"Manager", "Site Administrator"} & set(api.user.get_current().getRoles())
        )
        wrong = []
        for cell in cells:
            if cell["action"] != "edit":
                continue
            obj = objects[cell["object"]]
            for permission in VERSIONING:
                allowed = bool(api.user.has_permission(permission, obj=obj))
                if allowed != (cell["expected"] == "allowed"):
                    wrong.append(f"{cell['object']} {permission}: {allowed}")
            markers = bool(api.user.has_permission("Manage properties", obj=obj))
            if markers != administrator:
                wrong.append(f"{cell['object']} Manage properties: {markers}")
        logout()
        assert wrong == []

    def test_matrix_covers_every_type_state_and_persona(self):
        """The matrix names all six types, standard types inside spaces and
        entries, and every state of the review workflow."""
        cells = matrix()
        types = {cell["portal_type"] for cell in cells}
        assert {"PracticeExample", "Municipality", "MentoringGroup", "WorkshopMeeting",
                "ExpertReview", "QualificationModule", "Document", "File", "Image"} <= types  # fmt: skip
        states = {(cell["portal_type"], cell["state"]) for cell in cells}
        for state in ("requested", "in_review", "submitted", "released"):
            assert ("ExpertReview", state) in states


def test_scenario_states_match_the_matrix(scenario):
    """Each object of the scenario is in the state its matrix rows name."""
    portal, objects = scenario
    expected = {cell["object"]: cell["state"] for cell in matrix()}
    for oid, state in expected.items():
        if state == "-":  # the site itself has no workflow state here
            continue
        assert api.content.get_state(objects[oid]) == state, oid


def test_rendered_matrix_is_current():
    """docs/permissions.md is rendered from the current CSV (make docs)."""
    import importlib.util

    script = Path(__file__).parents[2] / "scripts" / "render_permissions.py"
    spec = importlib.util.spec_from_file_location("render_permissions", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rendered = module.render(matrix())
    assert (MATRIX.parent / "permissions.md").read_text(encoding="utf-8") == rendered
