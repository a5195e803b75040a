"""Data built once for the tests of a module that only read it (or write in their own
transaction): ``built_once`` opens a transaction for the module, in which each test's own
transaction (the ``django_db`` mark) is a savepoint rolled back after it, and rolls it back
after the module.

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with built_once(django_db_blocker):
            yield World()

The module's tests must not be transactional (``transaction=True`` flushes the database).
They all run on one xdist worker (tests/conftest.py groups the tests of a module that share a
module-scoped fixture), so the data is built once per run.
"""

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Site

from core.memo import forget as forget_memo


@contextmanager
def built_once(django_db_blocker):
    # Built in the default language, as a test builds it (tests/conftest.py).
    with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            # What the process remembered of the rolled-back data.
            forget_memo()
            Site.clear_site_root_paths_cache()
            cache.clear()
