"""The note on every page of demo content (viewlet ``zumo.demo-note``)."""

from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zumo.content.behaviors.demo import is_demo
from zumo.content.municipality import IMunicipality


class DemoNoteViewlet(ViewletBase):
    """Says visibly that what the page claims was invented for the demo."""

    index = ViewPageTemplateFile("templates/demo_note.pt")

    def available(self):
        """Shown on demo content only."""
        return is_demo(self.context)

    def about_municipality(self):
        """A real municipality's profile: only its master data are real."""
        return IMunicipality.providedBy(self.context)

    def render(self):
        """Render nothing on content that is not demo content."""
        if not self.available():
            return ""
        return self.index()
