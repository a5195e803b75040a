"""Development settings: the README's run command uses these (``manage.py``'s default).

They run with ``DEBUG`` on and print e-mails on the console, so they refuse to start in an
environment written for production: the scheduled jobs once ran with them there, and
``send_alerts`` printed recipients and unsubscribe links to the journal instead of sending.
The production environment (``deploy/env.template``) says ``DJANGO_ENV=production`` and sets
variables only ``production.py`` reads; any of them stops these settings.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

PRODUCTION_ONLY_VARIABLES = ("BEHIND_TLS_PROXY", "CSRF_TRUSTED_ORIGINS", "EMAIL_HOST")
_production_signs = [name for name in PRODUCTION_ONLY_VARIABLES if os.environ.get(name)]
if env("DJANGO_ENV", default="").strip().lower() == "production":
    _production_signs.insert(0, "DJANGO_ENV=production")
if _production_signs:
    raise ImproperlyConfigured(
        "config.settings.dev (manage.py's default) refuses to run in a production environment "
        f"({', '.join(_production_signs)} set): it would run with DEBUG on and print e-mails "
        "instead of sending them. Set DJANGO_SETTINGS_MODULE=config.settings.production, as "
        "deploy/env.template and the systemd units of deploy/systemd/ do."
    )

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Development only: never used by production.py, which requires its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Tasks run inside the request, so that `make run` needs no worker process: the alerts'
# confirmation prints at once, publishing updates the search index before the page answers.
# Production queues them in the database for `manage.py db_worker` (production.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
