from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    """Atom feeds and iCalendar files of each guide: routes added to the guide's pages
    (``routes.py``), links shown on them (``templatetags/feeds_tags.py``)."""

    name = "feeds"
    verbose_name = _("Flux et agendas")
