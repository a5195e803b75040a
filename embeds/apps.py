from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbedsConfig(AppConfig):
    """Embeddable cards and lists of fiches for partners' sites (``/embed/``)."""

    name = "embeds"
    verbose_name = _("Intégrations")
