"""Behavior ``zumo.topics``: the network's subject classification."""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope.interface import provider
from zumo.content import _
from zumo.content.vocabularies import choice_list


@provider(IFormFieldProvider)
class ITopics(model.Schema):
    """ZUMO topic fields, future trends and target groups."""

    model.fieldset(
        "classification",
        label=_("fieldset_classification", default="Themen und Zielgruppen"),
        fields=["topics", "trends", "target_groups"],
    )

    directives.widget("topics", CheckBoxFieldWidget)
    topics = choice_list(
        "topics",
        _("label_topics", default="ZUMO-Themenfelder"),
        _(
            "help_topics",
            default="Zu welchen Themenfeldern trägt der Beitrag bei? "
            "Mehrfachauswahl möglich.",
        ),
    )

    directives.widget("trends", CheckBoxFieldWidget)
    trends = choice_list(
        "trends",
        _("label_trends", default="Zukunftstrends"),
        _("help_trends", default="Auf welche Zukunftstrends antwortet der Beitrag?"),
    )

    directives.widget("target_groups", CheckBoxFieldWidget)
    target_groups = choice_list(
        "target_groups", _("label_target_groups", default="Zielgruppen")
    )
