"""German labels of stock form fields whose upstream German keeps English
words; z3c.form asks for a widget's ``label`` by a named value adapter."""

from collective.easyform.interfaces import IEasyForm
from z3c.form.widget import StaticWidgetAttribute
from zope.i18nmessageid import MessageFactory


_ = MessageFactory("zumo")

#: collective.easyform's German catalogue says "Title der Danke-Seite", and
#: an upstream catalogue wins over the site's for a message it has.
ThanksTitleLabel = StaticWidgetAttribute(
    _("Titel der Danke-Seite"), field=IEasyForm["thankstitle"]
)
