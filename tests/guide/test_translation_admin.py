"""An editor translates a fiche in the admin, through wagtail-localize's own views, and
publishes it; an outside translator works on a PO file downloaded and uploaded in the admin."""

from urllib.parse import urlencode

import polib
import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from guide.models import AidPage
from guide.roles import EDITORS, REVIEWERS, role_group
from tests.support.factories import AidPageFactory, FinancialComponentFactory
from tests.support.pages import translate_guide

pytestmark = pytest.mark.django_db

SLUG = "honour-loan"


@pytest.fixture
def english(guide):
    return translate_guide(guide).locale


@pytest.fixture
def fiche(guide):
    page = AidPageFactory(
        parent=guide[1], title="Prêt d'honneur création", slug="pret-honneur-creation"
    )
    FinancialComponentFactory(page=page, amount=15000, ceiling=225000, label="Prêt", sort_order=0)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


@pytest.fixture
def reviewer(client, django_user_model):
    """A Valideur: publishes in the guides, French and English."""
    user = django_user_model.objects.create_user("valideur", "valideur@example.org", "pw")
    user.groups.add(role_group(REVIEWERS))
    client.force_login(user)
    return client


def english_of(text):
    return SLUG if text == "pret-honneur-creation" else f"[EN] {text}"


def submit(client, fiche, english):
    url = reverse("wagtail_localize:submit_page_translation", args=[fiche.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = Translation.objects.get(
        source__object_id=fiche.translation_key, target_locale=english
    )
    return translation, AidPage.objects.get(translation_key=fiche.translation_key, locale=english)


def test_an_editor_translates_a_fiche_in_the_admin_and_publishes_it(
    reviewer, fiche, english, django_capture_on_commit_callbacks
):
    client = reviewer
    translation, draft = submit(client, fiche, english)
    assert not draft.live  # a draft until the translation is published

    # The English page's edit view is wagtail-localize's translation editor.
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    editor = client.get(edit_url)
    assert editor.status_code == 200
    assert "translation-editor" in editor.content.decode()

    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert segments.count() > 3
    for segment in segments:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        body = urlencode({"value": english_of(segment.string.data)})
        response = client.put(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 201, response.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302

    published = AidPage.objects.get(pk=draft.pk)
    assert published.live and published.title == "[EN] Prêt d'honneur création"
    assert published.url == f"/en/aides/{SLUG}/"
    page = client.get(published.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "[EN] Prêt d&#x27;honneur création" in html and 'lang="en"' in html
    # The figures came from the French fiche, untouched by the translator.
    component = published.financial_components.get()
    assert (component.amount, component.ceiling, component.label) == (15000, 225000, "[EN] Prêt")


def test_an_outside_translator_works_on_a_po_file(reviewer, fiche, english):
    client = reviewer
    translation, draft = submit(client, fiche, english)
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    msgids = {entry.msgid for entry in po}
    assert "Prêt d'honneur création" in msgids
    assert not any("15" in msgid and "000" in msgid for msgid in msgids)  # no figures
    for entry in po:
        entry.msgstr = english_of(entry.msgid)

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("fiche.po", str(po).encode(), content_type="text/x-gettext")
    next_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": next_url},
    )
    assert response.status_code == 302 and response["Location"] == next_url
    imported = StringTranslation.objects.filter(locale=english, tool_name="PO File")
    assert imported.count() == len(po)
    assert set(imported.values_list("data", flat=True)) == {english_of(m) for m in msgids}

    # A PO file of another translation is refused, and nothing is imported.
    po.metadata["X-WagtailLocalize-TranslationID"] = "00000000-0000-0000-0000-000000000000"
    before = StringTranslation.objects.count()
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("other.po", str(po).encode()), "next": next_url},
    )
    assert StringTranslation.objects.count() == before


def test_a_redacteur_translates_but_a_valideur_publishes(
    client, django_user_model, fiche, english, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("redacteur", "redacteur@example.org", "pw")
    user.groups.add(role_group(EDITORS))
    client.force_login(user)
    translation, draft = submit(client, fiche, english)
    segment = StringSegment.objects.filter(source=translation.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    body = urlencode({"value": english_of(segment.string.data)})
    assert (
        client.put(url, body, content_type="application/x-www-form-urlencoded").status_code == 201
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"})
    assert not AidPage.objects.get(pk=draft.pk).live
