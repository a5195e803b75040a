"""Reading the Elasticsearch configuration from environment variables.

``ELASTICSEARCH_URL`` set means the site searches with Elasticsearch; absent, the database
backend (``search.backend``) stays. Every other variable is optional:

- ``ELASTICSEARCH_URL``: one URL, or several separated by commas;
  ``https://user:password@host:9200`` carries basic authentication.
- ``ELASTICSEARCH_VERSION``: ``9`` (default), ``8`` or ``7``, the server's major version. It
  must be the installed client's: client 9 only talks to server 9; for an 8.x cluster, install
  ``elasticsearch>=8,<9``; for the 7.10 node of ``make elasticsearch`` (development and CI),
  ``elasticsearch==7.13.4`` (``make test-elasticsearch`` does, in a virtualenv of its own).
- ``ELASTICSEARCH_API_KEY``: an API key (``id:key`` or its base64 form) instead of a password.
- ``ELASTICSEARCH_CA_CERTS``: path of the CA bundle that signed the server's certificate.
- ``ELASTICSEARCH_FINGERPRINT``: SHA-256 fingerprint of the server's certificate (pinning).
- ``ELASTICSEARCH_CLIENT_CERT``, ``ELASTICSEARCH_CLIENT_KEY``: client certificate and key (mTLS).
- ``ELASTICSEARCH_INDEX_PREFIX``: prefix of the index names, one per site and environment
  (default ``gosb_``).
- ``ELASTICSEARCH_TIMEOUT``: request timeout in seconds (default 10).
- ``ELASTICSEARCH_REPLICAS``: replicas of each index (default: the server's, 1). ``0`` on a
  single-node server, whose indices otherwise stay "yellow" (a replica with nowhere to go).

A wrong value stops the start-up with ``ImproperlyConfigured`` naming the variable.
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# Wagtail's backends with French analysis (search/elasticsearch_backend.py).
BACKENDS = {
    "9": "search.elasticsearch9",
    "8": "search.elasticsearch8",
    "7": "search.elasticsearch7",
}
DEFAULT_PREFIX = "gosb_"
DEFAULT_TIMEOUT = 10
PREFIX = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _urls(value):
    urls = [url.strip() for url in value.split(",") if url.strip()]
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"ELASTICSEARCH_URL: « {url} » n'est pas une URL http(s)://hôte[:port]."
            )
    return urls


def _timeout(value):
    try:
        timeout = int(value)
    except ValueError:
        timeout = 0
    if timeout < 1:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_TIMEOUT: « {value} » n'est pas un nombre de secondes."
        )
    return timeout


def _replicas(value):
    if not value.isdigit() or int(value) > 10:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_REPLICAS: « {value} » n'est pas un nombre de répliques (0 à 10)."
        )
    return int(value)


def backend_settings(environ):
    """The ``WAGTAILSEARCH_BACKENDS`` entry for Elasticsearch, or ``None`` without a URL."""
    url = environ.get("ELASTICSEARCH_URL", "").strip()
    if not url:
        return None
    version = environ.get("ELASTICSEARCH_VERSION", "9").strip() or "9"
    if version not in BACKENDS:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_VERSION: « {version} » n'est pas pris en charge (7, 8 ou 9)."
        )
    prefix = environ.get("ELASTICSEARCH_INDEX_PREFIX", DEFAULT_PREFIX).strip()
    if not PREFIX.match(prefix):
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_INDEX_PREFIX: « {prefix} » doit être en minuscules, chiffres, - ou _."
        )
    options = {}
    if environ.get("ELASTICSEARCH_API_KEY"):
        options["api_key"] = environ["ELASTICSEARCH_API_KEY"].strip()
    if environ.get("ELASTICSEARCH_CA_CERTS"):
        options["ca_certs"] = environ["ELASTICSEARCH_CA_CERTS"].strip()
    if environ.get("ELASTICSEARCH_FINGERPRINT"):
        fingerprint = environ["ELASTICSEARCH_FINGERPRINT"].replace(":", "").strip().lower()
        if not re.fullmatch(r"[0-9a-f]{64}", fingerprint):
            raise ImproperlyConfigured(
                "ELASTICSEARCH_FINGERPRINT: attendu une empreinte SHA-256 (64 caractères "
                "hexadécimaux, deux-points permis)."
            )
        options["ssl_assert_fingerprint"] = fingerprint
    if environ.get("ELASTICSEARCH_CLIENT_CERT"):
        options["client_cert"] = environ["ELASTICSEARCH_CLIENT_CERT"].strip()
        if environ.get("ELASTICSEARCH_CLIENT_KEY"):
            options["client_key"] = environ["ELASTICSEARCH_CLIENT_KEY"].strip()
    elif environ.get("ELASTICSEARCH_CLIENT_KEY"):
        raise ImproperlyConfigured(
            "ELASTICSEARCH_CLIENT_KEY est donné sans ELASTICSEARCH_CLIENT_CERT."
        )
    urls = _urls(url)
    if "api_key" in options and any(urlsplit(u).username for u in urls):
        raise ImproperlyConfigured(
            "ELASTICSEARCH_URL contient un identifiant alors qu'ELASTICSEARCH_API_KEY est donnée : "
            "choisissez l'un ou l'autre."
        )
    index_settings = {}
    replicas = environ.get("ELASTICSEARCH_REPLICAS", "").strip()
    if replicas:
        index_settings = {"settings": {"index": {"number_of_replicas": _replicas(replicas)}}}
    return {
        "BACKEND": BACKENDS[version],
        "URLS": urls,
        "INDEX_PREFIX": prefix,
        "TIMEOUT": _timeout(environ.get("ELASTICSEARCH_TIMEOUT", str(DEFAULT_TIMEOUT))),
        "ATOMIC_REBUILD": True,
        "OPTIONS": options,
        **({"INDEX_SETTINGS": index_settings} if index_settings else {}),
    }
