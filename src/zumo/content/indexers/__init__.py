"""Catalog indexers of the ZUMO facets.

Where a practice example, meeting or review does not say something itself
(region, district, location), it is taken from its municipality.
"""

from plone.indexer import indexer
from zumo.content.behaviors.geolocation import IGeolocation
from zumo.content.behaviors.programmes import IProgrammes
from zumo.content.behaviors.topics import ITopics
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.municipality import IMunicipality
from zumo.content.practice_example import IPracticeExample
from zumo.content.relations import location
from zumo.content.relations import municipality_of


def _tokens(obj, name):
    value = getattr(obj, name, None)
    if not value:
        raise AttributeError(name)
    return list(value)


@indexer(ITopics)
def zumo_topics(obj):
    """Index the ZUMO topic fields."""
    return _tokens(obj, "topics")


@indexer(ITopics)
def zumo_trends(obj):
    """Index the future trends."""
    return _tokens(obj, "trends")


@indexer(ITopics)
def zumo_target_groups(obj):
    """Index the target groups."""
    return _tokens(obj, "target_groups")


@indexer(IPracticeExample)
def zumo_fields_of_action(obj):
    """Index the fields of action of a practice example."""
    return _tokens(obj, "fields_of_action")


@indexer(IProgrammes)
def zumo_programmes(obj):
    """Index the programmes of practice examples and municipalities."""
    return _tokens(obj, "programmes")


def _from_municipality(obj, name):
    own = getattr(obj, name, None) if not IMunicipality.providedBy(obj) else None
    if own:
        return own
    municipality = municipality_of(obj)
    value = getattr(municipality, name, None) if municipality is not None else None
    if not value:
        raise AttributeError(name)
    return value


@indexer(IConcernsMunicipality)
def zumo_region(obj):
    """Index the Regierungsbezirk (a meeting's own cluster first)."""
    return _from_municipality(obj, "region")


@indexer(IConcernsMunicipality)
def zumo_district(obj):
    """Index the Landkreis of the municipality concerned."""
    return _from_municipality(obj, "district")


@indexer(IMunicipality)
def zumo_size_class(obj):
    """Index the size class derived from the population."""
    value = obj.size_class
    if value is None:
        raise AttributeError("size_class")
    return value


@indexer(IMunicipality)
def zumo_ags(obj):
    """Index the official municipality key."""
    if not obj.ags:
        raise AttributeError("ags")
    return obj.ags


@indexer(IMunicipality)
def zumo_population(obj):
    """Store the population for listings."""
    if obj.population is None:
        raise AttributeError("population")
    return obj.population


@indexer(IConcernsMunicipality)
def zumo_municipality_uid(obj):
    """Index the UID of the municipality concerned."""
    municipality = municipality_of(obj)
    if municipality is None:
        raise AttributeError("municipality")
    return municipality.UID()


@indexer(IConcernsMunicipality)
def zumo_municipality_title(obj):
    """Store the name of the municipality concerned for listings."""
    municipality = municipality_of(obj)
    if municipality is None:
        raise AttributeError("municipality")
    return municipality.Title()


@indexer(IGeolocation)
def zumo_latitude(obj):
    """Store the latitude (own, else the municipality's)."""
    point = location(obj)
    if point is None:
        raise AttributeError("latitude")
    return point[0]


@indexer(IGeolocation)
def zumo_longitude(obj):
    """Store the longitude (own, else the municipality's)."""
    point = location(obj)
    if point is None:
        raise AttributeError("longitude")
    return point[1]
