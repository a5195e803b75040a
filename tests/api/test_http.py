"""The partners' API (``/api/v1/``, api/): pagination, read only, HTTP (CORS, caching, rate
limit) and query counts."""

import datetime
import json
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Revision, Site

from guide.models import (
    AidContact,
    AidPage,
    AidType,
    Audience,
    Contact,
    FinancialComponent,
    Sector,
    Territory,
)
from guide.status import today
from permalinks.models import PermanentLink
from tests.support.api import (
    API,
    DOCS,
    LIST,
    OPENAPI,
    VOCABULARIES,
    all_results,
    detail_url,
    get_json,
    ids,
    published,
)
from tests.support.cases import add_case
from tests.support.factories import (
    AidPageFactory,
    ContactFactory,
)

# Pagination --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_link_to_each_other_and_keep_the_filters(client, guide_index):
    for number in range(7):
        published(guide_index, f"Prêt {number}", aid_types=["pret"])
    published(guide_index, "Subvention", aid_types=["subvention"])

    first = get_json(client, LIST, {"type": "pret", "page_size": 3})
    assert first["count"] == 7 and len(first["results"]) == 3
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/aides/?type=pret&page_size=3&page=2"
    second = get_json(client, first["next"])
    assert second["previous"] == "http://testserver/api/v1/aides/?type=pret&page_size=3&page=1"
    items = all_results(client, {"type": "pret", "page_size": 3})
    assert len(items) == 7 == len(set(ids(items)))
    assert all(item["titre"].startswith("Prêt") for item in items)
    assert len(get_json(client, LIST, {"type": "pret"})["results"]) == 7  # 20 by default


@pytest.mark.django_db
def test_page_size_is_capped_and_bad_pages_are_clear_errors(client, guide_index, settings):
    settings.GUIDE_API_PAGE_SIZE_MAX = 4
    for number in range(6):
        published(guide_index, f"Aide {number}")
    capped = get_json(client, LIST, {"page_size": 1000})
    assert len(capped["results"]) == 4
    assert capped["next"].endswith("page_size=4&page=2")

    for query, names in (
        ({"page": "0"}, ["page"]),
        ({"page": "deux"}, ["page"]),
        ({"page_size": "-1"}, ["page_size"]),
        ({"page": "1.5", "page_size": "x"}, ["page", "page_size"]),
    ):
        body = get_json(client, LIST, query, status=400)
        assert [error["parametre"] for error in body["erreurs"]] == names, query
        assert body["detail"].startswith("Paramètre invalide : ")
    assert "(au plus 4)" in get_json(client, LIST, {"page_size": "0"}, status=400)["detail"]
    beyond = get_json(client, LIST, {"page": 3, "page_size": 4}, status=404)
    assert beyond["detail"] == "La page 3 n'existe pas : il y a 2 page(s) de 4 fiche(s)."
    empty = get_json(client, LIST, {"type": "garantie"})
    assert empty == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.django_db
def test_detail_identifiers(client, guide_index):
    fiche = published(guide_index, "Aide")
    assert get_json(client, detail_url(fiche))["titre"] == "Aide"
    get_json(client, detail_url(uuid.uuid4()), status=404)
    malformed = get_json(client, LIST + "pas-un-uuid/", status=400)
    assert malformed["erreurs"][0]["parametre"] == "aid_id"
    assert "UUID" in malformed["detail"]
    unknown = get_json(client, API + "nulle-part/", status=404)
    assert unknown["detail"].startswith("Adresse inconnue dans l'API")


# Read only ---------------------------------------------------------------------------------------


def database_state():
    return (
        list(Page.objects.order_by("pk").values_list("pk", "title", "live", "path")),
        list(AidPage.objects.order_by("pk").values_list("pk", "promesse", "aid_uuid")),
        Revision.objects.count(),
        list(PermanentLink.objects.order_by("pk").values_list("code", "aid_uuid", "title")),
        list(Contact.objects.order_by("pk").values_list("pk", "name", "email")),
        Site.objects.count(),
    )


