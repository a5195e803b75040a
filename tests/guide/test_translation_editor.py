"""Translating a fiche as an editor does: the editor in French, the lines of a list each a
segment (no ``<br/>``) put back line by line, and a Rédacteur's translation submitted to a
Valideur's review from the editor, never published by it."""

import html
import importlib
import json
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
)

from core.fields import LinesField, line_keys, lines_of
from core.templatetags.translation_editor import translation_editor_wording
from core.translation_review import SUBMIT
from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory, FinancialComponentFactory
from tests.support.pages import translate_guide
from tests.support.sites import make_second_site

pytestmark = pytest.mark.django_db

ELIGIBILITY = "Entreprise de moins de 3 ans\n\n  Siège dans le territoire  \nAu moins 1 salarié"
CONDITIONS = "Sans caution personnelle\nIndissociable de la subvention"


@pytest.fixture
def english(guide):
    return translate_guide(guide).locale


@pytest.fixture
def fiche(guide):
    page = AidPageFactory(
        parent=guide[1], title="Prêt d'honneur", slug="pret-honneur", eligibility=ELIGIBILITY
    )
    FinancialComponentFactory(page=page, amount=15000, label="Prêt", conditions=CONDITIONS)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def sign_in(client, django_user_model, role):
    user = django_user_model.objects.create_user(role, f"{role}@exemple.example", "pw")
    user.groups.add(role_group(role))
    client.force_login(user)
    return user


def start_translation(client, fiche, english):
    url = reverse("wagtail_localize:submit_page_translation", args=[fiche.pk])
    response = client.post(url, {"locales": [english.pk]}, follow=True)
    assert response.status_code == 200
    translation = Translation.objects.get(
        source__object_id=fiche.translation_key, target_locale=english
    )
    draft = AidPage.objects.get(translation_key=fiche.translation_key, locale=english)
    return translation, draft, response


def translate_every_segment(client, translation):
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        body = urlencode({"value": f"EN {html.unescape(segment.string.data)}"})
        response = client.put(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 201, response.content


def editor_props(response):
    match = re.search(r'data-props="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(match.group(1)))


# The field


def test_a_list_is_one_segment_per_line_and_comes_back_line_by_line():
    field = LinesField()
    segments = field.get_translatable_segments(ELIGIBILITY)
    assert [segment.string.data for segment in segments] == [
        "Entreprise de moins de 3 ans",
        "Siège dans le territoire",
        "Au moins 1 salarié",
    ]
    translated = [segment.clone() for segment in segments]
    translated[0].string.data = "Business less than 3 years old"
    translated[2].string.data = "At least 1 employee &amp; more"
    # A line without translation keeps the source's text; the order is the source's.
    restored = field.restore_translated_segments(ELIGIBILITY, reversed(translated[::2]))
    assert restored == (
        "Business less than 3 years old\nSiège dans le territoire\nAt least 1 employee & more"
    )
    assert field.get_translatable_segments("") == []


def test_a_line_keeps_its_key_when_others_move_and_a_repeated_line_has_its_own():
    first = line_keys(["A", "B", "C"])
    moved = line_keys(["C", "new", "A", "B"])
    assert dict(zip(["A", "B", "C"], first, strict=True)) == {
        "A": moved[2],
        "B": moved[3],
        "C": moved[0],
    }
    twice = line_keys(["A", "A"])
    assert twice[0] == first[0] and twice[1] != twice[0]
    assert lines_of(" a \n\n b") == ["a", "b"]


# The editor


def test_the_editor_shows_each_condition_as_a_segment_without_br(
    client, django_user_model, fiche, english
):
    sign_in(client, django_user_model, EDITORS)
    translation, draft, _response = start_translation(client, fiche, english)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert editor.status_code == 200
    props = editor_props(editor)
    sources = [segment["source"] for segment in props["segments"] if segment["type"] == "string"]
    assert not any("<br" in source for source in sources)
    for line in lines_of(ELIGIBILITY) + lines_of(CONDITIONS):
        assert sources.count(line) == 1
    fields = {s["source"]: s["location"]["field"] for s in props["segments"]}
    assert fields["Siège dans le territoire"] == "Conditions d'éligibilité"


def test_the_editor_speaks_french_to_a_redacteur(client, django_user_model, fiche, english):
    sign_in(client, django_user_model, EDITORS)
    translation, draft, response = start_translation(client, fiche, english)
    # The message after « Traduire »: what to do next.
    assert "soumettez-la à la relecture" in response.content.decode()
    translate_every_segment(client, translation)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    page = editor.content.decode()
    props = editor_props(editor)
    # Languages named in French, « Langue » instead of « Région ».
    assert props["sourceLocale"]["displayName"] == "Français"
    assert props["locale"]["displayName"] == "Anglais"
    assert "English" not in page
    assert "égion" not in page
    assert "Langue" in page
    # The strings the React app writes in English are given their French wording.
    wording = json.loads(
        re.search(
            r'<script id="translation-editor-wording" type="application/json">(.*?)</script>',
            page,
            re.S,
        ).group(1)
    )
    assert wording["texts"] == {
        "Français to Anglais translation": "Traduction du français vers l'anglais",
        "More actions": "Plus d'actions",
    }
    assert wording["months"]["December"] == "décembre"
    comment = props["initialStringTranslations"][0]["comment"]
    assert comment.startswith("Traduit manuellement le ")
    assert any(comment.startswith(start) for start in wording["comments"])
    assert "core/js/translation-editor.js" in page
    # The review panel, for a translator who may not publish.
    assert f'name="{SUBMIT}"' in page


def test_the_wording_follows_the_admins_language(english):
    french = Locale.objects.get(language_code="fr")
    translation = SimpleNamespace(source=SimpleNamespace(locale=french), target_locale=english)
    with django_translation.override("en"):
        wording = translation_editor_wording(translation)
    assert "More actions" in wording["texts"]
    assert wording["months"]["December"] == "December"
    assert wording["comments"][1] == "Translated manually on "


# Review


def test_a_redacteur_submits_the_translation_and_a_valideur_publishes_it(
    client, django_user_model, fiche, english, django_capture_on_commit_callbacks
):
    redacteur = sign_in(client, django_user_model, EDITORS)
    translation, draft, _response = start_translation(client, fiche, english)
    translate_every_segment(client, translation)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {SUBMIT: "1"}, follow=True)
    assert response.status_code == 200
    assert "attend la relecture d&#x27;un valideur" in response.content.decode()
    draft = AidPage.objects.get(pk=draft.pk)
    assert not draft.live  # nothing published
    state = draft.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == redacteur
    # The draft built from the translated segments, line by line.
    submitted = draft.get_latest_revision_as_object()
    assert submitted.title == "EN Prêt d'honneur"
    assert submitted.eligibility == (
        "EN Entreprise de moins de 3 ans\nEN Siège dans le territoire\nEN Au moins 1 salarié"
    )
    component = submitted.financial_components.get()
    assert component.conditions == "EN Sans caution personnelle\nEN Indissociable de la subvention"
    assert component.amount == 15000
    # While in review, the Rédacteur is told so and cannot submit again.
    page = client.get(edit_url).content.decode()
    assert "attend la relecture d'un valideur depuis le" in page
    assert f'name="{SUBMIT}"' not in page

    # The Valideur sees it waiting for review, with its language, and approves it.
    client.logout()
    sign_in(client, django_user_model, REVIEWERS)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    waiting = dashboard[dashboard.index('id="awaiting-review-heading"') :]
    assert "EN Prêt d&#x27;honneur" in waiting and "Anglais" in waiting
    # A Valideur may publish: no submission panel, the editor's « Publier ».
    assert f'name="{SUBMIT}"' not in client.get(edit_url).content.decode()
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[draft.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
    assert response.status_code in (200, 302)
    published = AidPage.objects.get(pk=draft.pk)
    assert published.live and published.eligibility_lines() == [
        "EN Entreprise de moins de 3 ans",
        "EN Siège dans le territoire",
        "EN Au moins 1 salarié",
    ]


def test_a_redacteur_cannot_publish_a_translation_from_the_editor(
    client, django_user_model, fiche, english, django_capture_on_commit_callbacks
):
    sign_in(client, django_user_model, EDITORS)
    translation, draft, _response = start_translation(client, fiche, english)
    translate_every_segment(client, translation)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"}
        )
    assert response.status_code in (302, 403)  # Wagtail's admin redirects a refusal
    assert not AidPage.objects.get(pk=draft.pk).live
    assert WorkflowState.objects.count() == 0


def test_a_redacteur_of_another_territory_cannot_submit_the_translation(
    client, django_user_model, fiche, english
):
    sign_in(client, django_user_model, EDITORS)
    _translation, draft, _response = start_translation(client, fiche, english)
    revisions = draft.revisions.count()
    client.logout()
    second = make_second_site()
    outsider = django_user_model.objects.create_user("autre", "autre@exemple.example", "pw")
    outsider.groups.add(role_group(EDITORS, second.site))
    client.force_login(outsider)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {SUBMIT: "1"})
    assert response.status_code in (302, 403)
    assert WorkflowState.objects.count() == 0
    assert AidPage.objects.get(pk=draft.pk).revisions.count() == revisions


