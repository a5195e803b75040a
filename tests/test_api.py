"""The partners' read-only JSON API (``/api/v1/``, api/).

Tests on the demo guide come last: its module-scoped fixture stays loaded until the end of the
module once a test has asked for it.
"""

import datetime
import json
import re
import uuid
from decimal import Decimal

import jsonschema
import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Revision, Site

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
from guide.status import compute_status, today
from permalinks.models import PermanentLink
from tests.factories import (
    AidIndexPageFactory,
    AidPageFactory,
    ContactFactory,
    FinancialComponentFactory,
    HomePageFactory,
    OrganisationFactory,
    days_from,
)

API = "/api/v1/"
LIST = API + "aides/"
VOCABULARIES = API + "vocabulaires/"
OPENAPI = API + "openapi.json"
DOCS = API + "docs/"

ITEM_FIELDS = {
    "id",
    "titre",
    "promesse",
    "url",
    "lien_permanent",
    "statut",
    "date_ouverture",
    "date_cloture",
    "types",
    "publics",
    "secteurs",
    "etapes",
    "territoires",
    "operateur",
    "volets",
    "eligibilite",
    "contacts",
    "date_mise_a_jour",
}
DETAIL_FIELDS = ITEM_FIELDS | {"description", "comment_en_beneficier"}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """Each test starts with an empty request budget (the counters live in the cache)."""
    cache.clear()
    yield
    cache.clear()


def detail_url(fiche_or_uuid):
    value = getattr(fiche_or_uuid, "aid_uuid", fiche_or_uuid)
    return f"{LIST}{value}/"


