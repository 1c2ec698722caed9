"""Fill empty German translations with the German default texts.

Usage: ``python scripts/fill_translations.py <po-file>`` (part of
``make i18n``). Messages of the ``zumo`` domain are German from the start:
ids in code carry German defaults (``_("label_goals", default="Ziele")``),
and titles in profiles and templates (types, workflows, behaviors) are German
text used as the id. The German catalogue starts from them; translations
already in the file are kept, except fuzzy ones: when a German default
changes, ``i18ndude sync`` marks the old text fuzzy, and the new default
replaces it. The files are read and written with polib.
"""

from pathlib import Path

import polib
import sys


#: i18ndude writes the default of a message as an extracted comment.
DEFAULT = 'Default: "'


def default_of(entry):
    """Return the German default of ``entry`` (``None`` if it has none)."""
    for line in entry.comment.splitlines():
        if line.startswith(DEFAULT) and line.endswith('"'):
            return polib.unescape(line[len(DEFAULT) : -1])
    return None


def fill(catalogue):
    """Fill empty and fuzzy entries of ``catalogue`` in place; return a count."""
    count = 0
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        default = default_of(entry)
        if entry.fuzzy and default is not None:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None
            entry.msgstr = default
            count += 1
        elif not entry.msgstr:
            entry.msgstr = default if default is not None else entry.msgid
            count += 1
    return count


def main(paths):
    """Fill the given .po files in place and report the numbers."""
    for path in map(Path, paths):
        catalogue = polib.pofile(str(path), wrapwidth=0)
        count = fill(catalogue)
        catalogue.save()
        print(f"{path}: {count} translations taken from the German texts")


if __name__ == "__main__":
    main(sys.argv[1:])
