"""Kommune: a municipality's public profile, holding its team space."""

from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema.email import Email
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zumo.content import _
from zumo.content.validators import validate_ags
from zumo.content.validators import validate_phone
from zumo.content.vocabularies import choice_list
from zumo.content.vocabularies import size_class


class IMunicipality(model.Schema):
    """Schema of a municipality (the name is the title)."""

    ags = schema.TextLine(
        title=_("label_ags", default="Amtlicher Gemeindeschlüssel (AGS)"),
        description=_(
            "help_ags",
            default="8 Ziffern, in Baden-Württemberg beginnend mit 08. Optional.",
        ),
        required=False,
        constraint=validate_ags,
    )
    district = schema.TextLine(
        title=_("label_district", default="Landkreis"),
        description=_("help_district", default="Zum Beispiel Landkreis Tübingen."),
        required=False,
    )
    region = schema.Choice(
        title=_("label_region", default="Regierungsbezirk"),
        description=_(
            "help_region",
            default="Der Regierungsbezirk ist zugleich das regionale Cluster der "
            "Werkstatttreffen.",
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
        required=False,
        min=1900,
        max=2100,
    )

    model.fieldset(
        "network",
        label=_("fieldset_network", default="Programme und Rolle"),
        fields=["network_status", "text"],
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

    model.fieldset(
        "contact",
        label=_("fieldset_contact", default="Kontakt"),
        fields=["website", "contact_email", "contact_phone"],
    )
    website = schema.URI(title=_("label_website", default="Website"), required=False)
    contact_email = Email(
        title=_("label_contact_email", default="E-Mail"), required=False
    )
    contact_phone = schema.TextLine(
        title=_("label_contact_phone", default="Telefon"),
        required=False,
        constraint=validate_phone,
    )


@implementer(IMunicipality)
class Municipality(Container):
    """A municipality; its content below the profile is the team space."""

    @property
    def size_class(self):
        """The size-class token derived from the population."""
        return size_class(self.population)
