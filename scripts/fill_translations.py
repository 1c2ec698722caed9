"""Fill empty German translations with the German default texts.

Usage: ``python scripts/fill_translations.py <po-file>`` (part of
``make i18n``). The message ids of the ``zumo`` domain carry German
defaults (``_("label_goals", default="Ziele")``), so the German catalogue
starts from them; translations already edited in the file are kept.
"""

from pathlib import Path

import re
import sys


ENTRY = re.compile(
    r'(#\. Default: "(?P<default>(?:[^"\\]|\\.)*)"\n(?:#[^\n]*\n)*'
    r'msgid "(?P<msgid>(?:[^"\\]|\\.)*)"\n)msgstr ""\n(?!")'
)


def fill(text):
    """Return ``text`` with empty msgstr replaced by the default; and a count."""
    count = 0

    def replace(match):
        nonlocal count
        count += 1
        return f'{match.group(1)}msgstr "{match.group("default")}"\n'

    return ENTRY.sub(replace, text), count


def main(paths):
    """Fill the given .po files in place and report the numbers."""
    for path in map(Path, paths):
        text, count = fill(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {count} translations taken from the German defaults")


if __name__ == "__main__":
    main(sys.argv[1:])
