"""Uploads create only what the folder allows: a refused upload answers
403 in German and leaves nothing behind, whatever the kind of file."""

from tests.fixtures.http import csrf_token

import pytest
import transaction


#: Files that become an image, a file or a page (content_type_registry).
NAMES = ("bild.png", "bericht.pdf", "notiz.txt", "seite.html", "termin.ics")


def _ids(portal, path):
    transaction.begin()
    return set(portal.unrestrictedTraverse(path).objectIds())


def _upload(session, url, name, token):
    return session.post(
        f"{url}/@@fileUpload",
        files={"file": (name, b"Inhalt der Datei", None)},
        headers={"X-CSRF-TOKEN": token},
    )


@pytest.mark.parametrize("persona", ["buerger", "kommune-a"])
def test_a_type_the_section_does_not_allow_is_never_created(
    served_scenario, persona_request, persona
):
    """/praxisbeispiele holds practice examples only: members may add those
    there (Contributor), but no upload may put anything else in it."""
    portal, _objects = served_scenario
    session = persona_request(persona)
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-information")
    section = f"{portal.absolute_url()}/praxisbeispiele"
    before = _ids(portal, "praxisbeispiele")
    for name in reversed(NAMES):
        answer = _upload(session, section, name, token)
        assert answer.status_code == 403, (name, answer.text[:200])
        assert _ids(portal, "praxisbeispiele") == before, name
        assert "Hier können Sie keine Datei dieser Art hochladen" in answer.text


def test_an_allowed_upload_still_works(served_scenario, persona_request):
    """Into the own municipality's space a team member uploads files."""
    portal, objects = served_scenario
    session = persona_request("kommune-a")
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-information")
    space = objects["municipality_published"]
    path = "/".join(space.getPhysicalPath()[2:])
    before = _ids(portal, path)
    answer = _upload(session, space.absolute_url(), "bericht.pdf", token)
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["filename"] == "bericht.pdf"
    assert _ids(portal, path) - before == {answer.json()["name"]}


def test_no_file_is_refused_in_german(served_scenario, persona_request):
    portal, objects = served_scenario
    session = persona_request("kommune-a")
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-information")
    answer = session.post(
        f"{objects['municipality_published'].absolute_url()}/@@fileUpload",
        data={"file": ""},
        headers={"X-CSRF-TOKEN": token},
    )
    assert answer.status_code == 400
    assert answer.text == "Es wurde keine Datei gesendet."
