from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermalinksConfig(AppConfig):
    """Short codes that never change (``/a/K7M2Q/``), and 410 Gone at a deleted fiche's
    addresses."""

    name = "permalinks"
    verbose_name = _("Liens permanents")
