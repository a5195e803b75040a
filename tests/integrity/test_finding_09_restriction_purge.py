"""Finding 9: restricting a page (Wagtail's PageViewRestriction, set in the admin's « Privacy »
dialog) purged neither the page cache nor the shared cache, so the restricted fiche and its API
answer stayed public from the caches.

The fiche and its API answers are cached for an anonymous visitor, then an editor restricts the
fiche as in the admin (``wagtailadmin_pages:set_privacy``): the anonymous visitor no longer sees
its content anywhere, and the shared cache was asked to purge the fiche and the guide listing
it. Lifting the restriction empties the caches again, so the fiche comes back at once.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.models import PageViewRestriction

from guide.models import AidPage
from tests.support.api import LIST, detail_url
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db

SECRET_PROMISE = "Une aide encore confidentielle pour les entreprises du territoire"


@pytest.fixture(autouse=True)
def caches(settings, monkeypatch):
    """The page cache on, and a shared cache whose purges are recorded (as
    tests/core/test_deployment_config.py observes them)."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: purged.append(url))
    monkeypatch.setattr(HTTPBackend, "purge_batch", lambda self, urls: purged.extend(urls))
    cache.clear()
    yield purged
    cache.clear()


@pytest.fixture
def fiche(guide_index):
    page = AidPageFactory(
        parent=guide_index, title="Prêt réservé", slug="pret-reserve", promesse=SECRET_PROMISE
    )
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def shows_the_fiche(visitor, fiche):
    """What an anonymous visitor gets of the fiche: its page, its API detail, the API list."""
    page = visitor.get(fiche.url)
    detail = visitor.get(detail_url(fiche))
    listing = visitor.get(LIST, {"statut": "tous"})
    return {
        "page": page.status_code == 200 and SECRET_PROMISE in page.content.decode(),
        "detail": detail.status_code == 200 and SECRET_PROMISE in detail.content.decode(),
        "list": SECRET_PROMISE in listing.content.decode(),
    }


def set_privacy(editor_client, fiche, **data):
    url = reverse("wagtailadmin_pages:set_privacy", args=[fiche.pk])
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def paths(purged):
    return {url.split("localhost", 1)[-1] for url in purged}


def test_restricting_a_fiche_in_the_admin_empties_both_caches(editor_client, fiche, caches):
    visitor = Client()
    everywhere = {"page": True, "detail": True, "list": True}
    assert shows_the_fiche(visitor, fiche) == everywhere
    assert visitor.get(fiche.url)["X-Cache"] == "hit"  # the page cache holds them now
    assert visitor.get(detail_url(fiche))["X-Cache"] == "hit"
    caches.clear()

    set_privacy(editor_client, fiche, restriction_type="password", password="s3cret-Orly")

    assert PageViewRestriction.objects.filter(page=fiche).exists()
    assert shows_the_fiche(visitor, fiche) == {"page": False, "detail": False, "list": False}
    # The password form is never stored: the next visitor is asked again, from the view.
    assert "X-Cache" not in visitor.get(fiche.url)
    # The shared cache was asked to purge the fiche and the pages listing it.
    assert {"/aides/pret-reserve/", "/aides/", "/"} <= paths(caches)


def test_lifting_the_restriction_empties_both_caches_again(editor_client, fiche, caches):
    visitor = Client()
    set_privacy(editor_client, fiche, restriction_type="login")
    assert shows_the_fiche(visitor, fiche) == {"page": False, "detail": False, "list": False}
    caches.clear()

    set_privacy(editor_client, fiche, restriction_type="none")

    assert not PageViewRestriction.objects.exists()
    assert shows_the_fiche(visitor, fiche) == {"page": True, "detail": True, "list": True}
    assert {"/aides/pret-reserve/", "/aides/", "/"} <= paths(caches)


def test_a_restricted_guide_hides_its_fiches_and_purges_them(editor_client, fiche, caches):
    """A restriction covers the page's descendants: restricting the guide hides its fiches
    from the caches too, and purges each of them."""
    visitor = Client()
    assert shows_the_fiche(visitor, fiche)["page"]
    caches.clear()

    set_privacy(editor_client, fiche.get_parent(), restriction_type="login")

    assert shows_the_fiche(visitor, fiche) == {"page": False, "detail": False, "list": False}
    assert {"/aides/pret-reserve/", "/aides/", "/"} <= paths(caches)
