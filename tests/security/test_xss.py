"""Hostile input in every text field, opened in Debian's Chromium.

Every text, line and rich-text field of every scenario object (titles and
descriptions included), a member's full name, a file name, the answers
saved by a form at /mitmachen and a meeting registration get markup
that runs script if a page fails to escape it: script tags, event
handlers, ``javascript:`` URLs, SVG with script, ``iframe srcdoc``, and a
``</script>`` that would break out of the JSON-LD block. The pages that
show them (each object's view, listings, search, the finder, the map, the
dashboard, the saved answers and a meeting's registrations) are opened twice: with the site's Content-Security-Policy
switched off in the browser, so that only escaping protects, and with it.
Listeners on dialogs and on the console and the page's ``window.__xss``
mark tell whether any script ran; no link may lead to ``javascript:``.
"""

from plone import api
from plone.app.textfield import RichText
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import iterSchemata
from zope.schema import getFieldsInOrder
from zope.schema import Text
from zope.schema import TextLine
from zumo.policy.testing.scenario import PASSWORD

import base64
import pytest
import transaction


def payloads(mark):
    """Markup that sets ``window.__xss`` to ``mark`` if it ever runs."""
    run = f"window.__xss='{mark}';console.log('__xss {mark}');alert('{mark}')"
    return [
        f"<script>{run}</script>",
        f'"><img src=x onerror="{run}">',
        f'<svg onload="{run}"><script>{run}</script></svg>',
        f'<iframe srcdoc="<script>parent.{run}</script>"></iframe>',
        f'<a href="javascript:{run}">x</a>',
        f"</script><script>{run}</script>",
        f"javascript:{run}",
    ]


def hostile(mark):
    """One string with every payload for the field ``mark``."""
    return " ".join(payloads(mark))


#: Fields that hold code written by site managers, not text (easyform's
#: field and action models, its TALES overrides and header injection).
CODE_FIELDS = ("model", "Override", "Injection", "CSS")
#: Pages that show the objects or lists of them: (persona, path).
LISTINGS = [
    ("institut", ""),
    ("institut", "praxisbeispiele"),
    ("institut", "praxisbeispiele/karte"),
    ("institut", "@@search?SearchableText=Zuckerr%C3%BCbensirup"),
    ("institut", "kommunen"),
    ("institut", "werkstatttreffen"),
    ("institut", "qualifizierung"),
    ("kommune-a", "@@mein-netzwerk"),
    ("anonymous", ""),
    ("anonymous", "praxisbeispiele"),
]


def _poison(objects):
    """Put hostile markup into every text field of every object, a member's
    full name and a file name; return how many fields were filled."""
    filled = 0
    for oid, obj in objects.items():
        if oid == "site":
            continue
        for schema in iterSchemata(obj):
            for name, field in getFieldsInOrder(schema):
                if name in ("id", "contact_email", "contact_phone", "website") or any(
                    code in name for code in CODE_FIELDS
                ):
                    continue
                mark = f"{oid}.{name}"
                if isinstance(field, RichText):
                    value = RichTextValue(
                        f"<p>{hostile(mark)}</p>", "text/html", "text/x-html-safe"
                    )
                elif isinstance(field, TextLine | Text) and not field.readonly:
                    value = hostile(mark)
                else:
                    continue
                setattr(schema(obj), name, value)
                filled += 1
        if hasattr(obj, "website"):
            obj.website = "javascript:window.__xss='website'"
        obj.reindexObject()
    image = objects["team_image"]
    image.image.filename = "<img src=x onerror=\"window.__xss='filename'\">.png"
    member = api.user.get(userid="kommune-a")
    member.setMemberProperties({"fullname": hostile("fullname")})
    transaction.commit()
    return filled


