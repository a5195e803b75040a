"""The whole-page cache for anonymous visitors (core/page_cache.py): served without a query,
emptied on publication and on the daily run, never for editors, never what must not be shared;
Cache-Control and ETag on the pages."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from guide.models import AidPage, GuideSettings
from tests.support.factories import AidPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.BROWSER_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fiche(guide_index):
    page = AidPageFactory(parent=guide_index, title="Prêt d'honneur")
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


def test_a_second_visit_is_served_from_the_cache_without_a_query(client, fiche):
    first = client.get(fiche.url)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(fiche.url)
    assert second["X-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_empties_the_cache(client, fiche, guide_index):
    client.get(guide_index.url)
    # A change made without publishing (as a script would) is not seen: the page is cached.
    AidPage.objects.filter(pk=fiche.pk).update(title="Titre changé sans publier")
    assert "Titre changé" not in client.get(guide_index.url).content.decode()
    fiche.refresh_from_db()
    fiche.title = "Prêt d'honneur modifié"
    fiche.save_revision().publish()
    fresh = client.get(guide_index.url)
    assert fresh["X-Cache"] == "miss"
    assert "Prêt d&#x27;honneur modifié" in fresh.content.decode()


def test_unpublishing_empties_the_cache(client, fiche):
    assert client.get(fiche.url).status_code == 200
    fiche.unpublish()
    assert client.get(fiche.url).status_code == 404


def test_saving_the_guide_settings_empties_the_cache(client, fiche):
    client.get(fiche.url)
    settings = GuideSettings.for_site(Site.objects.get(is_default_site=True))
    settings.referral_note = "Dites que vous venez du territoire"
    settings.save()
    assert client.get(fiche.url)["X-Cache"] == "miss"


def test_the_daily_run_empties_the_cache(client, fiche):
    client.get(fiche.url)
    assert client.get(fiche.url)["X-Cache"] == "hit"
    call_command("guide_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.get(fiche.url)["X-Cache"] == "miss"


def test_editors_are_never_served_from_or_into_the_cache(client, fiche, django_user_model):
    client.get(fiche.url)  # cached for visitors
    user = django_user_model.objects.create_superuser("editrice", "e@example.org", "pw")
    client.force_login(user)
    response = client.get(fiche.url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_what_must_not_be_shared_is_not_stored(client, fiche, guide_index):
    assert client.get("/sante/").get("X-Cache") is None  # never_cache: no-store
    missing = client.get(guide_index.url + "nexiste-pas/")
    assert missing.status_code == 404 and "X-Cache" not in missing
    assert "X-Cache" not in client.get(guide_index.url + "nexiste-pas/")
    # Different query strings are different pages.
    assert client.get(guide_index.url, {"q": "prêt"})["X-Cache"] == "miss"
    assert client.get(guide_index.url, {"q": "subvention"})["X-Cache"] == "miss"
    assert client.get(guide_index.url, {"q": "prêt"})["X-Cache"] == "hit"


def test_pages_say_how_long_they_may_be_kept_and_answer_304(client, fiche):
    response = client.get(fiche.url)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=600"}
    etag = response["ETag"]
    assert client.get(fiche.url, headers={"if-none-match": etag}).status_code == 304


def test_views_keep_their_own_cache_control(client, fiche, guide_index):
    robots = client.get("/robots.txt")
    assert robots["Cache-Control"] == "public, max-age=86400"
    # Feeds, calendars and exports get the pages' rule and an ETag.
    for path in ("flux/nouveautes/", "calendrier/"):
        response = client.get(guide_index.url + path)
        assert "s-maxage=600" in response["Cache-Control"] and "ETag" in response, path
