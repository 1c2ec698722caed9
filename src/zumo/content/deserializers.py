"""REST deserializers: values plone.restapi could not read are refused.

* **Dates within the years the network keeps.** plone.restapi reads any
  year into a date or datetime field. The catalog's
  date indexes keep minutes since 1970 in 32 bits, so a meeting in the year
  6590 ended in a server error while it was indexed, and a date field given
  a number raised a ``TypeError``. Here a date must be written as text and
  lie between ``MIN_YEAR`` and ``MAX_YEAR``.
* **One value for a choice.** A list or an object given for a choice
  field (``"region": {}``) raised a ``TypeError`` in the vocabulary lookup.
* **Text for rich text.** A number for a rich-text field raised a
  ``TypeError``; a rich text is a string or ``{"data": "...",
  "content-type": ..., "encoding": ...}`` with strings. Control characters
  (other than tab and line breaks) and lone surrogates make Plone's HTML
  filter fail on every later view of the page, so they are refused too.

Both were found by the API fuzzing (``tests/security/test_api_fuzzing.py``).
Anything refused gets a German message (400), before anything is stored.
"""

from plone.app.textfield.interfaces import IRichText
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.deserializer.dxfields import RichTextFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services.content.tus import TUSUpload
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zumo.content import _
from zumo.content.cleaning import IN_TEXT
from zumo.content.i18n import translated
from zumo.content.interfaces import IZumoContentLayer


#: The years a date of the network may lie in (meetings, projects,
#: publication dates); the seeds name none before 1990.
MIN_YEAR = 1900
MAX_YEAR = 2199


def _refuse(request, message):
    raise ValueError(translated(message, request))


def _checked(value, request):
    """``value`` if it is empty or within the years; else a German error."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        _refuse(
            request,
            _(
                "error_year_range",
                default="Bitte ein Datum zwischen ${first} und ${last} angeben.",
                mapping={"first": MIN_YEAR, "last": MAX_YEAR},
            ),
        )
    return value


def _refuse_format(request):
    _refuse(
        request,
        _(
            "error_date_format",
            default="Bitte das Datum als Text im Format JJJJ-MM-TT angeben.",
        ),
    )


def _text_only(value, request):
    if value is not None and not isinstance(value, str):
        _refuse_format(request)


def _date_in_range(deserialize, value, request):
    """``deserialize(value)`` for a text date within the years, or a
    ``ValueError`` with a German message."""
    _text_only(value, request)
    try:
        result = deserialize(value)
    except OverflowError:
        _refuse_format(request)
    return _checked(result, request)


@implementer(IFieldDeserializer)
@adapter(IDatetime, IDexterityContent, IZumoContentLayer)
class DatetimeInRangeDeserializer(DatetimeFieldDeserializer):
    """plone.restapi's, for text dates within the years."""

    def __call__(self, value):
        """The datetime, or a ``ValueError`` with a German message."""
        return _date_in_range(super().__call__, value, self.request)


@implementer(IFieldDeserializer)
@adapter(IDate, IDexterityContent, IZumoContentLayer)
class DateInRangeDeserializer(DefaultFieldDeserializer):
    """plone.restapi's, for text dates within the years."""

    def __call__(self, value):
        """The date, or a ``ValueError`` with a German message."""
        return _date_in_range(super().__call__, value, self.request)


@implementer(IFieldDeserializer)
@adapter(IChoice, IDexterityContent, IZumoContentLayer)
class SingleChoiceDeserializer(ChoiceFieldDeserializer):
    """plone.restapi's, for one value (or a ``{"token": ...}`` object)."""

    def __call__(self, value):
        """The value, or a ``ValueError`` with a German message."""
        if isinstance(value, dict) and "token" in value:
            value = value["token"]
        if isinstance(value, list | dict):
            _refuse(
                self.request,
                _(
                    "error_choice_single",
                    default="Bitte einen der angebotenen Werte wählen.",
                ),
            )
        return super().__call__(value)


#: Characters no HTML page may hold (those ``cleaning`` replaces in text).
FORBIDDEN_TEXT = IN_TEXT


def _is_rich_text(value):
    if isinstance(value, str | TUSUpload):
        return True
    return isinstance(value, dict) and all(
        isinstance(value.get(key, ""), str)
        for key in ("data", "content-type", "encoding")
    )


@implementer(IFieldDeserializer)
@adapter(IRichText, IDexterityContent, IZumoContentLayer)
class RichTextOnlyDeserializer(RichTextFieldDeserializer):
    """plone.restapi's, for text (or nothing, where the field may be empty)."""

    def __call__(self, value):
        """The rich text, or a ``ValueError`` with a German message."""
        if value is None:
            self.field.validate(value)
            return value
        if not _is_rich_text(value):
            _refuse(
                self.request,
                _(
                    "error_rich_text",
                    default="Bitte den Text als Zeichenkette angeben.",
                ),
            )
        data = value.get("data", "") if isinstance(value, dict) else value
        if isinstance(data, str) and FORBIDDEN_TEXT.search(data):
            _refuse(
                self.request,
                _(
                    "error_control_characters",
                    default="Der Text enthält Steuerzeichen, die keine Seite "
                    "anzeigen kann. Bitte entfernen Sie sie.",
                ),
            )
        return super().__call__(value)
