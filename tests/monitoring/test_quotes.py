"""The monitoring pages quote seed 003 word for word, each quote in its line."""

from pathlib import Path
from zumo.content import monitoring

import pytest


SEEDS = Path(__file__).parents[2] / "docs" / "seeds"


def _lines(seed):
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("key", sorted(monitoring.quotes()))
def test_quote_is_in_its_lines(key):
    """The quote is the text of its lines (the slide's marks ``*`` left
    out, a line break read as a space), starting in the line it names."""
    quote = monitoring.quote(key)
    lines = _lines(quote["seed"])
    first, last = quote["line"], quote.get("to_line", quote["line"])
    text = " ".join(line.replace("*", "").strip() for line in lines[first - 1 : last])
    assert quote["quote"] in text
    assert (
        text.startswith(quote["quote"].split()[0])
        or quote["quote"].split()[0] in (lines[first - 1])
    )


def test_the_document_names_itself():
    """The source as the document writes it (title, speaker, event, date)."""
    text = "\n".join(_lines("003"))
    source = monitoring.source()
    assert source["title"].strip("„“") in text.replace("***", "").replace("\n", " ")
    assert source["event"] in text
    assert source["date"] in text
    assert "Dieter Assel" in source["kind"]
