from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from config import frontend_cache, page_cache

        page_cache.connect_signals()
        frontend_cache.connect_signals()
