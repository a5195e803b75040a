"""What every page reads, shared by the server's processes (core/shared_cache.py): read once,
read again after any change of what it depends on, never wrong when the cache is away; the
request's site found as Wagtail finds it (core/sites.py); private pages still private without
reading the restrictions at each request (core/view_restrictions.py)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from core import shared_cache
from core.memo import forget
from core.sites import site_for_host
from guide.models import AidPage, AidType
from tests.support.factories import AidPageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db


def read_types():
    return shared_cache.shared("test-types", lambda: sorted(AidType.objects.values_list("slug")))


def queries_of(function):
    forget()  # a new request
    with CaptureQueriesContext(connection) as context:
        value = function()
    return value, len(context.captured_queries)


def test_a_value_is_read_once_then_shared_until_its_model_changes():
    first, queries = queries_of(read_types)
    assert queries == 1
    again, queries = queries_of(read_types)
    assert (again, queries) == (first, 0)  # another request: from the cache
    AidType.objects.create(name="Garantie test", slug="garantie-test")  # a save: redrawn
    changed, queries = queries_of(read_types)
    assert queries == 1 and ("garantie-test",) in changed


def test_a_transaction_redraws_again_when_it_commits(django_capture_on_commit_callbacks):
    # A worker that read the old rows between the save and the commit stored them under the
    # generation drawn at the save; the commit draws another one.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        AidType.objects.create(name="Garantie test", slug="garantie-test")
    at_save = cache.get(shared_cache.GENERATION_KEY)
    for callback in callbacks:
        callback()
    assert cache.get(shared_cache.GENERATION_KEY) not in (None, at_save)


def test_without_a_cache_every_request_reads_the_database():
    with (
        mock.patch.object(shared_cache.cache, "get", return_value=None),
        mock.patch.object(shared_cache.cache, "add", return_value=False),
    ):
        first, queries = queries_of(read_types)
        again, queries_again = queries_of(read_types)
    assert first == again and queries == queries_again == 1


def test_publishing_a_page_redraws_the_menu(client, guide):
    home, _index = guide
    legal = ContentPageFactory(parent=home, title="Mentions légales", show_in_menus=True)
    assert "Mentions légales" in client.get(home.url).content.decode()  # the footer's link
    generation = cache.get(shared_cache.GENERATION_KEY)
    legal.title = "Informations légales"
    legal.save_revision().publish()
    assert cache.get(shared_cache.GENERATION_KEY) != generation
    assert "Informations légales" in client.get(home.url).content.decode()


@pytest.mark.parametrize(
    "hostname, port",
    [
        ("localhost", 80),
        ("guide.example", 80),
        ("guide.example", 8080),
        ("autre.example", 443),
        ("inconnu.example", 80),
    ],
)
@pytest.mark.parametrize("default_hostname", ["localhost", "guide.example"])
def test_the_request_site_is_the_one_wagtail_would_choose(hostname, port, default_hostname):
    root = Page.get_first_root_node()
    default = Site.objects.get(is_default_site=True)
    default.hostname = default_hostname
    default.save()
    Site.objects.create(hostname="guide.example", port=8080, root_page=root)
    Site.objects.create(hostname="autre.example", port=443, root_page=root)
    if default_hostname != "guide.example":
        Site.objects.create(hostname="guide.example", port=80, root_page=root)
    try:
        expected = get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        expected = None
    forget()
    found = site_for_host(hostname, port)
    assert (found.pk if found else None) == expected


def test_a_private_fiche_stays_private_and_leaves_the_listing(client, guide):
    _home, index = guide
    fiche = AidPageFactory(parent=index, title="Prêt réservé")
    assert client.get(fiche.url).status_code == 200
    assert fiche.pk in AidPage.objects.published().values_list("pk", flat=True)
    PageViewRestriction.objects.create(
        page=fiche, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(fiche.url)
    assert response.status_code == 200 and "Prêt réservé" not in response.content.decode()
    assert b"password" in response.content.lower()  # Wagtail's password form
    assert fiche.pk not in AidPage.objects.published().values_list("pk", flat=True)
    assert "Prêt réservé" not in client.get(index.url).content.decode()


def test_serving_a_public_page_reads_no_restriction(client, guide):
    _home, index = guide
    fiche = AidPageFactory(parent=index, title="Prêt ouvert")
    client.get(fiche.url)  # the shared values are read
    with CaptureQueriesContext(connection) as context:
        assert client.get(fiche.url).status_code == 200
    assert not [
        query
        for query in context.captured_queries
        if "wagtailcore_pageviewrestriction" in query["sql"]
    ]


def test_migrate_and_restores_forget_every_value():
    # A data migration's historical models send no signal the receivers know, and a restore
    # none at all: both forget every shared value (backup/folders.py calls forget_all).
    from django.core.management import call_command

    first, _queries = queries_of(read_types)
    AidType.objects.bulk_create([AidType(name="Garantie test", slug="garantie-test")])
    assert queries_of(read_types) == (first, 0)  # no signal: still the shared value
    call_command("migrate", verbosity=0)  # nothing to apply: its post_migrate signal only
    changed, queries = queries_of(read_types)
    assert queries == 1 and ("garantie-test",) in changed
