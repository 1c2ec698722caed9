"""The matched words of a search, marked in a result's text.

A word of the text matches when its index terms meet the search's (both
through ``zumo.content.search.analysis.tokens``, the catalog's own German
analysis): "Jugendlichen" matches a search for "Jugend" just as the search
found it. The last word of a search is also matched as a prefix, as the
search matches the word being typed. Everything else is HTML-escaped, so
the result is safe to insert as markup.
"""

from html import escape
from zumo.content.search import analysis


def highlight(text, term):
    """``text`` as HTML with the words that match the search ``term`` in
    ``<mark>``; the text escaped and nothing marked without a term."""
    text = text or ""
    searched = analysis.words(term or "")
    wanted = set(analysis.tokens(" ".join(searched)))
    typing = analysis.tokens(searched[-1]) if searched else []
    parts = []
    done = 0
    for word in analysis.words(text) if wanted else ():
        start = text.find(word, done)
        if start < 0:
            continue
        terms = analysis.tokens(word)
        matches = wanted.intersection(terms) or any(
            found.startswith(prefix) for found in terms for prefix in typing
        )
        parts.append(escape(text[done:start]))
        parts.append(f"<mark>{escape(word)}</mark>" if matches else escape(word))
        done = start + len(word)
    parts.append(escape(text[done:]))
    return "".join(parts)
