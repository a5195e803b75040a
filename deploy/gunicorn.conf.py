"""gunicorn's configuration for the guide (``gunicorn -c deploy/gunicorn.conf.py``).

Every value can be overridden from the environment (``GUNICORN_*``). Defaults fit a 2-core
server: two sync workers per core would wait on PostgreSQL as much as they compute, so
``gthread`` workers with a few threads each serve more requests per megabyte.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A worker is recycled after this many requests (with jitter), bounding any slow leak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 200))
# The slowest legitimate request is an import's dry run or an export (tens of seconds).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Load the application before forking: workers share its memory, and a broken configuration
# stops the server at start rather than in each worker.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Behind nginx on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"
# The production settings, set in the server's environment before the application loads
# (config/wsgi.py only defaults to them: a DJANGO_SETTINGS_MODULE inherited from a shell wins).
raw_env = ["DJANGO_SETTINGS_MODULE=config.settings.production"]
