"""The interface's translation catalogues (``core/locale/<lang>/LC_MESSAGES/django.po``).

The ``.po`` files are committed; the compiled ``.mo`` files are not. They are built with polib
(installed with wagtail-localize), so running the site needs no GNU gettext: ``make run`` calls
``manage.py compile_translations`` and the test suite compiles them when they are missing or
older than their ``.po``. Updating the catalogues from the code (``make messages``) does need
GNU gettext; CI runs it and fails when the committed catalogues differ from the code or leave a
string untranslated.

A server whose compiled catalogues are missing or older than their ``.po`` would silently show
French (or outdated English) on English pages: ``uncompiled`` names them, for the system check
``core.E002`` (``core/checks.py``: ``runserver``, ``migrate`` and ``check`` refuse to go on)
and for ``/sante/`` (``core/health.py``: the load balancer takes the server out).
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Our wording of Wagtail's own strings, written by hand (see its .po files' header).
WORDING_DIR = Path(__file__).resolve().parent / "wording" / "locale"


def catalogues(locale_dir=LOCALE_DIR):
    found = sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
    if locale_dir == LOCALE_DIR:
        found += sorted(WORDING_DIR.glob("*/LC_MESSAGES/*.po"))
    return found


def compile_catalogues(locale_dir=LOCALE_DIR, force=False):
    """Compile every ``.po`` whose ``.mo`` is missing or older; return the compiled paths."""
    compiled = []
    for po_path in catalogues(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(mo_path)
    return compiled


def uncompiled(locale_dir=LOCALE_DIR):
    """{catalogue: problem} for every ``.po`` whose ``.mo`` is missing or older than it."""
    problems = {}
    for po_path in catalogues(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        name = str(po_path.relative_to(locale_dir.parent))
        if not mo_path.exists():
            problems[name] = "not compiled"
        elif mo_path.stat().st_mtime < po_path.stat().st_mtime:
            problems[name] = "compiled before its last change"
    return problems


def incomplete(locale_dir=LOCALE_DIR):
    """{catalogue: problem} for every catalogue with untranslated or fuzzy strings."""
    problems = {}
    for po_path in catalogues(locale_dir):
        catalogue = polib.pofile(str(po_path))
        untranslated = len(catalogue.untranslated_entries())
        fuzzy = len(catalogue.fuzzy_entries())
        if untranslated or fuzzy:
            name = str(po_path.relative_to(locale_dir.parent))
            problems[name] = f"{untranslated} untranslated, {fuzzy} fuzzy"
    return problems


def fill_source_catalogue(language, locale_dir=LOCALE_DIR):
    """The source language's catalogue translates each string to itself: after ``makemessages``
    (which leaves new strings empty and may guess a fuzzy translation from a similar string)."""
    path = locale_dir / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.save(str(path))
