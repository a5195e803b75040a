"""The search vocabularies in the admin, under one « Recherche » menu:

- « Synonymes »: words that mean the same, both ways (« embauche, recrutement, emploi »);
- « Mots du quotidien »: words people type and the guide's terms they also find, one way
  (« four, machine » -> « équipement, investissement »).

Two lists rather than one with a « sens » field: each form then says in its own labels what its
lines do, and an everyday word cannot be turned into a synonym by a forgotten checkbox (which
would make every « investissement » fiche come up for « four » and the reverse).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_exports import SnippetIndexView
from search.models import EverydayWords, SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    """Editors widen the public search: each group's terms find each other."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonymes")
    list_display = ["terms", "note"]
    list_export = ["terms", "note"]
    export_filename = "synonymes"
    search_fields = ["terms", "note"]
    search_backend_name = None
    index_view_class = SnippetIndexView  # exports never run a term as a formula


class EverydayWordsViewSet(SnippetViewSet):
    """Editors teach the search the words people type: each finds the guide's terms too."""

    model = EverydayWords
    icon = "comment"
    menu_label = _("Mots du quotidien")
    list_display = ["words", "guide_terms", "note"]
    list_export = ["words", "guide_terms", "note"]
    export_filename = "mots-du-quotidien"
    search_fields = ["words", "guide_terms", "note"]
    search_backend_name = None
    index_view_class = SnippetIndexView


class SearchVocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Recherche")
    menu_icon = "search"
    menu_order = 230
    items = (SynonymGroupViewSet, EverydayWordsViewSet)


register_snippet(SearchVocabularyGroup)
