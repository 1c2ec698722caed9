"""REST serializers: summaries of catalog results with fewer lookups, and
relation fields that name only what the reader may view.

plone.restapi's summary serializer looks up an ``IJsonCompatible`` adapter
for every field of every item and translates the type title of every item
anew. A page of ``@search`` spends about half its time there (profiled with
py-spy under ``make bench``). ``CatalogSummarySerializer`` writes the same
JSON: plain values skip the adapter lookup, metadata columns are read from
the brain directly (where the listing object would defer to it), each type's title
is translated once per request, and missing values and dates (``effective``
of every item) are converted without an adapter lookup.

plone.restapi serializes the target of a relation field (title, path, UID)
to whoever reads the source; ``VisibleRelation*Serializer`` leave out
targets the reader may not view, such as the action plan in a team space
that a review assesses, which the ministry reads through the review.

Creators are user ids: a summary names them (the columns ``Creator`` and
``listCreators``) only to readers who hold "zumo: View creators" on the
site, which ``zumo.policy`` declares and maps (``security/creators.py``).
"""

from Acquisition import aq_base
from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.contentlisting.catalog import CatalogContentListingObject as LISTING
from plone.app.contentlisting.interfaces import IContentListingObject
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJsonSummary
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.relationfield import RelationChoiceFieldSerializer
from plone.restapi.serializer.relationfield import RelationListFieldSerializer
from plone.restapi.serializer.summary import DefaultJSONSummarySerializer
from plone.restapi.serializer.utils import get_portal_type_title
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.ZCatalog.interfaces import ICatalogBrain
from z3c.relationfield.interfaces import IRelationChoice
from z3c.relationfield.interfaces import IRelationList
from zope.component import adapter
from zope.interface import implementer
from zumo.content.interfaces import IZumoContent
from zumo.content.interfaces import IZumoContentLayer

import Missing


#: Types that ``json_compatible`` returns unchanged.
PLAIN = frozenset((str, bool, int, float))
#: Marks a value the brain does not hold.
missing = object()
#: Request key of the type titles translated in this request.
TITLES = "_zumo_type_titles"
#: The start of Unix time, in UTC.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: The type of a metadata value a brain lacks (``Missing.Value``).
MISSING = type(Missing.Value)
#: The metadata columns that name creators, and who reads them.
CREATOR_COLUMNS = frozenset(("Creator", "listCreators"))
CREATORS_PERMISSION = "zumo: View creators"
#: Request key: whether the reader may read creators in listings.
CREATORS_READABLE = "_zumo_creators_readable"


def converted(value):
    """``value`` as plone.restapi's converters write it, with the common
    cases done directly: a missing metadata value is ``None``; dates and
    times are ISO 8601, those with a time zone in UTC and whole seconds
    (``2026-12-02T14:05:00+00:00``)."""
    if type(value) is MISSING:
        return None
    if isinstance(value, DateTime) and not value.timezoneNaive():
        return (EPOCH + timedelta(seconds=value.micros() // 1_000_000)).isoformat()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(microsecond=0).isoformat()
    if type(value) is date:
        return value.isoformat()
    return json_compatible(value)


@implementer(ISerializeToJsonSummary)
@adapter(ICatalogBrain, IZumoContentLayer)
class CatalogSummarySerializer(DefaultJSONSummarySerializer):
    """The summary of a catalog brain, equal to plone.restapi's."""

    def __call__(self):
        """Return the summary as a JSON-compatible dict."""
        item = IContentListingObject(self.context)
        summary = {}
        for field in self.metadata_fields():
            if field.startswith("_") or field in self.blocklisted_attributes:
                continue
            if field == "type_title":
                summary[field] = self.type_title()
                continue
            if field in CREATOR_COLUMNS and not self.may_read_creators():
                continue
            accessor = self.field_accessors.get(field, field)
            value = missing
            if not hasattr(LISTING, accessor):
                # What the listing object would look up on the brain anyway.
                value = getattr(aq_base(self.context), accessor, missing)
            if value is missing:
                value = getattr(item, accessor, None)
            try:
                if callable(value):
                    value = value()
            except WorkflowException:
                summary[field] = None
                continue
            if value is None or type(value) in PLAIN:
                summary[field] = value
            else:
                summary[field] = converted(value)
        return summary

    def may_read_creators(self):
        """Whether the reader may read creators in listings, once per request."""
        readable = self.request.get(CREATORS_READABLE)
        if readable is None:
            readable = bool(api.user.has_permission(CREATORS_PERMISSION))
            self.request.set(CREATORS_READABLE, readable)
        return readable

    def type_title(self):
        """The translated title of the item's type, once per request."""
        titles = self.request.get(TITLES)
        if titles is None:
            titles = {}
            self.request.set(TITLES, titles)
        portal_type = self.context.portal_type
        if portal_type not in titles:
            titles[portal_type] = json_compatible(get_portal_type_title(portal_type))
        return titles[portal_type]


def _visible(relation):
    """Whether the current user may view the target of ``relation``."""
    if relation is None or relation.isBroken() or relation.to_object is None:
        return False
    return api.user.has_permission("View", obj=relation.to_object)


@adapter(IRelationChoice, IZumoContent, IZumoContentLayer)
@implementer(IFieldSerializer)
class VisibleRelationChoiceSerializer(RelationChoiceFieldSerializer):
    """A relation field in REST names its target only to those who may view
    it (plone.restapi serializes any target: its title, path and UID)."""

    def get_value(self, default=None):
        """Return the relation, or ``None`` if the reader may not view it."""
        value = super().get_value(default)
        return value if _visible(value) else None


@adapter(IRelationList, IZumoContent, IZumoContentLayer)
@implementer(IFieldSerializer)
class VisibleRelationListSerializer(RelationListFieldSerializer):
    """A relation list in REST names only the targets the reader may view."""

    def get_value(self, default=None):
        """Return the relations whose targets the reader may view."""
        return [value for value in super().get_value(default) or [] if _visible(value)]
