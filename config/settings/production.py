"""Production settings: refuse to start without their secrets.

``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL`` have no default here: a server missing one
fails at start-up with django-environ's ImproperlyConfigured error naming the variable.
"""

import os

from core.storage import storages

from .base import *  # noqa: F403
from .base import env, without_jit

DEBUG = False
# Static files compressed and cache-busted (run collectstatic at each deployment).
STORAGES = storages(os.environ, hashed_static=True)
WHITENOISE_MAX_AGE = 31536000
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": without_jit(env.db("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

# Tasks run outside the request: enqueued as rows of the database (django-tasks-db), run by
# `manage.py db_worker` (deploy/systemd/guide-tasks.service). The alert form's answer then takes
# the same time whether the address is new or known (alerts/tasks.py), and publishing does not
# wait for the search index or the shared caches' purge. django-tasks' default backend, the
# immediate one, would run them inside the request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# Every admin account gives a code from an authenticator app (or a backup code) after its
# password (core/two_factor.py); an account without one is sent to the set-up at its first
# login. `manage.py check --deploy` warns when the environment says otherwise (core.W001).
ADMIN_2FA = env("ADMIN_2FA", default="required")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" in the header does not enrol the domain: submitting it to hstspreload.org does.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The API's rate limit and the login lockout then count the client address the proxy
    # appends to X-Forwarded-For (core/client_ip.py); NUM_PROXIES=2 behind a load balancer and
    # nginx, each appending.
    NUM_PROXIES = env.int("NUM_PROXIES", default=1)
