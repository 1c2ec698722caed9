""" "Meinten Sie …?": a corrected search from the words the site holds.

When a search finds nothing, each of its words that finds nothing on its
own is replaced by the nearest word of the catalog's text lexicon (the
words ``SearchableText`` indexes, as ``zumo.content.search.analysis.tokens``
makes them), measured with rapidfuzz; the corrected search is offered only
if it finds something for the visitor. Every candidate is tried through
``search``, the caller's own catalog query with the visitor's permissions,
so a word that only hidden content holds is never offered: nobody learns
about what they may not see through a suggestion.

Only an empty search gets a suggestion: a search that finds something
found what the visitor typed (with compounds, stems and the prefix of the
word being typed, a real word rarely finds just one or two), and a
suggestion beside results would mostly distract; the candidates' catalog
queries are paid only where they help.

The lexicon's words are read once per process and kept while the lexicon's
word count stays the same (a ZCTextIndex lexicon only grows), so a GET
reads, never writes.
"""

from Products.ZCTextIndex.ParseTree import ParseError
from rapidfuzz import fuzz
from rapidfuzz import process
from zumo.content.search import analysis
from zumo.content.search.query import TEXT


#: How alike (rapidfuzz's ratio, 0-100) a word of the lexicon must be to a
#: typed word: "Dorflden" and "dorfladen" are 94, "Kilma" and "klima" 80.
SIMILARITY = 78
#: Candidates tried per typed word, nearest first.
CANDIDATES = 5
#: Typed words looked at (a search is a few words, not a text).
WORDS = 6
#: Results whose title and description name the suggested word in its
#: written form (with umlauts and capitals).
SHOWN_FORMS = 5

#: ``{lexicon key: (word count, words)}``, one entry per lexicon.
_vocabularies = {}


def vocabulary(lexicon):
    """The lexicon's words as a list, cached per process while its word count
    stays the same."""
    connection = getattr(lexicon, "_p_jar", None)
    key = (
        id(connection.db()) if connection is not None else id(lexicon),
        getattr(lexicon, "_p_oid", None),
    )
    count = lexicon.length()
    cached = _vocabularies.get(key)
    if cached is None or cached[0] != count:
        cached = (count, list(lexicon.words()))
        _vocabularies[key] = cached
    return cached[1]


def lexicon_of(catalog):
    """The lexicon of the catalog's ``SearchableText`` index (an object of
    the catalog, named by the index)."""
    return getattr(catalog, catalog.Indexes[TEXT].lexicon_id)


def suggestion(catalog, text, search):
    """A corrected form of the search ``text``, or None.

    ``catalog``: the portal catalog, whose ``SearchableText`` index's
    lexicon holds the words to suggest. ``search``:
    a callable taking a search text and returning the catalog results of
    the caller's query with that text (same filters, the visitor's
    permissions). Returns the corrected text (written forms of the words,
    separated by spaces) if it differs from ``text`` and finds something;
    None otherwise.
    """
    typed = analysis.words(text)[:WORDS]
    if not typed:
        return None
    words = vocabulary(lexicon_of(catalog))
    corrected = [
        word if _found(search, word) else _nearest(words, word, search) or word
        for word in typed
    ]
    if corrected == typed:
        return None
    better = " ".join(corrected)
    return better if _found(search, better) else None


def _found(search, text):
    """The results of ``search`` for ``text``; none for a text the index
    cannot parse (a stop word alone)."""
    try:
        return search(text)
    except ParseError:
        return ()


def _nearest(words, word, search):
    """The nearest lexicon word to ``word`` that finds something, in its
    written form; None if none does."""
    own = set(analysis.tokens(word))
    scored = {}
    for term in own:
        for candidate, score, _index in process.extract(
            term, words, scorer=fuzz.ratio, limit=CANDIDATES, score_cutoff=SIMILARITY
        ):
            scored[candidate] = max(score, scored.get(candidate, 0))
    for candidate in sorted(scored, key=lambda c: (-scored[c], c)):
        if candidate in own:
            continue
        found = _found(search, candidate)
        if found:
            return written(candidate, found, word)
    return None


def written(term, found, typed):
    """The lexicon word ``term`` as the results ``found`` write it in their
    titles or descriptions ("Dorfläden" for "dorfladen"): the most alike of
    the words there that hold ``term``; else ``term``, capitalised like the
    ``typed`` word."""
    shown = " ".join(
        f"{brain.Title or ''} {brain.Description or ''}"
        for brain in found[:SHOWN_FORMS]
    )
    forms = {
        word: fuzz.ratio(term, word.lower())
        for word in analysis.words(shown)
        if term in analysis.tokens(word)
    }
    best = max(forms, key=forms.get, default=None)
    if best is not None and forms[best] >= SIMILARITY:
        return best
    return term[:1].upper() + term[1:] if typed[:1].isupper() else term
