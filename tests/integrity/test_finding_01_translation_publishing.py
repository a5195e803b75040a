"""Finding 1 (high): publishing without review through translations.

A Rédacteur held wagtail-localize's ``submit_translation``, which its views take as the only
right: « Traduire » published the English page at once (the source's live status copied), the
"update translations" form published every translation when « Publier immédiatement » was
ticked, and the second territory's home page, where the Rédacteur has no right at all, could be
translated and published the same way. Every path is tried here through the admin's URLs, with
the on-commit callbacks run (wagtail-localize publishes on commit).
"""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory
from tests.support.pages import translate_guide
from tests.support.sites import make_second_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(guide):
    return translate_guide(guide).locale


def login(client, django_user_model, group):
    user = django_user_model.objects.create_user(group, f"{group}@exemple.example", "pw")
    user.groups.add(role_group(group))
    client.force_login(user)
    return user


@pytest.fixture
def redacteur(client, django_user_model):
    login(client, django_user_model, EDITORS)
    return client


@pytest.fixture
def valideur(client, django_user_model):
    login(client, django_user_model, REVIEWERS)
    return client


@pytest.fixture
def published_fiche(guide):
    page = AidPageFactory(parent=guide[1], title="Prêt relu", slug="pret-relu")
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


@pytest.fixture
def draft_fiche(guide):
    page = AidPageFactory(
        parent=guide[1], title="Brouillon jamais relu", slug="brouillon", live=False
    )
    page.save_revision()
    return AidPage.objects.get(pk=page.pk)


def translate(client, page, locale, capture):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    with capture(execute=True):
        return client.post(url, {"locales": [locale.pk]})


def english_of(page, locale):
    return Page.objects.filter(translation_key=page.translation_key, locale=locale).first()


def api_titles(client, lang):
    response = client.get("/api/v1/aides/", {"lang": lang})
    assert response.status_code == 200
    return {item["title"] for item in response.json()["results"]}


@pytest.mark.parametrize("fixture", ["published_fiche", "draft_fiche"])
def test_translating_a_fiche_starts_a_draft_never_a_live_page(
    request, redacteur, english, fixture, django_capture_on_commit_callbacks
):
    fiche = request.getfixturevalue(fixture)
    response = translate(redacteur, fiche, english, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    translated = english_of(fiche, english)
    assert translated is not None and not translated.live
    redacteur.logout()
    assert fiche.title not in api_titles(redacteur, "en")


def test_a_redacteur_cannot_publish_translations_from_the_update_form(
    redacteur, english, draft_fiche, django_capture_on_commit_callbacks
):
    translate(redacteur, draft_fiche, english, django_capture_on_commit_callbacks)
    source = TranslationSource.objects.get(object_id=draft_fiche.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    form = redacteur.get(url)
    assert form.status_code == 200
    assert 'name="publish_translations"' not in form.content.decode()
    assert "restent en brouillon" in form.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        refused = redacteur.post(url, {"publish_translations": "on"})
    assert refused.status_code == 403
    assert not english_of(draft_fiche, english).live
    redacteur.logout()
    assert draft_fiche.title not in api_titles(redacteur, "en")

    # Without publishing, the update goes through and the translation stays a draft.
    redacteur.force_login(role_group(EDITORS).user_set.get())
    with django_capture_on_commit_callbacks(execute=True):
        assert redacteur.post(url, {}).status_code == 302
    assert not english_of(draft_fiche, english).live


def test_a_valideur_may_publish_translations_from_the_update_form(
    valideur, english, published_fiche, django_capture_on_commit_callbacks
):
    translate(valideur, published_fiche, english, django_capture_on_commit_callbacks)
    source = TranslationSource.objects.get(object_id=published_fiche.translation_key)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert 'name="publish_translations"' in valideur.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert valideur.post(url, {"publish_translations": "on"}).status_code == 302
    assert english_of(published_fiche, english).live


def test_another_territorys_home_page_cannot_be_translated_by_a_redacteur(
    redacteur, english, django_capture_on_commit_callbacks
):
    second = make_second_site()
    second.home.save_revision().publish()
    url = reverse("wagtail_localize:submit_page_translation", args=[second.home.pk])
    assert redacteur.get(url).status_code == 403
    response = translate(redacteur, second.home, english, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert english_of(second.home, english) is None
    assert not Translation.objects.filter(source__object_id=second.home.translation_key).exists()


def test_converting_a_translation_into_an_alias_needs_the_publish_right(
    redacteur, english, published_fiche, django_capture_on_commit_callbacks
):
    translate(redacteur, published_fiche, english, django_capture_on_commit_callbacks)
    translated = english_of(published_fiche, english)
    url = reverse("wagtail_localize:convert_to_alias", args=[translated.pk])
    assert redacteur.post(url).status_code == 403
    assert Page.objects.get(pk=translated.pk).alias_of_id is None


def test_the_translation_editor_publishes_only_for_a_valideur(
    redacteur, english, published_fiche, django_capture_on_commit_callbacks, django_user_model
):
    translate(redacteur, published_fiche, english, django_capture_on_commit_callbacks)
    translated = english_of(published_fiche, english)
    edit_url = reverse("wagtailadmin_pages:edit", args=[translated.pk])
    with django_capture_on_commit_callbacks(execute=True):
        redacteur.post(edit_url, {"action": "publish"})
    assert not Page.objects.get(pk=translated.pk).live

    login(redacteur, django_user_model, REVIEWERS)
    with django_capture_on_commit_callbacks(execute=True):
        redacteur.post(edit_url, {"action": "publish"})
    assert Page.objects.get(pk=translated.pk).live
