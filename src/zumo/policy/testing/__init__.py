"""Test layers of the ZUMO Netzwerk site.

``INTEGRATION_TESTING`` runs in-process against a site with ``zumo.policy``
installed; ``FUNCTIONAL_TESTING`` additionally serves that site over real
HTTP (a WSGI server on 127.0.0.1) and commits transactions.

Two fixtures build their content once, in the layer, and every test runs in
its own sandbox on top (plone.app.testing stacks a DemoStorage per test):

* ``DEMO_FIXTURE``: the demo network (the profile ``zumo.policy:demo``),
  served by ``DEMO_FUNCTIONAL_TESTING`` for the browser tests and the demo's
  own tests;
* ``SCENARIO_FIXTURE``: the security scenario (:mod:`.scenario`), one object
  per kind and state, in-process (``SCENARIO_INTEGRATION_TESTING``) and served
  (``SCENARIO_FUNCTIONAL_TESTING``).

``BUILDS`` counts how often each was built in this process.
"""

from collections import Counter
from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import ploneSite
from plone.testing import Layer
from plone.testing import zodb
from plone.testing.zope import WSGIServer
from Products.CMFCore.indexing import processQueue
from unittest import mock
from zope.configuration import xmlconfig
from ZPublisher.HTTPRequest import HTTPRequest
from zumo.policy.setuphandlers.demo import DEMO_PROFILE
from zumo.policy.setuphandlers.site import SITE_TITLE
from zumo.policy.testing import scenario

import bcrypt
import functools
import os
import zumo.policy


#: ``max-conflict-retries`` of instance/zope.conf.in.
MAX_CONFLICT_RETRIES = 6
#: The password of the demo network's personas in the tests.
DEMO_PASSWORD = "barrierefrei-2026"
#: Map tiles from a port nobody listens on: the browser tests run the map as
#: on a closed network, where the markers must show without a background.
UNREACHABLE_TILES = "http://localhost:9/{z}/{x}/{y}.png"
#: How often this process built the demo network and the security scenario;
#: the suite reports the sums (``tests/conftest.py``).
BUILDS = Counter()

# German messages come from .po files compiled when their ZCML registers
# them, as zope.conf's environment has it in an instance. Set on import,
# before PLONE_FIXTURE loads Plone's ZCML: packages that ship only .po
# files (z3c.form: "Kein Wert", "ja") would otherwise stay English.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")


class ZumoLayer(PloneSandboxLayer):
    """A Plone site with the ZUMO policy (and so the content types) installed."""

    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        """Load the ZCML of the policy and everything it depends on."""
        self.loadZCML(package=zumo.policy)
        # What the site gets from plone.autoinclude's overrides
        xmlconfig.includeOverrides(
            configurationContext, "overrides.zcml", package=zumo.policy
        )
        configurationContext.execute_actions()
        # bcrypt's least cost (zumo.policy.security.passwords): the tests
        # store and check passwords thousands of times, and a hash of cost
        # 12 takes 0.2 s each time. The hashes have the site's form.
        self.cheap_bcrypt = mock.patch(
            "bcrypt.gensalt", functools.partial(bcrypt.gensalt, rounds=4)
        )
        self.cheap_bcrypt.start()

    def tearDownZope(self, app):
        """Give bcrypt its cost back."""
        self.cheap_bcrypt.stop()

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


class ContentFixture(Layer):
    """Content built once into a database of its own, for the tests above.

    The database is a DemoStorage over the one of ``ZUMO_FIXTURE``. It is on
    the layers' shared ``zodbDB`` stack only while a test of this layer runs
    (``testSetUp``, ``testTearDown``): the layer stays set up for the whole
    session, and a test of another layer in between must not see its content.
    The Integration- or FunctionalTesting on top gives each test a sandbox
    over it. Subclasses build the content in ``build(portal)``; no ZCML is
    loaded, so the global component registry stays as it is.
    """

    defaultBases = (ZUMO_FIXTURE,)

    def setUp(self):
        """Build the content and commit it to the layer's database."""
        self.db = zodb.stackDemoStorage(self.get("zodbDB"), name=self.__name__)
        with ploneSite(db=self.db) as portal:
            self.build(portal)
            # Catalog now, while the site is set: ploneSite commits after
            # leaving the site, where the indexers of relations would fail,
            # and plone.testing drops a failed commit silently.
            processQueue()
        BUILDS[self.kind] += 1

    def tearDown(self):
        """Close the layer's database."""
        self.db.close()
        del self.db

    def testSetUp(self):
        """Put the layer's database on the stack for the test."""
        self["zodbDB"] = self.db

    def testTearDown(self):
        """Take the layer's database off the stack again."""
        del self["zodbDB"]


class DemoLayer(ContentFixture):
    """The demo network, with the test password and map tiles nobody serves."""

    kind = "demo"

    def build(self, portal):
        """Apply the profile ``zumo.policy:demo`` as ``make create-site``
        does, with the test password for the personas, on a site titled as
        ``make create-site`` titles it (not plone.app.testing's "Plone site")."""
        api.portal.set_registry_record("plone.site_title", SITE_TITLE)
        portal.setTitle(SITE_TITLE)
        environ = {"ZUMO_DEMO_PASSWORD": DEMO_PASSWORD}
        with api.env.adopt_roles(["Manager"]), mock.patch.dict(os.environ, environ):
            portal.portal_setup.runAllImportStepsFromProfile(f"profile-{DEMO_PROFILE}")
        api.portal.set_registry_record("zumo.map.tile_url", UNREACHABLE_TILES)


DEMO_FIXTURE = DemoLayer()

DEMO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(DEMO_FIXTURE, WSGI_SERVER_FIXTURE),
    name="ZumoDemoLayer:FunctionalTesting",
)


class ScenarioLayer(ContentFixture):
    """The security scenario; ``paths`` holds the path of each object below
    the site (``""``: the site)."""

    kind = "scenario"

    def build(self, portal):
        """Build the scenario and remember where its objects are."""
        site = len(portal.getPhysicalPath())
        self.paths = {
            oid: "/".join(obj.getPhysicalPath()[site:])
            for oid, obj in scenario.build(portal).items()
        }


SCENARIO_FIXTURE = ScenarioLayer()

SCENARIO_INTEGRATION_TESTING = IntegrationTesting(
    bases=(SCENARIO_FIXTURE,),
    name="ZumoScenarioLayer:IntegrationTesting",
)

SCENARIO_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(SCENARIO_FIXTURE, WSGI_SERVER_FIXTURE),
    name="ZumoScenarioLayer:FunctionalTesting",
)


def scenario_objects(portal):
    """The scenario's objects as found in ``portal`` (the test's sandbox):
    ``{object id: object}``."""
    return {
        oid: portal.unrestrictedTraverse(path) if path else portal
        for oid, path in SCENARIO_FIXTURE.paths.items()
    }
