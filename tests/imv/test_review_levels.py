"""The review levels (Hoher Standard / Standard / Perspektive) and the
validity are the network's own scheme: seed 001 speaks of a review „von einem
unabhängigen Expertengremium“ and of „Rückmeldung und Anerkennung“ (line 19),
of no levels and no validity. Wherever they are shown they say so."""

from plone import api
from unittest import mock
from zope.component.hooks import setSite
from zumo.content.vocabularies import source
from zumo.policy.reviews.mails import remind_expiring_reviews

import datetime
import re
import transaction


OWN = "eigene Festlegung des Netzwerks"


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_quotes_are_in_line_19(seed_lines):
    line = seed_lines("001")[18]
    assert "von einem unabhängigen Expertengremium extern begutachten zu lassen" in line
    assert "die nötige Rückmeldung und Anerkennung" in line
    assert source("review_levels") == "defined by this project"


def test_the_review_page_marks_level_and_validity(served_scenario, persona_request):
    _portal, objects = served_scenario
    page = _text(
        persona_request("kommune-a").get(objects["review_released"].absolute_url()).text
    )
    assert page.count(OWN) == 3  # level, validity and the note on the source
    assert (
        "„von einem unabhängigen Expertengremium extern begutachten zu lassen“" in page
    )
    assert "„die nötige Rückmeldung und Anerkennung“" in page


def test_the_recognition_on_the_profile_marks_the_level(
    served_scenario, persona_request
):
    _portal, objects = served_scenario
    team = objects["municipality_published"]
    team.show_review_recognition = True
    transaction.commit()
    page = _text(persona_request("anonymous").get(team.absolute_url()).text)
    assert "Anerkennung durch das Expertengremium" in page
    assert "Standard" in page and OWN in page


def test_the_expiry_reminder_says_whose_the_validity_is(scenario):
    portal, objects = scenario
    setSite(portal)
    review = objects["review_released"]
    sent = []
    with api.env.adopt_roles(["Manager"]):
        with mock.patch(
            "zumo.policy.reviews.mails.notify",
            lambda users, obj, subject, text: sent.append(text),
        ):
            remind_expiring_reviews(review.valid_until - datetime.timedelta(days=10))
    assert sent and "eigene Festlegung des Netzwerks" in sent[0]
