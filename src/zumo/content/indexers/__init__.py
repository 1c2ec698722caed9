"""Catalog indexers of the ZUMO facets.

Where a practice example, meeting or review does not say something itself
(region, district, location), it is taken from its municipality.
"""

from plone.indexer import indexer
from zumo.content.behaviors.demo import IDemoContent
from zumo.content.behaviors.geolocation import IGeolocation
from zumo.content.behaviors.programmes import IProgrammes
from zumo.content.behaviors.topics import ITopics
from zumo.content.interfaces import IConcernsMunicipality
from zumo.content.municipality import IMunicipality
from zumo.content.practice_example import IPracticeExample
from zumo.content.relations import location
from zumo.content.relations import municipality_of
from zumo.content.relations import related_objects


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


@indexer(IConcernsMunicipality)
def zumo_size_class(obj):
    """Index the size class of the municipality (concerned), from its population."""
    municipality = obj if IMunicipality.providedBy(obj) else municipality_of(obj)
    value = municipality.size_class if municipality is not None else None
    if value is None:
        raise AttributeError("size_class")
    return value


@indexer(IPracticeExample)
def zumo_koquma_modules(obj):
    """Index the KoQuMa modules among the related qualification modules."""
    modules = related_objects(obj, ["related_modules"])
    tokens = sorted({m.koquma_module for m in modules if m.koquma_module})
    if not tokens:
        raise AttributeError("koquma_modules")
    return tokens


@indexer(IPracticeExample)
def zumo_start_year(obj):
    """Index the year the project began (a string: ``"2024"``)."""
    if obj.start is None:
        raise AttributeError("start")
    return str(obj.start.year)


@indexer(IPracticeExample)
def zumo_project_status(obj):
    """Index the project status (planned, running, finished)."""
    if not obj.project_status:
        raise AttributeError("project_status")
    return obj.project_status


@indexer(IMunicipality)
def zumo_network_status(obj):
    """Index the municipality's roles in the network (pilot, model, ...)."""
    return _tokens(obj, "network_status")


@indexer(IMunicipality)
def zumo_kind(obj):
    """Index the kind of the municipality (Gemeinde, Stadt, Stadtkreis, ...)."""
    if not obj.kind:
        raise AttributeError("kind")
    return obj.kind


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


@indexer(IDemoContent)
def zumo_demo(obj):
    """Store whether the item was invented for the demonstration."""
    return bool(getattr(obj, "demo", False))
