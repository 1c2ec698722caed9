"""What a visitor's typed words become as a query of ``SearchableText``.

The one function the finder, the site search ``@@search``, REST ``@search``
and the directory use, so that all of them find the same.
"""

from zumo.content import _
from zumo.content.search.analysis import words

import re


#: The full-text index of the catalog that every search of the site asks.
TEXT = "SearchableText"
#: What every search says to typed text without a word ("???"): REST
#: ``@search`` as its 400, the finder, the directory and ``@@search`` beside
#: their search field; none of them searches by it.
NO_WORD = _(
    "error_search_term",
    default="Nach diesem Suchbegriff kann nicht gesucht werden. Bitte "
    "geben Sie ein Wort mit Buchstaben oder Ziffern ein.",
)

# ZCTextIndex reads these words as operators; typed by a visitor they are words.
OPERATORS = frozenset(("and", "or", "not"))
PHRASE = re.compile(r'"([^"]*)"')
# A word needs a letter or digit; an underscore alone is none.
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# A glob on a single letter would reach a large part of the lexicon.
SHORTEST_PREFIX = 2


def _atom(word):
    """``word`` as a ZCTextIndex term, an operator quoted."""
    return f'"{word}"' if word.casefold() in OPERATORS else word


def _typed_words(text):
    """The words of ``text`` that hold a letter or digit."""
    return [word for word in words(text) if LETTER_OR_DIGIT.search(word)]


def text_query(term, every_prefix=False):
    """Return the ZCTextIndex query for the words ``term`` a visitor typed,
    or None when it holds no word.

    As Plone's ``munge_search_term``: the words must all occur (AND), quoted
    phrases stay phrases, operators and punctuation are taken as text, and
    the last word also matches as the prefix of a longer word (it may still
    be being typed): "Bürger Beteiligu" -> 'Bürger AND (Beteiligu OR
    Beteiligu*)'. Each word is matched through the German analysis of the
    lexicon (stems, compound parts), the prefix against the words' surface
    forms. With ``every_prefix`` every word may be a beginning (the name
    search of the directory: "Ba Ur" finds "Bad Urach").
    """
    if not term:
        return None
    parts = []
    for phrase in PHRASE.findall(term):
        phrase_words = _typed_words(phrase)
        if phrase_words:
            parts.append('"{}"'.format(" ".join(phrase_words)))
    typed = _typed_words(PHRASE.sub(" ", term))
    beginnings = typed if every_prefix else typed[-1:]
    parts.extend(_atom(word) for word in typed[: len(typed) - len(beginnings)])
    for word in beginnings:
        if len(word) < SHORTEST_PREFIX:
            parts.append(_atom(word))
        else:
            parts.append(f"({_atom(word)} OR {word}*)")
    return " AND ".join(parts) or None


def without_word(term):
    """Whether ``term`` was typed but holds no word to search for ("???",
    "-"): every search refuses it with :data:`NO_WORD`. Nothing typed (or
    Plone's "*" for everything) is no search term, not a refused one."""
    return term.strip() not in ("", "*") and text_query(term) is None
