"""Upgrade step 1013 (issue 28): the public face, finished.

The ``upgradeDepends`` in ``configure.zcml`` imports the actions (Impressum,
Datenschutz and the accessibility statement in the footer) and the registry
(the feed's caching rule). This handler does what no profile can:

* ``/mitmachen`` gets the form "Barriere melden" the accessibility statement
  links to, and the site root the pages Impressum, Datenschutzerklärung and
  Erklärung zur Barrierefreiheit (pages the institute already has are kept);
* ``/kommunen`` gets its marker and the municipality directory as its view;
* public content published without an effective date gets the date it was
  first made public ("Veröffentlicht", the exports' ``published``).
"""

from plone import api
from zumo.policy import logger
from zumo.policy.forms.mitmachen import create_forms
from zumo.policy.publication.dates import set_missing_effective_dates
from zumo.policy.setuphandlers.pages import create_pages
from zumo.policy.setuphandlers.structure import create_structure


def upgrade(setup_tool):
    """Apply the data changes of version 1013."""
    portal = api.portal.get()
    create_structure(portal)
    with api.env.adopt_roles(["Manager"]):
        create_forms(portal)
        pages = create_pages(portal)
        dated = set_missing_effective_dates(portal)
    logger.info(
        "Upgrade 1013: pages %s created, %s publication dates set", pages, dated
    )
