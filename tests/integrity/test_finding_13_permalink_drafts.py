"""Finding 13: permanent links copied the title of every save, drafts included, so a
never-published draft's code answered 410 with its title.

Everything the editor does goes through the admin's views; the visitor is another client.
"""

import html
import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from guide.models import AidPage
from permalinks.models import GonePath, PermanentLink
from tests.support.admin_forms import fiche_form_data
from tests.support.factories import AidPageFactory, ContactFactory, OrganisationFactory

PUBLISHED_TITLE = "Prêt d'honneur Bièvre"
SECRET_DRAFT = "Rachat secret de la société Dupont"
RENAMED_TITLE = "Prêt d'honneur Grand-Orly"
SECRET_RENAMING = "Prêt réservé à la société Martin (confidentiel)"


@pytest.fixture
def actors(db):
    operator = OrganisationFactory(name="Initiative Bièvre")
    return operator, ContactFactory(organisation=operator)


@pytest.fixture
def visitor():
    return Client()


def create(client, index, actors, action, **fields):
    data = fiche_form_data(*actors, **fields)
    if action:
        data[action] = "1"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["guide", "aidpage", index.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return AidPage.objects.get(slug=fields["slug"])


def edit(client, page, actors, action, **fields):
    data = fiche_form_data(*actors, slug=page.slug, **fields)
    if action:
        data[action] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]


def save_draft(client, page, actors, **fields):
    """The edit view's « Enregistrer le brouillon » (no action: a draft)."""
    edit(client, page, actors, None, **fields)


def publish(client, page, actors, **fields):
    edit(client, page, actors, "action-publish", **fields)


def code_of(page):
    return PermanentLink.objects.get(aid_uuid=page.aid_uuid).code


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_a_never_published_draft_has_an_unknown_code(editor_client, visitor, guide_index, actors):
    draft = create(
        editor_client, guide_index, actors, None, title=SECRET_DRAFT, slug="rachat-dupont"
    )
    assert not draft.live
    code = code_of(draft)  # the link exists from the first save (the preview shows it)
    response = visitor.get(f"/a/{code}/")
    assert response.status_code == 404
    assert SECRET_DRAFT not in text_of(response)
    assert PermanentLink.objects.get(code=code).title == ""
    # Saved again as a draft under another title, then deleted: still nothing to tell.
    save_draft(editor_client, draft, actors, title=SECRET_RENAMING)
    response = editor_client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not AidPage.objects.filter(pk=draft.pk).exists()
    assert not GonePath.objects.exists()
    for url in (f"/a/{code}/", "/aides/rachat-dupont/"):
        response = visitor.get(url)
        assert response.status_code == 404, url
        text = text_of(response)
        assert SECRET_DRAFT not in text and SECRET_RENAMING not in text


@pytest.mark.django_db
def test_a_draft_of_a_published_fiche_never_shows_on_its_gone_page(
    editor_client, visitor, guide_index, actors
):
    fiche = create(
        editor_client, guide_index, actors, "action-publish", title=PUBLISHED_TITLE, slug="pret"
    )
    assert fiche.live
    code = code_of(fiche)
    # A new title published is the one the link keeps...
    publish(editor_client, fiche, actors, title=RENAMED_TITLE)
    # ... not a draft's, saved afterwards on the published fiche.
    save_draft(editor_client, fiche, actors, title=SECRET_RENAMING)
    assert AidPage.objects.get(pk=fiche.pk).draft_title == SECRET_RENAMING
    assert visitor.get(f"/a/{code}/")["Location"] == "/aides/pret/"
    response = editor_client.post(reverse("wagtailadmin_pages:delete", args=[fiche.pk]))
    assert response.status_code == 302
    for url in (f"/a/{code}/", "/aides/pret/"):
        response = visitor.get(url)
        assert response.status_code == 410, url
        assert RENAMED_TITLE in text_of(response)
        assert SECRET_RENAMING not in text_of(response)


@pytest.mark.django_db
def test_the_migration_forgets_the_draft_titles_links_took_before(guide_index):
    """Links saved before the fix hold a draft's title: the data migration puts back the title
    visitors saw, and none for an aid never published."""
    migration = importlib.import_module("permalinks.migrations.0002_published_titles_only")
    published = AidPageFactory(parent=guide_index, title=PUBLISHED_TITLE)
    draft = AidPageFactory(parent=guide_index, title=SECRET_DRAFT, live=False)
    for page, leaked in ((published, SECRET_RENAMING), (draft, SECRET_DRAFT)):
        PermanentLink.objects.filter(aid_uuid=page.aid_uuid).update(title=leaked)
    migration.keep_published_titles_only(django_apps, None)
    assert PermanentLink.objects.get(aid_uuid=published.aid_uuid).title == PUBLISHED_TITLE
    assert PermanentLink.objects.get(aid_uuid=draft.aid_uuid).title == ""
