"""Field constraints with German messages, shared by forms and the REST API.

Each constraint raises a ``zope.schema.ValidationError`` subclass whose
docstring is the (translatable) message: z3c.form shows it next to the field,
plone.restapi answers 400 with it. The contact fields that municipalities and
practice examples share are made here too, with their constraints.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.schema.email import Email
from z3c.relationfield.interfaces import IRelationValue
from zope import schema
from zope.i18nmessageid import Message
from zope.interface import Invalid
from zope.schema import ValidationError
from zumo.content import _

import re


# Land key 01-16, then 3 more digits (Kreisschlüssel) or 6 (Gemeindeschlüssel).
AGS_PATTERN = re.compile(r"^(0[1-9]|1[0-6])(\d{3}|\d{6})$")
# The key of a Gemeinde: 8 digits.
GEMEINDE_AGS_PATTERN = re.compile(r"^(0[1-9]|1[0-6])\d{6}$")
BADEN_WUERTTEMBERG = "08"
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/\-]{5,30}$")


class InvalidAGS(ValidationError):
    __doc__ = _(
        "error_ags",
        default="Der Amtliche Gemeindeschlüssel (AGS) besteht aus 8 Ziffern, bei "
        "Landkreisen aus den 5 Ziffern des Kreisschlüssels, und beginnt mit dem "
        "Schlüssel eines Landes von 01 bis 16, zum Beispiel 08425020 oder 05358.",
    )


class InvalidPhone(ValidationError):
    __doc__ = _(
        "error_phone",
        default="Bitte geben Sie eine Telefonnummer aus Ziffern an, zum Beispiel "
        "07071 123456 oder +49 7071 123456.",
    )


class InvalidWebAddress(ValidationError):
    __doc__ = _(
        "error_web_address",
        default="Bitte eine Webadresse angeben, die mit http:// oder https:// beginnt.",
    )


class InvalidLatitude(ValidationError):
    __doc__ = _(
        "error_latitude",
        default="Der Breitengrad liegt zwischen -90 und 90 (Baden-Württemberg: "
        "etwa 47,5 bis 49,8).",
    )


class InvalidLongitude(ValidationError):
    __doc__ = _(
        "error_longitude",
        default="Der Längengrad liegt zwischen -180 und 180 (Baden-Württemberg: "
        "etwa 7,5 bis 10,5).",
    )


def validate_ags(value):
    """Accept a German official key: Land key 01-16, 8 digits or 5 (a Kreis)."""
    if value and not AGS_PATTERN.match(value):
        raise InvalidAGS(value)
    return True


def validate_phone(value):
    """Accept digits with the usual separators."""
    if value and not PHONE_PATTERN.match(value):
        raise InvalidPhone(value)
    return True


def contact_email_field():
    """A new optional field ``contact_email`` (an e-mail address) for a
    schema; each schema needs its own field object."""
    return Email(title=_("label_contact_email", default="E-Mail"), required=False)


def contact_phone_field():
    """A new optional field ``contact_phone`` for a schema, checked by
    :func:`validate_phone`."""
    return schema.TextLine(
        title=_("label_contact_phone", default="Telefon"),
        required=False,
        constraint=validate_phone,
    )


def is_web_address(value):
    """Whether ``value`` is an http or https address (a link to it cannot
    run script, as a ``javascript:`` or ``data:`` address can)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


class WebAddress(schema.URI):
    """A web address field (http or https).

    zope.schema's ``URI`` fails with a ``TypeError`` on text that is not
    ASCII (it names no error type for it): a server error in the edit form
    and in REST. This one refuses it with the German message.
    """

    _invalid_exc_type = InvalidWebAddress

    def __init__(self, **kw):
        kw.setdefault("constraint", validate_web_address)
        super().__init__(**kw)


def validate_web_address(value):
    """Accept http and https addresses only."""
    if value and not is_web_address(value):
        raise InvalidWebAddress(value)
    return True


def validate_latitude(value):
    """Accept a latitude in degrees."""
    if value is not None and not -90 <= value <= 90:
        raise InvalidLatitude(value)
    return True


def validate_longitude(value):
    """Accept a longitude in degrees."""
    if value is not None and not -180 <= value <= 180:
        raise InvalidLongitude(value)
    return True


def check_period(start, end, message):
    """Raise ``Invalid(message)`` when ``end`` lies before ``start``."""
    if start and end and end < start:
        raise Invalid(message)


END_BEFORE_START = _(
    "error_end_before_start",
    default="Das Ende darf nicht vor dem Beginn liegen.",
)

REGISTRATION_END_BEFORE_START = _(
    "error_registration_end_before_start",
    default="Der Anmeldeschluss darf nicht vor dem Beginn der Anmeldung liegen.",
)

NOT_YOUR_MUNICIPALITY = _(
    "error_not_your_municipality",
    default="Sie können ein Gutachten nur für eine Kommune anfordern, zu deren "
    "Team Sie gehören.",
)

PLAN_NOT_OF_MUNICIPALITY = _(
    "error_plan_not_of_municipality",
    default="Das Handlungskonzept gehört nicht zur begutachteten Kommune. Bitte "
    "wählen Sie ein Handlungskonzept aus deren Teamraum.",
)

