"""Behavior ``zumo.topics``: the network's subject classification."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import provider
from zumo.content import _


@provider(IFormFieldProvider)
class ITopics(model.Schema):
    """ZUMO topic fields, future trends and target groups."""

    model.fieldset(
        "classification",
        label=_("fieldset_classification", default="Themen und Zielgruppen"),
        fields=["topics", "trends", "target_groups"],
    )

    directives.widget("topics", CheckBoxFieldWidget)
    topics = schema.List(
        title=_("label_topics", default="ZUMO-Themenfelder"),
        description=_(
            "help_topics",
            default="Zu welchen Themenfeldern trägt der Beitrag bei? "
            "Mehrfachauswahl möglich.",
        ),
        value_type=schema.Choice(vocabulary="zumo.vocabularies.topics"),
        required=False,
        default=[],
    )

    directives.widget("trends", CheckBoxFieldWidget)
    trends = schema.List(
        title=_("label_trends", default="Zukunftstrends"),
        description=_(
            "help_trends", default="Auf welche Zukunftstrends antwortet der Beitrag?"
        ),
        value_type=schema.Choice(vocabulary="zumo.vocabularies.trends"),
        required=False,
        default=[],
    )

    directives.widget("target_groups", CheckBoxFieldWidget)
    target_groups = schema.List(
        title=_("label_target_groups", default="Zielgruppen"),
        value_type=schema.Choice(vocabulary="zumo.vocabularies.target_groups"),
        required=False,
        default=[],
    )