def get_json(client, url, data=None, status=200, **extra):
    response = client.get(url, data, **extra)
    assert response.status_code == status, (url, data, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def all_results(client, query=None):
    """Every item of the list for ``query``, following ``next``."""
    body = get_json(client, LIST, query)
    items = list(body["results"])
    while body["next"]:
        assert body["next"].startswith("http://testserver/api/v1/aides/?")
        body = get_json(client, body["next"])
        items.extend(body["results"])
    return items


def ids(items):
    return [item["id"] for item in items]


def code_of(fiche):
    return PermanentLink.objects.get(aid_uuid=fiche.aid_uuid).code


def published(index, title, **kwargs):
    """A fiche published through a revision, as an editor does."""
    page = AidPageFactory(parent=index, title=title, **kwargs)
    page.save_revision().publish()
    return AidPage.objects.get(pk=page.pk)


# Fields ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_item_says_everything_a_partner_needs(client, guide_index):
    operator = OrganisationFactory(name="Alixio (test)", acronym="ALX", siren="200 058 014")
    fiche = published(
        guide_index,
        "Prêt pour recruter",
        operator=operator,
        promesse="Financez vos recrutements en CDI",
        aid_types=["pret", "accompagnement"],
        territories=["COM-94081", "DEP-91"],
        opening_date=days_from(today(), -10),
        closing_date=days_from(today(), 12),
        eligibility="Entreprise du territoire\n\n  Au moins 3 emplois créés  ",
    )
    fiche.audiences.set(Audience.objects.filter(slug="tpe"))
    fiche.sectors.set(Sector.objects.filter(slug="industrie"))
    fiche.save()
    loan_component = FinancialComponent.objects.create(
        page=fiche,
        aid_type=AidType.objects.get(slug="pret"),
        label="Prêt à taux zéro",
        amount=Decimal("15000"),
        unit=FinancialComponent.Unit.PER_JOB_CREATED,
        rate=Decimal("0"),
        duration_months=60,
        ceiling=Decimal("225000"),
        max_share_percent=Decimal("33.33"),
        max_share_basis="du programme d'emplois",
        territory=Territory.objects.get(kind="DEP", code="91"),
        conditions="Indissociable de l'accompagnement\nRemboursable sans frais",
    )
    FinancialComponentFactory(
        page=fiche,
        aid_type=AidType.objects.get(slug="accompagnement"),
        amount=None,
        advisory_days=10,
    )

    item = get_json(client, LIST)["results"][0]
    assert set(item) == ITEM_FIELDS
    assert item["id"] == str(fiche.aid_uuid)
    assert item["titre"] == "Prêt pour recruter"
    assert item["promesse"] == "Financez vos recrutements en CDI"
    assert item["url"] == "http://testserver/aides/pret-pour-recruter/"
    assert item["lien_permanent"] == f"http://testserver/a/{code_of(fiche)}/"
    assert item["statut"] == {
        "code": "ferme_bientot",
        "libelle": "Ferme bientôt",
        "jours_restants": 12,
    }
    assert item["date_ouverture"] == str(fiche.opening_date)
    assert item["date_cloture"] == str(fiche.closing_date)
    assert item["types"] == [
        {"slug": "pret", "libelle": "Prêt"},
        {"slug": "accompagnement", "libelle": "Accompagnement / conseil"},
    ]
    assert item["publics"] == [{"slug": "tpe", "libelle": "TPE (moins de 10 salariés)"}]
    assert item["secteurs"] == [{"slug": "industrie", "libelle": "Industrie"}]
    assert item["etapes"] == []
    assert {t["code_cog"] for t in item["territoires"]} == {"COM-94081", "DEP-91"}
    assert {"slug": "vitry-sur-seine", "nom": "Vitry-sur-Seine", "code_cog": "COM-94081"} in item[
        "territoires"
    ]
    assert item["operateur"] == {"nom": "Alixio (test)", "sigle": "ALX", "siren": "200058014"}
    loan, advice = item["volets"]
    assert loan == {
        "nature": {"slug": "pret", "libelle": "Prêt"},
        "intitule": "Prêt à taux zéro",
        "montant": 15000.0,
        "unite": {"code": "emploi_cree", "libelle": "par emploi créé"},
        "taux": 0.0,
        "duree_mois": 60,
        "plafond": 225000.0,
        "part_maximale": 33.33,
        "part_maximale_de": "du programme d'emplois",
        "jours_accompagnement": None,
        "territoire": {"slug": "essonne", "nom": "Essonne", "code_cog": "DEP-91"},
        "conditions": ["Indissociable de l'accompagnement", "Remboursable sans frais"],
        "resume": loan_component.facts(),  # as the fiche writes them
    }
    assert len(loan["resume"]) == 5 and "par emploi créé" in loan["resume"][0]
    assert advice["jours_accompagnement"] == 10 and advice["montant"] is None
    assert advice["territoire"] is None
    assert item["eligibilite"] == ["Entreprise du territoire", "Au moins 3 emplois créés"]
    assert item["contacts"] == []  # the factory's contact is a person without consent
    updated = datetime.datetime.fromisoformat(item["date_mise_a_jour"])
    assert updated == fiche.last_published_at.replace(microsecond=0)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", item["date_mise_a_jour"])


@pytest.mark.django_db
def test_the_detail_adds_the_rich_text_as_html_with_absolute_links(client, guide_index):
    target = published(guide_index, "Prêt d'honneur", slug="pret-honneur")
    fiche = published(
        guide_index,
        "Subvention",
        description=(
            f'<p>Voir aussi le <a linktype="page" id="{target.pk}">prêt d\'honneur</a> et '
            '<a href="https://www.exemple.example/">l\'opérateur</a>.</p>'
        ),
        how_to_apply="<ol><li>Appelez le service</li><li><b>Déposez</b> le dossier</li></ol>",
    )
    body = get_json(client, detail_url(fiche))
    assert set(body) == DETAIL_FIELDS
    assert body["id"] == str(fiche.aid_uuid)
    assert 'href="http://testserver/aides/pret-honneur/"' in body["description"]
    assert 'href="https://www.exemple.example/"' in body["description"]
    assert "linktype" not in body["description"]
    assert body["comment_en_beneficier"] == (
        "<ol><li>Appelez le service</li><li><b>Déposez</b> le dossier</li></ol>"
    )
    empty = published(guide_index, "Sans étapes", how_to_apply="")
    assert get_json(client, detail_url(empty))["comment_en_beneficier"] == ""


@pytest.mark.django_db
def test_only_mailboxes_and_consenting_people_are_published(client, guide_index):
    fiche = published(guide_index, "Aide", with_contact=False)
    mailbox = ContactFactory(
        kind=Contact.Kind.MAILBOX, name="Service entreprises", email="entreprises@exemple.example"
    )
    agreed = ContactFactory(
        name="Edith Blard",
        role="Chargée de mission",
        email="edith.blard@exemple.example",
        phone="+33619918462",
        publication_consent=True,
    )
    refused = ContactFactory(name="Jean Hespel", email="jean.hespel@exemple.example")
    for contact in (refused, mailbox, agreed):
        AidContact.objects.create(page=fiche, contact=contact, referral_note="De la part du GOSB")
    AidContact.objects.filter(contact=agreed).update(referral_note="")

    item = get_json(client, LIST)["results"][0]
    assert item["contacts"] == [
        {
            "type": "service",
            "nom": "Service entreprises",
            "fonction": None,
            "organisation": mailbox.organisation.name,
            "email": "entreprises@exemple.example",
            "telephone": "+33199001234",
            "note_recommandation": "De la part du GOSB",
        },
        {
            "type": "personne",
            "nom": "Edith Blard",
            "fonction": "Chargée de mission",
            "organisation": agreed.organisation.name,
            "email": "edith.blard@exemple.example",
            "telephone": "+33619918462",
            # A blank line still carries the guide's note, as on the site.
            "note_recommandation": "À contacter de la part du Grand-Orly Seine Bièvre",
        },
    ]
    for url in (LIST, detail_url(fiche)):
        content = client.get(url).content
        assert b"Jean Hespel" not in content and b"jean.hespel" not in content


# What is never shown -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_draft_unpublished_private_or_foreign_fiche_ever(client, guide_index):
    shown = published(guide_index, "Aide publiée")
    draft = AidPageFactory(parent=guide_index, title="Aide en brouillon", live=False)
    withdrawn = published(guide_index, "Aide retirée")
    withdrawn.unpublish()
    restricted = published(guide_index, "Aide réservée")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # Another site's guide is not the default site's.
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="autre")
    Site.objects.create(hostname="autre.example", root_page=other_home)
    elsewhere = published(AidIndexPageFactory(parent=other_home), "Aide d'un autre site")
    # A newer draft of a published fiche stays unpublished.
    shown.title = "Titre du brouillon"
    shown.promesse = "Promesse du brouillon"
    shown.save_revision()

    for query in ({}, {"statut": "tous"}, {"q": "aide", "statut": "tous"}):
        items = get_json(client, LIST, query)["results"]
        assert ids(items) == [str(shown.aid_uuid)], query
    body = get_json(client, detail_url(shown))
    assert (body["titre"], body["promesse"]) == ("Aide publiée", "Financez vos recrutements en CDI")
    for hidden in (draft, withdrawn, restricted, elsewhere):
        answer = get_json(client, detail_url(hidden), status=404)
        assert answer["detail"] == f"Aucune fiche publiée ne porte l'identifiant {hidden.aid_uuid}."
    everything = b"".join(
        client.get(url).content for url in (LIST + "?statut=tous", detail_url(shown))
    )
    assert b"brouillon" not in everything


