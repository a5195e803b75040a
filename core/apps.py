from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import memo, page_cache


class CoreConfig(AppConfig):
    """The site's infrastructure, which knows nothing of the guide: the page and fragment
    caches, purging shared caches, security headers and the login lockout, two-factor
    authentication of the admin, the health check, media storage, machine translation, the
    interface's catalogues, the abstract page every page type extends, and the site-wide
    helpers of sites and languages."""

    name = "core"
    verbose_name = _("Socle")

    def ready(self):
        page_cache.connect_signals()
        memo.connect_signals()
