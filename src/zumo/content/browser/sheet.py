"""The project sheet of a practice example, as a PDF (``@@projektblatt.pdf``).

The sheet's HTML (``templates/projektblatt.pt``) is rendered by WeasyPrint
with the site's stylesheet, whose print rules (``@media print`` in
``++plone++zumo/zumo.css``) also lay out the practice example page when a
visitor prints it: one layout for paper and PDF. The sheet shows what the
page shows, by the page's own methods: the contact person only with
consent, the dates "Veröffentlicht" and "Stand".

WeasyPrint fetches nothing but the site's own ``++plone++`` files
(:class:`OwnResources`), read from the resource directories, not over
HTTP: rendering makes no request, to this site or any other, and images
in the texts are left out.
"""

from plone import api
from plone.resource.utils import queryResourceDirectory
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from weasyprint import HTML
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse
from zumo.content import _
from zumo.content import facets
from zumo.content.browser.demo import DemoNoteViewlet
from zumo.content.browser.views import PracticeExampleView
from zumo.content.i18n import translated

import mimetypes


#: The facts-box facets the sheet lists, in the page's order.
SHEET_FACETS = ("topics", "trends", "fields_of_action", "target_groups", "programmes")
#: The stylesheet with the print rules, a file of the site's own.
STYLESHEET = "++plone++zumo/zumo.css"


class OwnResources(URLFetcher):
    """WeasyPrint's fetcher for the sheet: only files of the site's
    ``++plone++`` resource directories below ``portal_url``, read from the
    directories; every other address is refused (WeasyPrint then leaves
    the resource out)."""

    def __init__(self, portal_url):
        super().__init__()
        self.prefix = f"{portal_url}/++plone++"

    def fetch(self, url, headers=None):
        """The file at ``url``, or ``ValueError`` if it is none of ours."""
        if not url.startswith(self.prefix):
            raise ValueError(f"Nicht geladen (keine Datei der Website): {url}")
        name, _slash, path = url[len(self.prefix) :].partition("/")
        directory = queryResourceDirectory("plone", name)
        if directory is None or ".." in path.split("/") or not directory.isFile(path):
            raise ValueError(f"Nicht geladen (keine Datei der Website): {url}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, directory.readFile(path), {"Content-Type": mime_type}
        )


class ProjectSheet(PracticeExampleView):
    """``@@projektblatt.pdf``: the practice example as a printable PDF."""

    sheet = ViewPageTemplateFile("templates/projektblatt.pt")

    def site_title(self):
        """The site's name, the sheet's author."""
        return api.portal.get().Title()

    def sheet_title(self):
        """The document's title, also the PDF's: ``Projektblatt: <Titel>``."""
        return translated(
            _(
                "title_project_sheet",
                default="Projektblatt: ${title}",
                mapping={"title": self.context.Title()},
            ),
            self.request,
        )

    def stylesheet(self):
        """The address of the stylesheet with the print rules."""
        return f"{api.portal.get().absolute_url()}/{STYLESHEET}"

    def demo_note(self):
        """The note of demo content, as on the page (``""`` for real content)."""
        viewlet = DemoNoteViewlet(self.context, self.request, self, None)
        viewlet.update()
        return viewlet.render()

    def sheet_facets(self):
        """``[{label, titles}]`` of the facets that have values, as text."""
        by_field = facets.by_field()
        found = []
        for field in SHEET_FACETS:
            titles = [item["title"] for item in self.facet(field)]
            if titles:
                found.append(
                    {"label": by_field[field].title, "titles": ", ".join(titles)}
                )
        return found

    def __call__(self):
        """Render the sheet as a PDF, shown in the browser (``inline``)."""
        portal_url = api.portal.get().absolute_url()
        document = HTML(
            string=self.sheet(),
            base_url=self.context.absolute_url(),
            url_fetcher=OwnResources(portal_url),
        )
        pdf = document.write_pdf()
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader(
            "Content-Disposition",
            f'inline; filename="projektblatt-{self.context.getId()}.pdf"',
        )
        return pdf
