"""The demo guide in English: translations made through wagtail-localize (not separate pages),
every segment in English, the facts of the fiches synchronised from the French ones, and a
loader that changes nothing the second time."""

import datetime
import html as html_lib
from decimal import Decimal

import pytest
from django.utils import translation as django_translation
from django.utils.formats import date_format
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from demo import english, site_pages
from demo.loader import DemoLoader, demo_uuid
from guide.formatting import format_euros
from guide.models import AidIndexPage, AidPage
from home.models import ContentPage, HomePage, SiteMapPage
from results.models import ResultsPage
from tests.conftest import DEMO_DAY

pytestmark = pytest.mark.django_db

SITE_PAGE_SLUGS = [*(spec["slug"] for spec in site_pages.CONTENT_PAGES), "plan-du-site"]
FICHE_SYNCHRONISED_FIELDS = (
    "operator_id",
    "programme_id",
    "operator_url",
    "application_url",
    "staff_min",
    "staff_max",
    "min_years_in_business",
    "opening_date",
    "closing_date",
    "recurrence",
    "manual_state",
    "last_verified",
    "is_featured",
    "aid_uuid",
)
FICHE_VOCABULARIES = (
    "funders",
    "audiences",
    "company_sizes",
    "sectors",
    "project_stages",
    "territories",
    "aid_types",
)
COMPONENT_FACTS = (
    "aid_type_id",
    "amount",
    "unit",
    "rate",
    "duration_months",
    "ceiling",
    "max_share_percent",
    "advisory_days",
    "territory_id",
    "sort_order",
)
# Segments whose English is the French text (a name, already English).
SAME_IN_ENGLISH = {"orly-international-job-meetings"}


@pytest.fixture
def en(demo_guide):
    return Locale.objects.get(language_code="en")


def path(page):
    """The page's address on the default site (with two sites, ``page.url`` is absolute)."""
    return page.relative_url(Site.objects.get(is_default_site=True))


def french_home(index):
    return HomePage.objects.get(pk=index.get_parent().pk)


def french_fiches(index):
    return [AidPage.objects.child_of(index).get(slug=slug) for slug in english.FICHE_SLUGS]


def french_fiche(slug):
    return AidPage.objects.get(aid_uuid=demo_uuid(slug), locale=Locale.get_default())


def french_pages(index):
    """The translated pages, in the loader's order (parents first)."""
    home = french_home(index)
    site = [Page.objects.child_of(home).get(slug=slug).specific for slug in SITE_PAGE_SLUGS]
    results_page = ResultsPage.objects.child_of(home).get()
    return [home, index, results_page, *site, *french_fiches(index)]


def components(fiche):
    return [
        {name: getattr(line, name) for name in COMPONENT_FACTS}
        for line in fiche.financial_components.order_by("sort_order")
    ]


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


def test_the_english_pages_are_translations_of_the_french_ones(demo_guide, en):
    pages = french_pages(demo_guide)
    assert len(pages) == 3 + len(SITE_PAGE_SLUGS) + len(english.FICHE_SLUGS)
    assert len(english.FICHE_SLUGS) >= 5
    for page in pages:
        translated = page.get_translation(en)
        assert type(translated) is type(page), page.slug
        assert translated.translation_key == page.translation_key
        assert translated.locale == en
        assert translated.live and not translated.has_unpublished_changes, page.slug
        assert translated.alias_of_id is None, page.slug  # a real page, not a copy of French
        assert translated.title != page.title, page.slug
        if page.slug not in SAME_IN_ENGLISH:
            assert translated.slug != page.slug, page.slug
        # Made through wagtail-localize: a source, a translation into English.
        source = TranslationSource.objects.get_for_instance(page)
        assert Translation.objects.filter(source=source, target_locale=en, enabled=True).exists()
    # The English tree mirrors the French one.
    home_en = french_home(demo_guide).get_translation(en)
    index_en = demo_guide.get_translation(en)
    assert index_en.get_parent().pk == home_en.pk
    assert {type(p.specific) for p in home_en.get_children()} == {
        AidIndexPage,
        ResultsPage,
        ContentPage,
        SiteMapPage,
    }
    assert AidPage.objects.child_of(index_en).count() == len(english.FICHE_SLUGS)
    assert AidPage.objects.live().filter(locale=en).count() == len(english.FICHE_SLUGS)


