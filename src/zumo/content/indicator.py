"""Indikator: a figure the team of a municipality follows over time.

Seed 003 (the talk on integrated municipal development) asks for
"Datenbasierte Steuerung durch Kommunalmonitoring": the team records the
values of the indicators it steers by, each value with its date and
source. The values are kept on the indicator as a series of rows; the
form that adds one and checks it is the policy's
(``zumo.policy.monitoring``). Population and size come from the master
data of the municipality and are not recorded here.
"""

from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.interfaces import ITeamRecord


class IIndicator(model.Schema):
    """Schema of an indicator: what is measured and in which unit."""

    unit = schema.TextLine(
        title=_("label_indicator_unit", default="Einheit"),
        description=_(
            "help_indicator_unit",
            default="Zum Beispiel: Personen, Prozent, Plätze, Euro.",
        ),
        required=False,
    )


@implementer(IIndicator, ITeamRecord)
class Indicator(Item):
    """An indicator with its series of values.

    ``series`` is a tuple of dicts ``{"date": date, "value": Decimal,
    "source": str}``; it is replaced as a whole on each change, so the
    object notices it.
    """

    series = ()

    def values(self):
        """The recorded values, oldest first."""
        return sorted(self.series, key=lambda row: row["date"])

    def latest(self):
        """The most recent value (a dict as in ``series``), or ``None``."""
        values = self.values()
        return values[-1] if values else None
