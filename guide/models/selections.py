"""The selections of fiches and guides every caller uses: one way to say "the published fiches
of this site", "open", "closing soon first", "with what a card reads".

``AidPage.objects`` and ``AidIndexPage.objects`` are Wagtail page managers built from these
querysets (``PageManager.from_queryset``), so each selection chains with Wagtail's own
(``live()``, ``public()``, ``descendant_of()``...) and with the others::

    AidPage.objects.of_site(site, "fr").open().for_cards().closing_soon_first()

What "published" means here, once: live, public (no view restriction on the page or an
ancestor, such as its guide) and not an alias (wagtail-localize makes aliases for untranslated
pages: an alias repeats its original's content, so it would show French text as an English
result, or a fiche twice). Nothing public on one site shows another site's fiches: every public
selection starts from a site (``of_site``) or from a guide of it (``in_guide``).
"""

from django.apps import apps
from django.db.models import F, Prefetch, Q
from wagtail.models import PageManager

from core.i18n import default_language
from core.view_restrictions import PublicQuerySet
from guide.models.aid_inlines import AidContact, FinancialComponent
from guide.models.eligibility_case import EligibilityCase
from guide.status import is_open_q, status_q


class GuideQuerySet(PublicQuerySet):
    def of_site(self, site, language):
        """The live, public guides of ``site`` in ``language``, in tree order: those under the
        site's root page, or their translations (an English guide lives under the English home,
        outside the site's root page)."""
        if site is None:
            return self.none()
        sources = self.live().public().descendant_of(site.root_page, inclusive=True)
        return (
            self.live()
            .public()
            .filter(
                translation_key__in=sources.values("translation_key"),
                locale__language_code=language,
            )
            .select_related("locale")
            .order_by("path")
        )


GuideManager = PageManager.from_queryset(GuideQuerySet)


class AidPageQuerySet(PublicQuerySet):
    # Which fiches ---------------------------------------------------------------------------

    def published(self):
        """Live, public, not an alias (see the module's docstring)."""
        return self.live().public().filter(alias_of__isnull=True)

    def in_guide(self, guide):
        """The published fiches of one guide, in its language."""
        return self.published().descendant_of(guide).filter(locale_id=guide.locale_id)

    def of_site(self, site, language):
        """The published fiches of the guides of ``site`` in ``language``: what every public
        selection of one territory starts from.

        One query for the guides, then filters every search backend applies itself (a path
        prefix and a locale per guide: Elasticsearch drops an ``id__in`` subquery, which would
        let a search box suggest another site's fiches). The guides need not be public: a
        view restriction on a guide (or above) makes its fiches private, which
        ``published()`` leaves out."""
        if site is None:
            return self.none()
        # The guide's model by its label: aid_index_page.py imports this module.
        guides = apps.get_model("guide", "AidIndexPage").objects.live()
        sources = guides.descendant_of(site.root_page, inclusive=True)
        condition = Q(pk__in=[])
        for guide in guides.filter(
            translation_key__in=sources.values("translation_key"), locale__language_code=language
        ).only("path", "depth", "locale_id"):
            condition |= self.descendant_of_q(guide) & Q(locale_id=guide.locale_id)
        return self.published().filter(condition)

    def in_default_language(self):
        """The fiches in the default language (French), the reference: translations copy their
        facts, so the admin's reports count these only."""
        return self.filter(locale__language_code=default_language())

    # By status (guide/status.py) ------------------------------------------------------------

    def open(self, on=None):
        """Fiches a business owner can apply to on ``on`` (today): open or closing soon."""
        return self.filter(is_open_q(on))

    def with_status(self, status, on=None):
        return self.filter(status_q(status, on))

    # What is read ---------------------------------------------------------------------------

    def for_cards(self):
        """What a fiche's card reads (guide/includes/aid_card.html): its operator, its
        financial components (the headline) and its contact lines (the « Appeler » link,
        guide/card_call.py): three queries whatever the number of cards."""
        components = FinancialComponent.objects.select_related("aid_type").order_by(
            "sort_order", "pk"
        )
        contacts = AidContact.objects.select_related("contact__organisation").order_by(
            "sort_order", "pk"
        )
        return self.select_related("operator").prefetch_related(
            Prefetch("financial_components", queryset=components),
            Prefetch("contacts", queryset=contacts),
        )

    def with_relations(self):
        """Everything a fiche's full description reads (the API's item, the open-data record,
        the questionnaire's facts), in a fixed number of queries whatever the number of fiches.
        Lines in their editorial order (``sort_order``, then ``pk``: stable where lines share
        a sort order)."""
        components = FinancialComponent.objects.select_related(
            "aid_type", "territory", "audience", "sector"
        ).order_by("sort_order", "pk")
        cases = EligibilityCase.objects.order_by("sort_order", "pk").prefetch_related(
            *EligibilityCase.VOCABULARIES
        )
        contacts = AidContact.objects.select_related("contact__organisation").order_by(
            "sort_order", "pk"
        )
        return self.select_related("operator", "programme").prefetch_related(
            "funders",
            "aid_types",
            "audiences",
            "company_sizes",
            "sectors",
            "project_stages",
            "territories",
            "not_combinable_with",
            Prefetch("financial_components", queryset=components),
            Prefetch("eligibility_cases", queryset=cases),
            Prefetch("contacts", queryset=contacts),
        )

    # Order ----------------------------------------------------------------------------------

    def closing_soon_first(self):
        """Closing soonest first; fiches without a closing date (permanent) last, on every
        database; then by title."""
        return self.order_by(*CLOSING_SOON_FIRST)


CLOSING_SOON_FIRST = (F("closing_date").asc(nulls_last=True), "title")

AidPageManager = PageManager.from_queryset(AidPageQuerySet)
