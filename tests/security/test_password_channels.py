"""Password channels: every route that takes a password, found by
enumeration, counts against the one login throttle, in every spelling of its
address.

* **Routes** (``tests/fixtures/channels.takes_password``): every browser view
  of the site root whose form has a ``zope.schema.Password`` field or whose
  template has a password input, every REST service whose code takes a
  ``"password"``, and HTTP basic authentication on a page and on a REST
  answer. Each is sent the same generic request for ``kommune-a``: the
  fields of Plone's login and password forms and a JSON body with
  ``login``, ``password`` and ``old_password``, the password in all of them.
  Routes that only work for a logged-in member get the login cookie, got
  with the right password before the first wrong one.
* **One throttle**: ``PAIR_LIMIT`` wrong passwords, sent through the routes in
  turn, block the pair; then every route refuses even the right password
  (429).
* **Spellings**: the login routes and the rate-limited forms at
  ``/mitmachen`` are called in every spelling Zope accepts (virtual-host
  paths, ``_vh_`` segments, trailing and double slashes, ``++api++``, ``@@``
  or none); all count against one limit.

The counts are printed by ``pytest_terminal_summary`` in ``tests/conftest.py``.
"""

from datetime import datetime
from datetime import UTC
from tests.fixtures.channels import Channels
from tests.fixtures.channels import takes_password
from tests.fixtures.channels import WRITES
from tests.fixtures.http import filled_in
from urllib.parse import urlsplit
from zumo.policy.forms import mitmachen as forms
from zumo.policy.security import logins
from zumo.policy.testing.scenario import PASSWORD

import html
import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.slow

LOGIN = "kommune-a"
WRONG = "falsch-falsch-1"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
#: Views that take a password but check none (they set one, or take the
#: password of something else), with the reason.
SETS_A_PASSWORD = {
    "mail": "the SMTP server's password (control panel)",
    "test-rendering-cheatsheet": "a demonstration of Plone's form widgets",
}
#: Services that take a password but check none.
SERVICES_SETTING_A_PASSWORD = {
    ("POST", "application/json", "@users"): "creates an account with a new "
    "password; its ``@users/<name>/reset-password``, which checks the old "
    "one, is sent as a route of its own",
    ("POST", "text/csv", "@users"): "imports accounts with new passwords",
    ("PATCH", "application/json", "@users"): "sets passwords for those who "
    "manage users; refuses every password from anybody else (400), whose "
    "own password changes with the old one at "
    "``@users/<name>/reset-password``",
}


@pytest.fixture
def throttle(virtual_hosting):
    """The login throttle (fresh for each test, as every limit is); a
    virtual host monster at the Zope root, as a proxy in front of the site
    uses it."""
    return logins.THROTTLE


def _form(password):
    """The fields of Plone's login and password forms, all with ``password``."""
    return {
        "__ac_name": LOGIN,
        "__ac_password": password,
        "buttons.login": "Anmelden",
        "form.widgets.current_password": password,
        "form.widgets.new_password": "Neu-geheim-98765",
        "form.widgets.new_password_ctl": "Neu-geheim-98765",
        "form.buttons.reset_passwd": "1",
        "form.buttons.change_password": "1",
        "form.buttons.login": "1",
    }


def _body(password):
    """The JSON body of the REST services that take a password."""
    return {
        "login": LOGIN,
        "password": password,
        "old_password": password,
        "new_password": "Neu-geheim-98765",
    }


class Route:
    """One way to present a password: ``present(password)`` sends it.

    ``refused``: the statuses that show the password was not let through.
    A blocked pair is refused with 429; basic credentials of a blocked pair
    are dropped before Zope checks them, so a private page answers as it
    does an anonymous visitor (the login, 302, or REST's 401), whether the
    password was right or wrong.
    """

    def __init__(self, name, present, refused=(429,)):
        self.name = name
        self.present = present
        self.refused = refused