@pytest.mark.django_db
def test_a_restricted_guide_hides_all_its_fiches(client, guide_index):
    fiche = published(guide_index, "Aide")
    PageViewRestriction.objects.create(
        page=guide_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert get_json(client, LIST, {"statut": "tous"})["count"] == 0
    get_json(client, detail_url(fiche), status=404)


@pytest.mark.django_db
def test_english_translations_only_with_lang_en(client, guide):
    home, index = guide
    fiche = published(index, "Prêt d'honneur", slug="pret-honneur", aid_types=["pret"])
    untranslated = published(index, "Subvention")
    english = Locale.objects.create(language_code="en")
    for page in (home, index):
        page.copy_for_translation(english, copy_parents=False).save_revision().publish()
    translated = fiche.copy_for_translation(english)
    translated.title, translated.slug = "Honour loan", "honour-loan"
    translated.save_revision().publish()

    french = get_json(client, LIST)
    assert sorted(item["titre"] for item in french["results"]) == ["Prêt d'honneur", "Subvention"]
    assert b"Honour loan" not in client.get(LIST).content

    response = client.get(LIST, {"lang": "en"})
    assert response["Content-Language"] == "en"
    (item,) = response.json()["results"]
    assert item["titre"] == "Honour loan"
    assert item["id"] == str(fiche.aid_uuid)  # the national id is shared
    assert item["url"] == "http://testserver/en/aides/honour-loan/"
    assert item["lien_permanent"] == f"http://testserver/en/a/{code_of(fiche)}/"
    assert item["types"] == [{"slug": "pret", "libelle": "Loan"}]

    assert get_json(client, detail_url(fiche))["titre"] == "Prêt d'honneur"
    assert get_json(client, detail_url(fiche), {"lang": "en"})["titre"] == "Honour loan"
    missing = get_json(client, detail_url(untranslated), {"lang": "en"}, status=404)
    assert "lang=fr" in missing["detail"]
    invalid = get_json(client, LIST, {"lang": "de"}, status=400)
    assert invalid["erreurs"] == [
        {"parametre": "lang", "message": "« lang » vaut « fr » ou « en »."}
    ]


# Filters -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_like_on_the_listing(client, guide_index):
    loan = published(guide_index, "Prêt", aid_types=["pret"])
    grant = published(guide_index, "Subvention", aid_types=["subvention"])
    query = {"type": ["pret", "inconnu"], "commune": "paris", "statut": "n'importe", "tri": "x"}
    assert ids(get_json(client, LIST, query)["results"]) == [str(loan.aid_uuid)]
    everything = {"effectif": "beaucoup", "public": "personne", "q": "x" * 201}
    assert set(ids(get_json(client, LIST, everything)["results"])) == {
        str(loan.aid_uuid),
        str(grant.aid_uuid),
    }


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
    settings.NINJA_NUM_PROXIES = 1
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
            ceiling=5000,
            territory=Territory.objects.get(kind="DEP", code="94"),
        )
        AidContact.objects.create(page=page, contact=mailbox, referral_note="De la part du GOSB")


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
    client.get(LIST)  # warm caches (site root paths, content types)
    few = {name: count_queries(client, *args) for name, args in urls.items()}
    add_fiches(guide_index, 27, start=3)
    assert get_json(client, LIST, {"page_size": 100})["count"] == 30
    many = {name: count_queries(client, *args) for name, args in urls.items()}
    assert many == few, f"queries grew with the number of fiches: {few} -> {many}"
    assert many["list"] <= 30, many  # 24 on SQLite


