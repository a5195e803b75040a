"""The database part of a backup: pg_dump / pg_restore on PostgreSQL, SQLite's online backup API.

The connection comes from ``settings.DATABASES["default"]``; the password goes to the PostgreSQL
tools through ``PGPASSWORD`` in their environment, never on their command line (which ``ps``
shows to every user of the machine).

A backup leaves out the rows of ``EXCLUDED_APPS``' tables (the tables themselves are kept,
empty): secrets and traces that a restored site does not need and that a stolen backup must
not give away (docs/backups.md). On PostgreSQL ``pg_dump --exclude-table-data`` never writes
them; on SQLite they are deleted from the copy, which is then rebuilt (``VACUUM``) so that no
deleted page keeps them.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from backup.errors import BackupError
from guide.models import AidPage

# libpq's variables for the connection options a DATABASE_URL may carry (?sslmode=require...).
PG_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}
# pg_restore: objects owned by whoever restores, no GRANT to roles the target server may lack,
# all or nothing (one transaction, first error stops it).
PG_RESTORE_OPTIONS = [
    "--no-owner",
    "--no-privileges",
    "--clean",
    "--if-exists",
    "--exit-on-error",
    "--single-transaction",
]
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Apps (by module) whose rows a backup leaves out:
# - sessions: a copied session key is a signed-in editor, two-factor step included;
# - django-otp's devices (every plugin: TOTP secrets, backup codes): with the password hashes
#   beside them, a stolen backup would hold both factors of every account;
# - django-axes' login attempts and logs: addresses and user names typed, nothing to restore;
# - django-tasks-db's tasks and results: an alert's confirmation task holds the address typed.
EXCLUDED_APPS = ("django.contrib.sessions", "django_otp", "axes", "django_tasks_db")


def dump_file_name(vendor):
    return "database.dump" if vendor == "postgresql" else "database.sqlite3"


def check_vendor(vendor):
    if vendor not in VENDOR_NAMES:
        raise BackupError(
            f"Base de données « {vendor} » non prise en charge : PostgreSQL ou SQLite seulement."
        )


def pg_connection(db):
    """(arguments, environment) of a PostgreSQL tool connecting to the database ``db``."""
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    args += ["--dbname", db["NAME"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    for option, variable in PG_OPTION_VARIABLES.items():
        value = (db.get("OPTIONS") or {}).get(option)
        if value not in (None, ""):
            env[variable] = str(value)
    return args, env


def run_pg_tool(program, *args):
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} introuvable : installez le client PostgreSQL de la version du serveur "
            "(paquet postgresql-client)."
        )
    connection_args, env = pg_connection(connection.settings_dict)
    result = subprocess.run(
        [executable, *connection_args, *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{program} a échoué (code {result.returncode}) :\n{result.stderr}")


@contextmanager
def frozen_view():
    """A view of the database that does not change while it is open, so that the manifest's
    counts and the dump describe the same state even while editors publish. Yields the
    PostgreSQL snapshot that pg_dump is given (None on SQLite, where the open read transaction
    keeps writers out)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        raise BackupError("La sauvegarde doit s'exécuter hors de toute transaction.")
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield None
            return
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        yield snapshot


def excluded_tables():
    """The tables of ``EXCLUDED_APPS`` (and of their plugins, such as django_otp.plugins.*),
    sorted: their rows are left out of every backup."""
    return sorted(
        model._meta.db_table
        for app in apps.get_app_configs()
        if any(app.name == name or app.name.startswith(name + ".") for name in EXCLUDED_APPS)
        for model in app.get_models(include_auto_created=True)
    )


def dump_database(target, snapshot=None):
    """Write the configured database to the file ``target``, without the rows of
    ``excluded_tables()``; returns those tables."""
    excluded = excluded_tables()
    if connection.vendor == "postgresql":
        extra = [f"--snapshot={snapshot}"] if snapshot else []
        # A quoted pattern names one table exactly.
        extra += [f'--exclude-table-data="{table}"' for table in excluded]
        run_pg_tool("pg_dump", "--format=custom", "--no-owner", *extra, "--file", str(target))
    else:
        connection.ensure_connection()
        sqlite_copy(connection.connection, target)
        sqlite_empty_tables(target, excluded)
    return excluded


def sqlite_copy(source, target_path):
    """A consistent copy of the open SQLite database ``source`` (sqlite3's online backup API,
    which copies the pages under a read lock, unlike copying the file)."""
    copy = sqlite3.connect(target_path)
    try:
        source.backup(copy)
    finally:
        copy.close()


def sqlite_empty_tables(path, tables):
    """Delete every row of ``tables`` in the SQLite file ``path``, then rebuild the file: a
    deleted row stays in a free page of the file until ``VACUUM``. The journal stays in memory,
    so that the rows are not written to a journal file either."""
    copy = sqlite3.connect(path, isolation_level=None)
    try:
        copy.execute("PRAGMA journal_mode = MEMORY")
        copy.execute("PRAGMA secure_delete = ON")
        existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        copy.execute("BEGIN")
        for table in tables:
            if table in existing:
                copy.execute(f'DELETE FROM "{table}"')  # names from the models, not input
        copy.execute("COMMIT")
        copy.execute("VACUUM")
    finally:
        copy.close()


def sqlite_restore(backup_path, target):
    """Replace the whole content of the open SQLite database ``target`` by the backup file's."""
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


def restore_database(dump):
    """Replace the configured database's content by the dump's."""
    if connection.vendor == "postgresql":
        connection.close()  # no idle session of ours in the way of pg_restore's locks
        run_pg_tool("pg_restore", *PG_RESTORE_OPTIONS, str(dump))
    else:
        connection.ensure_connection()
        sqlite_restore(dump, connection.connection)
    connection.close()  # the checks that follow read through a new connection


def existing_content():
    """What the configured database already holds, e.g. {"fiches": 3, "utilisateurs": 1}; empty
    for a database without tables or one just migrated (no content of its own yet)."""
    tables = connection.introspection.table_names()
    if not tables:
        return {}
    querysets = {
        "fiches": AidPage.objects.all(),
        # A migrated database holds the root page and a default home page; content sits deeper.
        "pages": Page.objects.filter(depth__gt=2),
        "documents": get_document_model().objects.all(),
        "images": get_image_model().objects.all(),
        "utilisateurs": get_user_model().objects.all(),
    }
    try:
        counts = {name: queryset.count() for name, queryset in querysets.items()}
    except DatabaseError:
        return {"tables": len(tables)}  # tables, but not this site's: not empty either
    return {name: count for name, count in counts.items() if count}
