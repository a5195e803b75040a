"""``/sante/``: the load balancer's health check. Answers 200 when the database, the cache and
the search backend all answer and the translation catalogues are compiled and up to date, 503
naming the failing one otherwise; never cached.

**Degraded** (Elasticsearch down, its database fallback answering: ``search/fallback.py``):
**200**, ``{"status": "degraded", "checks": {"search": {"ok": true, "state": "degraded"}}}``
and the header ``X-Health-Status: degraded`` (``ok`` / ``error`` otherwise). Not a 503: the site
still serves every page, and Elasticsearch is shared by every server, so a 503 would take them
all out of the pool at once — an outage made total by its own health check. A load balancer or
monitor that should alert on it matches the header or the body (``http-check expect`` on the
header in HAProxy, a body match in most monitors); the operator finds the cause in the log.

Anyone may call it, so the answer says which component failed and nothing of why: an error's
text can hold a database's host and port, a user name, a cluster's address. The error goes to
the log (logger ``core.health``), with its traceback, for the operator. A **staff** user
(signed in, with the admin's second factor given when it asks one) also gets ``details``: the
settings' ``HEALTH_STAFF_DETAILS`` providers, e.g. the search index's counts per site and
language against the database, its index names (``search/health.py``). core imports none of
the project's apps: the providers are dotted paths.

Each check is one cheap round trip: ``SELECT 1``, a cache write and read, and a one-result
search or, on Elasticsearch, a count (see ``check_search``); the catalogues' check
compares a few files' dates (``core/catalogues.py``): a server started without them would
show French on English pages, and gunicorn runs no system check (``core.E002``).
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.catalogues import uncompiled
from core.two_factor import second_factor_passed

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
    """None when the search answers; ``"degraded"`` when a backend with a fallback answers
    only through it (its ``engine_state()``, ``search/fallback.py``: a count on the engine
    within 2 s, not repeated while the fallback's circuit skips the engine). Without a
    fallback, an Elasticsearch cluster in the red state counts as down."""
    backend = get_search_backend()
    if hasattr(backend, "engine_state"):
        return None if backend.engine_state(Page) == "ok" else "degraded"
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


def staff_details():
    """{name: details} of the settings' ``HEALTH_STAFF_DETAILS`` ({name: dotted path})."""
    details = {}
    for name, path in getattr(settings, "HEALTH_STAFF_DETAILS", {}).items():
        try:
            details[name] = import_string(path)()
        except Exception as error:  # noqa: BLE001 (a broken report must not break the check)
            logger.error("Health details %s failed", name, exc_info=True)
            details[name] = {"error": f"{type(error).__name__}: {error}"}
    return details


@never_cache
@require_safe
def health(request):
    results, healthy, degraded = {}, True, False
    for name, check in CHECKS.items():
        start = time.perf_counter()
        try:
            state = check()
        except Exception as error:  # noqa: BLE001 (any failure is reported, never raised)
            healthy = False
            logger.error(
                "Health check %s failed: %s: %s", name, type(error).__name__, error, exc_info=True
            )
            results[name] = {"ok": False}
        else:
            results[name] = {"ok": True}
            if state == "degraded":
                degraded = True
                results[name]["state"] = "degraded"
        results[name]["ms"] = round((time.perf_counter() - start) * 1000, 1)
    status = "error" if not healthy else "degraded" if degraded else "ok"
    body = {"status": status, "checks": results}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff and second_factor_passed(user):
        body["details"] = staff_details()
    response = JsonResponse(body, status=200 if healthy else 503)
    response["X-Health-Status"] = status
    return response
