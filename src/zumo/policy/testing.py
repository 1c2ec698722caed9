"""Test layers of the ZUMO Netzwerk site.

``INTEGRATION_TESTING`` runs in-process against a site with ``zumo.policy``
installed; ``FUNCTIONAL_TESTING`` additionally serves that site over real
HTTP (a WSGI server on 127.0.0.1) and commits transactions.
"""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGIServer
from zope.configuration import xmlconfig
from ZPublisher.HTTPRequest import HTTPRequest

import os


#: ``max-conflict-retries`` of instance/zope.conf.in.
MAX_CONFLICT_RETRIES = 6


class ZumoLayer(PloneSandboxLayer):
    """A Plone site with the ZUMO policy (and so the content types) installed."""

    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        """Load the ZCML of the policy and everything it depends on."""
        # German messages come from .po files compiled at start-up.
        os.environ.setdefault("zope_i18n_compile_mo_files", "true")
        import zumo.policy

        self.loadZCML(package=zumo.policy)
        # What the site gets from plone.autoinclude's overrides
        xmlconfig.includeOverrides(
            configurationContext, "overrides.zcml", package=zumo.policy
        )
        configurationContext.execute_actions()

    def setUpPloneSite(self, portal):
        """Install the policy profile the way a new site gets it."""
        applyProfile(portal, "zumo.policy:default")


ZUMO_FIXTURE = ZumoLayer()


class ZumoWSGIServer(WSGIServer):
    """The test server with the pipeline of ``instance/zope.ini.in``: no
    version banner and the request limits (``zumo.policy.security.wsgi``), no ``Server`` header."""

    pipeline = WSGIServer.pipeline + [
        ("zumo", "paste.filter_app_factory", "guard", {}),
    ]

    def setUpServer(self):
        """Start the server without waitress's ``Server`` header, retrying
        conflicts as often as ``instance/zope.conf.in`` says."""
        super().setUpServer()
        self.server.adj.ident = None
        HTTPRequest.retry_max_count = MAX_CONFLICT_RETRIES


WSGI_SERVER_FIXTURE = ZumoWSGIServer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(ZUMO_FIXTURE,),
    name="ZumoLayer:IntegrationTesting",
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(ZUMO_FIXTURE, WSGI_SERVER_FIXTURE),
    name="ZumoLayer:FunctionalTesting",
)
