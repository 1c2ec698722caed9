"""Bylines name people or nobody, never a technical account: a creator is
named by the full name of a member of the site; content made by the Zope
``admin`` (the site, the demo) and accounts without a name show no name;
listings name creators only to those who may read them."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import pytest
import re
import transaction


def _byline(html):
    """The text of the page's byline ("von …"), or ''."""
    found = re.search(
        r'<span class="label-by-author".*?(?=<span class="document|</section>)',
        html,
        re.S,
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[0])) if found else ""


@pytest.fixture
def by_admin(served_scenario):
    """A published page in /qualifizierung made by the Zope ``admin``, and
    ``buerger`` with a real full name."""
    portal, objects = served_scenario
    setSite(portal)
    admin = portal.getPhysicalRoot().acl_users.getUserById(SITE_OWNER_NAME)
    with api.env.adopt_user(user=admin.__of__(portal.getPhysicalRoot().acl_users)):
        page = api.content.create(
            container=portal["qualifizierung"], type="Document", id="von-admin",
            title="Seite vom Betrieb",
        )  # fmt: skip
        api.content.transition(obj=page, transition="publish")
    assert page.Creator() == SITE_OWNER_NAME
    api.user.get(userid="buerger").setMemberProperties({"fullname": "Bea Bürger"})
    transaction.commit()
    return page


def test_byline_names_the_person_by_full_name(
    by_admin, served_scenario, persona_request
):
    """The institute reads "von Bea Bürger", not her user id."""
    _portal, objects = served_scenario
    page = persona_request("institut").get(objects["example_published"].absolute_url())
    assert "Bea Bürger" in _byline(page.text)
    assert "buerger" not in _byline(page.text)
    # Published today and not changed since, it shows no date: no dash
    # that leads nowhere.
    assert not _byline(page.text).strip().endswith("—")


@pytest.mark.parametrize("persona", ["institut", "buerger", "ministerium"])
def test_byline_names_no_technical_account(by_admin, persona_request, persona):
    """A page made by the Zope admin has no name in its byline."""
    page = persona_request(persona).get(by_admin.absolute_url())
    assert page.status_code == 200
    assert _byline(page.text) == ""
    assert (
        "admin" not in page.text.split('id="section-byline"')[1].split("</section>")[0]
    )


@pytest.mark.parametrize("persona", ["institut", "buerger", "kommune-a"])
@pytest.mark.parametrize("view", ["", "/summary_view", "/tabular_view"])
def test_listings_name_no_technical_account(
    by_admin, served_scenario, persona_request, persona, view
):
    """The folder listing of /qualifizierung says "von admin" to nobody and
    names creators only to those who may read them."""
    portal, _objects = served_scenario
    page = persona_request(persona).get(f"{portal.absolute_url()}/qualifizierung{view}")
    assert page.status_code == 200
    assert "Seite vom Betrieb" in page.text
    assert not re.search(r">\s*admin\s*<", page.text), persona
    assert "/author/admin" not in page.text
    if persona != "institut":
        assert not re.search(r">\s*(institut|buerger)\s*<", page.text), persona
