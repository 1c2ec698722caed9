"""Behavior ``zumo.demo``: content invented for the demo network.

The demo uses real municipalities' master data; whatever it claims about
them (roles, programmes, profile texts, reviews, practice examples) is
invented. Items carrying ``demo = True`` show a visible note on their pages
(the viewlet ``zumo.demo-note``), and plone.restapi serializes the field,
so API answers carry the mark as well.
"""

from plone.autoform import directives
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider
from zumo.content import _


@provider(IFormFieldProvider)
class IDemoContent(model.Schema):
    """Marks content as invented for the demo network."""

    model.fieldset("settings", fields=["demo"])
    directives.write_permission(demo="zumo.ManageNetwork")
    demo = schema.Bool(
        title=_("label_demo", default="Demo-Inhalt"),
        description=_(
            "help_demo",
            default="Angaben sind für die Vorführung des Netzwerks erfunden. Die "
            "Seite zeigt dann einen deutlichen Hinweis. Entfernen Sie den Haken erst, "
            "wenn alle Angaben geprüft sind.",
        ),
        required=False,
        default=False,
    )


def is_demo(obj):
    """Return whether ``obj`` is marked as demo content."""
    return bool(getattr(obj, "demo", False)) and IDemoContent.providedBy(obj)
