"""Test settings: fast hashing, in-memory cache, no outside service."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASE_SEARCH_BACKEND, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", ".localhost", "127.0.0.1", ".example"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# TEST_MEDIA_ROOT, not MEDIA_ROOT (which a .env may set to real media): the backup tests run
# restore_site in a child process with a fresh folder of their own.
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=BASE_DIR / ".pytest_cache" / "media")
WAGTAILADMIN_BASE_URL = "http://testserver"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The suite searches with the database backend whatever the environment says: the live
# Elasticsearch tests (tests/search/test_elasticsearch_live.py) build their own backend from
# ELASTICSEARCH_URL, under an index prefix of their own.
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
# The login lockout needs a request at every authentication (the test client's login() has
# none); tests/core/test_security.py turns it on to test it.
AXES_ENABLED = False
# No whole-page cache: the tests change the database between requests without publishing
# (factories); tests/core/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0  # tests/core/test_fragment_cache.py turns them on
