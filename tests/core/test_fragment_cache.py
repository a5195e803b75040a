"""The fiche's rendered fragments (core/page_cache.py: fragment_cache): a second rendering
reads them instead of querying, and whatever a visitor could see change reaches the page at
once: a publication of the fiche or of another one, a snippet, the daily run; previews are
rendered afresh."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide.models import AidPage, Contact
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SECONDS = 0  # every request renders the page: only fragments are kept
    cache.clear()
    yield
    cache.clear()


def published(parent, **fields):
    page = AidPageFactory(parent=parent, **fields)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


@pytest.fixture
def fiche(guide_index):
    return published(guide_index, title="Prêt d'honneur", aid_types=["pret"])


def html(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_rendering_reads_the_fragments_instead_of_querying(client, fiche):
    with CaptureQueriesContext(connection) as first_queries:
        first = html(client, fiche)
    with CaptureQueriesContext(connection) as second_queries:
        second = html(client, fiche)
    assert second == first
    # Components, contacts, documents, related fiches, ancestors and structured data are read
    # once; what is left is Wagtail's routing and the layout's header and footer.
    assert len(second_queries) <= len(first_queries) - 8
    assert not any("guide_financialcomponent" in q["sql"] for q in second_queries)
    assert not any("guide_aidcontact" in q["sql"] for q in second_queries)


def test_turned_off_every_rendering_queries_again(client, fiche, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    html(client, fiche)
    with CaptureQueriesContext(connection) as queries:
        html(client, fiche)
    assert any("guide_financialcomponent" in q["sql"] for q in queries)


def test_publishing_the_fiche_shows_its_new_version(client, fiche):
    assert "Plafond revu" not in html(client, fiche)
    fiche.promesse = "Plafond revu à la hausse"
    fiche.save_revision().publish()
    assert "Plafond revu à la hausse" in html(client, AidPage.objects.get(pk=fiche.pk))


def test_publishing_another_fiche_updates_the_related_fiches(client, fiche, guide_index):
    assert "Prêt de rebond" not in html(client, fiche)
    published(guide_index, title="Prêt de rebond", aid_types=["pret"])
    assert "Prêt de rebond" in html(client, fiche)


def test_a_changed_contact_shows_at_once(client, fiche):
    contact = fiche.contacts.get().contact
    # A named person is shown only with their agreement (guide/public_contacts.py).
    Contact.objects.filter(pk=contact.pk).update(publication_consent=True)
    assert contact.email in html(client, fiche)
    # Changed without saving the snippet (as a script would): unseen, the body is kept.
    Contact.objects.filter(pk=contact.pk).update(email="sans-signal@exemple.example")
    assert "sans-signal@exemple.example" not in html(client, fiche)
    contact.refresh_from_db()
    contact.email = "nouvelle-adresse@exemple.example"
    contact.save()
    assert "nouvelle-adresse@exemple.example" in html(client, fiche)


def test_the_daily_run_renders_the_fiches_again(client, fiche):
    html(client, fiche)
    call_command("guide_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with CaptureQueriesContext(connection) as queries:
        html(client, fiche)
    assert any("guide_financialcomponent" in q["sql"] for q in queries)


def test_a_preview_shows_the_draft_not_the_cached_version(client, fiche):
    assert "Brouillon à relire" not in html(client, fiche)
    fiche.promesse = "Brouillon à relire"
    draft = fiche.save_revision().as_object()
    preview = draft.make_preview_request()
    assert "Brouillon à relire" in preview.content.decode()
    # ...and the preview is not kept for visitors.
    assert "Brouillon à relire" not in html(client, AidPage.objects.get(pk=fiche.pk))


def test_a_preview_shows_the_draft_aid_types(client, fiche):
    from guide.models import AidType

    grant = AidType.objects.get(slug="subvention")
    assert f'"serviceType": "{grant.name}"' not in html(client, fiche)
    fiche.aid_types.set([grant])
    draft = fiche.save_revision().as_object()
    preview = draft.make_preview_request().content.decode()
    assert f'"serviceType": "{grant.name}"' in preview
