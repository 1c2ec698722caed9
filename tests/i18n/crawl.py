"""A crawler of the served site: every page a persona reaches by links.

Used by ``tests/i18n/test_crawl.py``; kept apart so a page can be crawled
and judged without the test's layer (``crawl(site, session)``).
"""

from collections import deque
from lxml import html as lxml_html
from urllib.parse import parse_qsl
from urllib.parse import urldefrag
from urllib.parse import urlencode
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import re


#: Pages of one persona at most: the demo network has over 1,000
#: municipalities and hundreds of practice examples; the cap and the cap on
#: siblings keep the crawl to each kind of page a few times over.
MAX_PAGES = 700
#: Pages below one folder at most (e.g. ``kommunen/*``), the site's own
#: pages excepted.
MAX_SIBLINGS = 20
#: Parts of a path that lead to no page a person reads: statics, files,
#: feeds, exports, calendars, and links that act (log out, change a state).
SKIPPED = re.compile(
    r"(\+\+resource\+\+|\+\+plone\+\+|\+\+theme\+\+|\+\+webresource\+\+"
    r"|\+\+unique\+\+|/logout|@@logout|/@@download|/download/|@@images|/@@display-file"
    r"|@@ical|ics_view|\.ics$|/RSS$|rss\.xml|atom\.xml|itunes\.xml|search_rss"
    r"|@@export|-export|\.csv$|\.xlsx$|\.pdf$|\.json$|\.zip$|favicon"
    r"|/content_status_modify|workflow_action=|_authenticator=|/object_"
    r"|@@abmelden|@@lock|@@unlock|toggle|@@set-|/folder_(?!contents)|@@tinymce"
    r"|/@@api|/\+\+api\+\+|/@(?!@)|@@ajax|ajax_load|@@open-data"
    r"|/image_view_fullscreen|/@@getVocabulary|/@@fc-|/@@qsOptions)",
    re.I,
)
#: Plone's Site Setup and developer pages: the operator's tools, which
#: speak stock Plone (partly English), not a journey of the network.
SITE_SETUP = re.compile(
    r"(-controlpanel|/prefs_|@@usergroup-|@@user-information|@@user-preferences"
    r"|@@member-fields|@@new-user|/\+rule|@@rules-|@@inspect-relations"
    r"|test.rendering|@@manage-content-rules|@@manage-viewlets|/portal_\w+"
    r"|@@resourceregistry|@@theming)",
    re.I,
)
#: Query parameters that only page or sort a listing.
PAGING = {
    "b_start", "b_size", "b_start:int", "b_size:int", "sort_on", "sort_order",
    "sort", "_", "ajax_include_head", "set_language",
}  # fmt: skip


def normalised(url):
    """``url`` without its fragment, paging and sorting: the key under which
    a page is crawled once. A query keeps its parameters' names, not their
    values, so the finder's filter combinations count as one page each."""
    url, _ = urldefrag(url)
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query) if name not in PAGING})
    path = re.sub(r"/(view|@@view)$", "", parts.path.rstrip("/")) or "/"
    return urlunsplit(
        (parts.scheme, parts.netloc, path, urlencode([(n, "") for n in names]), "")
    )


def links(page):
    """The links of ``page`` (a parsed document, its links made absolute)."""
    for element, attribute, link, _ in page.iterlinks():
        if element.tag == "a" and attribute == "href":
            yield urldefrag(link)[0]


def followed(link, site):
    """Whether the crawl follows ``link`` (same site, a page to read)."""
    if not link.startswith(site + "/") and link != site:
        return False
    parts = urlsplit(link)
    address = parts.path + "?" + parts.query
    return not SKIPPED.search(address) and not SITE_SETUP.search(address)


#: Views of any content object: each is crawled on a few objects only.
STOCK_VIEW = re.compile(
    r"/(@@[^/]+|\+\+add\+\+[^/]+|content_status_history|select_default_view"
    r"|select_default_page|folder_contents|sharing|edit|history|manage-portlets"
    r"|delete_confirmation|object_rename)$"
)
#: Objects one stock view is crawled on at most.
MAX_PER_VIEW = 3


def group(url):
    """What ``url`` is one of, and how many of it are crawled: the stock
    view it shows (``@@sharing``, ``++add++File``), else the folder of its
    path (its siblings share it)."""
    path = urlsplit(url).path.rstrip("/")
    view = STOCK_VIEW.search(path)
    if view:
        return view.group(1), MAX_PER_VIEW
    return path.rsplit("/", 1)[0], MAX_SIBLINGS


