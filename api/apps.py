from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The partners' read-only JSON API (``/api/v1/``): published fiches, filtered like the
    listing.
    """

    name = "api"
    verbose_name = _("API des partenaires")
