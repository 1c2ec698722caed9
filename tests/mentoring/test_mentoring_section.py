"""``/mentoring`` explains the mentoring programme to everybody and lists
the groups each visitor may see: members their own, the institute and the
ministry all, nobody else any group's name."""

from zumo.policy.testing.scenario import matrix
from zumo.policy.testing.scenario import SECRET

import pytest


#: Who may see the scenario's group, per the permission matrix.
SEES_GROUP = {
    cell["persona"]: cell["expected"] == "allowed"
    for cell in matrix(actions={"view"})
    if cell["object"] == "group"
}
#: The seed's words on the programme, quoted as they stand.
QUOTE = (
    "Ein wichtiger Baustein der kommenden Projektphase wird dabei das "
    "Mentoringprogramm sein, welches erfahrene DWK-Kommunen mit neu "
    "dazugekommenen ZWK-Kommunen vernetzt."
)


@pytest.mark.parametrize("persona", sorted(SEES_GROUP))
def test_mentoring_page(served_scenario, persona_request, persona):
    _portal, objects = served_scenario
    page = persona_request(persona).get("/mentoring")
    assert page.status_code == 200
    text = " ".join(page.text.split())
    assert "keinen Inhalt" not in text
    assert QUOTE in text
    assert "Quelle: „ZWK Fachdiskurs 2021 – erfolgreicher Auftakt!“" in text
    assert "eigene Festlegung des Netzwerks" in text
    assert "Als Modellkommune bewerben" in text
    assert (f"group {SECRET}" in text) == SEES_GROUP[persona]
    assert (objects["group"].absolute_url() in text) == SEES_GROUP[persona]