# Languages, not regions, in the admin's lists and reports


def test_languages_are_named_in_french_in_the_explorer_and_the_report(
    client, django_user_model, guide, english
):
    admin = django_user_model.objects.create_superuser("root", "root@exemple.example", "pw")
    client.force_login(admin)
    explorer = client.get(reverse("wagtailadmin_explore", args=[guide[1].pk])).content.decode()
    assert "Disponible en 2 langues" in explorer and "Langue" in explorer
    assert "égion" not in explorer and "English" not in explorer
    report = client.get(reverse("wagtail_localize:translations_report")).content.decode()
    assert "Langue source" in report and "Langue cible" in report
    assert "Source locale" not in report and "Target locale" not in report
    assert "Anglais" in report and "English" not in report


# Translations made before lists were split


def test_a_translation_of_the_whole_list_is_split_into_its_lines(guide, english):
    split = importlib.import_module("guide.migrations.0022_split_line_translations")
    fiche = AidPageFactory(
        parent=guide[1], title="Prêt", slug="pret", eligibility="Moins de 3 ans\nSiège à Ivry"
    )
    fiche.save_revision().publish()
    french = fiche.locale
    # As wagtail-localize stored it before: one segment, its lines joined by <br/>.
    whole = String.objects.create(locale=french, data="Moins de 3 ans<br/>Siège à Ivry")
    context = TranslationContext.objects.create(
        object=TranslatableObject.objects.get_or_create_from_instance(fiche)[0],
        path="eligibility",
    )
    StringTranslation.objects.create(
        translation_of=whole,
        locale=english,
        context=context,
        data="Less than 3 years old<br/>Based in Ivry",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    split.split_translations(django_apps, None)
    split.split_translations(django_apps, None)  # once only

    source, _created = TranslationSource.get_or_create_from_instance(fiche)
    translation = Translation.objects.create(source=source, target_locale=english)
    translation.save_target(publish=False)
    page = AidPage.objects.get(translation_key=fiche.translation_key, locale=english)
    assert page.get_latest_revision_as_object().eligibility == (
        "Less than 3 years old\nBased in Ivry"
    )
    assert StringTranslation.objects.filter(locale=english).count() == 3