@pytest.mark.django_db
def test_nothing_can_be_written_through_the_api(client, guide_index, django_user_model):
    fiche = published(guide_index, "Aide")
    admin = django_user_model.objects.create_superuser("admin-api", "a@exemple.example", "pw")
    urls = [
        API,
        LIST,
        detail_url(fiche),
        VOCABULARIES,
        OPENAPI,
        DOCS,
        API + "aides/nouvelle/",
        API + "pages/",
    ]
    payload = json.dumps({"titre": "Piratée", "title": "Piratée", "live": False})
    before = database_state()
    for logged_in in (False, True):
        if logged_in:  # even an administrator's session cannot write
            client.force_login(admin)
        for url in urls:
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(
                    url,
                    payload,
                    content_type="application/json",
                    headers={"Authorization": "Bearer jeton"},
                )
                assert response.status_code == 405, (method, url)
                assert response["Allow"] == "GET, HEAD, OPTIONS"
                assert "Access-Control-Allow-Origin" not in response
                assert "lecture seule" in response.json()["detail"]
    assert database_state() == before
    # Wagtail's own APIs (v2, v3 with its write operations) are not mounted.
    client.logout()
    for url in ("/api/v2/pages/", "/api/v3/pages/", "/api/v3/pages/1/publish/"):
        assert client.post(url, payload, content_type="application/json").status_code == 404


@pytest.mark.django_db
def test_the_openapi_document_declares_only_get_operations(client):
    document = get_json(client, OPENAPI)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/",
        "/api/v1/aides/",
        "/api/v1/aides/{aid_id}/",
        "/api/v1/vocabulaires/",
    }
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path