def _poison_answers(objects):
    """Hostile answers in the saved data of a form at /mitmachen and in a
    meeting's registrations; return the fields filled and the pages that
    show them to the institute."""
    from collective.easyform.api import get_actions
    from collective.easyform.api import get_schema
    from zope.component.hooks import setSite
    from zumo.policy.meetings import registration as meeting_registration

    setSite(api.portal.get())
    form = objects["form_application"]
    saved = get_actions(form)["speichern"]
    schema = get_schema(form)
    columns = [
        name
        for name in saved.getColumnNames()
        if name in schema and isinstance(schema[name], TextLine | Text)
    ]
    saved.addDataRow({name: hostile(f"answer.{name}") for name in columns})
    meeting = objects["meeting_announced"]
    action = meeting_registration.registrations_action(
        meeting_registration.registration_form(meeting)
    )
    schema = get_schema(meeting_registration.registration_form(meeting))
    fields = [
        name
        for name in action.getColumnNames()
        if name in schema
        and name != "email"
        and isinstance(schema[name], TextLine | Text)
    ]
    meeting_registration.register(
        meeting,
        {
            "email": "xss@example.org",
            **{n: hostile(f"registration.{n}") for n in fields},
        },
        quiet=True,
        userid="",
    )
    transaction.commit()
    pages = [
        f"{form.absolute_url()}/@@saveddata",
        f"{form.absolute_url()}/actions/speichern/@@data",
        f"{meeting.absolute_url()}/@@anmeldungen",
    ]
    return len(columns) + len(fields), pages


def _dismiss(dialog, seen):
    seen.append(dialog.message)
    dialog.dismiss()


@pytest.mark.browser
@pytest.mark.usefixtures("served_scenario")
class TestHostileInput:
    def test_no_script_runs_anywhere(
        self,
        served_scenario,
        browser,
        record_property,  # noqa: F811
    ):
        portal, objects = served_scenario
        filled = _poison(objects)
        answers, answer_pages = _poison_answers(objects)
        filled += answers
        pages = [
            ("institut", obj.absolute_url())
            for oid, obj in sorted(objects.items())
            if oid != "site"
        ]
        pages += [
            (persona, f"{portal.absolute_url()}/{path}") for persona, path in LISTINGS
        ]
        pages += [("institut", url) for url in answer_pages]
        ran, opened = [], 0
        for bypass_csp in (True, False):
            for persona, url in pages:
                options = {}
                if persona != "anonymous":
                    token = base64.b64encode(f"{persona}:{PASSWORD}".encode()).decode()
                    options["extra_http_headers"] = {"Authorization": f"Basic {token}"}
                context = browser.new_context(
                    locale="de-DE", bypass_csp=bypass_csp, **options
                )
                try:
                    page = context.new_page()
                    dialogs = []
                    page.on(
                        "dialog", lambda dialog, seen=dialogs: _dismiss(dialog, seen)
                    )
                    logged = []
                    page.on(
                        "console",
                        lambda message, seen=logged: (
                            seen.append(message.text)
                            if "__xss" in message.text
                            else None
                        ),
                    )
                    answer = page.goto(url)
                    assert answer is not None and answer.status < 500, url
                    if url in answer_pages:
                        assert answer.status == 200, url
                    if answer.status >= 400:
                        continue
                    page.wait_for_timeout(300)
                    opened += 1
                    mark = page.evaluate("window.__xss || null")
                    frames = [
                        frame.evaluate("window.__xss || null")
                        for frame in page.frames[1:]
                    ]
                    script_links = page.locator(
                        "a[href^='javascript:' i][href*='__xss']"
                    ).count()
                    if dialogs or logged or mark or any(frames) or script_links:
                        ran.append(
                            (
                                url,
                                bypass_csp,
                                dialogs,
                                logged,
                                mark,
                                frames,
                                script_links,
                            )  # fmt: skip
                        )
                finally:
                    context.close()
        record_property("xss_fields", filled)
        record_property("xss_payloads", filled * len(payloads("x")))
        record_property("xss_pages", opened)
        record_property("xss_executed", len(ran))
        assert opened > len(pages)
        assert ran == []


