"""Files and images in a space keep their versions: replacing the file
through the edit form ("Mit neuer Datei ersetzen") keeps the old one, with
the change note ("Änderungsnotiz") the person wrote; the history lists both
and the old file can still be downloaded. Old versions stay as private as
the history: nobody without access to previous versions downloads them."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile
from tests.fixtures.http import attributes
from tests.fixtures.http import INPUT
from zumo.policy.spaces.roster import set_member
from zumo.policy.testing.scenario import PNG

import pytest
import requests
import transaction


OLD = b"Kommune;Personen\nTuningen;3\n"
NEW = b"Kommune;Personen\nTuningen;5\n"
NOTE = "Zahlen aus dem Mai-Treffen"


@pytest.fixture
def team_file(served_scenario):
    """A CSV file that ``kommune-a`` filed in her team space; committed."""
    portal, objects = served_scenario
    login(portal, "kommune-a")
    obj = api.content.create(
        container=objects["municipality_published"],
        type="File",
        id="teilnehmende.csv",
        title="Teilnehmende",
        file=NamedBlobFile(OLD, filename="teilnehmende.csv", contentType="text/csv"),
    )
    logout()
    transaction.commit()
    return obj


def replace(session, obj, field, filename, data, note):
    """Replace the file of ``obj`` through its edit form as the user of
    ``session``, with ``note`` as the change note; return the answer."""
    page = session.get(f"{obj.absolute_url()}/@@edit")
    assert page.status_code == 200, page.text[:300]
    assert "Änderungsnotiz" in page.text
    values = {}
    for tag in INPUT.findall(page.text):
        name, kind, value = attributes(tag)
        if kind in ("checkbox", "radio") and "checked" not in tag:
            continue
        if name and not name.startswith("form.buttons") and kind != "file":
            values.setdefault(name, value)
    values[f"form.widgets.{field}.action"] = "replace"
    values["form.widgets.IVersionable.changeNote"] = note
    values["form.buttons.save"] = "Sichern"
    return session.post(
        f"{obj.absolute_url()}/@@edit",
        data=values,
        files={f"form.widgets.{field}": (filename, data, None)},
        allow_redirects=False,
    )


def _versions(obj):
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        repository = api.portal.get_tool("portal_repository")
        history = repository.getHistoryMetadata(obj)
        return [
            history.retrieve(i)["metadata"]["sys_metadata"]["comment"]
            for i in range(history.getLength(countPurged=False))
        ]


def test_replacing_a_file_keeps_the_old_one(team_file, persona_request):
    session = persona_request("kommune-a")
    answer = replace(session, team_file, "file", "teilnehmende.csv", NEW, NOTE)
    assert answer.status_code == 302, answer.text[:500]
    assert _versions(team_file)[-1] == NOTE
    assert len(_versions(team_file)) == 2

    history = session.get(f"{team_file.absolute_url()}/@@historyview")
    assert history.status_code == 200
    assert NOTE in history.text
    old = session.get(
        f"{team_file.absolute_url()}/@@download-version",
        params={"version_id": 0, "field_id": "file", "filename": "teilnehmende.csv"},
    )
    assert old.status_code == 200
    assert old.content == OLD
    assert session.get(f"{team_file.absolute_url()}/@@download/file").content == NEW


def test_replacing_an_image_keeps_the_old_one(served_scenario, persona_request):
    _portal, objects = served_scenario
    image = objects["team_image"]
    session = persona_request("kommune-a")
    answer = replace(session, image, "image", "plan.png", PNG + b"\0", "Neuer Plan")
    assert answer.status_code == 302, answer.text[:500]
    assert _versions(image)[-1] == "Neuer Plan"
    old = session.get(
        f"{image.absolute_url()}/@@download-version",
        params={"version_id": 0, "field_id": "image"},
    )
    assert old.content == PNG


def test_the_team_reads_each_others_change_notes(
    served_scenario, team_file, persona_request
):
    """A teammate replaced the file: the others of the team read her note
    (they may edit the file too); outside the team nobody reads it."""
    portal, objects = served_scenario
    set_member(objects["municipality_published"], "kommune-b", "member")
    transaction.commit()
    teammate = persona_request("kommune-b")
    answer = replace(teammate, team_file, "file", "teilnehmende.csv", NEW, NOTE)
    assert answer.status_code == 302, answer.text[:500]
    history = persona_request("kommune-a").get(
        f"{team_file.absolute_url()}/@@historyview"
    )
    assert NOTE in history.text
    outsider = persona_request("buerger").get(
        f"{team_file.absolute_url()}/@@historyview"
    )
    assert NOTE not in outsider.text


def test_nobody_else_downloads_an_old_version(served_scenario, persona_request):
    """A published attachment is public; its old file is not."""
    portal, objects = served_scenario
    attachment = objects["attachment_published"]
    old = attachment.file.data
    login(portal, "institut")
    attachment.file = NamedBlobFile(b"neu", filename="a.txt")
    api.portal.get_tool("portal_repository").save(attachment, comment="ersetzt")
    logout()
    transaction.commit()
    url = f"{attachment.absolute_url()}/@@download-version"
    for persona in ("anonymous", "kommune-b"):
        answer = persona_request(persona).get(
            url, params={"version_id": 0}, allow_redirects=False
        )
        assert old not in answer.content, persona
        assert answer.status_code in (302, 401, 403, 404), (persona, answer.status_code)
    assert (
        requests.get(attachment.absolute_url() + "/@@download/file").content == b"neu"
    )
    assert persona_request("institut").get(url, params={"version_id": 0}).content == old
