"""Purging a shared cache in front of the site (Varnish, Cloudflare, CloudFront) on publication,
with Wagtail's frontend-cache module, configured from the environment:

- ``FRONTEND_CACHE=varnish`` (or any cache accepting HTTP ``PURGE``):
  ``FRONTEND_CACHE_LOCATION`` (e.g. ``http://127.0.0.1:6081``);
- ``FRONTEND_CACHE=cloudflare``: ``CLOUDFLARE_BEARER_TOKEN`` and ``CLOUDFLARE_ZONE_ID``;
- ``FRONTEND_CACHE=cloudfront``: ``CLOUDFRONT_DISTRIBUTION_ID`` (AWS credentials from the usual
  chain; needs boto3).

Wagtail purges a page's own addresses when it is published or unpublished. A fiche also shows
in its guide's listing, feeds and calendar and on the home page: ``purge_ancestors`` purges
those too. A view restriction (password, login, groups: the admin's « Confidentialité »
dialog) saved or lifted changes what anonymous visitors may see of the page and of every page
below it, with no publication: ``purge_restricted_tree`` purges those pages and the pages
listing them. Shared caches keep pages ``PAGE_CACHE_SECONDS`` at most (``s-maxage``), so a
missed purge heals itself.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

BACKENDS = {
    "varnish": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
    "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
}
REQUIRED = {
    "varnish": {"FRONTEND_CACHE_LOCATION": "LOCATION"},
    "cloudflare": {"CLOUDFLARE_BEARER_TOKEN": "BEARER_TOKEN", "CLOUDFLARE_ZONE_ID": "ZONEID"},
    "cloudfront": {"CLOUDFRONT_DISTRIBUTION_ID": "DISTRIBUTION_ID"},
}


def frontend_cache_settings(environ):
    """The ``WAGTAILFRONTENDCACHE`` setting, or None when no shared cache is configured."""
    kind = environ.get("FRONTEND_CACHE", "").strip().lower()
    if not kind or kind == "none":
        return None
    if kind not in BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE={kind!r}: expected one of {', '.join(BACKENDS)} or none."
        )
    params = {"BACKEND": BACKENDS[kind]}
    for variable, key in REQUIRED[kind].items():
        value = environ.get(variable, "").strip()
        if not value:
            raise ImproperlyConfigured(f"FRONTEND_CACHE={kind} needs {variable}.")
        params[key] = value
    return {kind: params}


def purge(pages):
    """Purge the addresses of ``pages`` (each with its ``get_cached_paths``) in one batch: the
    one way this project purges shared caches; nothing when none is configured."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    purge_pages_from_cache(list(pages))


def listing_pages(page):
    """The pages above ``page`` that list it (its guide, the home page), the tree's root aside."""
    return page.get_ancestors().specific().filter(depth__gt=1)


def purge_ancestors(sender, instance, **kwargs):
    """Purge the pages above a published or unpublished page, which list it (a receiver of
    ``page_published`` and ``page_unpublished``: the guide connects it for its fiches, whose
    guide shows them in its listing, feeds and calendar, and whose home page shows the latest).
    Wagtail purges the page itself."""
    purge(listing_pages(instance))


def purge_restricted_tree(sender, instance, raw=False, **kwargs):
    """Purge a page whose view restriction was saved or deleted, its descendants (a restriction
    covers them too) and the pages listing it: a shared cache must not keep serving a page
    made private, nor keep hiding one made public again. Not for rows loaded as they are
    (``raw``: a fixture, a restore), whose page may not exist yet."""
    if raw or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    page = instance.page
    purge([*page.get_descendants(inclusive=True).live().specific(), *listing_pages(page)])


def connect_signals():
    """Purge on every change of a page's view restriction (``core/signals.py``)."""
    restriction = "wagtailcore.PageViewRestriction"
    post_save.connect(
        purge_restricted_tree, sender=restriction, dispatch_uid="frontend-cache-restriction-saved"
    )
    post_delete.connect(
        purge_restricted_tree,
        sender=restriction,
        dispatch_uid="frontend-cache-restriction-deleted",
    )