def test_the_english_home_page(client, demo_guide, en):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Business aid guide" in html
    assert "<strong>by Grand-Orly Seine Bièvre</strong>" in html  # inline tags kept
    assert "Guide des aides aux entreprises" not in html


def test_the_english_guide_lists_the_english_fiches(client, demo_guide, en):
    index_en = demo_guide.get_translation(en)
    assert path(index_en) == "/en/business-aid/"
    response = client.get(path(index_en), {"statut": "tous"})
    assert response.status_code == 200
    pages = response.context["page_obj"].paginator.num_pages
    responses = [response] + [
        client.get(path(index_en), {"statut": "tous", "page": n}) for n in range(2, pages + 1)
    ]
    listed = {fiche.pk for page in responses for fiche in page.context["page_obj"].object_list}
    translated = {fiche.get_translation(en).pk for fiche in french_fiches(demo_guide)}
    # The fiches with no English version are listed too, in French (issue 23).
    french_only = set(
        AidPage.objects.in_guide(demo_guide)
        .exclude(slug__in=english.FICHE_SLUGS)
        .values_list("pk", flat=True)
    )
    assert french_only and listed == translated | french_only
    assert response.context["outcome"].in_french == len(french_only)
    html = response.content.decode()
    assert "Aid for businesses" in html
    assert "Alixio – Loans and grants for SMEs in Val-de-Marne and Essonne" in html
    marked = sum(page.content.decode().count('class="aid-card__language"') for page in responses)
    assert marked == len(french_only)


def test_each_english_fiche_answers_in_english(client, demo_guide, en):
    for fiche in french_fiches(demo_guide):
        fiche_en = fiche.get_translation(en)
        assert path(fiche_en).startswith("/en/business-aid/"), path(fiche_en)
        response = client.get(path(fiche_en))
        assert response.status_code == 200, path(fiche_en)
        html = response.content.decode()
        assert '<html lang="en"' in html
        text = html_lib.unescape(html)
        assert f"<h1>{fiche_en.title}</h1>" in text
        assert fiche_en.promesse in text
        assert fiche.title not in text and fiche.promesse not in text, fiche.slug
        assert "Please say you were referred by Grand-Orly Seine Bièvre" in text
        assert "de la part du" not in text


def test_the_english_fiches_keep_the_french_facts(demo_guide, en):
    for fiche in french_fiches(demo_guide):
        fiche_en = fiche.get_translation(en)
        for name in FICHE_SYNCHRONISED_FIELDS:
            assert getattr(fiche_en, name) == getattr(fiche, name), (fiche.slug, name)
        for name in FICHE_VOCABULARIES:
            french = set(getattr(fiche, name).values_list("pk", flat=True))
            assert set(getattr(fiche_en, name).values_list("pk", flat=True)) == french, name
        assert components(fiche_en) == components(fiche), fiche.slug
        assert [line.contact_id for line in fiche_en.contacts.order_by("sort_order")] == [
            line.contact_id for line in fiche.contacts.order_by("sort_order")
        ]
        assert fiche_en.eligibility.count("\n") == fiche.eligibility.count("\n")
    alixio = french_fiche("alixio-pme-pmi-val-de-marne-essonne")
    alixio_en = alixio.get_translation(en)
    loan, grant, advisory = alixio_en.financial_components.order_by("sort_order")
    assert (loan.label, loan.amount, loan.ceiling) == ("Interest-free loan", 15000, 225000)
    assert loan.condition_lines() == [
        "No personal guarantee",
        "Not tied to a specific expense: can fund working capital needs, among other things",
    ]
    assert (grant.amount, grant.ceiling) == (5000, 25000)
    assert (grant.unit_share_count, grant.unit_share_total) == (1, 3)
    assert advisory.territory.cog_code == "DEP-91"
    assert alixio_en.operator.name == "Alixio"
    assert alixio_en.contacts.get().contact.email == "edith.blard@alixio.fr"


