"""wagtail-localize on a fiche: translators see the prose only, and the facts of the English
fiche follow the French one without retranslation."""

import datetime
import re
from decimal import Decimal

import pytest
from wagtail.models import Locale
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from guide.models import AidPage, FinancialComponent
from tests.support.factories import AidPageFactory, FinancialComponentFactory

pytestmark = pytest.mark.django_db

FACT_FIELDS = {
    "amount",
    "ceiling",
    "rate",
    "duration_months",
    "max_share_percent",
    "advisory_days",
    "unit",
    "opening_date",
    "closing_date",
    "staff_min",
    "staff_max",
    "aid_uuid",
    "operator_url",
    "application_url",
    "contact",
    "manual_state",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w+")
PHONE = re.compile(r"(?:\+33|0)\s?[1-9](?:[\s.]?\d{2}){4}")
AMOUNT = re.compile(r"\d[\d\s\u202f]*(?:€|euros?)")


@pytest.fixture
def english(guide):
    home, index = guide
    locale = Locale.objects.get_or_create(language_code="en")[0]
    for page in (home, index):
        page.copy_for_translation(locale).save_revision().publish()
    return locale


@pytest.fixture
def fiche(guide):
    page = AidPageFactory(
        parent=guide[1],
        title="Prêt Alixio",
        closing_date=datetime.date(2027, 6, 30),
        operator_url="https://alixio.example.org/",
    )
    FinancialComponentFactory(
        page=page,
        label="Prêt à taux zéro par emploi créé",
        amount=15000,
        unit=FinancialComponent.Unit.PER_JOB_CREATED,
        ceiling=225000,
        conditions="Indissociable de la subvention",
    )
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def translate(fiche, locale, on_commit):
    """What an editor does in wagtail-localize: translate every segment, then publish (which
    wagtail-localize does once the transaction commits)."""
    source, _created = TranslationSource.get_or_create_from_instance(fiche)
    translation = Translation.objects.create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"EN {segment.string.data}"},
        )
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return source, translation


def test_translators_see_no_fact(fiche, english, django_capture_on_commit_callbacks):
    source, _translation = translate(fiche, english, django_capture_on_commit_callbacks)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    paths = {segment.context.path for segment in segments}
    assert "title" in paths and "promesse" in paths
    assert any(path.startswith("financial_components.") for path in paths)  # label, conditions
    fields = {path.rsplit(".", 1)[-1] for path in paths}
    assert not fields & FACT_FIELDS, fields & FACT_FIELDS
    texts = [segment.string.data for segment in segments]
    for text in texts:
        assert not EMAIL.search(text) and not PHONE.search(text), text
    # Nor can a translator override a figure: the only overridable fields are not facts.
    overridable = {
        segment.context.path.rsplit(".", 1)[-1]
        for segment in OverridableSegment.objects.filter(source=source).select_related("context")
    }
    assert not overridable & FACT_FIELDS, overridable


def test_a_french_fact_reaches_the_english_fiche_without_retranslation(
    client, fiche, english, django_capture_on_commit_callbacks
):
    source, translation = translate(fiche, english, django_capture_on_commit_callbacks)
    assert AidPage.objects.get(translation_key=fiche.translation_key, locale=english).live
    fiche_en = AidPage.objects.get(translation_key=fiche.translation_key, locale=english)
    line_en = fiche_en.financial_components.get()
    assert line_en.label == "EN Prêt à taux zéro par emploi créé"
    assert line_en.ceiling == Decimal("225000")

    # The French ceiling and closing date change and are published.
    fiche = AidPage.objects.get(pk=fiche.pk)
    line = fiche.financial_components.get()
    line.ceiling = 250000
    line.save()
    fiche.closing_date = datetime.date(2027, 9, 30)
    fiche.save_revision().publish()
    assert AidPage.objects.get(pk=fiche.pk).financial_components.get().ceiling == 250000

    # wagtail-localize's sync ("Sync translated pages"): the source is refreshed and the
    # translation saved again, with no new translated string.
    strings_before = StringTranslation.objects.count()
    source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert StringTranslation.objects.count() == strings_before

    fiche_en = AidPage.objects.get(pk=fiche_en.pk)
    assert fiche_en.financial_components.get().ceiling == Decimal("250000")
    assert fiche_en.closing_date == datetime.date(2027, 9, 30)
    assert fiche_en.title == "EN Prêt Alixio"
    html = client.get(fiche_en.url).content.decode()
    assert "250" in html and "225\u202f000" not in html and "225 000" not in html
