"""Controlled vocabularies of the network, read from ``data/vocabularies.json``.

Each vocabulary is registered as the named utility
``zumo.vocabularies.<name>``. Stored values are the stable ASCII tokens;
titles are German.
"""

from functools import cache
from pathlib import Path
from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
from zumo.content import procedures

import json


DATA_FILE = Path(__file__).parents[1] / "data" / "vocabularies.json"
PREFIX = "zumo.vocabularies."


@cache
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def names():
    """Return the short names of all vocabularies (``topics``, ...)."""
    return list(_data())


def terms(name):
    """Return ``[(token, title), ...]`` of vocabulary ``name``.

    Raises ``KeyError`` for an unknown vocabulary.
    """
    return [(term[0], term[1]) for term in _data()[name]["terms"]]


def choice_list(name, title, description=""):
    """An optional field holding several tokens of vocabulary ``name``."""
    return schema.List(
        title=title,
        description=description,
        value_type=schema.Choice(vocabulary=PREFIX + name),
        required=False,
        default=[],
    )


@cache
def _titles(name):
    return dict(terms(name))


def title_of(name, token, default=None):
    """Return the German title of ``token`` in vocabulary ``name``."""
    return _titles(name).get(token, default)


def source(name):
    """Return where the terms of vocabulary ``name`` come from (English)."""
    return _data()[name]["source"]


def details(name, key):
    """Return the entry ``key`` that vocabulary ``name`` carries besides its
    terms (e.g. ``call`` of ``koquma_modules``); ``KeyError`` if missing."""
    return _data()[name][key]


def own(name, token):
    """Return how term ``token`` of vocabulary ``name`` is the network's own.

    ``None`` for a term its source document gives; for the network's own
    terms (the vocabulary's ``own``: its ``terms``, ``"*"`` for all)
    ``{"source": text or None, "url": address or None}``: the public source
    the network took the term from, shown beside the note "eigene
    Festlegung des Netzwerks".
    """
    marks = _data()[name].get("own")
    if not marks or (marks["terms"] != "*" and token not in marks["terms"]):
        return None
    return {"source": marks.get("source"), "url": marks.get("url")}


def guidance(name, token):
    """Return the guidance sub-points of ``token`` in vocabulary ``name``.

    Only vocabularies whose source gives sub-points per term carry them
    (the six implementation factors); others return an empty list.
    """
    return list(_data()[name].get("guidance", {}).get(token, ()))


def size_class(population):
    """Return the size-class token for a ``population``, or ``None`` if unknown."""
    if population is None:
        return None
    token = None
    for term in _data()["size_classes"]["terms"]:
        if population >= term[2]:
            token = term[0]
    return token


@implementer(IVocabularyFactory)
class DataVocabulary:
    """A vocabulary factory for one entry of the data file."""

    def __init__(self, name):
        self.name = name

    def __call__(self, context=None):
        """Return the vocabulary with tokens as values."""
        return SimpleVocabulary(
            [SimpleTerm(value=token, token=token, title=title)
             for token, title in terms(self.name)]
        )  # fmt: skip


topics = DataVocabulary("topics")
trends = DataVocabulary("trends")
target_groups = DataVocabulary("target_groups")
programmes = DataVocabulary("programmes")
regions = DataVocabulary("regions")
size_classes = DataVocabulary("size_classes")
koquma_modules = DataVocabulary("koquma_modules")
participation_formats = DataVocabulary("participation_formats")
fields_of_action = DataVocabulary("fields_of_action")
municipality_status = DataVocabulary("municipality_status")
project_status = DataVocabulary("project_status")
action_plan_kinds = DataVocabulary("action_plan_kinds")
workshop_formats = DataVocabulary("workshop_formats")
qualification_status = DataVocabulary("qualification_status")
review_criteria = DataVocabulary("review_criteria")
review_scores = DataVocabulary("review_scores")
review_levels = DataVocabulary("review_levels")
curricula = DataVocabulary("curricula")
module_formats = DataVocabulary("module_formats")
cohort_formats = DataVocabulary("cohort_formats")
qualification_audiences = DataVocabulary("qualification_audiences")
competences = DataVocabulary("competences")
states = DataVocabulary("states")
municipality_kinds = DataVocabulary("municipality_kinds")
notification_settings = DataVocabulary("notification_settings")
evaluation_intervals = DataVocabulary("evaluation_intervals")
project_group_categories = DataVocabulary("project_group_categories")
procedure_step_status = DataVocabulary("procedure_step_status")


@implementer(IVocabularyFactory)
class ProceduresVocabulary:
    """The paths of the programmes (``data/procedures.json``), or with
    ``steps`` the steps of all paths, each id once."""

    def __init__(self, steps=False):
        self.steps = steps

    def __call__(self, context=None):
        """Return the vocabulary with ids as values."""
        if self.steps:
            items = procedures.step_terms()
        else:
            items = [
                (name, path["title"]) for name, path in procedures.PROCEDURES.items()
            ]
        return SimpleVocabulary(
            [SimpleTerm(value=token, token=token, title=title)
             for token, title in items]
        )  # fmt: skip


procedure_paths = ProceduresVocabulary()
procedure_steps = ProceduresVocabulary(steps=True)