# OpenAPI and documentation -----------------------------------------------------------------------


def resolve(document, schema):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def documented_object(document, schema, value):
    """The object schema ``value`` follows (an ``anyOf`` with null picks the non-null one)."""
    schema = resolve(document, schema)
    if "anyOf" in schema:
        options = [resolve(document, s) for s in schema["anyOf"] if s.get("type") != "null"]
        assert len(options) == 1, schema
        schema = options[0]
    return schema


def compare_with_schema(document, schema, value, where="réponse"):
    """Every documented field is in the answer, and every field of the answer is documented."""
    if value is None:
        return
    schema = documented_object(document, schema, value)
    if schema.get("type") == "array":
        for index, item in enumerate(value):
            compare_with_schema(document, schema["items"], item, f"{where}[{index}]")
    elif schema.get("type") == "object" or "properties" in schema:
        documented = set(schema["properties"])
        assert documented == set(value), f"{where}: {documented ^ set(value)}"
        for name, property_schema in schema["properties"].items():
            compare_with_schema(document, property_schema, value[name], f"{where}.{name}")


def validate(document, schema, value):
    root = {"components": document["components"], **schema}
    jsonschema.Draft202012Validator(root, format_checker=jsonschema.FormatChecker()).validate(value)


def answer_schema(document, path):
    content = document["paths"][path]["get"]["responses"]["200"]["content"]
    return content["application/json"]["schema"]


@pytest.mark.django_db
def test_the_documentation_page_uses_only_local_assets(client):
    response = client.get(DOCS)
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/static/ninja/") for url in urls), urls
    assert not re.search(r"https?://", html)
    assert '"validatorUrl": null' in html and '"url": "/api/v1/openapi.json"' in html
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url


@pytest.mark.django_db
def test_without_ninja_installed_the_docs_page_is_not_served(client, monkeypatch):
    from api import docs

    monkeypatch.setattr(docs, "settings", type("Settings", (), {"INSTALLED_APPS": []}))
    answer = get_json(client, DOCS, status=404)
    assert "openapi.json" in answer["detail"]


def test_openapi_spec_validator_accepts_the_document(client, db):
    validator = pytest.importorskip(
        "openapi_spec_validator",
        reason="openapi-spec-validator is not installed (ask before adding it to the project)",
    )
    validator.validate(get_json(client, OPENAPI))


# On the demo guide (keep these last, see the module's docstring) ---------------------------------


