"""No control characters in stored text.

A title pasted from a word processor may carry a vertical tab (its line
break) or a form feed; a REST client may send any control character or a
lone UTF-16 surrogate. Stored as they are, they make the RSS feed and the
sitemap ill-formed XML (XML 1.0 allows none of them) and a lone surrogate
cannot even be written as UTF-8. Whatever way a text comes in (forms, REST,
imports), :func:`clean_text_fields` replaces them when the object is added
or changed: in lines (titles, keywords) every control character becomes a
space; in multi-line text line breaks and tabs stay. Rich text is refused
with a German message instead (``deserializers``), as the editor never
produces them. A member's properties (full name, place, biography) are
cleaned the same way whenever they are set (:func:`clean_member_properties`):
the full name is the author the feeds name.
"""

from plone.dexterity.utils import iterSchemata
from zope.container.interfaces import IContainerModifiedEvent
from zope.schema import getFieldsInOrder
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine

import re


#: Control characters and lone surrogates, in a line of text.
IN_LINE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
#: The same in multi-line text, where line breaks and tabs belong.
IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean(value, multiline=False):
    """``value`` without control characters (a space for each; surrogates
    dropped); anything that is not a string stays as it is."""
    if not isinstance(value, str):
        return value
    pattern = IN_TEXT if multiline else IN_LINE
    if not pattern.search(value):
        return value
    value = pattern.sub(lambda m: "" if m.group() >= "\ud800" else " ", value)
    return value if multiline else value.strip()


def _cleaner(field):
    """How to clean the value of ``field``, or None for other fields."""
    if ITextLine.providedBy(field):
        return clean
    if IText.providedBy(field):
        return lambda value: clean(value, multiline=True)
    if ICollection.providedBy(field) and ITextLine.providedBy(
        getattr(field, "value_type", None)
    ):
        return lambda values: (
            type(values)(clean(value) for value in values)
            if isinstance(values, (list, tuple, set, frozenset))
            else values
        )
    return None


def clean_text_fields(obj, event):
    """Replace control characters in the text fields of ``obj`` (subscriber
    of its addition and of each change); write only what changes."""
    if IContainerModifiedEvent.providedBy(event):
        # An item was added to, removed from or moved in ``obj``: its own
        # fields stay as they were (a bulk import adds thousands in a row).
        return
    for schema in iterSchemata(obj):
        for name, field in getFieldsInOrder(schema):
            cleaner = _cleaner(field)
            if cleaner is None or field.readonly:
                continue
            adapted = schema(obj)
            value = getattr(adapted, name, None)
            cleaned = cleaner(value)
            if cleaned != value:
                setattr(adapted, name, cleaned)


#: Member properties of several lines; every other text property is a line.
MULTILINE_PROPERTIES = frozenset({"description"})


def clean_member_properties(event):
    """Replace control characters in the text properties a member (or the
    institute for them) has just set (subscriber of PAS's
    ``IPropertiesUpdatedEvent``, fired by every way of setting them: the
    personal-information form, the users control panel, REST)."""
    properties = event.properties
    if not isinstance(properties, dict):
        return
    cleaned = {}
    for name, value in properties.items():
        new = clean(value, multiline=name in MULTILINE_PROPERTIES)
        if new != value:
            cleaned[name] = new
    if cleaned:
        # Sets them again; this time nothing is left to clean.
        event.principal.setMemberProperties(cleaned)