def test_every_segment_of_the_translated_pages_has_english(demo_guide, en):
    used = set()
    for page in french_pages(demo_guide):
        source = TranslationSource.objects.get_for_instance(page)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        assert segments, page.slug
        for segment in segments:
            used.add(segment.string.data)
            translation = StringTranslation.objects.get(
                translation_of=segment.string, context=segment.context, locale=en
            )
            assert not translation.has_error, (segment.context.path, translation.data)
            assert translation.data == english.ENGLISH[segment.string.data]
            if segment.string.data not in SAME_IN_ENGLISH:
                assert translation.data != segment.string.data, segment.context.path
        assert english.missing_segments(source, en) == [], page.slug
    # Nor is there any English left over for a French text that no longer exists.
    assert set(english.ENGLISH) - used == set()


def test_loading_twice_creates_nothing_in_english(demo_guide, en):
    before = counts()
    report = DemoLoader(on=DEMO_DAY).load()
    assert report.created == [] and report.updated == []
    assert sum(label.startswith("en/") for label in report.unchanged) == len(
        french_pages(demo_guide)
    )
    assert counts() == before


def test_a_changed_english_page_is_put_back(demo_guide, en):
    alixio_en = french_fiches(demo_guide)[1].get_translation(en)
    alixio_en.promesse = "Something else"
    alixio_en.save_revision().publish()
    report = DemoLoader(on=DEMO_DAY).load()
    assert report.created == [] and report.updated == ["en/alixio-sme-loans-and-grants"]
    assert AidPage.objects.get(pk=alixio_en.pk).promesse == (
        "Fund new permanent jobs with an interest-free loan and a grant for each job created"
    )


def test_a_french_fact_reaches_the_english_fiche_on_sync(
    client, demo_guide, en, django_capture_on_commit_callbacks
):
    alixio = french_fiche("alixio-pme-pmi-val-de-marne-essonne")
    alixio_en = alixio.get_translation(en)
    loan = alixio.financial_components.get(label="Prêt à taux zéro")
    loan.ceiling = Decimal("250000")
    loan.save()
    alixio = AidPage.objects.get(pk=alixio.pk)
    alixio.recurrence = "ponctuelle"
    alixio.closing_date = datetime.date(2027, 6, 30)
    alixio.save_revision().publish()

    # wagtail-localize's "Sync translated pages": refresh the source, save the translation.
    strings_before = StringTranslation.objects.count()
    source = TranslationSource.objects.get_for_instance(alixio)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=en)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert StringTranslation.objects.count() == strings_before  # nothing to retranslate

    alixio_en = AidPage.objects.get(pk=alixio_en.pk)
    assert alixio_en.live and not alixio_en.has_unpublished_changes
    assert alixio_en.title == "Alixio – Loans and grants for SMEs in Val-de-Marne and Essonne"
    loan_en = alixio_en.financial_components.get(label="Interest-free loan")
    assert loan_en.ceiling == Decimal("250000")
    assert (alixio_en.closing_date, alixio_en.recurrence) == (
        datetime.date(2027, 6, 30),
        "ponctuelle",
    )
    html = client.get(path(alixio_en)).content.decode()
    assert format_euros(Decimal("250000")) in html
    assert format_euros(Decimal("225000")) not in html
    with django_translation.override("en"):
        assert date_format(datetime.date(2027, 6, 30), "j F Y") in html


def test_the_share_of_an_english_component_reads_in_english(client, demo_guide, en):
    alixio_en = french_fiche("alixio-pme-pmi-val-de-marne-essonne").get_translation(en)
    text = html_lib.unescape(client.get(path(alixio_en)).content.decode())
    assert "un tiers" not in text
    assert "du programme d'emplois" not in text
    assert "at most one job in three" in text
    # The French fiche reads in French: the description's words and the grant's share.
    alixio = french_fiche("alixio-pme-pmi-val-de-marne-essonne")
    french = html_lib.unescape(client.get(path(alixio)).content.decode())
    assert "au plus un tiers du programme d'emplois" in french
    assert "au plus 1 emploi créé sur 3" in french
