"""Backup and restore (backup/, backup_site, restore_site, docs/backups.md).

The round trips restore in a child process into a fresh database (a new PostgreSQL database on
the same server, or a new SQLite file) and a fresh MEDIA_ROOT, then read that database directly.
The data must be committed for pg_dump (another connection) to see it: ``transaction=True``,
with ``serialized_rollback`` giving the next tests back the migrations' reference data.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Locale

from backup.database import pg_connection, sqlite_copy, sqlite_restore
from backup.errors import BackupError
from backup.manifest import sha256_of
from backup.media import check_members
from guide.models import AidPage
from tests.support.factories import AidPageFactory
from tests.support.pages import make_guide, publish_translation

committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LINKS = (tarfile.SYMTYPE, tarfile.LNKTYPE)
DOCUMENT_BYTES = b"%PDF-1.4\n% reglement de test\n" + bytes(range(256))
FICHES_SQL = """
    SELECT a.aid_uuid, p.title, l.language_code, p.live
    FROM guide_aidpage a
    JOIN wagtailcore_page p ON p.id = a.page_ptr_id
    JOIN wagtailcore_locale l ON l.id = p.locale_id
"""


def fiche_rows(cursor):
    cursor.execute(FICHES_SQL)
    return {
        (str(uuid.UUID(str(aid_uuid))), title, language, bool(live))
        for aid_uuid, title, language, live in cursor.fetchall()
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def content(media_root):
    """A guide with a published fiche, its English translation, a draft, a document, an image."""
    home, index = make_guide()
    published = AidPageFactory(parent=index, title="Prêt d'honneur création")
    AidPageFactory(parent=index, title="Aide en préparation", live=False)
    english = Locale.objects.get_or_create(language_code="en")[0]
    publish_translation(home, english)
    publish_translation(index, english)
    publish_translation(published, english, title="Honour loan")
    document = get_document_model().objects.create(
        title="Règlement", file=ContentFile(DOCUMENT_BYTES, name="reglement.pdf")
    )
    image = wagtail_factories.ImageFactory(title="Logo")
    return SimpleNamespace(index=index, document=document, image=image, media_root=media_root)


def backup_now(directory, *args):
    out = io.StringIO()
    call_command("backup_site", str(directory), *args, stdout=out)
    backups = sorted(directory.glob("backup-*"))
    return backups[-1], out.getvalue()


def restore_in_child(backup, database_url, media_root, *args):
    env = {name: value for name, value in os.environ.items() if not name.startswith("MEDIA_S3")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        TEST_MEDIA_ROOT=str(media_root),
    )
    return subprocess.run(
        [sys.executable, "manage.py", "restore_site", str(backup), *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def check_round_trip(content, tmp_path, database_url, read_restored_fiches):
    backup, _output = backup_now(tmp_path / "backups")
    with connection.cursor() as cursor:
        expected = fiche_rows(cursor)
    assert {(language, live) for _uuid, _title, language, live in expected} == {
        ("fr", True),
        ("fr", False),
        ("en", True),
    }
    fresh_media = tmp_path / "fresh-media"

    result = restore_in_child(backup, database_url, fresh_media)

    assert result.returncode == 0, result.stdout + result.stderr
    assert read_restored_fiches() == expected
    document = fresh_media / content.document.file.name
    assert document.read_bytes() == DOCUMENT_BYTES
    image = content.image.file.name
    assert (fresh_media / image).read_bytes() == (content.media_root / image).read_bytes()

    # The same restore again: the database is no longer empty.
    again = restore_in_child(backup, database_url, fresh_media)
    assert again.returncode != 0
    assert "n'est pas vide" in again.stderr and "--force" in again.stderr


@pytest.fixture
def fresh_postgres_database():
    """(name, URL) of a new empty database on the test server, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the suite runs on SQLite (DATABASE_URL=postgres://...)")
    import psycopg
    from psycopg import sql

    db = connection.settings_dict
    params = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    url = f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"
    try:
        yield SimpleNamespace(name=name, url=url, params=params)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@committed
def test_postgresql_round_trip_into_a_fresh_database(content, tmp_path, fresh_postgres_database):
    import psycopg

    def restored_fiches():
        target = fresh_postgres_database
        with psycopg.connect(dbname=target.name, **target.params) as restored:
            return fiche_rows(restored.cursor())

    check_round_trip(content, tmp_path, fresh_postgres_database.url, restored_fiches)


@committed
def test_sqlite_round_trip_into_a_fresh_file(content, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip(
            "SQLite only: the suite runs on PostgreSQL (test_sqlite_backup_api_functions covers "
            "the SQLite copy there)"
        )
    target = tmp_path / "restored.sqlite3"

    def restored_fiches():
        restored = sqlite3.connect(target)
        try:
            return fiche_rows(restored.cursor())
        finally:
            restored.close()

    check_round_trip(content, tmp_path, f"sqlite:///{target}", restored_fiches)


def test_sqlite_backup_api_functions(tmp_path):
    source = sqlite3.connect(tmp_path / "source.sqlite3")
    source.execute("CREATE TABLE fiche (title TEXT)")
    source.executemany("INSERT INTO fiche VALUES (?)", [("Prêt",), ("Subvention",)])
    source.commit()
    writer = sqlite3.connect(tmp_path / "source.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO fiche VALUES ('pas encore validée')")

    sqlite_copy(source, tmp_path / "copy.sqlite3")
    writer.execute("ROLLBACK")
    fresh = sqlite3.connect(tmp_path / "fresh.sqlite3")
    sqlite_restore(tmp_path / "copy.sqlite3", fresh)

    rows = fresh.execute("SELECT title FROM fiche ORDER BY title").fetchall()
    assert rows == [("Prêt",), ("Subvention",)]
    for database in (source, writer, fresh):
        database.close()


@committed
def test_backup_writes_database_media_and_manifest(content, tmp_path):
    backup, output = backup_now(tmp_path / "backups")

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["created_at"].endswith("Z") and backup.name.startswith("backup-")
    assert manifest["counts"]["fiches"] == {"en": 1, "fr": 2}
    assert manifest["counts"]["documents"] == 1 and manifest["counts"]["images"] == 1
    assert manifest["migrations"]["guide"]
    assert set(manifest["files"]) == {manifest["database"]["file"], "media.tar.gz"}
    for name, digest in manifest["files"].items():
        assert sha256_of(backup / name) == digest
    with tarfile.open(backup / "media.tar.gz") as tar:
        assert content.document.file.name in tar.getnames()
    assert "Sauvegarde écrite" in output


@committed
def test_restore_refuses_a_database_that_is_not_empty(content, tmp_path):
    backup, _output = backup_now(tmp_path / "backups")
    AidPageFactory(parent=content.index, title="Ajoutée après la sauvegarde")

    with pytest.raises(CommandError, match="n'est pas vide.*--force"):
        call_command("restore_site", str(backup), stdout=io.StringIO())

    assert AidPage.objects.filter(title="Ajoutée après la sauvegarde").exists()


@committed
def test_forced_restore_replaces_the_content_and_checks_the_counts(content, tmp_path):
    backup, _output = backup_now(tmp_path / "backups")
    AidPageFactory(parent=content.index, title="Ajoutée après la sauvegarde")

    call_command("restore_site", str(backup), "--force", stdout=io.StringIO())

    assert not AidPage.objects.filter(title="Ajoutée après la sauvegarde").exists()
    assert AidPage.objects.filter(title="Honour loan", live=True).exists()

    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["counts"]["fiches"]["fr"] = 3
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"fiches \(fr\) : 3 dans la sauvegarde, 2 dans la"):
        call_command("restore_site", str(backup), "--force", stdout=io.StringIO())


def write_archive(path, members):
    """A tar.gz of (name, content) members; content LINKS makes a link to /etc/passwd."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            if data in LINKS:
                info.type, info.linkname = data, "/etc/passwd"
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))


@committed
def test_a_tampered_file_changes_nothing(content, tmp_path):
    backup, _output = backup_now(tmp_path / "backups")
    AidPageFactory(parent=content.index, title="Ajoutée après la sauvegarde")
    document = content.media_root / content.document.file.name
    document.write_bytes(b"version du jour")
    # A valid archive, but not the one the manifest describes.
    write_archive(backup / "media.tar.gz", [(content.document.file.name, b"remplace")])

    with pytest.raises(CommandError, match="media.tar.gz : empreinte sha256 différente"):
        call_command("restore_site", str(backup), "--force", stdout=io.StringIO())

    assert AidPage.objects.filter(title="Ajoutée après la sauvegarde").exists()
    assert document.read_bytes() == b"version du jour"


@committed
def test_an_archive_member_leaving_media_root_is_refused(content, tmp_path):
    backup, _output = backup_now(tmp_path / "backups")
    AidPageFactory(parent=content.index, title="Ajoutée après la sauvegarde")
    archive = backup / "media.tar.gz"
    write_archive(archive, [("documents/ok.txt", b"ok"), ("../evil.txt", b"evil")])
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"]["media.tar.gz"] = sha256_of(archive)
    (backup / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="sort de MEDIA_ROOT : '../evil.txt'"):
        call_command("restore_site", str(backup), "--force", stdout=io.StringIO())

    assert not (content.media_root.parent / "evil.txt").exists()
    assert not (content.media_root / "documents" / "ok.txt").exists()
    assert AidPage.objects.filter(title="Ajoutée après la sauvegarde").exists()


@pytest.mark.parametrize(
    "name, data",
    [
        ("../evil.txt", b"x"),
        ("documents/../../evil.txt", b"x"),
        ("/tmp/evil.txt", b"x"),
        ("documents/lien", tarfile.SYMTYPE),
        ("documents/lien-dur", tarfile.LNKTYPE),
        ("ailleurs/evil.txt", b"x"),  # ailleurs/ is a link inside MEDIA_ROOT to outside it
    ],
)
def test_archive_members_are_checked(tmp_path, name, data):
    root = tmp_path / "media"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    (root / "ailleurs").symlink_to(tmp_path / "outside")
    write_archive(tmp_path / "media.tar.gz", [("documents/ok.txt", b"ok"), (name, data)])

    with tarfile.open(tmp_path / "media.tar.gz") as tar:
        members = tar.getmembers()
        assert check_members(members[:1], root) == members[:1]
        with pytest.raises(BackupError, match=name.replace(".", r"\.")):
            check_members(members, root)


@committed
def test_keep_deletes_the_older_backups_only(media_root, tmp_path):
    directory = tmp_path / "backups"
    for name in ("backup-20240101T010000Z", "backup-20250101T010000Z", "backup-20260101T010000Z"):
        (directory / name).mkdir(parents=True)
        (directory / name / "manifest.json").write_text("{}")
    (directory / "backup-20230101T010000Z").mkdir()  # no manifest: not a backup of ours
    (directory / "notes").mkdir()

    newest, output = backup_now(directory, "--keep", "2")

    assert sorted(path.name for path in directory.iterdir()) == sorted(
        ["backup-20230101T010000Z", "backup-20260101T010000Z", newest.name, "notes"]
    )
    assert "backup-20250101T010000Z" in output


@committed
def test_media_on_object_storage_are_left_to_its_versioning(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    backup, output = backup_now(tmp_path / "backups")

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media"]["archive"] is None
    assert list(manifest["files"]) == [manifest["database"]["file"]]
    assert not (backup / "media.tar.gz").exists()
    assert "gestion de versions" in output

    out = io.StringIO()
    call_command("restore_site", str(backup), "--force", stdout=out)
    assert "gestion de versions" in out.getvalue()


def test_restore_refuses_a_backup_of_another_database_vendor(tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    (tmp_path / "database.dump").write_bytes(b"dump")
    manifest = {
        "format": 1,
        "database": {"vendor": other, "file": "database.dump"},
        "files": {"database.dump": sha256_of(tmp_path / "database.dump")},
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="La sauvegarde vient d'une base"):
        call_command("restore_site", str(tmp_path), stdout=io.StringIO())


def test_the_postgresql_password_never_reaches_the_command_line():
    db = {
        "HOST": "db.example",
        "PORT": "5433",
        "USER": "guide",
        "PASSWORD": "s3cret-mot-de-passe",
        "NAME": "guide",
        "OPTIONS": {"sslmode": "require"},
    }

    args, env = pg_connection(db)

    assert args == [
        "--host",
        "db.example",
        "--port",
        "5433",
        "--username",
        "guide",
        "--dbname",
        "guide",
    ]
    assert not any("s3cret" in arg for arg in args)
    assert env["PGPASSWORD"] == "s3cret-mot-de-passe" and env["PGSSLMODE"] == "require"
