from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    # Label differs from Wagtail's "wagtailsearch"; the package name "search" is the card's.
    name = "search"
    label = "site_search"
    verbose_name = _("Recherche")
