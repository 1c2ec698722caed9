"""Fill empty German translations with the German default texts.

Usage: ``python scripts/fill_translations.py <po-file>`` (part of
``make i18n``). Messages of the ``zumo`` domain are German from the start:
ids in code carry German defaults (``_("label_goals", default="Ziele")``),
and titles in profiles and templates (types, workflows, behaviors) are German
text used as the id. The German catalogue starts from them; translations
already in the file are kept, except fuzzy ones: when a German default
changes, ``i18ndude sync`` marks the old text fuzzy, and the new default
replaces it.
"""

from pathlib import Path

import re
import sys


ENTRY = re.compile(
    r'(#\. Default: "(?P<default>(?:[^"\\]|\\.)*)"\n(?:#[^\n]*\n)*'
    r'msgid "(?P<msgid>(?:[^"\\]|\\.)*)"\n)msgstr ""\n(?!")'
)
# An entry whose default changed: i18ndude marked the old translation fuzzy.
FUZZY = re.compile(
    r'(#\. Default: "(?P<default>(?:[^"\\]|\\.)*)"\n(?:#[:.] [^\n]*\n)*)#, fuzzy\n'
    r'((?:#\|[^\n]*\n)*msgid "(?:[^"\\]|\\.)*"\n)msgstr "(?:[^"\\]|\\.)*"\n'
)
# An entry without a default whose id is the German text itself.
TEXT_ENTRY = re.compile(r'(msgid "(?P<msgid>(?:[^"\\]|\\.)+)"\n)msgstr ""\n(?!")')


def fill(text):
    """Return ``text`` with empty msgstr replaced by the default; and a count."""
    count = 0

    def replace(match):
        nonlocal count
        count += 1
        return f'{match.group(1)}msgstr "{match.group("default")}"\n'

    def copy(match):
        nonlocal count
        count += 1
        return f'{match.group(1)}msgstr "{match.group("msgid")}"\n'

    def refresh(match):
        nonlocal count
        count += 1
        return f'{match.group(1)}{match.group(3)}msgstr "{match.group("default")}"\n'

    text = FUZZY.sub(refresh, text)
    text = ENTRY.sub(replace, text)
    return TEXT_ENTRY.sub(copy, text), count


def main(paths):
    """Fill the given .po files in place and report the numbers."""
    for path in map(Path, paths):
        text, count = fill(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {count} translations taken from the German texts")


if __name__ == "__main__":
    main(sys.argv[1:])
