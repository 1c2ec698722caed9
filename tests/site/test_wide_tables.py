"""Wide tables scroll inside their own box: every table in our templates
sits in a region the keyboard reaches (``tabindex=0``), named for screen
readers, that scrolls sideways instead of widening or cutting the page."""

from lxml import html
from pathlib import Path

import pytest


SOURCES = Path(__file__).parents[2] / "src" / "zumo"
TEMPLATES = sorted(
    path for path in SOURCES.rglob("*.pt") if "<table" in path.read_text()
)


def named(element):
    """Whether the element has an accessible name of its own."""
    dynamic = element.get("tal:attributes", "")
    return any(
        element.get(attribute) or attribute in dynamic
        for attribute in ("aria-label", "aria-labelledby")
    )


def scroll_box(table):
    """The nearest ancestor that is the table's scrolling region, or ``None``."""
    for ancestor in table.iterancestors():
        if "zumo-table-scroll" in ancestor.get("class", "").split():
            return ancestor
    return None


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_every_table_scrolls_in_a_named_focusable_region(path):
    document = html.fromstring(path.read_text())
    tables = document.iter("table")
    for number, table in enumerate(tables, 1):
        box = scroll_box(table)
        assert box is not None, f"{path.name}: table {number} has no scroll box"
        assert box.get("tabindex") == "0", f"{path.name}: table {number}"
        assert box.get("role") == "region", f"{path.name}: table {number}"
        assert named(box), f"{path.name}: table {number} has an unnamed region"


def test_the_scroll_box_scrolls():
    """The stylesheet lets the box scroll sideways and shows its focus."""
    css = (SOURCES / "policy" / "browser" / "static" / "zumo.css").read_text()
    rule = css.split(".zumo-table-scroll {", 1)[1].split("}", 1)[0]
    assert "overflow-x: auto" in rule
    assert ".zumo-table-scroll:focus-visible" in css