def password_routes(portal, logged_in):
    """Every route that takes a password, each as a :class:`Route`;
    ``logged_in`` is a session with ``kommune-a``'s login cookie."""
    site = portal.absolute_url()
    api = f"{site}/++api++"
    channels = Channels(portal)
    routes = []
    for view, factories in sorted(channels.view_classes(portal).items()):
        if view in SETS_A_PASSWORD or not any(map(takes_password, factories)):
            continue
        url = f"{site}/@@{view}"
        # A form that only a member reaches gets the login cookie; a login
        # form is sent without (a member is logged in already).
        needs_login = requests.get(url, allow_redirects=False).status_code != 200
        session = logged_in if needs_login else requests
        routes.append(
            Route(
                f"@@{view}",
                lambda pw, url=url, session=session: session.post(
                    url, data=_form(pw), allow_redirects=False
                ),
            )
        )
    for service, factories in sorted(channels.service_classes(WRITES).items()):
        if service in SERVICES_SETTING_A_PASSWORD:
            continue
        if not any(map(takes_password, factories)):
            continue
        method, accept, name = service
        urls = [f"{api}/{name}"]
        if name == "@users":
            urls = [f"{api}/@users/{LOGIN}"]
        for url in urls:
            session = requests if name == "@login" else logged_in
            routes.append(
                Route(
                    f"{method} {url.removeprefix(site)}",
                    lambda pw, url=url, method=method, session=session: session.request(
                        method,
                        url,
                        json=_body(pw),
                        headers=JSON,
                        allow_redirects=False,
                    ),  # fmt: skip
                )
            )
    reset = f"{api}/@users/{LOGIN}/reset-password"
    routes.append(
        Route(
            "POST /++api++/@users/<name>/reset-password",
            lambda pw: logged_in.post(
                reset, json=_body(pw), headers=JSON, allow_redirects=False
            ),
        )
    )
    private = portal["kommunen"]["municipality_private"].absolute_url()
    for name, url, headers, anonymous in (
        ("basic auth (page)", private, {}, 302),
        ("basic auth (REST)", private.replace(site, api), JSON, 401),
    ):
        routes.append(
            Route(
                name,
                lambda pw, url=url, headers=headers: requests.get(
                    url, auth=(LOGIN, pw), headers=headers, allow_redirects=False
                ),
                refused=(429, anonymous),
            )
        )
    return routes


def _logged_in(site):
    """A session with ``kommune-a``'s login cookie."""
    session = requests.Session()
    answer = session.post(
        f"{site}/login",
        data={"__ac_name": LOGIN, "__ac_password": PASSWORD, "buttons.login": "1"},
        allow_redirects=False,
    )
    assert answer.status_code == 302 and "__ac" in session.cookies, answer.status_code
    return session


def test_every_password_route_counts_against_one_throttle(
    served_scenario, throttle, record_property
):
    """``PAIR_LIMIT`` wrong passwords through the routes in turn; then every
    route refuses the right password."""
    portal, _objects = served_scenario
    routes = password_routes(portal, _logged_in(portal.absolute_url()))
    names = {route.name for route in routes}
    assert {"@@login", "POST /++api++/@login", "basic auth (page)"} <= names, names
    not_refused = []
    for number, route in enumerate(routes):
        # A route that lets the right password through clears the count, so
        # each is asked after a block of its own, by the routes in turn.
        throttle.clear()
        for attempt in range(logins.PAIR_LIMIT):
            routes[(number + attempt + 1) % len(routes)].present(WRONG)
        answer = route.present(PASSWORD)
        if answer.status_code not in route.refused:
            not_refused.append(f"{route.name}: {answer.status_code}")
    record_property("password_routes", len(routes))
    record_property("password_attempts", (logins.PAIR_LIMIT + 1) * len(routes))
    assert not_refused == [], (
        f"after {logins.PAIR_LIMIT} wrong passwords, the right one is not "
        "refused by:\n" + "\n".join(not_refused)
    )


