"""Behavior ``zumo.programmes``: the funding programmes something belongs to."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import provider
from zumo.content import _


@provider(IFormFieldProvider)
class IProgrammes(model.Schema):
    """Programmes (ZUMO, ZWK, integrated management, KoQuMa, ...)."""

    model.fieldset(
        "programmes",
        label=_("fieldset_programmes", default="Programme"),
        fields=["programmes"],
    )

    directives.widget("programmes", CheckBoxFieldWidget)
    programmes = schema.List(
        title=_("label_programmes", default="Programme"),
        value_type=schema.Choice(vocabulary="zumo.vocabularies.programmes"),
        required=False,
        default=[],
    )
