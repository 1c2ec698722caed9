"""The words of seed 003 that the monitoring pages quote (``data/monitoring.json``).

Each quote carries the seed and its line (``to_line`` where the slide
breaks it over several lines); ``tests/monitoring/test_quotes.py`` finds
each in those lines of ``docs/seeds/``. The pages show the quote with the
document's own title, never the seed number.
"""

from functools import cache
from pathlib import Path

import json


DATA_FILE = Path(__file__).parent / "data" / "monitoring.json"


@cache
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def quote(key):
    """The quote ``key`` (``monitoring``, ``target_matrix``, ...): a dict
    with ``seed``, ``line``, ``quote`` and maybe ``to_line``."""
    return _data()["quotes"][key]


def quotes():
    """All quotes, ``{key: quote}``."""
    return dict(_data()["quotes"])


def source():
    """The quoted document as it names itself: ``title``, ``kind``,
    ``event``, ``date``."""
    return dict(_data()["source"])
