"""The expert panel walked in Debian's Chromium at a desktop and a phone
width, as the demo personas do it: the municipality requests a review, the
institute composes the panel (and is refused a member of the team and an
unknown name), each expert declares and writes her own assessment without
seeing the other's, the institute hears of each, compares them, records the
verdict and releases; the team reads the verdict, not the individual
assessments. And an expert who declares a conflict leaves the panel."""

from plone import api
from tests.fixtures.mail import body
from tests.fixtures.mail import links
from tests.fixtures.mail import subject

import pytest


pytestmark = pytest.mark.browser


def _transition(page, title):
    """Choose a workflow transition from the toolbar's state menu."""
    page.locator("#plone-contentmenu-workflow > a").click()
    with page.expect_navigation():
        page.get_by_role("link", name=title, exact=True).click()


def _link_in(inbox, address, starts):
    """The link in the one mail to ``address`` whose subject starts so."""
    (message,) = [
        message for message in inbox.to(address) if subject(message).startswith(starts)
    ]
    (link,) = [url for url in links(message) if "/gutachten/" in url]
    return link


def _score(page, comment):
    """Score every factor in the open assessment form and save it."""
    page.locator(".autotoc-nav a", has_text="Bewertung nach Umsetzungsfaktoren").click()
    for factor in (
        "Politische Legitimation sichern",
        "Planungskonzept entwickeln",
        "Vernetzung gestalten",
        "Ressourcen bündeln",
        "Aktivierung + Beteiligung sichern",
        "Evaluation und Qualitätssicherung",
    ):
        page.get_by_label(factor, exact=True).select_option("3")
    page.get_by_label("Kommentar zu: Vernetzung gestalten").fill(comment)
    with page.expect_navigation():
        page.locator("#form-buttons-save").click()


def _declare_and_assess(journey, persona, link, comment, hidden=()):
    """``persona`` opens the review, declares no conflict, scores, submits."""
    page = journey.page(persona)
    page.goto(link)
    content = page.locator("#content").inner_text()
    assert "Ihre Aufgabe im Gremium" in content
    for text in hidden:
        assert text not in page.content()
    page.get_by_role("link", name="Erklärung abgeben").click()
    page.get_by_label(
        "Ich erkläre, dass bei mir kein Interessenkonflikt besteht."
    ).check()
    journey.shot(page, f"{persona}-declaration")
    page.get_by_role("button", name="Erklärung abgeben").click()
    page.wait_for_url("**/edit")
    assert "Bitte bewerten Sie jetzt" in page.content()
    _score(page, comment)
    assert comment in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Einzelgutachten einreichen").click()
    assert "Ihr Einzelgutachten ist eingereicht" in page.content()
    assert journey.fits(page)
    journey.shot(page, f"{persona}-submitted")
    return page.url


