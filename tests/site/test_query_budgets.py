"""Database queries per public page do not grow with the number of fiches."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guide.models import Audience, FinancialComponent, Sector
from tests.support.factories import AidPageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db

# Measured 23, 35, 42, 29, 18 on SQLite (the head's canonical, hreflang and JSON-LD cost 1 to 7
# queries per page): a budget leaves a little room, a growth with the number of fiches (an N+1)
# fails the equality check first.
BUDGETS = {
    "home": 25,
    "listing": 39,
    "search": 46,
    "fiche": 32,  # its eligibility cases: one query (and one per vocabulary when it has some)
    "sitemap": 22,
    "questionnaire": 45,  # counts, candidates, and the fiches left out (when 30 or fewer)
}


def add_fiches(index, count, start=0):
    soon = timezone.localdate() + datetime.timedelta(days=10)
    pages = []
    for number in range(start, start + count):
        page = AidPageFactory(
            parent=index,
            title=f"Prêt numéro {number}",
            aid_types=["pret", "subvention"],
            closing_date=soon if number % 2 else None,
            is_featured=number % 3 == 0,
        )
        page.audiences.set(Audience.objects.all()[:2])
        page.sectors.set(Sector.objects.all()[:2])
        page.save()
        FinancialComponent.objects.create(
            page=page, aid_type=page.aid_types.first(), amount=1000, ceiling=5000
        )
        pages.append(page)
    return pages


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def urls(home, index, fiche, sitemap):
    return {
        "home": home.url,
        "listing": index.url,
        "search": index.url + "?q=prêt&type=pret&public=tpe&commune=vitry-sur-seine&tri=pertinence",
        "fiche": fiche.url,
        "sitemap": sitemap.url,
        "questionnaire": index.url
        + "mon-projet/?commune=Vitry&effectif=12&projet=recruter&emplois=3",
    }


def test_query_counts_are_flat_and_within_budget(client, home, guide_index):
    from home.models import SiteMapPage

    ContentPageFactory(parent=home, title="Mentions légales", show_in_menus=True)
    sitemap = home.add_child(instance=SiteMapPage(title="Plan du site", slug="plan-du-site"))
    few = add_fiches(guide_index, 3)
    fiche = few[0]
    client.get(home.url)  # warm caches (site root, content types)
    small = {
        name: count_queries(client, url)
        for name, url in urls(home, guide_index, fiche, sitemap).items()
    }
    add_fiches(guide_index, 12, start=3)
    large = {
        name: count_queries(client, url)
        for name, url in urls(home, guide_index, fiche, sitemap).items()
    }
    assert large == small, f"queries grew with the number of fiches: {small} -> {large}"
    for name, budget in BUDGETS.items():
        assert large[name] <= budget, f"{name}: {large[name]} queries (budget {budget})"
