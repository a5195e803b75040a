"""Settings shared by every environment.

Values that change between machines come from environment variables (django-environ).
``DATABASE_URL`` absent means the embedded SQLite database; ``ELASTICSEARCH_URL`` absent means
Wagtail's database search backend.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy

from core.frontend_cache import frontend_cache_settings
from core.machine_translation import machine_translator
from core.security import PUBLIC_POLICY
from core.storage import storages
from search.elasticsearch_config import backend_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local, untracked .env file is read when present (never required).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

INSTALLED_APPS = [
    # The project's apps, from the site down to the infrastructure: each imports only those
    # below it (README, « Layout »).
    "home",
    "demo",
    "seo",
    "alerts",
    "api",
    "embeds",
    "opendata",
    "feeds",
    "reports",
    "backup",
    "transfer",
    "results",
    "permalinks",
    "guide",
    # Before the Wagtail apps: it overrides their editors' templates (review/apps.py).
    "review",
    "search",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-ninja (a Wagtail dependency) for the partners' API: its templates and static files
    # serve the API's documentation page locally (without it, Swagger UI would come from a CDN).
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its French catalogue: the admin's durations (« il y a 3 minutes », Wagtail's naturaltime).
    "django.contrib.humanize",
    "wagtail.contrib.frontend_cache",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background tasks (the alerts' confirmations, Wagtail's indexing and cache purges):
    # django_tasks checks the configured backend at `manage.py check`; django_tasks_db is the
    # production backend's table. Installed in every environment, so that its migrations run
    # everywhere and `makemigrations --check` does not depend on the settings; only production
    # uses it (TASKS in production.py).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files (compressed, cache-busted names) before anything else touches the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request's site, from the sites shared by every process (core/sites.py).
    "core.sites.SiteMiddleware",
    # ETag and 304 answers for every response, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous GET requests served from the cache (core/page_cache.py); the middleware below
    # run only on a miss, and the stored response carries the headers they set.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "core.security.ContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's documented place).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor authentication of the admin (core/two_factor.py: ADMIN_2FA).
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.AdminTwoFactorMiddleware",
    # wagtail-localize's views checked against the object they act on (core/translation_rights.py).
    "core.translation_rights.TranslationRightsMiddleware",
    # Each territory's staff on their own site's records and settings (core/site_scope.py).
    "core.site_scope.SiteScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: a confirmation after each review decision (review/confirmations.py).
    "review.confirmations.ReviewConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

# Cache: Redis from REDIS_URL (shared by every app server), else the process's memory.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="guide"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous pages: kept PAGE_CACHE_SECONDS in the cache and shared caches (emptied on every
# publication), BROWSER_CACHE_SECONDS in browsers. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
BROWSER_CACHE_SECONDS = env.int("BROWSER_CACHE_SECONDS", default=60)
# Rendered fragments of a fiche (its body, metadata and breadcrumb), emptied with the page cache;
# they spare the rendering to visitors the page cache does not serve. 0 turns them off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=6 * 3600)
# What every page reads and editors rarely change (sites, locales, restrictions, settings,
# menus, vocabularies, territories, synonyms, a fiche's related fiches), shared by every process
# and read again after any change (core/shared_cache.py); at most this long after a change made
# without signals (QuerySet.update(), SQL).
SHARED_CACHE_SECONDS = env.int("SHARED_CACHE_SECONDS", default=3600)

# A shared cache in front of the site (Varnish, Cloudflare, CloudFront), purged on publication
# (core/frontend_cache.py: FRONTEND_CACHE and its variables).
_frontend_cache = frontend_cache_settings(os.environ)
if _frontend_cache:
    WAGTAILFRONTENDCACHE = _frontend_cache

# Security headers (core/security.py). The production settings add HTTPS, HSTS and secure
# cookies; these hold everywhere, so that the browser tests see what production sends.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_POLICY}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Editors' sessions end after SESSION_HOURS (8 by default: a working day) and with the browser.
SESSION_COOKIE_AGE = env.int("SESSION_HOURS", default=8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# The admin's address: ADMIN_PATH (default "admin"), e.g. a less guessable one in production.
WAGTAIL_ADMIN_PATH = env("ADMIN_PATH", default="admin").strip("/")

# Two-factor authentication: "optional" (each editor may turn it on), "required", or "off";
# production.py makes "required" the default (core/two_factor.py, core/checks.py).
ADMIN_2FA = env("ADMIN_2FA", default="optional")
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Guide des aides")

# The number of reverse proxies in front of Django, each appending to X-Forwarded-For (nginx
# alone: 1; production.py makes 1 the default behind BEHIND_TLS_PROXY). 0: the header is ignored
# and REMOTE_ADDR is the client. Every count per client address uses it (core/client_ip.py).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

# Login lockout (django-axes; core/login_lockout.py): after ADMIN_LOGIN_FAILURE_LIMIT failures
# for one user name from one address, that pair is locked out for ADMIN_LOCKOUT_MINUTES; after
# ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT failures from one address, whatever the names, the address is.
# Attempts are stored in the database, so every app server sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ADMIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "core.login_lockout.LoginLockoutHandler"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_VERBOSE = False

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each app's templates (home/templates holds the site's layout, 404 and 500).
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"


def without_jit(database):
    """PostgreSQL compiles a query to machine code (JIT) when its estimated cost passes
    ``jit_above_cost``: 150 to 350 ms for the listing's facet counts at 20 000 fiches, more than
    running them (docs/performance.md). A web page's short queries never gain from it: off on
    the site's connections (``-c jit=off``, unless DATABASE_URL's options set jit already)."""
    if "postgresql" in database.get("ENGINE", ""):
        options = database.setdefault("OPTIONS", {})
        if "jit" not in options.get("options", ""):
            options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return database


# Database: DATABASE_URL (e.g. postgres://user:pass@host:5432/name) or the embedded SQLite file.
DATABASES = {
    "default": without_jit(env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # 12 characters at least: a passphrase of a few words (Django's default is 8).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first (unprefixed URLs), English second (/en/).
LANGUAGE_CODE = "fr"
# Each language in its own name (the public language switcher, an account's admin language)...
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
]
# ...and the content's languages in the admin's language (« Anglais » in the French admin:
# the locale of a page, wagtail-localize's editor and reports).
WAGTAIL_CONTENT_LANGUAGES = [
    ("fr", gettext_lazy("Français")),
    ("en", gettext_lazy("Anglais")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The interface's catalogues (every app's strings): `make messages` writes them here.
# Our strings, then our wording of Wagtail's own (core/wording/locale/fr/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "core" / "locale", BASE_DIR / "core" / "wording" / "locale"]
# Machine translation in wagtail-localize's editor: DeepL, LibreTranslate or none
# (MACHINE_TRANSLATION; core/machine_translation.py lists the variables).
_machine_translator = machine_translator(os.environ)
if _machine_translator:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _machine_translator
# A translation starts as a draft and reaches the public through review like any page
# (wagtail-localize's default copies the source's live status: « Traduire » would publish the
# French text under /en/ at once). The rights of its views: core/translation_rights.py.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The admin's dates are shown and written JJ/MM/AAAA by the date picker, and read the French way
# (core/french_input.py; Django's own forms, such as Wagtail's filters: core/formats).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media on the local disk or an S3-compatible object storage (core/storage.py).
STORAGES = storages(os.environ)

# Complex page models (a fiche with many inline lines) exceed Django's default of 1 000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Guide des aides – Grand-Orly Seine Bièvre"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Page addresses in ASCII: « Subvention à l'embauche » gets subvention-a-lembauche, not an
# address that reads %C3%A0 once shared. Existing pages keep theirs.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No third-party request, not even Gravatar avatars in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend made French-aware (search/backend.py). On PostgreSQL it indexes and
# searches each language with its text-search configuration (unaccent + the language's
# stemmer, created by migrations; search/languages.py); SQLite ignores the configurations.
DATABASE_SEARCH_BACKEND = {
    "BACKEND": "search.backend",
    "SEARCH_CONFIG": "french_unaccent",
    "SEARCH_CONFIGS": {"fr": "french_unaccent", "en": "english_unaccent"},
    "ATOMIC_REBUILD": True,
}
WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH_BACKEND}
# ELASTICSEARCH_URL set: Elasticsearch instead (search/elasticsearch_config.py lists the
# variables: version, API key, CA bundle, fingerprint, client certificate, prefix, timeout).
# What `manage.py search_index_health` counts in the index (search/health.py): the fiches.
SEARCH_INDEX_HEALTH_MODEL = "guide.AidPage"
# What /sante/ adds for a signed-in staff user (core/health.py): the index against the database
# per site and language.
HEALTH_STAFF_DETAILS = {"search": "search.health.staff_details"}
_elasticsearch = backend_settings(os.environ)
if _elasticsearch:
    # The database index is kept too (Wagtail indexes every saved object into every backend):
    # it answers the searches while Elasticsearch does not (search/fallback.py).
    WAGTAILSEARCH_BACKENDS = {"default": _elasticsearch, "database": DATABASE_SEARCH_BACKEND}
# The alias of the backend that answers when Elasticsearch does not (search/fallback.py).
SEARCH_FALLBACK_BACKEND = "database"
# Rich text: only what the site's templates style (fields may narrow it further).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        # Draftail named by its field's label (core/rich_text.py).
        "WIDGET": "core.rich_text.LabelledDraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}
# Documents are always served by Wagtail's view (/documents/<id>/<name>), which applies the
# privacy of their collection: never a link or a redirect to the file itself (the default on
# an object storage), and nginx serves no file of MEDIA_ROOT's documents/ (deploy/nginx/).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "pptx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Decompression bombs: a small file declaring huge dimensions is refused (Wagtail's default
# is 128 million pixels).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# E-mail: workflow notifications (submitted, approved, changes requested) and the daily digest.
# The backend is the console in development, SMTP from the environment in production.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="guide-des-aides@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Sender of the visitors' e-mail alerts (alerts/): the admin's sender unless set.
ALERTS_FROM_EMAIL = env("ALERTS_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# The most confirmation e-mails the alert form may send in an hour, all addresses together
# (alerts/limits.py): beyond, the form asks visitors to come back later.
ALERTS_CONFIRMATIONS_PER_HOUR = env.int("ALERTS_CONFIRMATIONS_PER_HOUR", default=100)
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# The guide: days before closing at which a fiche counts as "ferme bientôt".
GUIDE_CLOSING_SOON_DAYS = 30
# Revisions older than this are deleted by `purge_old_revisions` (personal data, see README).
GUIDE_REVISION_RETENTION_DAYS = env.int("GUIDE_REVISION_RETENTION_DAYS", default=365)
# Days a closed fiche stays in the daily digest's "clôturées récemment" (reports/attention.py).
GUIDE_RECENTLY_CLOSED_DAYS = env.int("GUIDE_RECENTLY_CLOSED_DAYS", default=7)
# Import of fiches (transfer): the largest file and number of rows accepted. An upload
# waits between its dry run and its confirmation in the database (guide.StagedImport).
GUIDE_IMPORT_MAX_BYTES = env.int("GUIDE_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
GUIDE_IMPORT_MAX_ROWS = env.int("GUIDE_IMPORT_MAX_ROWS", default=10_000)
# Where `backup_site` writes its backups when given no folder (docs/backups.md).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
# Partners' API (api, docs/api.md): requests per minute per client IP, and the largest
# page_size a partner may ask for.
GUIDE_API_RATE_LIMIT = env.int("GUIDE_API_RATE_LIMIT", default=120)
GUIDE_API_PAGE_SIZE_MAX = env.int("GUIDE_API_PAGE_SIZE_MAX", default=100)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
