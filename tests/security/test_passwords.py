"""Passwords are stored with bcrypt; an older hash becomes bcrypt at the
next successful login by POST (``zumo.policy.security.passwords``)."""

from AuthEncoding import AuthEncoding
from plone import api
from tests.fixtures.http import login_form
from zumo.policy.testing.scenario import PASSWORD

import pytest
import requests
import transaction


def stored(portal, login):
    """The hash stored for the member ``login`` (as bytes)."""
    manager = portal.acl_users.source_users
    reference = manager._user_passwords[manager.getUserIdForLogin(login)]
    return reference.encode() if isinstance(reference, str) else reference


def store_sha(portal, login):
    """Keep ``login``'s password as Plone stored it before: salted SHA-1."""
    manager = portal.acl_users.source_users
    sha = AuthEncoding.pw_encrypt(PASSWORD, "SSHA")
    manager._user_passwords[manager.getUserIdForLogin(login)] = sha
    transaction.commit()


def served_hash(portal, login):
    """The hash as the served requests committed it."""
    transaction.begin()
    return stored(portal, login)


def test_a_new_password_is_stored_with_bcrypt(scenario):
    portal = scenario[0]
    with api.env.adopt_roles(["Manager"]):
        user = api.user.create(
            email="neu@example.org", username="neu", password=PASSWORD
        )
    login = user.getUserName()
    assert stored(portal, login).startswith(b"{BCRYPT}$2b$")
    assert portal.acl_users.authenticate(login, PASSWORD, portal.REQUEST)


@pytest.mark.parametrize("way", ["form", "rest"])
def test_an_old_hash_becomes_bcrypt_at_the_next_login(served_scenario, way):
    portal = served_scenario[0]
    site = portal.absolute_url()
    store_sha(portal, "kommune-a")
    if way == "form":
        assert login_form(site, "kommune-a", PASSWORD)[0].status_code == 302
    else:
        answer = requests.post(
            site + "/++api++/@login",
            json={"login": "kommune-a", "password": PASSWORD},
            headers={"Accept": "application/json"},
        )
        assert answer.status_code == 200
    assert served_hash(portal, "kommune-a").startswith(b"{BCRYPT}")
    # The member logs in with the same password, now checked by bcrypt.
    assert login_form(site, "kommune-a", PASSWORD)[0].status_code == 302


def test_neither_a_get_nor_a_wrong_password_stores_anything(served_scenario):
    portal = served_scenario[0]
    site = portal.absolute_url()
    store_sha(portal, "kommune-a")
    assert requests.get(site, auth=("kommune-a", PASSWORD)).status_code == 200
    assert login_form(site, "kommune-a", "falsch-falsch-1")[0].status_code == 200
    assert served_hash(portal, "kommune-a").startswith(b"{SSHA}")
