"""Documenting a step: the add form comes filled in, and a step the
institute sets refuses everybody else."""

from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from zope.interface import alsoProvides
from zope.interface import Invalid
from zumo.content.interfaces import IZumoContentLayer
from zumo.content.procedure_step import check_step
from zumo.policy.spaces import procedures

import pytest
import types


def form_of(municipality, url):
    """The add form behind ``url`` (a ``++add++`` address with a query),
    updated as on a GET from the site's own page."""
    request = municipality.REQUEST
    alsoProvides(request, IZumoContentLayer)
    path, query = url.split("?")
    for pair in query.split("&"):
        name, value = pair.split("=")
        request.form[name.replace("%2E", ".")] = value
    request.environ["REQUEST_METHOD"] = "GET"
    view = municipality.restrictedTraverse(path.split("/")[-1])
    view.update()
    return view.form_instance


def values(form):
    """``{widget name: value}`` of the form and its groups."""
    found = {}
    for group in [form, *form.groups]:
        for name, widget in group.widgets.items():
            found[name] = widget.value
    return found


@pytest.mark.parametrize(
    "step_id,expected",
    [
        ("situationsanalyse", {"procedure": ["zumo"], "step": ["situationsanalyse"]}),
        ("fokusgruppen", {"workshop_format": ["fokusgruppe"]}),
        ("umsetzungskonzept", {"plan_kind": ["umsetzungskonzept"]}),
    ],
)
def test_the_add_form_comes_filled_in(municipality, step_id, expected):
    """ "Schritt dokumentieren" opens the right type with the step's values."""
    step = next(
        item
        for item in procedures.procedures.procedure("zumo")["steps"]
        if item["id"] == step_id
    )
    url = procedures.add_url(municipality, "zumo", step)
    found = values(form_of(municipality, url))
    for name, value in expected.items():
        assert list(found[name]) == value, name
    assert found["IBasic.title"] == step["title"]


def test_only_the_institute_sets_the_selection(municipality):
    """The selection of the pilots is the institute's ("Nach der Auswahl der
    beiden Pilotkommunen", seed 000, line 29)."""
    data = types.SimpleNamespace(procedure="zumo", step="auswahl")
    check_step(data)  # the test user is a Manager here
    setRoles(api.portal.get(), TEST_USER_ID, ["Member"])
    municipality.manage_setLocalRoles(TEST_USER_ID, ["TeamMember"])
    login(api.portal.get(), TEST_USER_NAME)
    with pytest.raises(Invalid, match="error_step_set_by_institute"):
        check_step(data)
    check_step(types.SimpleNamespace(procedure="zumo", step="situationsanalyse"))
    step = procedures.procedures.step("zumo", "auswahl")
    assert not procedures.may_document(municipality, step)
    assert procedures.may_document(
        municipality, procedures.procedures.step("zumo", "situationsanalyse")
    )


def test_a_step_of_another_path_is_refused():
    """The step must belong to the chosen path."""
    with pytest.raises(Invalid, match="error_step_not_in_procedure"):
        check_step(types.SimpleNamespace(procedure="zumo", step="unbekannt"))
