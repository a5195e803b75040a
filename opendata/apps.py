from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data in the national schema: the ``/donnees/`` page, its files and
    ``export_open_data``.
    """

    name = "opendata"
    verbose_name = _("Données ouvertes")
