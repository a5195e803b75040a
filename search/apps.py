from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import page_cache


class SearchConfig(AppConfig):
    # Label differs from Wagtail's "wagtailsearch"; the package name "search" is the card's.
    name = "search"
    label = "site_search"
    verbose_name = _("Recherche")

    def ready(self):
        # The synonyms change what the listing finds.
        page_cache.shown_on_pages(*self.get_models())
