"""Several files at once into a mentoring group, in Debian's Chromium: a
member uploads them through Plone's folder contents; a municipality outside
the group does not see them."""

from tests.fixtures.browser import as_persona

import pytest


pytestmark = pytest.mark.browser


@pytest.fixture
def member_page(browser, demo_site):
    """Chromium logged in as ``kommune-a`` (member of the Baar group)."""
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900},
        **as_persona("kommune-a"),
    )  # fmt: skip
    yield context.new_page()
    context.close()


class TestUploadInBrowser:
    def test_member_uploads_several_files_at_once(
        self, member_page, demo_site, tmp_path, browser
    ):
        from plone import api

        catalog = api.portal.get_tool("portal_catalog")
        (brain,) = catalog.unrestrictedSearchResults(
            portal_type="MentoringGroup", Title="Baar und Schwarzwald"
        )
        group_url = brain.getURL()
        files = []
        for name, text in (("protokoll-maerz.txt", "Protokoll März"),
                           ("teilnehmende.csv", "Kommune;Personen\nTuningen;3"),
                           ("zeitplan.txt", "Zeitplan Werkstattplan")):  # fmt: skip
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            files.append(str(path))

        page = member_page
        page.goto(f"{group_url}/folder_contents")
        page.get_by_role("link", name="Hochladen").click()
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Browsen").click()
        assert chooser.value.is_multiple()
        chooser.value.set_files(files)
        assert page.locator(".upload-queue .previews > *").count() == 3
        uploaded = []
        page.on(
            "response",
            lambda r: uploaded.append(r.status) if "@@fileUpload" in r.url else None,
        )
        page.locator(".upload-all").click()
        for _attempt in range(120):
            if len(uploaded) == 3:
                break
            page.wait_for_timeout(250)
        assert uploaded == [200, 200, 200]
        page.goto(group_url)
        listing = page.locator("#content").inner_text()
        for name in ("protokoll-maerz.txt", "teilnehmende.csv", "zeitplan.txt"):
            assert name in listing, listing

        outsider = browser.new_context(locale="de-DE", **as_persona("kommune-b"))
        try:
            other = outsider.new_page()
            response = other.goto(f"{group_url}/protokoll-maerz.txt")
            assert response.status != 200 or any(
                part in other.url for part in ("/login", "insufficient-privileges")
            )
        finally:
            outsider.close()
