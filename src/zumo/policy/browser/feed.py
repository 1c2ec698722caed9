"""The feed of new practice examples: ``/praxisbeispiele/rss.xml``.

Plone's syndication lists a folder's items in no particular order, wakes
every item of the folder before it takes the first 15, dates an item
without effective date by its modification and answers RSS 2.0 as
``application/atom+xml``. Here the feed lists the published examples the
finder's parameters ask for (text and facets; ``FinderView.query``), the
newest publication first, at most the folder's ``max_items``, each dated
by its effective date (RFC 822, in the site's zone), as
``application/rss+xml``. Plone's other feeds of the folder (``RSS``,
``atom.xml``) read the same items through the ``IFeed`` adapter.
"""

from email.utils import format_datetime
from plone import api
from plone.base.interfaces.syndication import IFeed
from Products.CMFPlone.browser.syndication.adapters import FolderFeed
from Products.CMFPlone.browser.syndication.views import FeedView
from zope.component import adapter
from zope.interface import implementer
from zumo.content.dates import site_time
from zumo.content.i18n import translated
from zumo.policy import _
from zumo.policy.browser.exports import published_query
from zumo.policy.browser.finder import FinderView
from zumo.policy.browser.finder import SORTS
from zumo.policy.interfaces import IPracticeExampleSection


@adapter(IPracticeExampleSection)
@implementer(IFeed)
class PracticeExampleFeed(FolderFeed):
    """The feed data of ``/praxisbeispiele``: the newest published examples
    the finder's parameters of the current request ask for."""

    def finder(self):
        """The finder of the current request (its parameters, checked)."""
        finder = FinderView(self.context, self.context.REQUEST)
        finder.catalog = api.portal.get_tool("portal_catalog")
        return finder

    @property
    def title(self):
        """The channel's German title."""
        return translated(
            _("feed_title", default="${site}: neue Praxisbeispiele",
              mapping={"site": api.portal.get().Title()}),
            self.context.REQUEST,
        )  # fmt: skip

    @property
    def description(self):
        """The channel's German description, with the filters set."""
        request = self.context.REQUEST
        text = translated(
            _("feed_description",
              default="Die zuletzt veröffentlichten Praxisbeispiele, die neuesten zuerst."),
            request,
        )  # fmt: skip
        filters = [item["title"] for item in self.finder().active_filters()]
        if filters:
            text += " " + translated(
                _("feed_filtered", default="Gefiltert: ${filters}.",
                  mapping={"filters": "; ".join(filters)}),
                request,
            )  # fmt: skip
        return text

    @property
    def language(self):
        """The network speaks German."""
        return "de"

    def _brains(self):
        """At most ``limit`` brains, the newest publication first."""
        finder = self.finder()
        sort_on, sort_order = SORTS["newest"][1]
        return finder.catalog.searchResults(
            published_query(finder.query()),
            sort_on=sort_on,
            sort_order=sort_order,
            sort_limit=self.limit,
        )[: self.limit]


class PracticeExampleFeedView(FeedView):
    """``rss.xml`` of ``/praxisbeispiele``: RSS 2.0 of
    :class:`PracticeExampleFeed`."""

    content_type = "application/rss+xml; charset=utf-8"

    def pub_date(self, item):
        """The item's effective date (its modification date if it has
        none) in RFC 822, in the site's zone."""
        return format_datetime(site_time(item.published or item.modified))
