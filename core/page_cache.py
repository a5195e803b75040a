"""Whole-response cache of the public pages for anonymous visitors, emptied on publication.

A request is served from the cache when it is a GET or HEAD without a session cookie (editors
always see the live site). A response is stored when it is a complete 200 that sets no cookie
and does not say ``private``, ``no-cache`` or ``no-store``. Keys hold the host, the path and
the query string; each entry is stored with the *generation* number current when it was
rendered, and served only while that number is still current: publishing, unpublishing, moving
or deleting a page, restricting a page's view or lifting its restriction, saving a snippet or
the guide's settings, a redirect or a site, and the daily job (fiche statuses change with the
date) increment the generation, which empties the cache at once for every app server sharing
it (Redis: ``REDIS_URL``). Entries also expire after ``PAGE_CACHE_SECONDS``. The generation
and the entry are read in one round trip (``get_many``), and the next miss overwrites an
outdated entry.

The key ignores ``Accept-Language`` and ``Cookie`` although Django's locale middleware names
them in ``Vary``: the language of a page comes from its address here (French unprefixed,
``/en/``), and requests with a session are never served from the cache. The one view whose
answer depends on ``Accept-Language`` (a short code's redirect) is a 302, never stored.

A page under a view restriction is never stored: Wagtail sends its password form, its login
redirect and the page itself (to whoever passed the restriction) with ``never_cache`` headers,
and a visitor who passed it has a session. The lists, feeds and API select public pages only
(Wagtail's ``public()``); a restriction saved or lifted empties the cache, so that what they
answer follows at once.

The middleware sits near the top of the stack: a hit skips sessions, authentication, locale,
Wagtail's routing and the templates; the stored response already carries the security headers
set by the middleware below it.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "page-cache:generation"
NOT_STORED = ("private", "no-cache", "no-store")


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def fragment_cache():
    """What a page's cached template fragments vary on besides the page itself
    (``{% wagtailpagecache fragment_cache.seconds "name" ... fragment_cache.generation %}``):
    how long to keep them, ``FRAGMENT_CACHE_SECONDS`` (0: not kept), and the generation, so that
    whatever empties the page cache (a publication elsewhere shown in the fragment, a snippet,
    the daily change of statuses) also empties them. Unlike the page cache they serve every
    visitor, editors with a session and any query string included, and Wagtail's tag renders
    previews afresh."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    return {"seconds": seconds, "generation": generation() if seconds else 0}


def invalidate(**_kwargs):
    """Empty the page cache (every key of the current generation becomes unreachable)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: nothing is cached under one
        cache.add(GENERATION_KEY, 1, timeout=None)


def invalidate_unless_created(created=False, **_kwargs):
    """Empty the page cache when site settings change, not when they are created: Wagtail
    creates them with their defaults on first read, which changes nothing a visitor sees."""
    if not created:
        invalidate()


def cache_key(request):
    raw = "|".join([request.method, request.get_host(), request.get_full_path()])
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{digest}"


def lookup(key):
    """(current generation, the response stored under ``key`` if rendered in it, else None)."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return generation(), None
    stored = found.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == current:
        return current, stored[1]
    return current, None


def is_anonymous_read(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in NOT_STORED)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if not is_anonymous_read(request):
            # An editor's view of the site (with the user bar) is for them alone.
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        enabled = settings.PAGE_CACHE_SECONDS > 0
        key = cache_key(request) if enabled else None
        current, cached = lookup(key) if enabled else (None, None)
        if cached is not None:
            cached["X-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if response.status_code == 200 and "Cache-Control" not in response:
            # Browsers keep a page briefly, shared caches (a CDN, Varnish) longer: Wagtail's
            # frontend-cache module purges them on publication (core/frontend_cache.py).
            patch_cache_control(
                response,
                public=True,
                max_age=settings.BROWSER_CACHE_SECONDS,
                s_maxage=max(settings.PAGE_CACHE_SECONDS, settings.BROWSER_CACHE_SECONDS),
            )
        if enabled and is_cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (current, response), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response


# Wagtail's models whose changes show on public pages (the apps' own models: ``shown_on_pages``).
WAGTAIL_MODELS = (
    "wagtailredirects.Redirect",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    # A view restriction (the admin's « Confidentialité »): the page turns private or public.
    "wagtailcore.PageViewRestriction",
)


def connect_signals():
    """Empty the page cache whenever a page is published, unpublished, moved or deleted, or
    one of Wagtail's models that public pages show changes (``CoreConfig.ready``)."""
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{name}")
    post_delete.connect(
        invalidate, sender="wagtailcore.Page", dispatch_uid="page-cache-page-deleted"
    )
    shown_on_pages(*(apps.get_model(label) for label in WAGTAIL_MODELS))


def shown_on_pages(*models, site_settings=False):
    """Empty the page cache whenever one of ``models`` (not pages: a page counts when it is
    published, not when a draft is saved) is saved or deleted. Each app's ``ready()`` names the
    models of its own that public pages show (the guide's vocabularies, settings, contacts...),
    and leaves out the private ones (a staged import, an e-mail alert). ``site_settings``: the
    models are site settings, whose creation changes nothing."""
    on_save = invalidate_unless_created if site_settings else invalidate
    for model in models:
        label = model._meta.label
        post_save.connect(on_save, sender=model, dispatch_uid=f"page-cache-{label}-saved")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-{label}-deleted")
