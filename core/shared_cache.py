"""What every page reads and editors rarely change, read from the database once for all the
server's processes: the sites, the locales, the pages' view restrictions, a site's settings
and menu, the vocabularies and territories of the filters, the synonyms.

``shared(name, compute)`` returns ``compute()``'s value, kept in Django's default cache (Redis in
production: one copy for every worker; memory in development and tests) under the current
**generation**, and remembered for the rest of the request (``core.memo``): a page reads each
value at most once, and usually without a query.

The generation is a random token in the cache. Saving or deleting any model an app names with
``depends_on`` (or changing one of its many-to-many relations) draws a new token: every value is
then computed again on its next read. A change is thus visible to every process at once, on the
next request, and no value is ever invalidated one by one. The token is drawn when the change
is made (the process that made it sees it at once) and again when its transaction commits: a
value another process computed in between, from the data before the commit, is left under a
generation nobody reads any more. Values also expire after ``SHARED_CACHE_SECONDS`` (a change
made without signals, by ``QuerySet.update()`` or SQL, is seen after that time at the latest).

When the cache does not answer, values are computed for each request: slower, never wrong.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django_tasks.signals import task_started
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.memo import forget, memo

GENERATION_KEY = "shared:generation"
logger = logging.getLogger(__name__)
MISSING = object()


def timeout():
    return getattr(settings, "SHARED_CACHE_SECONDS", 3600)


def generation():
    """The current generation's token (read from the cache once per request)."""
    values = memo()
    token = values.get(GENERATION_KEY)
    if token is None:
        token = cache.get(GENERATION_KEY)
        if token is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            token = cache.get(GENERATION_KEY) or "uncached"
        values[GENERATION_KEY] = token
    return token


def shared(name, compute):
    """``compute()``, shared by every process until a model it depends on changes.

    ``name`` must say everything the value depends on besides the database (the site's id, the
    language...). The value must pickle (model instances, lists, dictionaries).
    """
    values = memo()
    key = ("shared", name)
    if key in values:
        return values[key]
    token = generation()
    value = MISSING if token == "uncached" else cache.get(f"shared:{token}:{name}", MISSING)
    if value is MISSING:
        value = compute()
        if token != "uncached":
            cache.set(f"shared:{token}:{name}", value, timeout())
    values[key] = value
    return value


def new_generation(**kwargs):
    """Forget every shared value (also a signal receiver): now, and when the current
    transaction commits."""

    def draw():
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
        forget()

    draw()
    if transaction.get_connection().in_atomic_block:  # else nothing is left to commit
        transaction.on_commit(draw)


def forget_all(**kwargs):
    """Forget every shared value at once, outside any transaction: when tests start (a
    rolled-back transaction sends no signal), after ``migrate`` (a data migration's historical
    models send none, and a deployment's new code must not read the old code's values) and
    after a restore. Also a signal receiver; a cache that does not answer is reported, not
    raised (``migrate`` must not fail for it)."""
    try:
        cache.delete(GENERATION_KEY)
    except Exception:  # noqa: BLE001 (any cache error: the values then expire on their own)
        logger.warning("Shared cache not reached: its values expire in SHARED_CACHE_SECONDS")
    forget()


def m2m_changed_receiver(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        new_generation()


def depends_on(*labels):
    """Shared values are computed again whenever a model of ``labels`` ("app_label.ModelName")
    is saved or deleted."""
    for label in labels:
        post_save.connect(new_generation, sender=label, dispatch_uid=f"shared-{label}-saved")
        post_delete.connect(new_generation, sender=label, dispatch_uid=f"shared-{label}-deleted")


def depends_on_relations(*through_models):
    """The same for many-to-many relations (their through models)."""
    for through in through_models:
        m2m_changed.connect(
            m2m_changed_receiver, sender=through, dispatch_uid=f"shared-{through._meta.label}"
        )


def page_changed(sender, instance, **kwargs):
    """Any page saved or deleted (a publication, an unpublication, a title or menu change): the
    sites' menus, root pages and view restrictions are read again."""
    if isinstance(instance, Page):
        new_generation()


def connect_signals():
    depends_on("wagtailcore.Site", "wagtailcore.Locale", "wagtailcore.PageViewRestriction")
    post_migrate.connect(forget_all, dispatch_uid="shared-migrated")
    # A fiche's relations (modelcluster) are written after its post_save, without m2m_changed.
    page_published.connect(new_generation, dispatch_uid="shared-page-published")
    # A task worker runs many tasks in one process: each starts with an empty memo.
    task_started.connect(forget, dispatch_uid="shared-task-started")
    post_save.connect(page_changed, dispatch_uid="shared-page-saved")
    post_delete.connect(page_changed, dispatch_uid="shared-page-deleted")
    post_page_move.connect(new_generation, dispatch_uid="shared-page-moved")
    page_unpublished.connect(new_generation, dispatch_uid="shared-page-unpublished")