AGS_NOT_IN_STATE = _(
    "error_ags_not_in_state",
    default="Der Amtliche Gemeindeschlüssel beginnt mit ${prefix} und gehört damit "
    "nicht zum gewählten Land. Bitte Land oder Schlüssel korrigieren.",
)

DISTRICT_KEY_NOT_DISTRICT = _(
    "error_district_key_not_district",
    default="Ein Schlüssel aus 5 Ziffern ist ein Kreisschlüssel und passt nur zur "
    "Art Landkreis. Gemeinden und Städte haben 8 Ziffern.",
)

REGION_OUTSIDE_BW = _(
    "error_region_outside_bw",
    default="Die Regierungsbezirke der Auswahl liegen in Baden-Württemberg. Für "
    "Kommunen anderer Länder bleibt das Feld leer.",
)


def check_municipality_keys(data):
    """Refuse an AGS of another Land, a Kreis key for a municipality, or a
    Baden-Württemberg Regierungsbezirk outside Baden-Württemberg.

    Raises ``Invalid`` with a German message.
    """
    ags = getattr(data, "ags", None)
    state = getattr(data, "state", None) or BADEN_WUERTTEMBERG
    if ags and AGS_PATTERN.match(ags):
        if ags[:2] != state:
            raise Invalid(Message(AGS_NOT_IN_STATE, mapping={"prefix": ags[:2]}))
        if len(ags) == 5 and getattr(data, "kind", None) != "landkreis":
            raise Invalid(DISTRICT_KEY_NOT_DISTRICT)
    if getattr(data, "region", None) and state != BADEN_WUERTTEMBERG:
        raise Invalid(REGION_OUTSIDE_BW)


def check_reviewed_municipality(data):
    """Refuse naming a municipality the user may not request a review for.

    Requesting a review for a municipality needs the permission "zumo:
    Request review" there (its team and the institute have it). Only those
    who may set the municipality of the review (field write permission
    "zumo: Choose reviewed municipality") are checked: an expert editing
    the rubric cannot change it, so the stored municipality is not held
    against them. Raises ``Invalid`` with a German message.
    """
    municipality = data.municipality
    if municipality is None or IRelationValue.providedBy(municipality):
        return
    context = getattr(data, "__context__", None)
    if context is not None and not api.user.has_permission(
        "zumo: Choose reviewed municipality", obj=context
    ):
        return
    if not api.user.has_permission("zumo: Request review", obj=municipality):
        raise Invalid(NOT_YOUR_MUNICIPALITY)


def check_reviewed_plan(data):
    """Refuse an action plan that does not lie in the reviewed municipality's
    team space. Raises ``Invalid`` with a German message."""
    plan = getattr(data, "action_plan", None)
    if plan is None or IRelationValue.providedBy(plan):
        return
    municipality = getattr(data, "municipality", None)
    if IRelationValue.providedBy(municipality):
        municipality = municipality.to_object
    parent = aq_parent(aq_inner(plan))
    if municipality is None or parent is None or parent.UID() != municipality.UID():
        raise Invalid(PLAN_NOT_OF_MUNICIPALITY)


NOT_A_MEMBER = _(
    "error_expert_not_a_member",
    default="„${name}“ ist kein Benutzerkonto des Netzwerks. Bitte geben Sie "
    "den Benutzernamen oder die E-Mail-Adresse einer Expertin oder eines "
    "Experten an.",
)

EXPERT_IN_REVIEWED_TEAM = _(
    "error_expert_in_reviewed_team",
    default="${name} hat Zugang zum Teamraum der begutachteten Kommune "
    "${municipality} und kann deshalb nicht Mitglied des Gremiums sein.",
)


def expert_refusal(userid, municipality):
    """Why ``userid`` may not assess a review of ``municipality``, or ``None``.

    An expert must be a member of the network and must not have access to
    the reviewed municipality's space: neither they nor one of their groups
    may hold a local role there (its roster; ownership grants nothing in a
    space). Returns a German message (``zope.i18nmessageid.Message``).
    """
    user = api.user.get(userid=userid) if userid else None
    if user is None:
        return Message(NOT_A_MEMBER, mapping={"name": userid or ""})
    if municipality is None:
        return None
    principals = {userid} | set(user.getGroups())
    for principal, roles in municipality.get_local_roles():
        if principal in principals and set(roles) - {"Owner"}:
            return Message(
                EXPERT_IN_REVIEWED_TEAM,
                mapping={
                    "name": user.getProperty("fullname") or userid,
                    "municipality": municipality.Title(),
                },
            )
    return None


def check_assigned_experts(data):
    """Refuse named experts who are no members or who have access to the
    reviewed municipality's space (see :func:`expert_refusal`). Every name
    is checked, not only new ones: plone.restapi sets the values before it
    validates. Raises ``Invalid`` with a German message."""
    municipality = getattr(data, "municipality", None)
    if IRelationValue.providedBy(municipality):
        municipality = municipality.to_object
    for name in getattr(data, "assigned_experts", None) or ():
        refusal = expert_refusal(name, municipality)
        if refusal is not None:
            raise Invalid(refusal)
