"""The German translation of the ``zumo`` domain is complete and in use."""

from pathlib import Path
from zope.i18n import translate

import re


LOCALES = Path(__file__).parents[2] / "src" / "zumo" / "policy" / "locales"


def _entries(po_file):
    """Return (msgid, msgstr) pairs of a .po file, header excluded."""
    text = po_file.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"', text, re.MULTILINE)
    return [(msgid, msgstr) for msgid, msgstr in pairs if msgid]


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
    po = (LOCALES / "de" / "LC_MESSAGES" / "zumo.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po
