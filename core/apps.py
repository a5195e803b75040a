from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site's infrastructure, which knows nothing of the guide: the page and fragment
    caches, purging shared caches, security headers and the login lockout, two-factor
    authentication of the admin, the health check, media storage, machine translation, the
    interface's catalogues, the abstract page every page type extends, the request memo, and
    the helpers of sites, languages and page routes, and the admin's French reading of typed
    dates and numbers."""

    name = "core"
    verbose_name = _("Socle")

    def ready(self):
        # Every app's signal receivers (``signals.py``, connected at import with ``@receiver``),
        # page routes (``routes.py``, core/routes.py) and system checks (``checks.py``,
        # registered at import with ``@register``): discovered as Django's admin and Wagtail
        # discover theirs, once every model is loaded.
        autodiscover_modules("signals", "routes", "checks")
        # Dates and numbers of the admin's model forms read the French way (imported here, as
        # Django's apps do, because it needs Wagtail's models loaded).
        from core import french_input

        french_input.register()
        # wagtail-localize's translations report: its language filters named in French.
        from core import translations_report

        translations_report.name_language_filters()
