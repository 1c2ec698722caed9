"""ZUMO Netzwerk content types: schemas, vocabularies, indexers and views."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "zumo.content"

_ = MessageFactory("zumo")

logger = logging.getLogger(PACKAGE_NAME)
