"""The interface's catalogues: compiled without GNU gettext, incomplete ones reported."""

import polib

from core.catalogues import compile_catalogues, incomplete


def write_po(directory, language, entries):
    path = directory / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
    for msgid, msgstr, fuzzy in entries:
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
        if fuzzy:
            entry.flags.append("fuzzy")
        catalogue.append(entry)
    catalogue.save(str(path))
    return path


def test_compiles_missing_or_stale_catalogues_only(tmp_path):
    po = write_po(tmp_path, "en", [("Aides", "Aids", False)])
    assert compile_catalogues(tmp_path) == [po.with_suffix(".mo")]
    assert compile_catalogues(tmp_path) == []  # up to date
    compiled = polib.mofile(str(po.with_suffix(".mo")))
    assert compiled.find("Aides").msgstr == "Aids"


def test_reports_untranslated_and_fuzzy_strings(tmp_path):
    write_po(tmp_path, "en", [("Aides", "", False), ("Prêt", "Loan", True), ("Oui", "Yes", False)])
    write_po(tmp_path, "fr", [("Aides", "Aides", False)])
    assert incomplete(tmp_path) == {
        f"{tmp_path.name}/en/LC_MESSAGES/django.po": "1 untranslated, 1 fuzzy"
    }
