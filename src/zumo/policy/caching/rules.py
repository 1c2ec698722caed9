"""Caching: which pages a shared cache may keep, and what a change purges.

The rules (``profiles/default/registry/caching.xml``) hold on every site:
content pages that anonymous visitors may see may be kept by a shared cache
for an hour (``s-maxage``), never in the browser (``max-age=0``) and never
for a logged-in user (``anonOnly``); forms are never cached. Caching and
purging are switched on only where a cache stands in front of Zope, the
cluster mode (``use_proxy``, called by ``make cluster`` through
``ZUMO_CACHING_PROXY``): the embedded site has no shared cache to tell.

plone.app.caching purges the changed item and its folder on publish, edit,
move and delete; ``RelatedPurgePaths`` adds the pages that show an item
elsewhere (the start page, a practice example's municipality), and
``purge`` is for changes that are no content event (a registration changes
the free places shown on a meeting's page). Purges are sent before the
response leaves (``SynchronousPurger``), so the request after a change
already sees it.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from plone.cachepurging.interfaces import IPurger
from plone.cachepurging.purger import DefaultPurger
from plone.dexterity.interfaces import IDexterityContent
from plone.registry.interfaces import IRegistry
from z3c.caching.interfaces import IPurgePaths
from z3c.caching.purge import Purge
from zope.component import adapter
from zope.component import getUtility
from zope.event import notify
from zope.interface import implementer
from zumo.content.municipality import IMunicipality
from zumo.content.practice_example import IPracticeExample
from zumo.policy import logger


#: The feeds a section offers (Plone's default ``feed_types``), at their
#: unfiltered addresses: filtered ones expire within a minute
#: (``registry/caching.xml``).
FEEDS = ("rss.xml", "RSS", "atom.xml")
#: The pages of a section (the finder or the directory is its view) that
#: list its items: its map and points, the open data and the feeds. The
#: proxy bans a purged address with its query strings (the filters).
SECTION_PAGES = (
    "karte",
    "karte.geojson",
    "export.csv",
    "export.json",
    "export.geojson",
    "dcat.jsonld",
    *FEEDS,
)
#: The site's own pages that count public content.
COUNTING_PAGES = ("statistik",)


def use_proxy(proxy_url):
    """Switch caching on and send purges to the caching proxy at
    ``proxy_url`` (e.g. ``http://127.0.0.1:8080``); ``None`` switches both
    off. Acts on the current site's registry."""
    registry = getUtility(IRegistry)
    enabled = bool(proxy_url)
    prefix = "plone.cachepurging.interfaces.ICachePurgingSettings."
    wanted = {
        "plone.caching.interfaces.ICacheSettings.enabled": enabled,
        prefix + "enabled": enabled,
        prefix + "cachingProxies": (proxy_url,) if enabled else (),
        prefix + "virtualHosting": False,
    }
    for name, value in wanted.items():
        if registry.get(name) != value:  # a start changes nothing that is right
            registry[name] = value
    logger.info(
        "Caching %s", f"on, purges to {proxy_url}" if enabled else "off (no proxy)"
    )


def purge(obj):
    """Purge the pages of ``obj`` from the caching proxy (when purging is
    on), after a change that fires no content event."""
    notify(Purge(obj))


def _path(obj):
    return "/" + obj.virtual_url_path()


@implementer(IPurgePaths)
@adapter(IDexterityContent)
class RelatedPurgePaths:
    """The pages besides its own that show a content item: the start page
    (the newest practice examples and meetings) and the statistics; for a
    practice example or a municipality its section's listing (the finder,
    the directory: plone.app.caching purges a folder only when the item is
    its default page), map, open data and feeds; for a practice example its
    municipality's page."""

    def __init__(self, context):
        self.context = context

    def getRelativePaths(self):
        """Paths below the Zope root, as plone.cachepurging expects them."""
        portal = _path(api.portal.get())
        paths = [portal, *(f"{portal}/{page}" for page in COUNTING_PAGES)]
        if IPracticeExample.providedBy(self.context) or IMunicipality.providedBy(
            self.context
        ):
            section = _path(aq_parent(aq_inner(self.context)))
            paths += [section, *(f"{section}/{page}" for page in SECTION_PAGES)]
        relation = getattr(self.context, "municipality", None)
        target = getattr(relation, "to_object", None)
        if target is not None:
            paths.append(_path(target))
        return paths

    def getAbsolutePaths(self):
        """No absolute paths."""
        return []


@implementer(IPurger)
class SynchronousPurger(DefaultPurger):
    """Sends the purges of a change before its response leaves.

    plone.cachepurging queues them for a worker thread, so a visitor who
    reloads right after a change may still get the old page from the cache.
    The proxy is on the same machine or network; its answers take a
    millisecond or two per path.
    """

    def purgeAsync(self, url, httpVerb="PURGE"):
        """Purge ``url`` now; log a warning when the proxy refuses."""
        status, _xcache, xerror = self.purgeSync(url, httpVerb)
        if status != 200:
            logger.warning("Purging %s failed: %s %s", url, status, xerror[-200:])


SYNCHRONOUS_PURGER = SynchronousPurger()
