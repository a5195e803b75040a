from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    """``backup_site`` and ``restore_site``: the database and the media, checked on restore."""

    name = "backup"
    verbose_name = _("Sauvegardes")
