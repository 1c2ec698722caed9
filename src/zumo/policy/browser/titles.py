"""Each page's own title in the browser tab.

Plone titles a page after its context (``plone.htmlhead.title``): a view
of the site root has the site's title alone, the start page's. So
``/statistik``, ``/programm/zumo``, ``@@mein-netzwerk``, the login form and
every other view of the site root were all "ZUMO Netzwerk" in the browser
tab, the history and bookmarks. A view cannot tell the title viewlet its
heading (the head is rendered before the body), so this transform reads the
finished page: where the ``<title>`` is the site's title alone and the page
has a first ``<h1>`` that says something else, the title becomes
"<that heading> — ZUMO Netzwerk". Every view picks this up by its heading,
also views added later; the start page, whose heading is the site's title,
keeps it. Pages of content keep Plone's title ("<object> — ZUMO Netzwerk").

A view whose heading is not enough (every meeting's registration form is
titled "Anmeldung") says its title itself: a ``page_title`` attribute or
method of the view gives "<page_title> — ZUMO Netzwerk", whatever the
context. Plone's folder contents of the site root, headed by the site's
title, is "Inhalte der Website" (:class:`SiteContents`).
"""

from Acquisition import aq_base
from pathlib import Path
from plone import api
from plone.app.content.browser import contents
from plone.app.content.browser.contents import FolderContentsView
from plone.app.content.utils import json_dumps
from plone.transformchain.interfaces import ITransform
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from repoze.xmliter.serializer import XMLSerializer
from repoze.xmliter.utils import getHTMLSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.interfaces import IZumoPolicyLayer

import html


#: Between the page's title and the site's, as Plone's title viewlet joins them.
SEPARATOR = " — "


def page_title(heading, site_title):
    """The browser title of a page whose first heading is ``heading``."""
    return f"{heading}{SEPARATOR}{site_title}"


@implementer(ITransform)
@adapter(Interface, IZumoPolicyLayer)
class HeadingTitle:
    """Title a page that has only the site's title by its first heading."""

    # Before the theme (8850) and plone.protect (9000): both reuse the page
    # parsed here instead of parsing it again.
    order = 8800

    def __init__(self, published, request):
        self.published = published
        self.request = request

    def transformBytes(self, result, encoding):
        """A body of bytes: see :meth:`transformIterable`."""
        return self.transformIterable([result], encoding)

    def transformUnicode(self, result, encoding):
        """A body of text: see :meth:`transformIterable`."""
        return self.transformIterable([result.encode(encoding)], encoding)

    def transformIterable(self, result, encoding):
        """The page with its heading in the title, or ``None`` (unchanged,
        not parsed)."""
        content_type = self.request.response.getHeader("Content-Type") or ""
        if not content_type.startswith("text/html"):
            return None
        # A file's stream (an uploaded HTML file, downloaded) is not a page
        # and would be used up by reading it here.
        if not isinstance(result, (list, tuple, XMLSerializer)):
            return None
        site_title = api.portal.get_registry_record("plone.site_title", default="")
        # aq_base: a published content object must not acquire one.
        own = getattr(aq_base(self.published), "page_title", None)
        own = own() if callable(own) else own
        if not isinstance(result, XMLSerializer):
            body = b"".join(
                part if isinstance(part, bytes) else part.encode(encoding)
                for part in result
            )
            # Most pages have a title of their own: left without parsing.
            bare = f"<title>{html.escape(site_title)}</title>".encode(encoding)
            if not own and bare not in body:
                return None
            result = getHTMLSerializer([body], pretty_print=False, encoding=encoding)
        # Parsed, the page goes on as it is even where its title stays
        # (the start page, headed by the site's title): the theme then
        # reuses the parse.
        title = result.tree.find(".//head/title")
        if title is None:
            return result
        if own:
            title.text = page_title(own, site_title)
            return result
        heading = result.tree.find(".//body//h1")
        if heading is None or (title.text or "").strip() != site_title:
            return result
        text = " ".join(heading.text_content().split())
        if text and text != site_title:
            title.text = page_title(text, site_title)
        return result


class SiteContents(FolderContentsView):
    """Plone's ``folder_contents`` of the site root, with Plone's template;
    headed by the site's title like the start page, it says what it is in
    the browser title."""

    index = ViewPageTemplateFile(
        "templates/folder_contents.pt", _prefix=str(Path(contents.__file__).parent)
    )

    def __call__(self):
        """Render Plone's page (its ``__call__`` sets the options and then
        calls the template's, which this registration without a template
        has not)."""
        self.options = json_dumps(self.get_options())
        return self.index()

    def page_title(self):
        """The browser title's own part."""
        return translated(_("title_site_contents", default="Inhalte der Website"),
                          self.request)  # fmt: skip
