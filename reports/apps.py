from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """What needs attention (``attention.py``), the admin's reports and dashboard panel, the daily
    digest and ``guide_daily``.
    """

    name = "reports"
    verbose_name = _("Suivi des fiches")