@pytest.mark.django_db
def test_demo_items_and_details_follow_the_documented_schema(client, demo_guide):
    document = get_json(client, OPENAPI)
    for schema in document["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)

    body = get_json(client, LIST, {"statut": "tous", "page_size": 100})
    # The default site's fiches: the demo's second site has its own (not served on this host).
    fiches = {str(f.aid_uuid): f for f in AidPage.objects.live().descendant_of(demo_guide)}
    assert body["count"] == len(fiches) == 32 == len(body["results"])
    compare_with_schema(document, answer_schema(document, "/api/v1/aides/"), body)
    validate(document, answer_schema(document, "/api/v1/aides/"), body)
    for item in body["results"]:
        fiche = fiches[item["id"]]
        assert set(item) == ITEM_FIELDS
        assert item["titre"] == fiche.title
        # (With two sites, ``fiche.url`` is absolute: the path on its site.)
        assert item["url"] == "http://testserver" + fiche.get_url_parts()[2]
        assert item["lien_permanent"] == f"http://testserver/a/{code_of(fiche)}/"
        assert (
            item["statut"]["code"]
            == compute_status(fiche.opening_date, fiche.closing_date, fiche.manual_state).code
        )
        assert [t["slug"] for t in item["types"]] == [t.slug for t in fiche.aid_types.all()]
        assert len(item["volets"]) == fiche.financial_components.count()
        assert all(c["note_recommandation"] for c in item["contacts"])
    contacts = [c for item in body["results"] for c in item["contacts"]]
    assert contacts and {c["type"] for c in contacts} <= {"service", "personne"}
    for person in (c for c in contacts if c["type"] == "personne"):
        assert Contact.objects.get(
            name=person["nom"], email=person["email"] or ""
        ).publication_consent
    # Some volet restricted to a territory and some operator are in the demo: objects are checked.
    assert any(v["territoire"] for item in body["results"] for v in item["volets"])

    detail_schema = answer_schema(document, "/api/v1/aides/{aid_id}/")
    for item in body["results"][:8]:
        detail = get_json(client, detail_url(item["id"]))
        compare_with_schema(document, detail_schema, detail)
        validate(document, detail_schema, detail)
        assert {k: v for k, v in detail.items() if k in ITEM_FIELDS} == item
        assert detail["description"].startswith("<")
    for path, url in (("/api/v1/vocabulaires/", VOCABULARIES), ("/api/v1/", API)):
        answer = get_json(client, url)
        compare_with_schema(document, answer_schema(document, path), answer)
        validate(document, answer_schema(document, path), answer)


@pytest.mark.django_db
def test_demo_vocabularies_give_every_filter_value(client, demo_guide):
    body = get_json(client, VOCABULARIES)
    assert {"slug": "pret", "libelle": "Prêt"} in body["types"]
    assert len(body["communes"]) == 24
    vitry = next(c for c in body["communes"] if c["slug"] == "vitry-sur-seine")
    assert vitry == {
        "slug": "vitry-sur-seine",
        "nom": "Vitry-sur-Seine",
        "code_cog": "COM-94081",
        "codes_postaux": ["94400"],
    }
    assert [s["code"] for s in body["statuts"]] == [
        "ouvert",
        "bientot",
        "a_venir",
        "cloture",
        "tous",
    ]
    assert [s["code"] for s in body["tris"]] == ["pertinence", "cloture", "recent"]
    english = get_json(client, VOCABULARIES, {"lang": "en"})
    assert {"slug": "pret", "libelle": "Loan"} in english["types"]
    assert [e["slug"] for e in english["secteurs"]] == [e["slug"] for e in body["secteurs"]]


LISTING_QUERIES = [
    {},
    {"statut": "tous"},
    {"type": "pret"},
    {"type": ["pret", "subvention"], "statut": "tous", "tri": "recent"},
    {"public": "tpe", "commune": "vitry-sur-seine"},
    {"secteur": "industrie", "etape": ["creation", "recrutement"], "statut": "tous"},
    {"commune": "athis-mons", "statut": "tous"},
    {"effectif": "60", "statut": "tous"},
    {"statut": "cloture"},
    {"statut": "bientot"},
    {"statut": "a_venir"},
    {"q": "recrutement"},
    {"q": "prêt d'honneur", "statut": "tous", "tri": "pertinence"},
    {"q": "pépinières", "tri": "cloture", "statut": "tous"},
    {"q": "xyzzy introuvable"},
    {"type": "inconnu", "commune": "paris", "statut": "n'importe", "effectif": "-3"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", LISTING_QUERIES, ids=lambda query: json.dumps(query))
def test_the_api_lists_what_the_public_listing_lists(client, demo_guide, query):
    listing = client.get(demo_guide.url, query)
    outcome = listing.context["outcome"]
    per_page = demo_guide.per_page

    api = get_json(client, LIST, {**query, "page_size": per_page})
    assert api["count"] == outcome.total
    # Page by page, the same fiches in the same order.
    number, body = 1, api
    while True:
        page = client.get(demo_guide.url, {**query, "page": number}).context["aids"]
        assert ids(body["results"]) == [str(aid.aid_uuid) for aid in page], (query, number)
        if not body["next"]:
            break
        number, body = number + 1, get_json(client, body["next"])
    assert number == max(1, -(-outcome.total // per_page))
