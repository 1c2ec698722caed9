"""The main path of the expert-review process in Debian's Chromium, with the
demo personas: the municipality requests a review from its action plan, the
institute assigns an expert and starts it, the expert declares, scores and
submits, the institute releases, the ministry reads it."""

from tests.fixtures.browser import as_persona
from tests.fixtures.browser import keep_screenshot

import pytest


pytestmark = pytest.mark.browser


@pytest.fixture
def as_(browser, demo_site):
    """``as_("kommune-a")``: a new Chromium page logged in as that persona."""
    contexts = []

    def page(persona):
        context = browser.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900},
            **as_persona(persona),
        )  # fmt: skip
        contexts.append(context)
        return context.new_page()

    yield page
    for context in contexts:
        context.close()


def _transition(page, transition_id):
    """Choose a workflow transition from the toolbar's state menu."""
    page.locator("#plone-contentmenu-workflow > a").click()
    page.locator(f"#workflow-transition-{transition_id}").click()
    page.wait_for_load_state()


class TestReviewInBrowser:
    def test_request_review_release_read(self, as_, demo_site):
        from plone import api

        catalog = api.portal.get_tool("portal_catalog")
        (brain,) = catalog.unrestrictedSearchResults(portal_type="ActionPlan")
        plan_url = brain.getURL()

        # The municipality requests a review from its action plan.
        team = as_("kommune-a")
        team.goto(plan_url)
        team.get_by_role("button", name="Begutachtung anfordern").click()
        team.wait_for_url("**/gutachten/**")
        assert "Die Begutachtung ist angefragt" in team.content()
        assert "Angefragt" in team.locator("#edit-zone").inner_text()
        assert "wird festgehalten, wenn die Begutachtung beginnt" in team.content()
        review_url = team.url.split("?")[0].removesuffix("/expert-review-view")

        # The institute assigns an expert and starts the review.
        institute = as_("institut")
        institute.goto(f"{review_url}/edit")
        institute.locator("input[name='form.widgets.assigned_experts']").evaluate(
            "input => { input.value = 'expertin2'; }"
        )
        institute.get_by_role("button", name="Sichern").click()
        institute.wait_for_url(review_url)
        _transition(institute, "start_review")
        assert "In Begutachtung" in institute.locator("#edit-zone").inner_text()

        # The expert reads the pinned plan, declares, scores and submits.
        expert = as_("expertin2")
        expert.goto(review_url)
        assert "Version 1" in expert.content()
        expert.goto(f"{review_url}/@@conflict-of-interest")
        expert.get_by_label(
            "Ich erkläre, dass bei mir kein Interessenkonflikt besteht."
        ).check()
        expert.get_by_role("button", name="Erklärung abgeben").click()
        expert.wait_for_url(review_url)
        expert.goto(f"{review_url}/edit")
        tabs = expert.locator(".autotoc-nav a")
        tabs.filter(has_text="Bewertung nach Umsetzungsfaktoren").click()
        expert.get_by_label(
            "Politische Legitimation sichern", exact=True
        ).select_option("4")
        tabs.filter(has_text="Ergebnis").click()
        expert.get_by_label("Gesamtniveau").select_option("standard")
        keep_screenshot(expert, "review-edit-form")
        expert.get_by_role("button", name="Sichern").click()
        expert.wait_for_url(review_url)
        _transition(expert, "submit")
        assert "Eingereicht" in expert.locator("#edit-zone").inner_text()

        # The institute releases it; the ministry reads it.
        institute.goto(review_url)
        _transition(institute, "release")
        ministry = as_("ministerium")
        ministry.goto(review_url)
        text = ministry.locator("#content").inner_text()
        assert "Standard" in text
        assert "Begutachtetes Handlungskonzept" in text
        keep_screenshot(ministry, "review-released")
