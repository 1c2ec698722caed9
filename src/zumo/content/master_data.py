"""Where a municipality's master data come from, in words a visitor reads.

The master data file (``data/municipalities_bw.csv``) names each row's
sources technically, for whoever rebuilds it: the packages that shipped the
data, their versions, what they leave unsaid. A visitor needs the publisher,
the product, the date of the data and the licence. The translation of one
into the other is data (``data/master_data_sources.json``, one place); a
source text it does not know (a partner's, an editor's) is shown as it is.
"""

from functools import cache
from pathlib import Path

import json
import re


DATA_FILE = Path(__file__).parent / "data" / "master_data_sources.json"
#: An 8-digit Amtlicher Gemeindeschlüssel inside a label.
AGS = re.compile(r"\b(\d{8})\b")


@cache
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _segments(text):
    """``text`` split at ``"; "`` outside parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part for part in parts if part]


def _label(label):
    keys = AGS.findall(label)
    pattern = AGS.sub("{ags}", label)
    plain = _data()["labels"].get(pattern)
    if plain is None:
        return label
    return plain.format(ags=keys[0]) if keys else plain


def source_note(text):
    """The parts of the source note for the technical source ``text``.

    Returns a list of dicts, one per part: ``label`` (what comes from
    there, ``None`` for a part that is only text), and either ``origin``
    (``title``, ``url``, ``date``, ``licence``, ``licence_url`` of a known
    source) or ``text`` (the words to show). Empty for no text.
    """
    data = _data()
    parts = []
    for segment in _segments(text or ""):
        label, separator, rest = segment.partition(": ")
        if not separator:
            label, rest = None, segment
        origin = data["origins"].get(rest)
        parts.append(
            {
                "label": _label(label) if label else None,
                "origin": origin,
                "text": None if origin else data["texts"].get(rest, rest),
            }
        )
    return parts
