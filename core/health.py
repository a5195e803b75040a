"""``/sante/``: the load balancer's health check. Answers 200 when the database, the cache and
the search backend all answer and the translation catalogues are compiled and up to date, 503
naming the failing one otherwise; never cached.

Anyone may call it, so the answer says which component failed and nothing of why: an error's
text can hold a database's host and port, a user name, a cluster's address. The error goes to
the log (logger ``core.health``), with its traceback, for the operator.

Each check is one cheap round trip: ``SELECT 1``, a cache write and read, and a one-result
search (an Elasticsearch cluster in the red state counts as down); the catalogues' check
compares a few files' dates (``core/catalogues.py``): a server started without them would
show French on English pages, and gunicorn runs no system check (``core.E002``).
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.catalogues import uncompiled

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, value = "health:probe", uuid.uuid4().hex
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was written")


def check_search():
    backend = get_search_backend()
    es = getattr(backend, "es", None)
    if es is not None:
        health = es.cluster.health(timeout="2s")
        if health["status"] == "red":
            raise RuntimeError("Elasticsearch cluster status: red")
        return
    list(Page.objects.live().search("aide")[:1])


def check_catalogues():
    problems = uncompiled()
    if problems:
        raise RuntimeError("; ".join(f"{name}: {problem}" for name, problem in problems.items()))


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "catalogues": check_catalogues,
}


@never_cache
@require_safe
def health(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        start = time.perf_counter()
        try:
            check()
        except Exception as error:  # noqa: BLE001 (any failure is reported, never raised)
            healthy = False
            logger.error(
                "Health check %s failed: %s: %s", name, type(error).__name__, error, exc_info=True
            )
            results[name] = {"ok": False}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.perf_counter() - start) * 1000, 1)
    body = {"status": "ok" if healthy else "error", "checks": results}
    return JsonResponse(body, status=200 if healthy else 503)
