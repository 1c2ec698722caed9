"""Behavior ``zumo.geolocation``: a point on the map."""

from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider
from zumo.content import _
from zumo.content.validators import validate_latitude
from zumo.content.validators import validate_longitude


@provider(IFormFieldProvider)
class IGeolocation(model.Schema):
    """Latitude and longitude in decimal degrees (WGS 84)."""

    model.fieldset(
        "location",
        label=_("fieldset_location", default="Lage"),
        fields=["latitude", "longitude"],
    )

    latitude = schema.Float(
        title=_("label_latitude", default="Breitengrad"),
        description=_(
            "help_latitude",
            default="Dezimalgrad, zum Beispiel 48,5216 für Tübingen. Leer lassen, "
            "um die Lage der Kommune zu übernehmen.",
        ),
        required=False,
        constraint=validate_latitude,
    )

    longitude = schema.Float(
        title=_("label_longitude", default="Längengrad"),
        description=_(
            "help_longitude", default="Dezimalgrad, zum Beispiel 9,0576 für Tübingen."
        ),
        required=False,
        constraint=validate_longitude,
    )
