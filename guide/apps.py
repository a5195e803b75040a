from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Guide des aides")

    def ready(self):
        from guide import guides, signals

        signals.connect()
        guides.connect_signals()
