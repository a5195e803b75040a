from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The guide: fiches (``AidPage``) under each territory's guide (``AidIndexPage``), their
    vocabularies, territories, operators, contacts and programmes, their status, the listing
    and the questionnaire. Its receivers are in ``signals.py``, its routes in ``routes.py``."""

    name = "guide"
    verbose_name = _("Guide des aides")
