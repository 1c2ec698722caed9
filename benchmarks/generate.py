"""Generate practice examples for the scaling benchmark, on the bench copy.

Run by ``benchmarks/bench.py`` with ``zconsole run`` on the copy of the site
(never on the site itself): ``BENCH_EXAMPLES`` (default 10,000) published
practice examples, marked as demo content, each in a municipality of the
master data with one to three topics, trends, target groups and fields of
action and a start year, with a text of realistic length. The words are
drawn from a fixed list with a fixed seed, so every run measures the same
site. Commits in batches and shows progress. The copy stops versioning
practice examples first (no initial version is stored for each).
"""

from datetime import date
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.indexing import processQueue
from Testing.makerequest import makerequest
from tqdm import tqdm
from zope.component.hooks import setSite
from zumo.content.relations import relation_to
from zumo.content.vocabularies import terms
from zumo.policy import mail as notifications

import os
import random
import sys
import transaction


COUNT = int(os.environ.get("BENCH_EXAMPLES", "10000"))
BATCH = 250
#: The seed of the word draws: every run measures the same site.
SEED = 2026
WORDS = (
    "Dorfladen Nahversorgung Bürgerbus Mobilität Ehrenamt Quartier Treffpunkt "
    "Pflege Nachbarschaft Jugend Beteiligung Klimaschutz Wärmenetz Schule "
    "Gemeinderat Genossenschaft Mehrgenerationenhaus Digitalisierung Radweg "
    "Dorfgemeinschaft Gesundheit Ortsmitte Wohnen Begegnung Kultur Verein"
).split()


def _pick(rng, vocabulary, most=3):
    tokens = [token for token, _title in terms(vocabulary)]
    return rng.sample(tokens, rng.randint(1, min(most, len(tokens))))


def text(rng, words):
    """A sentence of ``words`` words drawn with ``rng`` from ``WORDS`` (the
    texts of the practice examples here, of ``scale_data.py``'s and of the
    stock site's Documents)."""
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def example_values(rng, number, municipality):
    """The fields of generated practice example ``number`` in
    ``municipality``, drawn with ``rng`` (the search-quality tests build
    their sample of generated examples with it too)."""
    body = "".join(f"<p>{text(rng, 60)}</p>" for _ in range(4))
    return dict(
        id=f"bench-{number:05d}",
        title=f"{rng.choice(WORDS)} in {municipality.Title()} ({number})",
        description=f"Demo-Inhalt: {text(rng, 20)}",
        municipality=relation_to(municipality),
        topics=_pick(rng, "topics"),
        trends=_pick(rng, "trends"),
        target_groups=_pick(rng, "target_groups"),
        fields_of_action=_pick(rng, "fields_of_action"),
        programmes=_pick(rng, "programmes", most=1),
        project_status=rng.choice(["geplant", "laufend", "abgeschlossen"]),
        start=date(rng.randint(2014, 2026), rng.randint(1, 12), 1),
        initial_situation=RichTextValue(body, "text/html", "text/x-html-safe"),
        demo=True,
    )


def main(app):
    """Create the examples; print how many there are now."""
    app = makerequest(app)
    site = app["Plone"]
    setSite(site)
    admin = app.acl_users.getUserById("admin").__of__(app.acl_users)
    rng = random.Random(SEED)
    # Nobody is notified of generated content.
    with api.env.adopt_user(user=admin), notifications.silenced():
        # Generated examples are not edited: no initial version for each
        # (CMFEditions would store 10,000 versions and triple the time).
        repository = api.portal.get_tool("portal_repository")
        repository.setVersionableContentTypes(
            [
                t
                for t in repository.getVersionableContentTypes()
                if t != "PracticeExample"
            ]
        )
        municipalities = [
            brain.getObject()
            for brain in api.content.find(
                portal_type="Municipality", review_state="published", sort_on="id"
            )
        ]
        container = site["praxisbeispiele"]
        for number in tqdm(range(COUNT), desc="practice examples", file=sys.stderr):
            example = api.content.create(
                container=container,
                type="PracticeExample",
                **example_values(rng, number, rng.choice(municipalities)),
            )
            api.content.transition(obj=example, to_state="published")
            if (number + 1) % BATCH == 0:
                processQueue()
                transaction.commit()
        processQueue()
        transaction.commit()
        total = len(api.content.find(portal_type="PracticeExample"))
    print(total)


if __name__ == "__main__":
    main(app)  # noqa: F821 - zconsole binds ``app``
    sys.exit(0)
