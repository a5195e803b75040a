"""What a fiche covers and how to apply, in the API: covered expenses, project examples, the
application link (items and details), and the « Préparez votre appel » box (details: the
fiche's own list, else the guide's default in the requested language)."""

import pytest
from wagtail.models import Locale, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from guide.models import GuideSettings
from guide.models.settings import DEFAULT_CALL_CHECKLIST, DEFAULT_ENGLISH_CALL_CHECKLIST
from tests.support.api import (
    DETAIL_FIELDS,
    ITEM_FIELDS,
    LIST,
    OPENAPI,
    answer_schema,
    compare_with_schema,
    detail_url,
    get_json,
    published,
    validate,
)

pytestmark = pytest.mark.django_db

DETAIL_PATH = "/api/v1/aides/{aid_id}/"


@pytest.fixture
def oven_grant(guide_index):
    return published(
        guide_index,
        "Subvention modernisation",
        covered_expenses="Matériel et équipements (four, machine)\n\n  Travaux du local  ",
        project_examples="Une boulangerie qui remplace son four",
        call_checklist="Votre numéro SIRET\nLe devis du four, non signé",
        application_url="https://demarches.exemple.example/modernisation",
        how_to_apply="<ol><li>Appelez le service</li><li>Déposez le dossier en ligne</li></ol>",
    )


def test_items_and_details_say_what_is_covered_and_where_to_apply(client, oven_grant):
    item = get_json(client, LIST)["results"][0]
    assert set(item) == ITEM_FIELDS
    assert item["depenses_couvertes"] == [
        "Matériel et équipements (four, machine)",
        "Travaux du local",
    ]
    assert item["exemples_de_projets"] == ["Une boulangerie qui remplace son four"]
    assert item["lien_demande"] == "https://demarches.exemple.example/modernisation"

    detail = get_json(client, detail_url(oven_grant))
    assert set(detail) == DETAIL_FIELDS
    assert detail["depenses_couvertes"] == item["depenses_couvertes"]
    assert detail["preparez_votre_appel"] == {
        "elements": ["Votre numéro SIRET", "Le devis du four, non signé"],
        "source": "fiche",
    }
    assert detail["comment_en_beneficier"].startswith("<ol><li>Appelez le service</li>")


def test_a_fiche_without_them_gets_empty_lists_and_the_guides_checklist(client, guide_index):
    fiche = published(guide_index, "Prêt d'honneur")
    detail = get_json(client, detail_url(fiche))
    assert detail["depenses_couvertes"] == [] and detail["exemples_de_projets"] == []
    assert detail["lien_demande"] is None
    assert detail["preparez_votre_appel"] == {
        "elements": DEFAULT_CALL_CHECKLIST.split("\n"),
        "source": "guide",
    }
    # The guide's own default, once its editors change it.
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.call_checklist = "Votre Kbis\n\nVotre dernier bilan"
    settings.save()
    detail = get_json(client, detail_url(fiche))
    assert detail["preparez_votre_appel"]["elements"] == ["Votre Kbis", "Votre dernier bilan"]


def test_in_english_the_translated_lines_and_the_english_default(client, guide):
    home, index = guide
    fiche = published(
        index,
        "Subvention",
        covered_expenses="Four\nMachine",
        project_examples="Une boulangerie",
    )
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = fiche.copy_for_translation(english)
    translated.title, translated.slug = "Grant", "grant"
    translated.covered_expenses = "Oven\nMachine"
    translated.project_examples = "A bakery"
    translated.save_revision().publish()

    item = get_json(client, LIST, {"lang": "en"})["results"][0]
    assert item["depenses_couvertes"] == ["Oven", "Machine"]
    assert item["exemples_de_projets"] == ["A bakery"]
    detail = get_json(client, detail_url(fiche), {"lang": "en"})
    assert detail["preparez_votre_appel"] == {
        "elements": DEFAULT_ENGLISH_CALL_CHECKLIST.split("\n"),
        "source": "guide",
    }
    french = get_json(client, detail_url(fiche))
    assert french["depenses_couvertes"] == ["Four", "Machine"]
    assert french["preparez_votre_appel"]["elements"] == DEFAULT_CALL_CHECKLIST.split("\n")


def test_the_new_fields_follow_the_openapi_document(client, oven_grant, guide_index):
    document = get_json(client, OPENAPI)
    bare = published(guide_index, "Sans précisions")
    for fiche in (oven_grant, bare):
        detail = get_json(client, detail_url(fiche))
        schema = answer_schema(document, DETAIL_PATH)
        compare_with_schema(document, schema, detail)
        validate(document, schema, detail)
    body = get_json(client, LIST)
    compare_with_schema(document, answer_schema(document, "/api/v1/aides/"), body)
    validate(document, answer_schema(document, "/api/v1/aides/"), body)

    schemas = document["components"]["schemas"]
    item = schemas["FicheItem"]["properties"]
    assert "dépenses que l'aide finance" in item["depenses_couvertes"]["description"]
    assert item["exemples_de_projets"]["items"] == {"type": "string"}
    detail = schemas["FicheDetail"]["properties"]
    assert "Comment demander" in detail["comment_en_beneficier"]["description"]
    checklist = schemas["CallChecklist"]["properties"]
    assert checklist["source"]["enum"] == ["fiche", "guide"]


def test_translated_line_by_line_like_the_eligibility(
    client, guide, django_capture_on_commit_callbacks
):
    """Through wagtail-localize as a translator works: each line is a segment of its own, the
    application link is synchronised (no segment), and the English API gives each translated
    line as it gives the eligibility's."""
    home, index = guide
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    fiche = published(
        index,
        "Subvention",
        eligibility="Être une PME\nSiège dans le territoire",
        covered_expenses="Four\nMachine",
        project_examples="Une boulangerie",
        call_checklist="Votre SIRET",
        application_url="https://demarches.exemple.example/",
    )
    source, _created = TranslationSource.get_or_create_from_instance(fiche)
    translation = Translation.objects.create(source=source, target_locale=english)
    paths = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        paths.append(segment.context.path)
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=english,
            context=segment.context,
            data=f"EN {segment.string.data}",
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    fields = [path.split(".")[0] for path in paths]
    for name, count in [
        ("eligibility", 2),
        ("covered_expenses", 2),
        ("project_examples", 1),
        ("call_checklist", 1),
    ]:
        assert fields.count(name) == count, paths
    assert "application_url" not in fields

    detail = get_json(client, detail_url(fiche), {"lang": "en"})
    assert detail["eligibilite"] == ["EN Être une PME", "EN Siège dans le territoire"]
    assert detail["depenses_couvertes"] == ["EN Four", "EN Machine"]
    assert detail["exemples_de_projets"] == ["EN Une boulangerie"]
    assert detail["preparez_votre_appel"] == {"elements": ["EN Votre SIRET"], "source": "fiche"}
    assert detail["lien_demande"] == "https://demarches.exemple.example/"