def test_panel_reviews_and_releases(journey, demo_inbox):
    catalog = api.portal.get_tool("portal_catalog")
    # the demo's action plan of kind Handlungskonzept (the pilots'
    # Umsetzungskonzepte are action plans too)
    (plan,) = [
        brain
        for brain in catalog.unrestrictedSearchResults(portal_type="ActionPlan")
        if brain._unrestrictedGetObject().plan_kind == "handlungskonzept"
    ]

    # The municipality requests a review from its action plan.
    team = journey.page("kommune-a")
    team.goto(plan.getURL())
    team.get_by_role("button", name="Begutachtung anfordern").click()
    team.wait_for_url("**/gutachten/**")
    assert "Die Begutachtung ist angefragt" in team.content()
    title = team.locator("#content h1").first.inner_text()

    # The institute opens it from its mail and composes the panel.
    institute = journey.page("institut")
    institute.goto(_link_in(demo_inbox, "institut@example.org", "Gutachten angefragt"))
    name = institute.get_by_label(
        "Expertin oder Experten zuweisen (Benutzername oder E-Mail-Adresse)"
    )
    for refused, message in (
        ("kommune-a", "hat Zugang zum Teamraum der begutachteten Kommune Tuningen"),
        ("frau-niemand", "„frau-niemand“ ist kein Benutzerkonto des Netzwerks"),
    ):
        name.fill(refused)
        with institute.expect_navigation():
            institute.get_by_role("button", name="Zuweisen").click()
        assert message in institute.locator(".portalMessage").inner_text()
    journey.shot(institute, "refused")
    for expert in ("expertin", "expertin2@example.org"):
        name.fill(expert)
        with institute.expect_navigation():
            institute.get_by_role("button", name="Zuweisen").click()
        assert "gehört jetzt dem Gremium an" in institute.content()
    panel = institute.locator(".zumo-panel").inner_text()
    assert "Prof. Eva Expertin" in panel and "Dr. Erika Zweitgutachterin" in panel
    assert "Anna Tuninger" not in panel
    demo_inbox.clear()
    _transition(institute, "Begutachtung beginnen")
    assert (
        "In Begutachtung"
        in institute.locator("#plone-contentmenu-workflow").text_content()
    )
    assert journey.fits(institute)
    journey.shot(institute, "panel")

    # The first expert opens it from her mail, declares, scores, submits.
    first = _declare_and_assess(
        journey,
        "expertin",
        _link_in(demo_inbox, "expertin@example.org", "Gutachten für Sie"),
        "Der Gemeinderat trägt den Prozess.",
    )
    (mail,) = demo_inbox.to("institut@example.org")
    assert "(1 von 2 im Gremium)" in body(mail)

    # The second expert opens it from her dashboard and does not see the
    # first one's scores, neither on the review nor at her assessment.
    second = journey.page("expertin2")
    second.goto(f"{api.portal.get().absolute_url()}/@@mein-netzwerk")
    with second.expect_navigation():
        second.get_by_role("link", name=title).first.click()
    second_link = second.url
    second.goto(first)
    assert "Der Gemeinderat trägt den Prozess." not in second.content()
    _declare_and_assess(
        journey, "expertin2", second_link, "Vereine sind gut vernetzt.",
        hidden=("Der Gemeinderat trägt den Prozess.",),
    )  # fmt: skip

    # The institute hears of both, compares them and records the verdict.
    submitted = [
        message
        for message in demo_inbox.to("institut@example.org")
        if subject(message).startswith("Einzelgutachten eingereicht")
    ]
    assert len(submitted) == 2
    assert "(2 von 2 im Gremium)" in body(submitted[-1])
    institute.goto(links(submitted[-1])[0])
    overview = institute.locator("#content").inner_text()
    for text in ("Der Gemeinderat trägt den Prozess.", "Vereine sind gut vernetzt.",
                 "kein Interessenkonflikt"):  # fmt: skip
        assert text in overview
    institute.get_by_label("Gesamtniveau").select_option("hoher_standard")
    institute.get_by_label("Gültig bis").fill("2029-06-30")
    institute.get_by_label("Zusammenfassung").fill("Ein überzeugender Prozess.")
    journey.shot(institute, "verdict")
    with institute.expect_navigation():
        institute.get_by_role("button", name="Urteil festhalten").click()
    assert "Das Urteil des Gremiums ist festgehalten" in institute.content()
    _transition(institute, "Freigeben")
    assert (
        "Freigegeben" in institute.locator("#plone-contentmenu-workflow").text_content()
    )

    # The team reads the verdict, not the individual assessments.
    team.goto(_link_in(demo_inbox, "kommune-a@example.org", "Gutachten freigegeben"))
    content = team.locator("#content").inner_text()
    assert "Hoher Standard" in content
    assert "Ein überzeugender Prozess." in content
    for text in ("Der Gemeinderat trägt den Prozess.", "Vereine sind gut vernetzt.",
                 "Die Einzelgutachten des Gremiums"):  # fmt: skip
        assert text not in content
    assert journey.fits(team)
    journey.shot(team, "released")


def test_expert_declares_a_conflict(journey, demo_inbox):
    catalog = api.portal.get_tool("portal_catalog")
    (review,) = catalog.unrestrictedSearchResults(
        portal_type="ExpertReview", review_state="in_review"
    )

    expert = journey.page("expertin2")
    expert.goto(f"{api.portal.get().absolute_url()}/@@mein-netzwerk")
    expert.get_by_role("link", name=review.Title).first.click()
    expert.get_by_role("link", name="Erklärung abgeben").click()
    expert.get_by_label(
        "Bei mir besteht ein Interessenkonflikt. Ich trete von diesem Gutachten zurück."
    ).check()
    with expert.expect_navigation():
        expert.get_by_role("button", name="Erklärung abgeben").click()
    assert "Bitte beschreiben Sie den Interessenkonflikt kurz." in expert.content()
    expert.get_by_label("Anmerkung; bei einem Interessenkonflikt: welcher?").fill(
        "Ich habe die Stadt 2024 beraten."
    )
    expert.get_by_label(
        "Bei mir besteht ein Interessenkonflikt. Ich trete von diesem Gutachten zurück."
    ).check()
    with expert.expect_navigation():
        expert.get_by_role("button", name="Erklärung abgeben").click()
    assert "Sie gehören dem Gremium für dieses Gutachten nicht mehr an" in (
        expert.content()
    )
    assert review.Title not in expert.locator("#content").inner_text()
    assert journey.fits(expert)
    journey.shot(expert, "withdrawn")
    expert.goto(review.getURL())
    assert "Ihre Aufgabe im Gremium" not in expert.content()

    institute = journey.page("institut")
    institute.goto(
        _link_in(demo_inbox, "institut@example.org", "Interessenkonflikt erklärt")
    )
    content = institute.locator("#content").inner_text()
    assert "Ich habe die Stadt 2024 beraten." in content
    assert "zurückgetreten" in content
    journey.shot(institute, "conflict")
