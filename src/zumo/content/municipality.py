"""Kommune: a municipality's public profile, holding its team space."""

from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zumo.content import _
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.interfaces import ISpace
from zumo.content.validators import BADEN_WUERTTEMBERG
from zumo.content.validators import check_municipality_keys
from zumo.content.validators import contact_email_field
from zumo.content.validators import contact_phone_field
from zumo.content.validators import validate_ags
from zumo.content.validators import WebAddress
from zumo.content.vocabularies import choice_list
from zumo.content.vocabularies import size_class


#: Who reads the names of the team's partners (zumo.policy's permission).
WORK_IN_SPACE = "zumo.WorkInSpace"


class IMunicipality(model.Schema):
    """Schema of a municipality (the name is the title)."""

    kind = schema.Choice(
        title=_("label_municipality_kind", default="Art"),
        description=_(
            "help_municipality_kind",
            default="Gemeinde, Stadt, Stadtkreis oder Landkreis. Landkreise können "
            "wie Kommunen in Mentoring-Gruppen und Werkstatttreffen mitwirken.",
        ),
        vocabulary="zumo.vocabularies.municipality_kinds",
        required=False,
    )
    state = schema.Choice(
        title=_("label_state", default="Land"),
        description=_(
            "help_state",
            default="Das Netzwerk ist offen für Kommunen aus allen Ländern.",
        ),
        vocabulary="zumo.vocabularies.states",
        required=False,
        default=BADEN_WUERTTEMBERG,
    )
    ags = schema.TextLine(
        title=_("label_ags", default="Amtlicher Gemeindeschlüssel (AGS)"),
        description=_(
            "help_ags",
            default="8 Ziffern, bei Landkreisen der Kreisschlüssel aus 5 Ziffern; "
            "die ersten beiden sind der Schlüssel des Landes (Baden-Württemberg: "
            "08). Optional.",
        ),
        required=False,
        constraint=validate_ags,
    )
    district = schema.TextLine(
        title=_("label_district", default="Landkreis"),
        description=_(
            "help_district",
            default="Zum Beispiel Landkreis Tübingen oder, bei einem Stadtkreis, "
            "Stadtkreis Ulm.",
        ),
        required=False,
    )
    part_of = schema.TextLine(
        title=_("label_part_of", default="Teil der Gemeinde"),
        description=_(
            "help_part_of",
            default="Nur für Orte, die zu einer Gemeinde gehören: deren Name.",
        ),
        required=False,
    )
    region = schema.Choice(
        title=_("label_region", default="Regierungsbezirk"),
        description=_(
            "help_region",
            default="Nur in Baden-Württemberg. Der Regierungsbezirk ist zugleich "
            "das regionale Cluster der Werkstatttreffen.",
        ),
        vocabulary="zumo.vocabularies.regions",
        required=False,
    )
    population = schema.Int(
        title=_("label_population", default="Einwohnerzahl"),
        required=False,
        min=1,
    )
    population_year = schema.Int(
        title=_("label_population_year", default="Stand der Einwohnerzahl (Jahr)"),
        description=_(
            "help_population_year",
            default="Nur angeben, wenn die Quelle ein Stichjahr nennt.",
        ),
        required=False,
        min=1900,
        max=2100,
    )
    master_data_source = schema.TextLine(
        title=_("label_master_data_source", default="Quelle der Stammdaten"),
        description=_(
            "help_master_data_source",
            default="Woher Einwohnerzahl, Lage, Landkreis und AGS stammen, mit "
            "Datenstand.",
        ),
        required=False,
    )

    @invariant
    def key_matches_state_and_kind(data):
        """The AGS agrees with the Land and the kind; regions only in BW."""
        check_municipality_keys(data)

    model.fieldset(
        "network",
        label=_("fieldset_network", default="Programme und Rolle"),
        fields=["network_status", "text", "show_review_recognition"],
    )
    directives.widget("network_status", CheckBoxFieldWidget)
    network_status = choice_list(
        "municipality_status", _("label_network_status", default="Rolle im Netzwerk")
    )
    text = RichText(
        title=_("label_municipality_text", default="Profil"),
        description=_(
            "help_municipality_text",
            default="Was die Kommune ausmacht und woran sie im Netzwerk arbeitet.",
        ),
        required=False,
    )

    show_review_recognition = schema.Bool(
        title=_(
            "label_show_review_recognition",
            default="Freigegebene Gutachten im Profil zeigen",
        ),
        description=_(
            "help_show_review_recognition",
            default="Mit Ihrer Zustimmung zeigt das öffentliche Profil Gegenstand, "
            "Gesamtniveau und Gültigkeit der gültigen, freigegebenen Gutachten des "
            "Expertengremiums als Anerkennung. Der Inhalt der Gutachten bleibt "
            "vertraulich.",
        ),
        required=False,
        default=False,
    )

    # ZUMO's teams work "in enger Zusammenarbeit mit Bürgermeister*in und
    # Gemeinderat" (seed 000, line 15): the team space names them. Names
    # of people, so only those who work in the space read them.
    model.fieldset(
        "partners",
        label=_("fieldset_team_partners", default="Partner des Teams"),
        fields=["mayor", "council_contact", "council_decision"],
    )
    directives.read_permission(
        mayor=WORK_IN_SPACE,
        council_contact=WORK_IN_SPACE,
        council_decision=WORK_IN_SPACE,
    )
    mayor = schema.TextLine(
        title=_("label_mayor", default="Bürgermeister*in"),
        description=_(
            "help_mayor",
            default="Name der Bürgermeisterin oder des Bürgermeisters. Nur das "
            "Team und das Institut sehen ihn.",
        ),
        required=False,
        max_length=200,
    )
    council_contact = schema.TextLine(
        title=_("label_council_contact", default="Gemeinderat: Ansprechperson"),
        description=_(
            "help_council_contact",
            default="Wer im Gemeinderat mit dem Team zusammenarbeitet.",
        ),
        required=False,
        max_length=200,
    )
    council_decision = schema.Text(
        title=_("label_council_decision", default="Beschluss des Gemeinderats"),
        description=_(
            "help_council_decision",
            default="Was der Gemeinderat zur Teilnahme beschlossen hat, und wann.",
        ),
        required=False,
        max_length=2000,
    )

    model.fieldset(
        "contact",
        label=_("fieldset_contact", default="Kontakt"),
        fields=["website", "contact_email", "contact_phone"],
    )
    website = WebAddress(title=_("label_website", default="Website"), required=False)
    contact_email = contact_email_field()
    contact_phone = contact_phone_field()


@implementer(IMunicipality, ISpace, IConcernsMunicipality)
class Municipality(Container):
    """A municipality; its content below the profile is the team space."""

    @property
    def size_class(self):
        """The size-class token derived from the population."""
        return size_class(self.population)
