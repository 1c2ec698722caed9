"""ZUMO Netzwerk site policy: dependencies, security, registry and site setup."""

from zope.i18n import translate
from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "zumo.policy"

_ = MessageFactory("zumo")

logger = logging.getLogger(PACKAGE_NAME)


def german(message):
    """Return ``message`` translated to German: mails and stored texts are
    written in the site's language, whoever triggers them."""
    return translate(message, target_language="de")