def test_a_website_must_be_a_web_address():
    """A ``javascript:`` or ``data:`` address is refused where it is entered
    (the form and REST validate the schema) and never linked."""
    from zope.schema import ValidationError
    from zumo.content.municipality import IMunicipality

    field = IMunicipality["website"]
    field.validate("https://www.tuningen.de")
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x"):
        with pytest.raises(ValidationError):
            field.validate(bad)


@pytest.mark.usefixtures("served_scenario")
class TestFeedsAndData:
    """Feeds and open data carry hostile titles as text: the XML stays
    well-formed and holds no element the title brought; JSON parses."""

    def test_markup_and_control_characters_stay_text(
        self, served_scenario, persona_request
    ):
        import gzip
        import json
        import xml.etree.ElementTree as ET

        portal, objects = served_scenario
        example = objects["example_published"]
        title = "Dorf]]><script>window.__xss=1</script></title>&amp;\x0bWort\x0c"
        session = persona_request("institut")
        answer = session.patch(
            example.absolute_url().replace(
                portal.absolute_url(), portal.absolute_url() + "/++api++", 1
            ),
            json={"title": title},
            headers={"Accept": "application/json"},
        )
        assert answer.status_code == 204, answer.text
        transaction.begin()
        stored = example.Title()
        assert "\x0b" not in stored and "\x0c" not in stored
        assert "<script>" in stored  # kept as the text it is
        base = portal.absolute_url()
        anonymous = persona_request("anonymous")
        for url in (
            f"{base}/praxisbeispiele/rss.xml",
            f"{base}/search_rss?SearchableText=Dorf",
            f"{base}/sitemap.xml.gz",
        ):
            response = anonymous.get(url)
            assert response.status_code == 200, url
            content = response.content
            if url.endswith(".gz"):
                content = gzip.decompress(content)
            else:
                assert "xml" in response.headers["Content-Type"], url
            root = ET.fromstring(content)  # well-formed
            assert not [el for el in root.iter() if el.tag.endswith("script")], url
            if url.endswith("rss.xml"):
                texts = [el.text or "" for el in root.iter()]
                assert stored in texts, url
        for url in (
            f"{base}/praxisbeispiele/dcat.jsonld",
            f"{base}/praxisbeispiele/export.json",
            f"{base}/praxisbeispiele/export.geojson",
        ):
            response = anonymous.get(url)
            assert response.status_code == 200, url
            data = json.dumps(response.json(), ensure_ascii=False)
            if not url.endswith("geojson"):  # the example has no place
                assert stored in data, url

    def test_full_names_lose_control_characters(self, served_scenario, persona_request):
        """A full name is the author of every feed item: whether a member
        sets it in the personal-information form or through REST, control
        characters are replaced; markup stays text."""
        import lxml.html

        portal, _objects = served_scenario
        base = portal.absolute_url()
        session = persona_request("kommune-b")
        page = session.get(f"{base}/@@personal-information")
        assert page.status_code == 200
        (form,) = [
            f
            for f in lxml.html.fromstring(page.text).forms
            if "form.widgets.fullname" in f.fields
        ]
        values = dict(form.form_values())
        values["form.widgets.fullname"] = "Anna\x0bMuster<b>\x0c"
        values["form.buttons.save"] = "Speichern"
        answer = session.post(f"{base}/@@personal-information", data=values)
        assert answer.status_code == 200
        transaction.begin()
        member = api.user.get(userid="kommune-b")
        assert member.getProperty("fullname") == "Anna Muster<b>"
        answer = session.patch(
            f"{base}/++api++/@users/kommune-b",
            json={"fullname": "Bert\x0bBeispiel", "location": "Dorf\x00"},
            headers={"Accept": "application/json"},
        )
        assert answer.status_code == 204, answer.text
        transaction.begin()
        member = api.user.get(userid="kommune-b")
        assert member.getProperty("fullname") == "Bert Beispiel"
        assert member.getProperty("location") == "Dorf"
