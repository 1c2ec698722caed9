"""The feed of new practice examples, ``/praxisbeispiele/rss.xml``: RSS 2.0
with each example's own date, the newest first, filtered like the finder."""

from DateTime import DateTime
from email.utils import parsedate_to_datetime
from plone import api
from tests.fixtures.builders import add
from zumo.content.relations import relation_to
from zumo.policy.caching.rules import RelatedPurgePaths

import pytest
import transaction
import xml.etree.ElementTree as ET


#: When each example of the network was published.
PUBLISHED_AT = {
    "klimaplan": "2025-01-10T09:00:00+01:00",
    "buergerbus": "2025-04-02T09:00:00+02:00",
    "dorfladen": "2025-09-15T10:30:00+02:00",
    "treffpunkt": "2026-02-01T08:00:00+01:00",
}


@pytest.fixture
def dated(served):
    """The network with each example's own publication date."""
    for oid, when in PUBLISHED_AT.items():
        example = served["praxisbeispiele"][oid]
        example.setEffectiveDate(DateTime(when))
        example.reindexObject()
    transaction.commit()
    return served


def feed(request_factory, query=""):
    """``(response, channel element, items)`` of the feed."""
    response = request_factory(api=False).get(f"/praxisbeispiele/rss.xml{query}")
    assert response.status_code == 200, response.text[:300]
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return response, channel, channel.findall("item")


def test_rss_with_its_own_content_type(dated, request_factory):
    """RSS 2.0 is served as ``application/rss+xml`` in UTF-8, with a
    German channel."""
    response, channel, items = feed(request_factory)
    assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert channel.findtext("title") == "Plone site: neue Praxisbeispiele"
    assert "die neuesten zuerst" in channel.findtext("description")
    assert channel.findtext("language") == "de"
    assert "Geheimer Entwurf" not in response.text


def test_each_item_has_its_own_date_newest_first(dated, request_factory):
    """pubDate is the example's effective date (RFC 822, Berlin offset),
    the newest first."""
    _response, channel, items = feed(request_factory)
    titles = [item.findtext("title") for item in items]
    assert titles == ["Treffpunkt", "Dorfladen", "Buergerbus", "Klimaplan"]
    for item in items:
        oid = item.findtext("title").lower()
        moment = parsedate_to_datetime(item.findtext("pubDate"))
        assert moment.isoformat() == PUBLISHED_AT[oid]
        assert item.findtext("link").endswith(f"/praxisbeispiele/{oid}")
    assert channel.findtext("lastBuildDate") == items[0].findtext("pubDate")


def test_a_newly_published_example_comes_first_at_once(dated, request_factory):
    """Publishing an example puts it at the top of the next answer."""
    feed(request_factory)  # asked for before
    example = add(dated, "praxisbeispiele", "PracticeExample", "neu",
                  title="Ganz neu", topics=["klimawandel"],
                  municipality=relation_to(dated["kommunen"]["hayingen"]),
                  to_state="published")  # fmt: skip
    transaction.commit()
    _response, _channel, items = feed(request_factory)
    assert items[0].findtext("title") == "Ganz neu"
    moment = parsedate_to_datetime(items[0].findtext("pubDate"))
    assert abs(moment.timestamp() - example.effective().timeTime()) < 1


def test_the_finders_filters_apply(dated, request_factory):
    """The finder's parameters filter the feed; the channel says so."""
    _response, channel, items = feed(
        request_factory, "?zumo_topics=daseinsvorsorge&SearchableText=Dorfladen"
    )
    assert [item.findtext("title") for item in items] == ["Dorfladen"]
    assert "Gefiltert:" in channel.findtext("description")
    assert "Dorfladen" in channel.findtext("description")


def test_a_change_purges_the_feed(served):
    """A change of a practice example purges the section's feeds from the
    caching proxy (the start page's list and the feed agree)."""
    example = served["praxisbeispiele"]["dorfladen"]
    paths = RelatedPurgePaths(example).getRelativePaths()
    section = "/" + served["praxisbeispiele"].virtual_url_path()
    for name in ("rss.xml", "RSS", "atom.xml"):
        assert f"{section}/{name}" in paths


def test_a_change_purges_the_finder_and_the_directory(served):
    """The finder (the section's view, with every filter: the proxy bans a
    path with its query strings), its map and exports, and the statistics
    are purged when an example changes; the directory when a municipality
    changes. plone.app.caching alone purges a folder only for its default
    page."""
    portal = "/" + served.virtual_url_path()
    example = served["praxisbeispiele"]["dorfladen"]
    paths = RelatedPurgePaths(example).getRelativePaths()
    section = f"{portal}/praxisbeispiele"
    for page in ("", "/karte", "/karte.geojson", "/export.csv", "/dcat.jsonld"):
        assert f"{section}{page}" in paths
    assert f"{portal}/statistik" in paths
    municipality = served.portal_catalog.unrestrictedSearchResults(
        portal_type="Municipality"
    )[0]._unrestrictedGetObject()
    paths = RelatedPurgePaths(municipality).getRelativePaths()
    assert f"{portal}/kommunen" in paths and f"{portal}/kommunen/karte" in paths


def test_the_feed_is_kept_briefly_and_revalidated(served):
    """A shared cache keeps a feed for a minute at most: filtered feeds
    cannot be purged by address; the catalog counter is its ETag."""
    prefix = "plone.app.caching.moderateCaching.plone.content.feed."
    assert api.portal.get_registry_record(prefix + "smaxage") <= 60
    assert "catalogCounter" in api.portal.get_registry_record(prefix + "etags")
