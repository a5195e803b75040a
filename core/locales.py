"""The locales, read from the table once for all the server's processes (core/shared_cache.py).

Wagtail's ``Locale.get_default()``, ``Locale.get_active()``, ``Page.localized`` and
``page.locale`` query the locale table at each call: a listing read the French locale four
times. These give the same answers from the shared list of locales, read again when a locale is
saved or deleted. Every page type's ``localized`` (core/pages.py) uses them.
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from core.shared_cache import shared


def all_locales():
    """{locale id: Locale}."""
    return shared("locales", lambda: {locale.pk: locale for locale in Locale.objects.all()})


def locale_by_id(pk):
    """``page.locale`` without a query; read from the table when the shared list lacks it (a
    locale written without a signal), None for an unknown id."""
    found = all_locales().get(pk)
    return found if found is not None else Locale.objects.filter(pk=pk).first()


def locale_for(language_code):
    """The locale of ``language_code``, as ``Locale.objects.get_for_language`` finds it
    (``LookupError`` for a language the site does not offer, ``Locale.DoesNotExist`` when it
    has no locale yet)."""
    code = get_supported_content_language_variant(language_code)
    for locale in all_locales().values():
        if locale.language_code == code:
            return locale
    raise Locale.DoesNotExist(f"No locale for {code}")


def default_locale():
    """``Locale.get_default()``: the locale of ``LANGUAGE_CODE``."""
    return locale_for(settings.LANGUAGE_CODE)


def active_locale():
    """``Locale.get_active()``: the active language's locale, else the default one."""
    try:
        return locale_for(get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def localized(page):
    """``page.localized``: its live translation in the active language, else the page itself,
    reading the active locale from the memo."""
    try:
        locale = active_locale()
    except (Locale.DoesNotExist, LookupError):
        return page
    if locale.pk == page.locale_id:
        return page
    translation = page.get_translation_or_none(locale)
    return translation if translation is not None and translation.live else page
