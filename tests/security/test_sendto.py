"""“Send this page” is no mail relay: members do not have it; managers and
the institute (site administrators) send a limited number of mails
(``zumo.policy.security.sendto``)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.fixtures.http import csrf_token
from zumo.policy.security import sendto

import requests


def test_members_cannot_send_pages(served_scenario, persona_request):
    page = served_scenario[1]["team_document"].absolute_url()
    for persona in ("buerger", "kommune-a", "expertin", "ministerium", "anonymous"):
        session = persona_request(persona)
        answer = session.get(page + "/sendto_form", allow_redirects=False)
        assert answer.status_code in (302, 401, 403), persona
        assert "sendto_form" not in session.get(page).text, persona


def test_managers_send_a_limited_number(served_scenario, scenario_inbox):
    site = served_scenario[0].absolute_url()
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    form = site + "/sendto_form"
    answers = []
    for _attempt in range(sendto.SENDTO_LIMIT + 1):
        answer = session.post(
            form,
            data={
                "form.widgets.send_to_address": "irgendwer@example.org",
                "form.widgets.send_from_address": "admin@example.org",
                "form.widgets.comment": "Freier Text",
                "form.buttons.send": "Senden",
                "_authenticator": csrf_token(session, form),
            },
        )
        assert answer.status_code == 200
        answers.append("zu viele Seiten per E-Mail" in answer.text)
    assert answers == [False] * sendto.SENDTO_LIMIT + [True]
    assert len(scenario_inbox.messages) == sendto.SENDTO_LIMIT
