"""Vocabularies of content, read from the catalog with the reader's rights.

Forms at ``/mitmachen`` let people pick their municipality or the workshop
meeting they give feedback on. Terms are UIDs; titles come from catalog
metadata (no object is woken), and the catalog's permission filter decides
what a reader is offered, so a vocabulary never names what its reader may
not view.
"""

from DateTime import DateTime
from plone import api
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
from zumo.content.dates import local_time


def _vocabulary(brains, title):
    return SimpleVocabulary(
        [SimpleTerm(value=brain.UID, token=brain.UID, title=title(brain))
         for brain in brains]
    )  # fmt: skip


@implementer(IVocabularyFactory)
class MunicipalitiesVocabulary:
    """Municipalities the reader may view, by name, with their Landkreis."""

    def __call__(self, context=None):
        """Return the vocabulary (UIDs as values)."""
        brains = api.content.find(portal_type="Municipality", sort_on="sortable_title")
        return _vocabulary(
            brains,
            lambda brain: (
                f"{brain.Title} ({brain.zumo_district})"
                if brain.zumo_district
                else brain.Title
            ),
        )


@implementer(IVocabularyFactory)
class MeetingsVocabulary:
    """Workshop meetings that have begun and that the reader may view,
    newest first, with their date."""

    def __call__(self, context=None):
        """Return the vocabulary (UIDs as values)."""
        brains = api.content.find(
            portal_type="WorkshopMeeting",
            start={"query": DateTime(), "range": "max"},
            sort_on="start",
            sort_order="descending",
        )
        return _vocabulary(
            brains, lambda brain: f"{brain.Title} ({local_time(brain.start)})"
        )


municipalities = MunicipalitiesVocabulary()
meetings = MeetingsVocabulary()
