"""System checks of the security settings the site adds to Django's (``manage.py check``;
``--deploy`` for those that only matter in production). Any app's ``checks.py`` is imported by
``CoreConfig.ready``, once the models are loaded.

- ``core.E001``: ``ADMIN_2FA`` is not one of ``optional``, ``required``, ``off`` (a typo would
  otherwise leave two-factor authentication optional without a word).
- ``core.W001`` (deploy): ``ADMIN_2FA`` is not ``required``: an admin account could then be
  used with its password alone. The production settings default to ``required``; this warns
  when the environment turns it down.
- ``core.E002``: a translation catalogue is not compiled, or was compiled before its ``.po``
  last changed (``core/catalogues.py``): English pages would silently show French. Django runs
  the checks before ``runserver`` serves and before ``migrate``, which then refuse to go on
  (``make run`` and ``make install-test`` compile the catalogues first); gunicorn runs none, so
  ``/sante/`` reports the same problem (``core/health.py``).
- ``core.W002`` (deploy): the default cache is each process's memory (``REDIS_URL`` unset):
  the values every page reads (``core/shared_cache.py``: sites, view restrictions...) and the
  page cache are then per worker, and a change made through one worker (a new view
  restriction, a publication) reaches the others only when their copies expire.
"""

from django.conf import settings
from django.core import checks

from core.catalogues import uncompiled
from core.two_factor import MODES, mode


@checks.register(checks.Tags.security)
def two_factor_mode(app_configs, **kwargs):
    if mode() in MODES:
        return []
    return [
        checks.Error(
            f"ADMIN_2FA is {mode()!r}.",
            hint=f"Set ADMIN_2FA to one of: {', '.join(MODES)}.",
            id="core.E001",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    if mode() == "required":
        return []
    return [
        checks.Warning(
            f"ADMIN_2FA is {mode()!r}: an admin account can be used with its password alone.",
            hint=(
                "Require two-factor authentication of every admin account in production "
                "(ADMIN_2FA=required, the production settings' default; docs/deployment.md)."
            ),
            id="core.W001",
        )
    ]


@checks.register()
def catalogues_compiled(app_configs, **kwargs):
    return [
        checks.Error(
            f"Translation catalogue {name}: {problem}.",
            hint="Run: manage.py compile_translations",
            id="core.E002",
        )
        for name, problem in uncompiled().items()
    ]


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_is_shared(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not backend.endswith("LocMemCache"):
        return []
    return [
        checks.Warning(
            "The cache is each process's memory: with several workers, a view restriction or a "
            "publication made through one reaches the others only when their shared values "
            "(SHARED_CACHE_SECONDS) and cached pages (PAGE_CACHE_SECONDS) expire.",
            hint="Set REDIS_URL (docs/deployment.md), or run one worker process.",
            id="core.W002",
        )
    ]
