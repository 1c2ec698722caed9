"""German analysis of the catalog's full text (the lexicon ``zumo_lexicon``).

Two ZCTextIndex pipeline elements, registered with ZCTextIndex's element
factory as Plone registers its own splitter (Products.CMFPlone.UnicodeSplitter):

* ``Splitter`` cuts a text into words the way Plone's splitter does (Unicode
  word characters after NFKC); a hyphenated word gives its joined form and
  its parts.
* ``GermanAnalysis`` turns each word into its index terms: the folded surface
  form (case, accents, umlauts and ß folded), its Snowball German stem
  (PyStemmer; the stemmer itself maps ae/oe/ue to the umlauts), and for a
  compound noun, split by compound-split, the stems of its parts and of every
  contiguous run of parts ("Klimaschutz" finds "Klimaschutzpaten") and the
  surface forms of its tails, so that a prefix typed by a visitor
  ("Beteiligu*") reaches the parts too.

A query goes through the same pipeline. ZCTextIndex first reduces each query
word to one folded surface form (``processGlob``), so glob patterns match
surface forms and a phrase keeps one word per position; the index then looks
that word up as its surface form and its stem (``process``), and never
splits it: ZCTextIndex unions the ids of one term, so splitting
"Klimaschutz" would find every "Schutz". A document's words give their
surface forms and stems first, in their order, and the terms of compound
parts after all of them, so that a quoted phrase finds its words side by
side ("Dorfladen eröffnet"). Query words arrive folded to lower case, and only
capitalised words (nouns) are split, so a query never loads the splitter's
model.
"""

from Products.ZCTextIndex.interfaces import ISplitter
from Products.ZCTextIndex.PipelineFactory import element_factory
from zope.interface import implementer

import functools
import importlib
import pkgutil
import re
import Stemmer
import sys
import threading
import types
import unicodedata


LEXICON_ID = "zumo_lexicon"
SPLITTER_GROUP = "Word Splitter"
SPLITTER_NAME = "ZUMO German splitter"
ANALYSIS_GROUP = "Stemmer"
ANALYSIS_NAME = "ZUMO German analysis"

# Word characters as Plone's splitter takes them, joined by hyphens.
HYPHENATED = re.compile(r"\w+(?:-\w+)*")
WORD = re.compile(r"\w+")
# A query word may hold glob characters; ZCTextIndex refuses a leading one.
GLOB_WORD = re.compile(r"\w[\w*?]*")

# compound-split only splits where both sides keep four letters or more.
SHORTEST_COMPOUND = 8
# Enough distinct words for a large network; each entry is a short tuple.
CACHED_WORDS = 100_000

DUTCH_MODEL = "compound_split.nl_ngram_probs"


def fold(word):
    """Return ``word`` in lower case without accents: "Dorfläden" ->
    "dorfladen", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A PyStemmer stemmer must not be shared between threads.
_per_thread = threading.local()


def stem(word):
    """Return the Snowball German stem of an already folded word."""
    stemmer = getattr(_per_thread, "stemmer", None)
    if stemmer is None:
        stemmer = _per_thread.stemmer = Stemmer.Stemmer("german")
    return stemmer.stemWord(word)


@functools.cache
def _compound_splitter():
    """compound-split's splitter with its German dictionary, loaded on first
    use (~3 s, ~320 MB).

    It is imported here, not at the top, because its German model is large
    and only indexing needs it. Its ``char_split`` module also imports the
    Dutch model (~90 MB, 0.5 s) that German splitting never reads; an empty
    module in its place keeps it out of memory. Its own dictionary loader
    (``doc_split.load_dict``, version 1.0.2) adds the file's characters
    instead of its lines, so the known words are given to it here, through
    its ``add_additional_known_words``.
    """
    sys.modules.setdefault(DUTCH_MODEL, types.ModuleType(DUTCH_MODEL))
    doc_split = importlib.import_module("compound_split.doc_split")
    doc_split.load_known_words()
    config = doc_split.doc_config
    for name in (config.DEFAULT_DICT, config.DE_MISC_DICT):
        data = pkgutil.get_data(doc_split.__name__, name).decode("utf-8")
        doc_split.add_additional_known_words(
            [
                line.strip()
                for line in data.splitlines()
                if line.strip()[:1] not in ("", "#")
            ]
        )
    return doc_split


def _known(word):
    """Whether ``word``, or ``word`` without its joining letters ("Handlungs"
    -> "Handlung"), is a word of compound-split's German dictionary."""
    return _compound_splitter().find_root(word) is not None


