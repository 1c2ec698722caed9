"""The German translation of the ``zumo`` domain is complete and in use."""

from pathlib import Path
from zope.i18n import translate

import polib
import pytest


LOCALES = Path(__file__).parents[2] / "src" / "zumo" / "policy" / "locales"


def _entries(po_file):
    """Return (msgid, msgstr) pairs of a .po or .pot file, header excluded.

    The comments i18ndude puts above the header of a template
    (``#--- PLEASE EDIT ...``) are not gettext comments; polib reads from
    the header on.
    """
    text = po_file.read_text(encoding="utf-8")
    catalogue = polib.pofile(text[text.index('msgid ""') :])
    return [(entry.msgid, entry.msgstr) for entry in catalogue]


def test_german_catalogue_is_complete():
    """Every message of the template has a German translation."""
    template = {msgid for msgid, _ in _entries(LOCALES / "zumo.pot")}
    german = dict(_entries(LOCALES / "de" / "LC_MESSAGES" / "zumo.po"))
    assert template, "the message catalogue is empty"
    assert template <= set(german), "run make i18n"
    assert [msgid for msgid in template if not german[msgid]] == []


def test_translation_is_used(portal):
    """Messages of the zumo domain come out German."""
    assert (
        translate("ZUMO Network: site policy", domain="zumo", target_language="de")
        == "ZUMO Netzwerk: Seitenrichtlinie"
    )


def test_catalogue_is_current(tmp_path):
    """Every message in the code is in the German catalogue (run make i18n)."""
    import shutil
    import subprocess
    import sys

    i18ndude = shutil.which("i18ndude", path=str(Path(sys.executable).parent))
    pot = tmp_path / "zumo.pot"
    pot.write_text((LOCALES / "zumo.pot").read_text(encoding="utf-8"))
    subprocess.run(
        [i18ndude, "rebuild-pot", "--pot", str(pot), "--create", "zumo",
         str(LOCALES.parents[1])],
        check=True, capture_output=True,
    )  # fmt: skip
    in_code = {msgid for msgid, _ in _entries(pot)}
    german = dict(_entries(LOCALES / "de" / "LC_MESSAGES" / "zumo.po"))
    assert sorted(in_code - set(german)) == []
    assert [msgid for msgid in in_code if not german[msgid]] == []


def test_no_fuzzy_translations():
    """No translation is marked fuzzy (fuzzy entries are left out of the .mo)."""
    german = polib.pofile(str(LOCALES / "de" / "LC_MESSAGES" / "zumo.po"))
    assert [entry.msgid for entry in german.fuzzy_entries()] == []


def test_fill_takes_the_german_defaults(tmp_path):
    """make i18n fills empty entries and refreshes fuzzy ones from the defaults."""
    import importlib.util

    script = LOCALES.parents[3] / "scripts" / "fill_translations.py"
    spec = importlib.util.spec_from_file_location("fill_translations", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    po = tmp_path / "zumo.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#. Default: "Ziele „neu“"\nmsgid "label_goals"\nmsgstr ""\n\n'
        '#. Default: "Neuer Text"\n#, fuzzy\n#| msgid "label_old"\n'
        'msgid "label_changed"\nmsgstr "Alter Text"\n\n'
        'msgid "Eingereicht"\nmsgstr ""\n\n'
        'msgid "Kept"\nmsgstr "Behalten"\n',
        encoding="utf-8",
    )
    module.main([str(po)])
    german = dict(_entries(po))
    assert german == {
        "label_goals": "Ziele „neu“",
        "label_changed": "Neuer Text",
        "Eingereicht": "Eingereicht",
        "Kept": "Behalten",
    }
    assert polib.pofile(str(po)).fuzzy_entries() == []


@pytest.mark.parametrize(
    ("domain", "msgid", "german"),
    [
        ("plone", "Pin", "Anheften"),
        ("plone", "label_toggle_navigation", "Navigation ein- und ausblenden"),
        ("plone", "breadcrumb", "Sie sind hier"),
        ("widgets", "clear search", "Suche leeren"),
        ("z3c.form", "Show default value", "Vorgabewert anzeigen"),
        ("collective.easyform", "label_autofocus", "Den Cursor ins erste Feld setzen"),
    ],
)
def test_stock_messages_upstream_leaves_english(portal, domain, msgid, german):
    """Plone's messages without a German translation upstream come out
    German from the policy's catalogues of those domains, beside the
    upstream ones (src/zumo/policy/locales/de/LC_MESSAGES/<domain>.po)."""
    assert translate(msgid, domain=domain, target_language="de") == german


def test_stock_catalogues_are_complete():
    """Each message of the policy's catalogues of Plone's domains has its
    German text (an empty one would leave the English default)."""
    for po_file in (LOCALES / "de" / "LC_MESSAGES").glob("*.po"):
        if po_file.name == "zumo.po":
            continue
        ours = polib.pofile(str(po_file))
        assert [entry.msgid for entry in ours if not entry.msgstr] == []


#: Named HTML entities of letters (``&Auml;``, ``&szlig;`` …). A translation
#: is inserted as text, so such an entity would be shown to the reader as
#: written; templates keep the letters themselves, as their translations do.
LETTER_ENTITY = r"&[A-Za-z]+(?:uml|lig|grave|acute|circ);"


def test_no_letters_written_as_entities():
    """Templates and the German catalogue write umlauts and ß as letters."""
    import re

    sources = Path(__file__).parents[2] / "src" / "zumo"
    found = [
        f"{path.relative_to(sources)}:{number}"
        for path in [*sources.rglob("*.pt"), LOCALES / "de" / "LC_MESSAGES" / "zumo.po"]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(LETTER_ENTITY, line)
    ]
    assert found == []
