from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    """« La revitalisation en chiffres »: the results page, its charts, programme pages and CSV,
    and the dashboard panel.
    """

    name = "results"
    verbose_name = _("Résultats des programmes")
