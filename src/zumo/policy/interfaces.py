"""Marker interfaces of the ZUMO site policy."""

from zope import schema
from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer
from zumo.policy import _


class IZumoPolicyLayer(IDefaultBrowserLayer):
    """Browser layer active while ``zumo.policy`` is installed."""


class ISection(Interface):
    """A section of the network at the site root (``/praxisbeispiele``, ...).

    Set by :func:`zumo.policy.setuphandlers.structure.create_structure`; standard content
    filed in a section follows ``zumo_page_workflow``.
    """


class IPracticeExampleSection(ISection):
    """The knowledge base ``/praxisbeispiele``: the finder is its default
    view, and its published practice examples are open data
    (``export.csv``, ``export.json``, ``export.geojson``, ``dcat.jsonld``)."""


class IMunicipalitySection(ISection):
    """The municipality directory ``/kommunen``: a finder of its own (name,
    Regierungsbezirk, Landkreis, size class, programme and role) is its
    default view, with its map ``karte``."""


class IMeetingSection(ISection):
    """The workshop meetings ``/werkstatttreffen``: upcoming by region, past
    ones paged, and the iCal calendar of all announced meetings."""


class IMentoringSection(ISection):
    """The mentoring groups ``/mentoring``: its page explains the mentoring
    programme and lists the groups the visitor may see (their own; all for
    the institute and the ministry); the groups themselves stay private."""


class IQualificationSection(ISection):
    """The qualification ``/qualifizierung``: its page lists the KoQuMa
    courses (cohorts) one enrols in, the KoQuMa modules and the other
    modules of the network."""


class IMapSettings(Interface):
    """Where the map's background comes from (registry ``zumo.map.*``,
    editable in the site setup's configuration registry).

    The default is TopPlusOpen, the web map of the Bundesamt für
    Kartographie und Geodäsie (BKG), free under the Datenlizenz Deutschland
    – Namensnennung 2.0. An empty address shows the markers without a
    background map (for closed networks).
    """

    tile_url = schema.TextLine(
        title=_("label_map_tile_url", default="Adresse der Kartenkacheln"),
        description=_(
            "help_map_tile_url",
            default="Vorlage mit {z}, {x} und {y}, z. B. "
            "https://tiles.example.org/{z}/{x}/{y}.png. Leer: keine Hintergrundkarte.",
        ),
        default="https://sgx.geodatenzentrum.de/wmts_topplus_open/tile/1.0.0/"
        "web/default/WEBMERCATOR/{z}/{y}/{x}.png",
        required=False,
    )

    tile_attribution = schema.TextLine(
        title=_("label_map_tile_attribution", default="Quellenangabe der Karte"),
        default="© Bundesamt für Kartographie und Geodäsie (BKG), "
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        required=False,
    )


class ILoginRequiredForm(Interface):
    """A form at ``/mitmachen`` that only logged-in people can send (the
    proposal of a practice example: its proposer becomes the owner).
    Anonymous visitors are asked to log in before they fill it in."""


class IPersonalPage(Interface):
    """A page or file that shows personal data (registrations, one's
    dashboard, qualification records, a roster, saved form data, one's
    account): no cache keeps it (``zumo.policy.caching.personal``).
    ``caching/configure.zcml`` lists the views that are."""


# The meeting's registration form provides this interface in the database
# (alsoProvides), so its dotted name stays although sign-up is named apart.
class IRegistrationForm(Interface):
    """The registration form inside a workshop meeting
    (``zumo.policy.meetings.registration``); it can be sent only while the
    meeting's registration is open."""
