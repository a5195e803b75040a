from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    """Bulk export and import of fiches (XLSX, CSV, national schema), in the admin and as
    commands."""

    name = "transfer"
    verbose_name = _("Import et export")
