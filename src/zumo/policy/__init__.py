"""ZUMO Netzwerk site policy: dependencies, security, registry and site setup."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "zumo.policy"

_ = MessageFactory("zumo")

logger = logging.getLogger(PACKAGE_NAME)