def crawl(site, session, judge):
    """Crawl ``site`` with ``session`` from the start page; call
    ``judge(url, document)`` for every HTML page; return the URLs crawled.

    GET only; a page is fetched once per normalised URL; at most
    ``MAX_PAGES`` pages and ``MAX_SIBLINGS`` below one folder."""
    queue = deque([site])
    seen = {normalised(site)}
    siblings = {}
    root = urlsplit(site).path
    crawled = []
    judged = set()
    while queue and len(crawled) < MAX_PAGES:
        url = queue.popleft()
        answer = session.get(url, allow_redirects=True, timeout=60)
        if answer.status_code >= 500:
            raise AssertionError(f"{url}: {answer.status_code}")
        final = answer.url
        if answer.status_code != 200 or "html" not in answer.headers.get(
            "Content-Type", ""
        ):
            continue
        if final != url and (not followed(final, site) or normalised(final) in judged):
            continue
        judged.add(normalised(final))
        crawled.append(final)
        document = lxml_html.fromstring(answer.content)
        document.make_links_absolute(final)
        judge(final, document)
        for link in links(document):
            key = normalised(link)
            if key in seen or not followed(link, site):
                continue
            kind, limit = group(key)
            if kind != root and siblings.get(kind, 0) >= limit:
                continue
            siblings[kind] = siblings.get(kind, 0) + 1
            seen.add(key)
            queue.append(link)
    return crawled


#: Elements whose text nobody sees.
UNSEEN = {"script", "style", "template", "noscript", "svg", "head"}
#: Attributes a person reads or hears.
SPOKEN = ("title", "alt", "aria-label", "placeholder", "aria-description")
#: Input types whose value is the button's label.
BUTTONS = ("submit", "button", "reset")


def spoken(element):
    """``(where, text)`` of the attributes of ``element`` a person reads or
    hears, the value of a submit button among them."""
    for attribute in SPOKEN:
        if element.get(attribute, "").strip():
            yield f"{element.tag}@{attribute}", element.get(attribute)
    button = element.tag == "input" and element.get("type") in BUTTONS
    if button and element.get("value", "").strip():
        yield f"{element.tag}@value", element.get("value")


def seen_texts(document):
    """``(where, text)`` of what a person sees or hears on the page: the
    page title, the text of the body and the attributes read out."""
    title = document.find(".//title")
    if title is not None and title.text:
        yield "title", title.text
    body = document.find(".//body")
    elements = [] if body is None else body.iter()
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        parent_seen = not any(a.tag in UNSEEN for a in element.iterancestors())
        if element.tail and element.tail.strip() and parent_seen:
            yield "text", element.tail
        if element.tag in UNSEEN or not parent_seen:
            continue
        if element.text and element.text.strip():
            yield element.tag, element.text
        yield from spoken(element)


#: Words of English UI text that German UI text and the demo's German
#: content never use (German homographs such as "was", "will", "in", "an",
#: "die", "Name", "Filter", "Link", "Start", "Team", "Format", "Plan",
#: "Event", "Online", "Mobile", "Navigation", "Status", "Standard", "per",
#: "pro" are left out).
ENGLISH = frozenset(
    """
    the and of with your you please this that these those is are were has
    have been by for from to on at or not which there here it its into only
    any yes no click enable disable manage select selected show hide toggle
    close cancel save delete remove edit add search results items item
    contents sharing display actions history logout required value none
    next previous back more less comments comment reply author published
    private modified created state folder document image file files news
    events collection user users groups password settings site view error
    warning success submit send title description date time today day days
    week month year hours minutes ago entry last first all new log page
    pages when where who what how why should would could must
    breadcrumb pin unpin upload download enter choose
    """.split()
)
#: Where text is a technical name, not words: addresses, file names and
#: literals in single quotes (Plone's German "'404 not found'").
NOT_WORDS = re.compile(r"\S+@\S+|\w+://\S+|\S+\.\w{2,4}\b|\S*[/_]\S*|'[^']*'")
#: A word, hyphenated ones whole: German writes loan words into compounds
#: ("Know-how", "Demografie-Management") that are no English UI text.
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")


def english(text):
    """The English words of ``text`` (in the order they occur)."""
    return [
        word
        for word in WORD.findall(NOT_WORDS.sub(" ", text))
        if word.lower() in ENGLISH
    ]
