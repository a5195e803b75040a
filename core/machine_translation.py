"""The machine-translation backend editors get in wagtail-localize, from the environment.

- ``MACHINE_TRANSLATION`` unset or ``none``: no machine translation (translators type it all).
- ``MACHINE_TRANSLATION=deepl``: DeepL, with ``DEEPL_AUTH_KEY`` (required; a free-plan key ends
  with ``:fx`` and goes to DeepL's free API endpoint by itself).
- ``MACHINE_TRANSLATION=libretranslate``: a LibreTranslate server, for instance self-hosted so
  that no text leaves the territory's servers: ``LIBRETRANSLATE_URL`` (required) and
  ``LIBRETRANSLATE_API_KEY`` (if the server asks for one).

Either way a machine translation is a draft: a person reviews each segment in wagtail-localize's
editor before publishing, and the French version prevails (the English fiche says so).
A wrong value stops the start-up with ``ImproperlyConfigured`` naming the variable.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def _required(environ, name, service):
    value = environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} est requis avec MACHINE_TRANSLATION={service}.")
    return value


def machine_translator(environ):
    """The ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` setting, or ``None``."""
    service = environ.get("MACHINE_TRANSLATION", "").strip().lower()
    if service in ("", "none", "aucun"):
        return None
    if service == "deepl":
        return {
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": _required(environ, "DEEPL_AUTH_KEY", service)},
        }
    if service == "libretranslate":
        url = _required(environ, "LIBRETRANSLATE_URL", service)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"LIBRETRANSLATE_URL : « {url} » n'est pas une URL http(s)://hôte[:port]."
            )
        return {
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": url.rstrip("/"),
                "API_KEY": environ.get("LIBRETRANSLATE_API_KEY", "").strip(),
            },
        }
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATION : « {service} » n'est pas pris en charge "
        "(deepl, libretranslate ou none)."
    )
