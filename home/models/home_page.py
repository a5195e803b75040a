from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.child_routing import ChildrenRoutedFromSharedCache
from core.pages import PROSE_FEATURES, BasePage
from guide.models import AidIndexPage, AidPage
from guide.needs import NEEDS
from guide.status import Status


class HomePage(ChildrenRoutedFromSharedCache, BasePage):
    """Root of one territory's guide (one per Wagtail site). Its children are routed without a
    query (core/child_routing.py)."""

    intro = models.TextField(
        _("accroche"),
        blank=True,
        help_text=_("Une ou deux phrases sous le titre : à quoi sert le guide."),
    )
    body = RichTextField(
        _("présentation"),
        features=PROSE_FEATURES,
        blank=True,
        help_text=_(
            "Comment fonctionne le guide et pourquoi mentionner la note de recommandation."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "guide.AidIndexPage",
        "results.ResultsPage",
        "home.ContentPage",
        "home.SiteMapPage",
    ]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    HIGHLIGHTS = 3  # fiches per home-page section; a fiche appears in one section only

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index = AidIndexPage.objects.live().public().child_of(self).first()
        context["guide_index"] = index
        context["needs"] = NEEDS
        if index is None:
            return context
        fiches = AidPage.objects.in_guide(index).for_cards()
        open_fiches = fiches.open()
        shown = []
        sections = [
            ("featured", _("À la une"), open_fiches.filter(is_featured=True).order_by("title")),
            (
                "closing_soon",
                _("Ferment bientôt"),
                fiches.with_status(Status.CLOSING_SOON).closing_soon_first(),
            ),
            (
                "latest",
                _("Dernières fiches publiées"),
                open_fiches.order_by("-first_published_at", "-pk"),
            ),
        ]
        context["sections"] = []
        for key, title, queryset in sections:
            context[key] = list(queryset.exclude(pk__in=shown)[: self.HIGHLIGHTS])
            shown += [fiche.pk for fiche in context[key]]
            if context[key]:
                context["sections"].append({"key": key, "title": title, "aids": context[key]})
        return context