@pytest.mark.parametrize("first", range(4))
def test_each_route_alone_counts(served_scenario, throttle, first, record_property):
    """Wrong passwords through any one route block the pair on the login
    form (a route that does not count is found even when others do)."""
    portal, _objects = served_scenario
    site = portal.absolute_url()
    routes = password_routes(portal, _logged_in(site))
    not_counted = []
    for route in routes[first::4]:
        throttle.clear()
        for _attempt in range(logins.PAIR_LIMIT):
            route.present(WRONG)
        answer = requests.post(
            f"{site}/login", data=_form(PASSWORD), allow_redirects=False
        )
        if answer.status_code != 429:
            not_counted.append(f"{route.name}: {answer.status_code}")
    record_property(
        "password_attempts", len(routes[first::4]) * (logins.PAIR_LIMIT + 1)
    )
    assert not_counted == [], "wrong passwords not counted:\n" + "\n".join(not_counted)


def spellings(portal, path, api=False):
    """The spellings of the address of ``path`` (below the site) that Zope
    accepts for the same object: ``@@`` or none (views), trailing and
    double slashes, virtual-host paths with and without ``_vh_`` segments,
    ``++api++`` (REST)."""
    site = portal.absolute_url()
    parts = urlsplit(site)
    root = f"{parts.scheme}://{parts.netloc}"
    inside = parts.path.strip("/")
    prefix = "++api++/" if api else ""
    names = [path]
    # ``@@`` names a view; the forms are content (their path has a slash).
    if not api and "/" not in path and not path.startswith("@@"):
        names.append(f"@@{path}")
    found = []
    for name in names:
        below = f"{prefix}{name}"
        found += [
            f"{site}/{below}",
            f"{site}/{below}/",
            f"{site}//{below}",
            f"{root}/VirtualHostBase/{parts.scheme}/{parts.netloc}/{inside}/"
            f"VirtualHostRoot/{below}",
            f"{root}/VirtualHostBase/{parts.scheme}/{parts.netloc}/{inside}/"
            f"VirtualHostRoot/_vh_zumo/{below}",
            f"{root}/VirtualHostBase/https/zumo.example:443/{inside}/"
            f"VirtualHostRoot/{below}/",
        ]
    return found


def test_every_login_spelling_counts_against_one_throttle(
    served_scenario, throttle, record_property
):
    """Wrong passwords through the login form and ``@login`` in every
    spelling count together: after ``PAIR_LIMIT`` of them, every spelling
    refuses the right password."""
    portal, _objects = served_scenario
    calls = [
        (url, lambda url, pw: requests.post(url, data=_form(pw), allow_redirects=False))
        for url in spellings(portal, "login")
    ] + [
        (url, lambda url, pw: requests.post(url, json=_body(pw), headers=JSON, allow_redirects=False))
        for url in spellings(portal, "@login", api=True)
    ]  # fmt: skip
    unknown = [url for url, call in calls if call(url, WRONG).status_code in (404, 500)]
    assert unknown == [], "spellings Zope does not accept"
    not_refused = []
    for number, (url, call) in enumerate(calls):
        throttle.clear()
        for attempt in range(logins.PAIR_LIMIT):
            other, other_call = calls[(number + 5 * attempt + 1) % len(calls)]
            other_call(other, WRONG)
        answer = call(url, PASSWORD)
        if answer.status_code != 429:
            not_refused.append(f"{url}: {answer.status_code}")
    record_property("spellings", len(calls))
    record_property("spelling_routes", 2)
    assert not_refused == [], (
        f"after {logins.PAIR_LIMIT} wrong passwords in mixed spellings, the "
        "right one is not refused at:\n" + "\n".join(not_refused)
    )


def _submit(url, data):
    """Send the form at ``url`` as ``kommune-a``."""
    return requests.post(url, data=data, auth=(LOGIN, PASSWORD), allow_redirects=False)


