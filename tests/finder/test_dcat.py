"""The DCAT-AP.de catalogue ``dcat.jsonld``, read as RDF and validated with
pyshacl against the official DCAT-AP.de 2.0 SHACL shapes (profile
"Spezifikation + Konventionen", vendored in ``shapes/``, see its README)."""

from pathlib import Path
from pyshacl import validate
from rdflib import Graph
from rdflib import Literal
from rdflib import Namespace
from rdflib import URIRef
from rdflib.namespace import DCAT
from rdflib.namespace import DCTERMS
from rdflib.namespace import RDF
from rdflib.namespace import SH
from rdflib.namespace import XSD

import pytest
import transaction


SHAPES = Path(__file__).parent / "shapes"
#: The profile's files, in the order of the shapes' README.
PROFILE = (
    "dcat-ap-de-imports.ttl",
    "dcat-ap-spec-german-messages.ttl",
    "dcat-ap-spec-german-additions.ttl",
    "dcat-ap-de-deprecated.ttl",
    "dcat-ap-konventionen.ttl",
    "dcat-ap_2.1.1_shacl_shapes.ttl",
)
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority"


@pytest.fixture
def catalogue(served, request_factory):
    """``(graph, base URL of /praxisbeispiele)``; Hayingen has its AGS."""
    hayingen = served["kommunen"]["hayingen"]
    hayingen.ags = "08415034"
    hayingen.reindexObject()
    transaction.commit()
    response = request_factory(api=False).get("/praxisbeispiele/dcat.jsonld")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/ld+json")
    base = served["praxisbeispiele"].absolute_url()
    return Graph().parse(data=response.text, format="json-ld", publicID=base), base


def shapes():
    graph = Graph()
    for name in PROFILE:
        graph.parse(SHAPES / name)
    return graph


def vocabularies():
    graph = Graph()
    for path in sorted((SHAPES / "vocabularies").glob("*.*")):
        if path.suffix in (".rdf", ".ttl"):
            graph.parse(path)
    return graph


def test_catalogue_validates_against_dcat_ap_de(catalogue):
    """0 violations of DCAT-AP.de 2.0 with GovData's conventions."""
    graph, _base = catalogue
    # The validator resolves the shapes' owl:imports (the vocabularies)
    # into the data it checks; here they are read from the vendored files.
    _conforms, report, text = validate(
        graph + vocabularies(), shacl_graph=shapes(),
        inference="none", allow_warnings=True, advanced=True,
    )  # fmt: skip
    (summary,) = report.subjects(RDF.type, SH.ValidationReport)
    results = list(report.objects(summary, SH.result))  # not their details
    violations = [r for r in results if (r, SH.resultSeverity, SH.Violation) in report]
    print(f"DCAT-AP.de SHACL: {len(violations)} violations, "
          f"{len(results) - len(violations)} warnings/infos")  # fmt: skip
    assert not violations, text


def test_one_dataset_with_the_open_data(catalogue):
    """One catalogue with licence and typed dates; the dataset
    "Praxisbeispiele" with CSV, JSON, GeoJSON and RSS, each with licence,
    attribution, format and (where IANA has one) media type; themes,
    contributor, contact point and the Land's geocoding."""
    graph, base = catalogue
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.license) is not None
    assert graph.value(catalog, DCTERMS.issued).datatype == XSD.date
    assert graph.value(catalog, DCTERMS.modified).datatype == XSD.dateTime
    (dataset,) = graph.subjects(DCTERMS.title, Literal("Praxisbeispiele", lang="de"))
    files = {}
    for distribution in graph.objects(dataset, DCAT.distribution):
        url = str(graph.value(distribution, DCAT.downloadURL))
        files[url.rsplit("/", 1)[1]] = (
            str(graph.value(distribution, DCTERMS.format)),
            str(graph.value(distribution, DCAT.mediaType) or ""),
        )
        assert graph.value(distribution, DCATDE.licenseAttributionByText)
        assert graph.value(distribution, DCTERMS.license) == URIRef(
            "http://dcat-ap.de/def/licenses/cc-by/4.0"
        )
    iana = "https://www.iana.org/assignments/media-types/"
    assert files == {
        "export.csv": (f"{EU}/file-type/CSV", iana + "text/csv"),
        "export.json": (f"{EU}/file-type/JSON", iana + "application/json"),
        "export.geojson": (f"{EU}/file-type/GEOJSON", iana + "application/geo+json"),
        "rss.xml": (f"{EU}/file-type/RSS", ""),
    }
    assert graph.value(dataset, DCATDE.licenseAttributionByText) is None
    assert set(graph.objects(dataset, DCAT.theme)) >= {
        URIRef(f"{EU}/data-theme/SOCI"), URIRef(f"{EU}/data-theme/GOVE")
    }  # fmt: skip
    assert graph.value(dataset, DCATDE.contributorID) == URIRef(
        "http://dcat-ap.de/def/contributors/datenBW"
    )
    contact = graph.value(dataset, DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert str(graph.value(contact, VCARD.hasEmail)).startswith("mailto:")
    assert graph.value(dataset, DCATDE.politicalGeocodingURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/stateKey/08"
    )
    spatial = graph.value(dataset, DCTERMS.spatial)
    assert (spatial, RDF.type, DCTERMS.Location) in graph
    assert graph.value(dataset, DCTERMS.issued).datatype == XSD.dateTime
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 5  # the collection and the four examples


def test_examples_are_geocoded_by_their_municipality(catalogue):
    """An example's dataset names its municipality's AGS and a place."""
    graph, base = catalogue
    dorfladen = URIRef(f"{base}/dorfladen")
    assert graph.value(dorfladen, DCATDE.politicalGeocodingURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/08415034"
    )
    assert graph.value(dorfladen, DCATDE.politicalGeocodingLevelURI) == URIRef(
        "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
    )
    place = graph.value(dorfladen, DCTERMS.spatial)
    assert (place, RDF.type, DCTERMS.Location) in graph