# HTTP --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cors_is_open_for_reading_only(client, guide_index):
    fiche = published(guide_index, "Aide")
    for url in (API, LIST, detail_url(fiche), VOCABULARIES, OPENAPI):
        response = client.get(url, headers={"Origin": "https://partenaire.example"})
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        head = client.head(url)
        assert head.status_code == 200 and head.content == b""
        assert head["Access-Control-Allow-Origin"] == "*"
        assert head["ETag"] == response["ETag"]

    preflight = client.options(
        LIST,
        headers={
            "Origin": "https://partenaire.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert preflight["Allow"] == "GET, HEAD, OPTIONS"
    # A browser asking to POST reads that only GET, HEAD and OPTIONS are allowed.
    post_preflight = client.options(
        LIST, headers={"Origin": "https://x.example", "Access-Control-Request-Method": "POST"}
    )
    assert "POST" not in post_preflight["Access-Control-Allow-Methods"]


@pytest.mark.django_db
def test_list_and_detail_are_cacheable_with_etags(client, guide_index):
    fiche = published(guide_index, "Aide")
    for url in (LIST, detail_url(fiche)):
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=300"
        etag = response["ETag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag
        assert again["Access-Control-Allow-Origin"] == "*"

    list_etag = client.get(LIST)["ETag"]
    fiche.title = "Aide renommée"
    fiche.save_revision().publish()
    changed = client.get(LIST, headers={"If-None-Match": list_etag})
    assert changed.status_code == 200 and changed["ETag"] != list_etag
    assert changed.json()["results"][0]["titre"] == "Aide renommée"
    # Errors are not cached as successes.
    assert "public" not in client.get(detail_url(uuid.uuid4())).get("Cache-Control", "")


@pytest.mark.django_db
def test_a_client_over_its_budget_gets_429_with_retry_after(client, guide_index, settings):
    settings.GUIDE_API_RATE_LIMIT = 3
    published(guide_index, "Aide")
    for _ in range(3):
        assert client.get(LIST).status_code == 200
    refused = client.get(LIST, headers={"X-Forwarded-For": "203.0.113.9"})  # not trusted
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in refused["Cache-Control"]
    body = refused.json()
    assert body["detail"].startswith("Trop de requêtes : au plus 3 par minute et par adresse IP.")
    assert client.get(VOCABULARIES).status_code == 429  # one budget for the whole API
    # Another client has its own budget; a preflight is never refused.
    assert client.get(LIST, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.options(LIST).status_code == 200

    settings.GUIDE_API_RATE_LIMIT = None
    assert client.get(LIST).status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_counts(client, guide_index, settings):
    settings.GUIDE_API_RATE_LIMIT = 1
    settings.NUM_PROXIES = 1
    published(guide_index, "Aide")
    assert client.get(LIST, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 200
    assert client.get(LIST, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429
    assert client.get(LIST, headers={"X-Forwarded-For": "203.0.113.10"}).status_code == 200


# Queries -----------------------------------------------------------------------------------------


def add_fiches(index, count, start=0):
    soon = today() + datetime.timedelta(days=10)
    mailbox = ContactFactory(kind=Contact.Kind.MAILBOX, name="Service")
    for number in range(start, start + count):
        page = AidPageFactory(
            parent=index,
            title=f"Prêt numéro {number}",
            aid_types=["pret", "subvention"],
            territories=["COM-94081", "EPCI-200058014"],
            closing_date=soon if number % 2 else None,
        )
        page.audiences.set(Audience.objects.all()[:2])
        page.sectors.set(Sector.objects.all()[:2])
        page.save()
        FinancialComponent.objects.create(
            page=page,
            aid_type=AidType.objects.get(slug="pret"),
            amount=1000,
            unit=FinancialComponent.Unit.PER_JOB_CREATED,
            unit_share_count=1,
            unit_share_total=3,
            ceiling=5000,
            territory=Territory.objects.get(kind="DEP", code="94"),
            audience=Audience.objects.get(slug="pmi"),
            sector=Sector.objects.get(slug="industrie"),
        )
        AidContact.objects.create(page=page, contact=mailbox, referral_note="De la part du GOSB")
        # Two eligibility cases, each with every vocabulary: their rows are prefetched too.
        for territory, establishment in (("DEP-94", ""), ("DEP-91", "implantee-ou-en-cours")):
            add_case(
                page,
                territories_cog=[territory],
                audiences=["pme", "pmi"],
                company_sizes=["pme"],
                sectors=["industrie"],
                project_stages=["recrutement"],
                staff_min=1,
                establishment=establishment,
            )


def count_queries(client, url, data=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, data)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_fiches(client, guide_index, settings):
    settings.GUIDE_API_RATE_LIMIT = None
    add_fiches(guide_index, 3)
    fiche = AidPage.objects.first()
    urls = {
        "list": (LIST, {"page_size": 100}),
        "filtered": (LIST, {"type": "pret", "commune": "vitry-sur-seine", "effectif": "5"}),
        "search": (LIST, {"q": "prêt", "tri": "pertinence", "page_size": 100}),
        "detail": (detail_url(fiche), None),
        "vocabularies": (VOCABULARIES, None),
    }
    # Warm the caches: the first request creates the guide's settings, which redraws the shared
    # values (core/shared_cache.py); the request after the fiches added reads them again.
    client.get(LIST)
    client.get(LIST)
    few = {name: count_queries(client, *args) for name, args in urls.items()}
    add_fiches(guide_index, 27, start=3)
    body = get_json(client, LIST, {"page_size": 100})
    assert body["count"] == 30
    assert all(len(item["cas_eligibilite"]) == 2 for item in body["results"])
    assert all(item["volets"][0]["public"]["slug"] == "pmi" for item in body["results"])
    many = {name: count_queries(client, *args) for name, args in urls.items()}
    assert many == few, f"queries grew with the number of fiches: {few} -> {many}"
    # 21 on SQLite (31 before the shared cache of issue 25), 6 of them the eligibility cases
    # and their five vocabularies.
    assert many["list"] <= 21, many