def _accepted(answer, form):
    """Whether ``form`` took the submission: the thank-you page or, for a
    form that creates something, the redirect to it."""
    return answer.status_code == 302 or (
        answer.status_code == 200 and form.thankstitle in answer.text
    )


def _errors(page):
    """The validation errors a form page shows."""
    return [
        html.unescape(error).strip()
        for error in re.findall(
            r'class="[^"]*invalid-feedback[^"]*"[^>]*>\s*([^<]*)', page
        )
    ]


def _refused(answer):
    """Whether the answer is the refusal of the form limit."""
    return "zu viele Einsendungen" in answer.text


@pytest.fixture
def begun_meeting(served_scenario):
    """A meeting that has begun: the feedback form's required choice of a
    meeting offers it (it lists begun meetings only)."""
    portal, objects = served_scenario
    meeting = objects["meeting_documented"]
    meeting.start = datetime(2025, 5, 6, 10, tzinfo=UTC)
    meeting.end = datetime(2025, 5, 6, 16, tzinfo=UTC)
    meeting.reindexObject()
    transaction.commit()
    return meeting


def _filled_form(portal, form_id):
    """The form ``form_id`` of ``/mitmachen``, its spellings and its fields
    filled in so that it validates, with its submit button."""
    form = portal[forms.SECTION][form_id]
    urls = spellings(portal, f"{forms.SECTION}/{form_id}")
    page = requests.get(urls[0], auth=(LOGIN, PASSWORD))
    assert page.status_code == 200, (form_id, page.status_code)
    data = filled_in(page.text, skip=(forms.HONEYPOT,))
    data["form.buttons.submit"] = form.submitLabel
    return form, urls, data


def test_one_spelling_reaches_the_form_limit(served_scenario, throttle, begun_meeting):
    """Control: each form at ``/mitmachen``, filled in as below, takes
    ``RATE_LIMIT`` submissions at one address and refuses the next."""
    portal, _objects = served_scenario
    for form_id in portal[forms.SECTION].objectIds():
        forms.limiter.clear()
        form, urls, data = _filled_form(portal, form_id)
        answers = [_submit(urls[0], data) for _ in range(forms.RATE_LIMIT + 1)]
        taken = [_accepted(answer, form) for answer in answers]
        assert taken == [True] * forms.RATE_LIMIT + [False], (
            form_id, _errors(answers[0].text),
        )  # fmt: skip
        assert _refused(answers[-1]), form_id


def test_every_form_spelling_counts_against_one_limit(
    served_scenario, throttle, begun_meeting, record_property
):
    """Submissions of a form at ``/mitmachen`` in mixed spellings count
    against one limit: the first ``RATE_LIMIT`` of them, each filled in so
    that it validates, are taken (the limit is checked only for a valid
    submission, so a form failing validation would say nothing about it);
    then every spelling refuses."""
    portal, _objects = served_scenario
    section = portal[forms.SECTION]
    checked = 0
    not_taken = []
    not_refused = []
    for form_id in section.objectIds():
        forms.limiter.clear()
        form, urls, data = _filled_form(portal, form_id)
        for attempt in range(forms.RATE_LIMIT):
            # The spellings in turn, the last ones (virtual hosts) first.
            url = urls[-1 - attempt % len(urls)]
            answer = _submit(url, data)
            if not _accepted(answer, form):
                not_taken.append(f"{url}: {answer.status_code} {_errors(answer.text)}")
        for url in urls:
            answer = _submit(url, data)
            if not _refused(answer):
                not_refused.append(f"{url}: {answer.status_code}")
        checked += len(urls)
    record_property("spellings", checked)
    record_property("spelling_routes", len(section.objectIds()))
    assert checked
    assert not_taken == [], "valid submissions not taken:\n" + "\n".join(not_taken)
    assert not_refused == [], "not refused:\n" + "\n".join(not_refused)
