"""Behavior ``zumo.programmes``: the funding programmes something belongs to."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope.interface import provider
from zumo.content import _
from zumo.content.vocabularies import choice_list


@provider(IFormFieldProvider)
class IProgrammes(model.Schema):
    """Programmes (ZUMO, ZWK, integrated management, KoQuMa, ...)."""

    model.fieldset(
        "programmes",
        label=_("fieldset_programmes", default="Programme"),
        fields=["programmes"],
    )

    directives.widget("programmes", CheckBoxFieldWidget)
    programmes = choice_list("programmes", _("label_programmes", default="Programme"))
