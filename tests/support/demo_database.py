"""The demo guide for the tests: built once per test process, then switched in where a test
module (or a browser test) reads it.

Loading the demo (two sites, 35 fiches with their revisions, translations and search index)
takes about ten seconds on SQLite and twenty-five on PostgreSQL; the suite reads it in some
thirty places. Each *variant* (the demo as
loaded on a given day) is built once per process (per xdist worker) and kept aside:

- SQLite (the in-memory test database): kept as a copy in a memory database of its own, through
  sqlite3's backup API. Switching it in copies it over the test database, after a copy of what
  the test database held; switching it out copies that back.
- PostgreSQL: kept as a database of its own (``<test database>_demo_<variant>``), created from
  the test database as a template and loaded there. Switching it in points the connection at a
  throwaway copy of it (``CREATE DATABASE ... TEMPLATE``), dropped on the way out.

Either way the kept demo is never written to: whatever a test commits (a browser test's live
server, a transactional test) lands in a copy.
"""

import io
import sqlite3
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from core.memo import forget as forget_memo
from demo.loader import DemoLoader
from guide.status import today


def load_demo(on):
    """What ``make run`` does: the demo guide, then a full rebuild of the search index."""
    DemoLoader(on=on).load()
    # On SQLite, title norms are only exact after a full rebuild.
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


def forget_process_state():
    """What the process remembers of the database it was pointed at: Wagtail's site root
    paths and the page cache (in the cache), the site memo, content types."""
    cache.clear()
    forget_memo()
    ContentType.objects.clear_cache()


class SQLiteDemos:
    def __init__(self):
        self.kept = {}

    @staticmethod
    def copy_out():
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy

    @staticmethod
    def copy_in(source):
        connection.ensure_connection()
        source.backup(connection.connection)
        forget_process_state()

    def build(self, variant, on):
        before = self.copy_out()
        try:
            load_demo(on)
            self.kept[variant] = self.copy_out()
        finally:
            self.copy_in(before)
            before.close()

    @contextmanager
    def switched_in(self, variant):
        before = self.copy_out()
        self.copy_in(self.kept[variant])
        try:
            yield
        finally:
            self.copy_in(before)
            before.close()

    def drop_all(self):
        for copy in self.kept.values():
            copy.close()
        self.kept.clear()


class PostgreSQLDemos:
    def __init__(self):
        self.test_database = connection.settings_dict["NAME"]
        self.kept = {}

    @staticmethod
    def execute(*statements):
        """Run statements outside any database (``CREATE DATABASE`` and ``DROP DATABASE``
        cannot run in a transaction, nor while a session uses the template)."""
        connection.close()
        with connection._nodb_cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    @staticmethod
    def point_at(name):
        connection.close()
        connection.settings_dict["NAME"] = name
        forget_process_state()

    def clone(self, template, name):
        # A template must have no session: an idle connection of this process's own, opened in
        # another thread or context (Django keeps one per asgiref context), is let go.
        self.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{template}' AND pid <> pg_backend_pid()",
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
        )

    def build(self, variant, on):
        name = f"{self.test_database}_demo_{variant}"
        self.clone(self.test_database, name)
        self.point_at(name)
        try:
            load_demo(on)
        finally:
            self.point_at(self.test_database)
        self.kept[variant] = name

    @contextmanager
    def switched_in(self, variant):
        work = f"{self.test_database}_work"
        self.clone(self.kept[variant], work)
        self.point_at(work)
        try:
            yield
        finally:
            self.point_at(self.test_database)
            self.execute(f'DROP DATABASE IF EXISTS "{work}" WITH (FORCE)')

    def drop_all(self):
        self.execute(
            *(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in self.kept.values()),
            # pytest-django drops the test database next: no idle session of ours may stay.
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{self.test_database}' AND pid <> pg_backend_pid()",
        )
        self.kept.clear()


class DemoDatabases:
    """The process's kept demos, by variant (``variant``: a name; ``on``: the loading day)."""

    def __init__(self):
        self.backend = PostgreSQLDemos() if connection.vendor == "postgresql" else SQLiteDemos()

    @contextmanager
    def switched_in(self, variant, on):
        if variant not in self.backend.kept:
            self.backend.build(variant, on)
        with self.backend.switched_in(variant):
            yield

    def drop_all(self):
        self.backend.drop_all()


def today_variant():
    """The variant of the demo loaded today (the browser tests': a live server reads the
    statuses of today); named after the day, should a run cross midnight."""
    day = today()
    return f"today_{day:%Y%m%d}", day
