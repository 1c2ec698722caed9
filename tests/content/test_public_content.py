"""The content of a practice example and of a municipality is rendered once
for all anonymous visitors (issue 30, ``zumo.content.browser.fragments``):
the same HTML as rendered afresh, never shown to a signed-in visitor nor
hiding what they may see, and every change shown at the next request."""

from plone import api
from tests.finder.conftest import build_network
from tests.fixtures.builders import add
from tests.fixtures.builders import html
from zumo.content.browser import fragments
from zumo.content.relations import relation_to

import pytest
import re
import transaction


EXAMPLE = "/praxisbeispiele/dorfladen"
MUNICIPALITY = "/kommunen/hayingen"
#: The page's content core (the part that is remembered).
CORE = re.compile(
    r'<div class="zumo-(?:practice-example|municipality)".*?(?=<div id="viewlet-below-content-body")',
    re.S,
)


def core(page):
    """The content core of ``page`` (its HTML)."""
    found = CORE.search(page)
    assert found, page[:2000]
    return found.group(0)


@pytest.fixture
def site(functional_portal):
    """The finder's small network, committed (the published example
    "dorfladen" relates to the unpublished module "Modul 3"); the memory
    empty."""
    with api.env.adopt_roles(["Manager"]):
        portal = build_network(functional_portal)
    assert api.content.get_state(portal["qualifizierung"]["koquma-3"]) != "published"
    transaction.commit()
    fragments.MEMORY.clear()
    yield portal
    fragments.MEMORY.clear()


@pytest.fixture
def anonymous(request_factory):
    """An anonymous visitor's browser session."""
    session = request_factory(api=False)
    session.headers["Accept"] = "text/html"
    return session


@pytest.fixture
def owner(request_factory):
    """The site owner's browser session."""
    session = request_factory(api=False, role="Manager")
    session.headers["Accept"] = "text/html"
    return session


def fresh(monkeypatch):
    """Render every page afresh from now on (no memory)."""
    monkeypatch.setattr(fragments, "for_the_public", lambda view, render: render())


@pytest.mark.parametrize("path", [EXAMPLE, MUNICIPALITY])
def test_anonymous_visitors_share_one_rendering_of_the_same_html(
    site, anonymous, monkeypatch, path
):
    """The first anonymous request renders the content and the memory holds
    it; the next is served from it, and both equal a fresh rendering."""
    first = anonymous.get(path)
    assert first.status_code == 200
    assert len(fragments.MEMORY.items) == 1
    second = anonymous.get(path)
    assert len(fragments.MEMORY.items) == 1
    fresh(monkeypatch)
    rendered = anonymous.get(path)
    assert core(first.text) == core(second.text) == core(rendered.text)
    assert "Ähnliche Kommunen" in core(first.text) or path == MUNICIPALITY


def test_signed_in_visitors_get_their_own_page(site, anonymous, owner):
    """The unpublished module the example relates to is shown to the site
    owner, before and after anonymous visits, and never to anonymous
    visitors; the owner's page is not remembered."""
    note = "Modul 3"
    assert note not in anonymous.get(EXAMPLE).text
    remembered = len(fragments.MEMORY.items)
    page = owner.get(EXAMPLE).text
    assert note in core(page)
    assert len(fragments.MEMORY.items) == remembered
    assert note not in anonymous.get(EXAMPLE).text
    assert note in core(owner.get(EXAMPLE).text)


def test_changes_show_at_the_next_request(site, anonymous):
    """A changed section of the example, a renamed municipality, a new
    attachment, a published module and a new example of the municipality
    show at once, though the pages were remembered before."""
    assert "Frisches Brot" not in anonymous.get(EXAMPLE).text
    assert "Hayingen" in core(anonymous.get(EXAMPLE).text)
    assert "Backhaus" not in anonymous.get(MUNICIPALITY).text
    with api.env.adopt_roles(["Manager"]):
        example = site["praxisbeispiele"]["dorfladen"]
        example.results = html("Frisches Brot jeden Morgen.")
        example.reindexObject()
    transaction.commit()
    assert "Frisches Brot" in core(anonymous.get(EXAMPLE).text)

    with api.env.adopt_roles(["Manager"]):
        municipality = site["kommunen"]["hayingen"]
        municipality.setTitle("Hayingen (Zwiefalter Alb)")
        municipality.reindexObject()
    transaction.commit()
    assert "Hayingen (Zwiefalter Alb)" in core(anonymous.get(EXAMPLE).text)

    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=site["praxisbeispiele"]["dorfladen"],
            type="Link",
            id="bestellliste",
            title="Bestellliste des Dorfladens",
            remoteUrl="https://example.org/bestellliste",
        )
    transaction.commit()
    assert "Bestellliste des Dorfladens" in core(anonymous.get(EXAMPLE).text)

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(
            obj=site["qualifizierung"]["koquma-3"], to_state="published"
        )
    transaction.commit()
    assert "Modul 3" in core(anonymous.get(EXAMPLE).text)

    add(site, "praxisbeispiele", "PracticeExample", "backhaus", title="Backhaus",
        municipality=relation_to(site["kommunen"]["hayingen"]),
        to_state="published")  # fmt: skip
    transaction.commit()
    assert "Backhaus" in core(anonymous.get(MUNICIPALITY).text)


def test_form_data_and_other_addresses_are_rendered_for_them(site, anonymous):
    """A request with form data is rendered afresh; the same page at
    another address links to that address."""
    anonymous.get(EXAMPLE)
    remembered = len(fragments.MEMORY.items)
    assert anonymous.get(EXAMPLE + "?b_start=0").status_code == 200
    assert len(fragments.MEMORY.items) == remembered
    url = site.absolute_url()
    other = url.replace("localhost", "127.0.0.1")
    assert other != url
    page = anonymous.get(other + EXAMPLE).text
    assert len(fragments.MEMORY.items) == remembered + 1
    assert other + "/kommunen/hayingen" in core(page)
    assert url + "/kommunen/hayingen" in core(anonymous.get(EXAMPLE).text)
