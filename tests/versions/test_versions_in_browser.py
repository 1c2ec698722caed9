"""Versions in a team member's hands, in Debian's Chromium at a desktop and
a phone width: ``kommune-a`` replaces a file of her team space with a
change note and downloads the old one from the history; uploads a text file
that stays a file; adds a paragraph to the action plan and sees it marked
in the comparison with the version before."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile

import pytest
import transaction


pytestmark = pytest.mark.browser

OLD = "Kommune;Personen\nTuningen;3\n"
NEW = "Kommune;Personen\nTuningen;5\n"
NOTE = "Zahlen aus dem Mai-Treffen"
PARAGRAPH = "Ein Bürgerbus verbindet ab 2027 die Ortsteile."


def _tuningen():
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(
        portal_type="Municipality", Title="Tuningen"
    )
    return brain._unrestrictedGetObject()


def click_in_toolbar(page, entry):
    """Click the toolbar's ``entry`` (its label at a desktop's width, its
    icon at a phone's, where the toolbar shows only icons)."""
    with page.expect_navigation():
        page.locator(f"#contentview-{entry} a").click()


def test_a_replaced_file_keeps_its_old_version(journey, tmp_path):
    portal = api.portal.get()
    login(portal, "kommune-a")
    team_file = api.content.create(
        container=_tuningen(),
        type="File",
        id="teilnehmende.csv",
        title="Teilnehmende",
        file=NamedBlobFile(
            OLD.encode(), filename="teilnehmende.csv", contentType="text/csv"
        ),
    )
    logout()
    transaction.commit()
    new = tmp_path / "teilnehmende.csv"
    new.write_text(NEW, encoding="utf-8")

    page = journey.page("kommune-a")
    page.goto(f"{team_file.absolute_url()}/view")
    click_in_toolbar(page, "edit")
    page.get_by_label("Mit neuer Datei ersetzen").check()
    page.locator("input[type=file][name='form.widgets.file']").set_input_files(str(new))
    page.get_by_label("Änderungsnotiz").fill(NOTE)
    journey.shot(page, "edit")
    assert journey.fits(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Sichern").click()

    click_in_toolbar(page, "history")
    history = page.locator("#history-list")
    assert NOTE in history.inner_text()
    assert history.get_by_role("link", name="Anzeigen").count() == 2
    journey.shot(page, "history")
    with page.expect_navigation():
        history.get_by_role("link", name="Anzeigen").last.click()
    with page.expect_download() as download:
        page.locator("#content").get_by_role("link", name="teilnehmende.csv").click()
    assert open(download.value.path(), encoding="utf-8").read() == OLD
    journey.shot(page, "old-version")


def test_an_uploaded_text_file_stays_a_file(journey, tmp_path):
    space = _tuningen()
    name = f"protokoll-{journey.width}.txt"
    text = "Protokoll vom Treffen: Dorfladen, Bürgerbus, Jugendraum.\n"
    (tmp_path / name).write_text(text, encoding="utf-8")

    page = journey.page("kommune-a")
    page.goto(f"{space.absolute_url()}/folder_contents")
    page.get_by_role("link", name="Hochladen").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Browsen").click()
    chooser.value.set_files(str(tmp_path / name))
    with page.expect_response(lambda r: "@@fileUpload" in r.url) as answer:
        page.locator(".upload-all").click()
    assert answer.value.status == 200
    journey.shot(page, "uploaded")

    transaction.begin()
    uploaded = space[name]
    assert uploaded.portal_type == "File"
    page.goto(f"{uploaded.absolute_url()}/view")
    assert name in page.locator("#content").inner_text()
    journey.shot(page, "file")
    with page.expect_download() as download:
        page.locator("#content").get_by_role("link", name=name).first.click()
    assert open(download.value.path(), encoding="utf-8").read() == text


def test_the_comparison_marks_an_added_paragraph(journey):
    catalog = api.portal.get_tool("portal_catalog")
    (plan,) = catalog.unrestrictedSearchResults(
        portal_type="ActionPlan", Title="Handlungskonzept Tuningen 2035"
    )
    page = journey.page("kommune-a")
    page.goto(plan.getURL())
    click_in_toolbar(page, "edit")
    editor = page.frame_locator("#form-widgets-measures_ifr").locator("body")
    editor.click()
    editor.press("Control+End")
    editor.press("Enter")
    editor.type(PARAGRAPH)
    with page.expect_navigation():
        page.get_by_role("button", name="Sichern").click()

    with page.expect_navigation():
        page.get_by_role("link", name="Mit der vorigen Fassung vergleichen").click()
    added = page.locator(".inline-diff .insert")
    assert PARAGRAPH in added.all_inner_texts()[-1]
    assert "Es gibt keine Unterschiede" not in page.content()
    assert journey.fits(page)
    journey.shot(page, "comparison")
