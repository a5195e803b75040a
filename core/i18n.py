"""The site's languages: French, the reference, at unprefixed addresses; English under ``/en/``.

- ``default_language``: the reference language's code;

- ``live_translations``: a page and its live translations, by language;
- ``route_links``: the canonical address of one of a page's routes and its alternates in the
  other languages (the questionnaire, a programme's page);
- ``same_site_path``: a request's path made safe to link to (the language switcher outside
  pages, e.g. on the 404 page);
- ``MISSING_TRANSLATION_PARAM``: where a page has no translation in the language asked for, the
  language switcher (and ``/en/…`` addresses of a French-only site) lead to the page in its own
  language with this parameter, and the page says so in the language asked for (never a 404);
  ``in_own_language_url``: a page's address with that parameter when the active language is
  not the page's.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from core.shared_cache import shared

MISSING_TRANSLATION_PARAM = "traduction-absente"


def default_language():
    """The reference language's code (« fr »): the default locale's, the French pages'."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def same_site_path(path):
    """``path`` (a request's path, as anyone may type it) as a path of this site.

    Its leading slashes and backslashes become one slash: browsers read ``//evil.example/``,
    ``///evil.example/`` and ``/\\evil.example/`` as addresses on another host, so a link built
    from ``//evil.example/recherche/`` would lead there (the 404 page's language link did).
    """
    return "/" + path.lstrip("/\\")


def live_translations(page):
    """{language code: live page} for ``page`` and its translations, kept on the page object
    (the meta tags and the language switcher share it) and shared by the server's processes
    until a page changes (core/shared_cache.py)."""
    cached = page.__dict__.get("_live_translations")
    if cached is None:

        def compute():
            translations = page.get_translations(inclusive=True).live().select_related("locale")
            return {other.locale.language_code: other for other in translations}

        if page.pk is None or page.translation_key is None:  # a page not saved yet
            cached = compute()
        else:
            cached = shared(f"live-translations:{type(page).__name__}:{page.pk}", compute)
        page.__dict__["_live_translations"] = cached
    return cached


def route_links(page, request, route):
    """{"canonical": ..., "alternates": [(language, URL)]} for ``route`` (a path relative to
    ``page``, such as ``mon-projet/``) of ``page`` and of its live translations: absolute URLs,
    without the query string. A page (or translation) with no URL, outside every site, gives
    none."""
    own = page.get_url(request)
    return {
        "canonical": request.build_absolute_uri(own + route) if own else None,
        "alternates": [
            (code, request.build_absolute_uri(url + route))
            for code, other in live_translations(page).items()
            if (url := other.get_url(request))
        ],
    }


def in_own_language_url(page, request):
    """``page``'s address, with ``MISSING_TRANSLATION_PARAM`` when the active language (the one
    asked for) is not the page's: the page then says it is not translated."""
    url = page.get_url(request)
    asked = (get_language() or "").split("-")[0]
    if asked and asked != page.locale.language_code.split("-")[0]:
        url = f"{url}?{urlencode({MISSING_TRANSLATION_PARAM: asked})}"
    return url
