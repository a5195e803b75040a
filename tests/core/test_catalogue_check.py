"""Compiled catalogues missing or older than their ``.po``: the system check ``core.E002``
stops ``runserver`` (and ``check``, ``migrate``), and ``/sante/`` answers 503."""

import os
from io import StringIO

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core import catalogues, checks, health
from core.management.commands.compile_translations import Command as CompileTranslations


def write_po(directory, language="en"):
    path = directory / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
    catalogue.append(polib.POEntry(msgid="Aides", msgstr="Aids"))
    catalogue.save(str(path))
    return path


def make_stale(po):
    """The ``.po`` changed after its ``.mo`` was compiled."""
    mo = po.with_suffix(".mo")
    compiled = mo.stat().st_mtime
    os.utime(po, (compiled + 10, compiled + 10))


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    """The check and ``/sante/`` read a catalogue directory of the test's own."""
    directory = tmp_path / "locale"
    monkeypatch.setattr(checks, "uncompiled", lambda: catalogues.uncompiled(directory))
    monkeypatch.setattr(health, "uncompiled", lambda: catalogues.uncompiled(directory))
    return directory


def test_missing_and_stale_catalogues_are_named(tmp_path):
    english = write_po(tmp_path, "en")
    french = write_po(tmp_path, "fr")
    assert catalogues.uncompiled(tmp_path) == {
        f"{tmp_path.name}/en/LC_MESSAGES/django.po": "not compiled",
        f"{tmp_path.name}/fr/LC_MESSAGES/django.po": "not compiled",
    }
    catalogues.compile_catalogues(tmp_path)
    assert catalogues.uncompiled(tmp_path) == {}
    make_stale(english)
    assert catalogues.uncompiled(tmp_path) == {
        f"{tmp_path.name}/en/LC_MESSAGES/django.po": "compiled before its last change"
    }
    assert french.with_suffix(".mo").exists()


def test_the_system_check_refuses_missing_then_stale_catalogues(locale_dir):
    po = write_po(locale_dir)
    errors = checks.catalogues_compiled(None)
    assert [error.id for error in errors] == ["core.E002"]
    assert "locale/en/LC_MESSAGES/django.po: not compiled" in errors[0].msg
    assert "compile_translations" in errors[0].hint
    # What runserver, migrate and check do before anything else.
    with pytest.raises(SystemCheckError, match="core.E002"):
        call_command("check")
    # The command that fixes it runs despite the check (as from the shell: checks not skipped).
    command = CompileTranslations(stdout=StringIO())
    command.execute(skip_checks=False, force_color=False, no_color=False, stderr=StringIO())
    catalogues.compile_catalogues(locale_dir)  # what it compiles, in the test's directory
    assert checks.catalogues_compiled(None) == []
    make_stale(po)
    errors = checks.catalogues_compiled(None)
    assert [error.id for error in errors] == ["core.E002"]
    assert "compiled before its last change" in errors[0].msg


def test_the_projects_catalogues_pass_the_check():
    """The test session compiles them (tests/conftest.py): the real directory is clean."""
    assert checks.catalogues_compiled(None) == []


@pytest.mark.django_db
def test_health_reports_missing_then_stale_catalogues(client, locale_dir):
    po = write_po(locale_dir)
    response = client.get("/sante/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["checks"]["catalogues"]["ok"] is False
    assert "locale" not in response.content.decode()  # the journal says which, not the public
    catalogues.compile_catalogues(locale_dir)
    assert client.get("/sante/").json()["checks"]["catalogues"]["ok"] is True
    make_stale(po)
    assert client.get("/sante/").status_code == 503
