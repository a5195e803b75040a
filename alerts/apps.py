from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alertes par e-mail")
    default_auto_field = "django.db.models.BigAutoField"
