"""Upgrade step 1003: say what the programmes' documents say; honest demo.

The content profile's types (behavior ``zumo.demo``, new fields) and the
policy's Document type are imported by the step's ``upgradeDepends``; this
handler migrates stored values and, on a site holding the demo network,
the demo content:

* KoQuMa module tokens follow the call's numbering: what was stored as
  "Modul N" stays module N, now with the call's title.
* The field of action "Begegnung und Kultur" (``begegnung``) becomes the
  source's "Kultur" (``kultur``).
* Creators: content made without a logged-in user (site creation, imports
  and the demo through ``zconsole``) gets its owner, else ``admin``, as
  creator, so that reading it no longer writes (see
  :mod:`zumo.policy.setuphandlers.ownership`).
* Master data: every municipality gets its Landkreis, AGS, kind and source
  from the shipped master data (matched by GeoNames id); the two places the
  new data no longer hold are named in the log for an editor to remove.
* Demo content: items described as "Demo-Inhalt" get the ``demo`` field,
  and so does every municipality they say something about; the invented
  reference year of the population goes; facilitators named after real
  people get fictional names; the demo's KoQuMa modules get the call's
  texts instead of invented formats and goals.
"""

from plone import api
from zumo.content.qualification_module import koquma_call
from zumo.content.relations import related_objects
from zumo.policy import logger
from zumo.policy.bulk.municipalities import import_municipalities
from zumo.policy.setuphandlers.demo import DEMO_MARK
from zumo.policy.setuphandlers.demo import MUNICIPALITY_NOTE
from zumo.policy.setuphandlers.ownership import fill_missing_creators
from zumo.policy.setuphandlers.site import ADMIN_USER


KOQUMA_TOKENS = {
    "m1_grundlagen": "m1_bedarfslagen",
    "m2_analyse": "m2_versorgungsstrukturen",
    "m3_beteiligung": "m3_beteiligungsstrukturen",
    "m4_netzwerke": "m4_moderation_netzwerkarbeit",
    "m5_projektmanagement": "m5_welfare_mix",
    "m6_kommunikation": "m6_projektmanagement",
    "m7_moderation": "m7_organisationsentwicklung",
    "m8_evaluation": "m8_finanzierung",
}
FIELDS_OF_ACTION = {"begegnung": "kultur"}
#: Facilitators of demo groups 1.0 named after people in the sources.
FACILITATORS = {
    "Dr. Franziska Lehmann": "Dr. Paula Prozessbegleiterin (Demo)",
    "Klaus Ludden": "Moritz Moderator (Demo)",
    "Dr. Klaus Zeitler": "Dr. Klara Kompass (Demo)",
}
RELATIONS = ("municipality", "host_municipality", "mentors", "mentees")


def upgrade(setup_tool):
    """Migrate tokens, fill the master data, mark the demo content."""
    portal = api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    objects = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            portal_type=[
                "QualificationModule",
                "PracticeExample",
                "MentoringGroup",
                "WorkshopMeeting",
                "ExpertReview",
                "Document",
            ]
        )
    ]
    for obj in objects:
        migrate_tokens(obj)
    report = import_municipalities(portal["kommunen"], progress=False, publish=True)
    logger.info("Upgrade 1003, master data: %s", report.summary())
    stale = [
        obj.Title()
        for obj in portal["kommunen"].objectValues()
        if obj.portal_type == "Municipality" and not obj.kind and not obj.ags
    ]
    if stale:
        # Places the new master data fold into another row; they may hold
        # content or relations, so an editor decides.
        logger.warning(
            "Upgrade 1003: not in the master data any more, please check and "
            "delete by hand: %s",
            ", ".join(sorted(stale)),
        )
    demo = [obj for obj in objects if (obj.Description() or "").startswith(DEMO_MARK)]
    if demo:
        mark_demo(portal, demo)
    for obj in objects:
        obj.reindexObject()
    changed = fill_missing_creators(portal, ADMIN_USER)
    logger.info("Upgrade 1003: creators set on %s items", changed)


def migrate_tokens(obj):
    """Move stored vocabulary tokens of ``obj`` to their new names."""
    module = getattr(obj, "koquma_module", None)
    if obj.portal_type == "QualificationModule" and module in KOQUMA_TOKENS:
        obj.koquma_module = KOQUMA_TOKENS[module]
    fields = getattr(obj, "fields_of_action", None)
    if obj.portal_type == "PracticeExample" and fields:
        obj.fields_of_action = [FIELDS_OF_ACTION.get(token, token) for token in fields]


def mark_demo(portal, demo):
    """Mark the demo items and the municipalities they speak of."""
    claimed = set()
    for obj in demo:
        if obj.portal_type == "QualificationModule" and obj.curriculum == "koquma":
            quote_koquma_call(obj)
            continue
        obj.demo = True
        if obj.portal_type == "MentoringGroup":
            obj.facilitators = [FACILITATORS.get(n, n) for n in obj.facilitators]
        claimed.update(related_objects(obj, RELATIONS))
    for obj in portal["kommunen"].objectValues():
        if obj.network_status or obj.text:
            claimed.add(obj)
    for obj in portal["kommunen"].objectValues():
        if obj.population_year == 2024:
            # The demo of version 1.0 invented this year.
            obj.population_year = None
            obj.reindexObject()
    for obj in claimed:
        obj.demo = True
        obj.description = DEMO_MARK + MUNICIPALITY_NOTE
        obj.reindexObject()
    logger.info("Upgrade 1003: %s municipalities marked as demo", len(claimed))


def quote_koquma_call(module):
    """A demo KoQuMa module keeps only what the call says."""
    try:
        call = koquma_call(module.koquma_module)
    except KeyError:
        return
    for name, value in call.items():
        setattr(module, name, value)
    module.module_format = None
    module.duration = None
    module.goals = None
    module.target_groups = []
