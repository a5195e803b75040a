from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin_exports import SnippetIndexView
from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """Editors widen the public search: each group's terms find each other."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonymes de recherche")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["terms", "note"]
    list_export = ["terms", "note"]
    export_filename = "synonymes"
    search_fields = ["terms", "note"]
    search_backend_name = None
    index_view_class = SnippetIndexView  # exports never run a term as a formula


register_snippet(SynonymGroupViewSet)
