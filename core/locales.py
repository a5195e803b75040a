"""The locales a request reads, each looked up once (core/memo.py).

Wagtail's ``Locale.get_default()``, ``Locale.get_active()`` and ``Page.localized`` query the
locale table at each call: a listing read the French locale four times. These give the same
answers from the request's memo, emptied when a locale is saved or deleted.
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale

from core.memo import memo


def locale_for(language_code):
    """The locale of ``language_code`` (``Locale.objects.get_for_language``), once per request."""
    key = ("locale", language_code)
    values = memo()
    if key not in values:
        values[key] = Locale.objects.get_for_language(language_code)
    return values[key]


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