def _split(word, whole=True):
    """compound-split's maximal split of ``word`` (the best split into a
    first part and a head, the first part split again), with its German
    dictionary: a known first part is not split again ("Bildungslandschaft"
    -> Bildungs, Landschaft; not Bild, Ungs, Landschaft), and a known word
    is split only into known words ("Regierung" stays whole, not Regi and
    Rung), while a compound the dictionary does not know gives its parts
    ("Klimaschutzpaten" -> Klima, Schutz, Paten)."""
    known = _known(word)
    if known and not whole:
        return [word]
    score, first, last = _compound_splitter().char_split.split_compound(word)[0]
    if score <= 0 or first == last or len(first) < 4 or len(last) < 4:
        return [word]
    if known and not (_known(first) and _known(last)):
        return [word]
    return _split(first, whole=False) + [last]


@functools.lru_cache(maxsize=CACHED_WORDS)
def compound_parts(word):
    """Return the parts of a German compound noun as folded strings, or a
    one-item tuple when ``word`` is no compound: "Jugendgemeinderat" ->
    ("jugend", "gemeinderat"), "Handlungskonzept" -> ("handlungs",
    "konzept")."""
    if len(word) < SHORTEST_COMPOUND or not word[0].isupper():
        return (fold(word),)
    return tuple(fold(part) for part in _split(word))


@functools.lru_cache(maxsize=CACHED_WORDS)
def word_terms(word):
    """Return the index terms of one word as two tuples: its own terms (the
    surface form first and its stem second: a query word is looked up by
    these two) and the terms of its compound parts."""
    if "-" in word:
        # The parts of a hyphenated word are words of their own.
        surface = fold(word.replace("-", ""))
        return _unique((surface, stem(surface))), ()
    surface = fold(word)
    own = _unique((surface, stem(surface)))
    terms = []
    parts = compound_parts(word)
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            if (start, end) != (0, len(parts)):
                terms.append(stem("".join(parts[start:end])))
        if start:
            terms.append("".join(parts[start:]))
    return own, tuple(term for term in _unique(terms) if term not in own)


def _unique(terms):
    """The terms in their order, each once."""
    return tuple(dict.fromkeys(term for term in terms if term))


def words(text):
    """Return the words of ``text`` as the splitter cuts them, as they are
    written (for highlighting)."""
    return WORD.findall(unicodedata.normalize("NFKC", text))


def tokens(text):
    """Return the index terms of ``text`` exactly as ``zumo_lexicon`` makes
    them (folded surface forms, stems, compound parts)."""
    return GermanAnalysis().process(Splitter().process([text]))


class _Element:
    """A stateless pipeline element: two of a kind are equal, so importing
    the catalog profile again finds the pipeline unchanged and keeps the
    lexicon (GenericSetup clears a lexicon whose pipeline differs)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))


@implementer(ISplitter)
class Splitter(_Element):
    """Cut texts into words (Unicode word characters, as Plone's splitter);
    a hyphenated word gives its joined form and then its parts."""

    def process(self, lst):
        """Words of the texts in ``lst``, for indexing and for a query term."""
        result = []
        for text in lst:
            for run in HYPHENATED.findall(unicodedata.normalize("NFKC", text)):
                if "-" in run:
                    result.append(run)
                    result.extend(run.split("-"))
                else:
                    result.append(run)
        return result

    def processGlob(self, lst):
        """Words of a query, keeping the glob characters ``*`` and ``?``."""
        return [
            word
            for text in lst
            for word in GLOB_WORD.findall(unicodedata.normalize("NFKC", text))
        ]


class GermanAnalysis(_Element):
    """Turn words into their German index terms (see the module's text)."""

    def process(self, lst):
        """All index terms of the words in ``lst``: each word's own terms in
        the order of the words, then the terms of their compound parts.

        A quoted phrase is found where its words' own terms stand side by
        side (ZCTextIndex compares positions); a query word is never split,
        so a compound's parts between two words would hide the phrase
        ("Dorfladen eröffnet").
        """
        own, parts = [], []
        for word in lst:
            terms, extra = word_terms(word)
            own.extend(terms)
            parts.extend(extra)
        return own + parts

    def processGlob(self, lst):
        """One folded surface form per query word; globs keep ``*``/``?``."""
        return [fold(word) for word in lst]


element_factory.registerFactory(SPLITTER_GROUP, SPLITTER_NAME, Splitter)
element_factory.registerFactory(ANALYSIS_GROUP, ANALYSIS_NAME, GermanAnalysis)
