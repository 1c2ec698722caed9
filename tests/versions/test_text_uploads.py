"""Text files stay files: uploaded through "Hochladen" (``@@fileUpload``)
into a team space, a .txt, .md, .html, .csv or .ics file becomes a File
with its content intact, downloadable as it was sent (Plone's registry made
a page of most of them and dropped their text)."""

from plone import api
from tests.fixtures.http import csrf_token

import pytest
import transaction


TEXT = "Protokoll vom Treffen: Dorfladen, Bürgerbus, Jugendraum.\n".encode()


@pytest.mark.parametrize(
    "name", ["protokoll.txt", "notizen.md", "seite.html", "zahlen.csv", "termin.ics"]
)
def test_a_text_file_stays_a_file(served_scenario, persona_request, name):
    portal, objects = served_scenario
    space = objects["municipality_published"]
    session = persona_request("kommune-a")
    token = csrf_token(session, f"{portal.absolute_url()}/@@personal-information")
    answer = session.post(
        f"{space.absolute_url()}/@@fileUpload",
        files={"file": (name, TEXT, None)},
        headers={"X-CSRF-TOKEN": token},
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["size"] == len(TEXT)
    transaction.begin()
    created = space[answer.json()["name"]]
    assert created.portal_type == "File"
    assert created.file.data == TEXT
    assert api.content.get_state(created)  # in the space's workflow
    download = session.get(f"{created.absolute_url()}/@@download/file")

    assert download.content == TEXT
    assert "private" in download.headers["Cache-Control"]  # the caching rules hold
