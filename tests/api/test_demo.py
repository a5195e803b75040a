"""The partners' API (``/api/v1/``, api/) on the demo guide: items and details follow the
documented schema, the vocabularies give every filter value, the API lists what the listing lists.
"""

import json

import jsonschema
import pytest

from guide.models import (
    AidPage,
    Contact,
)
from guide.status import compute_status
from tests.support.api import (
    API,
    ITEM_FIELDS,
    LIST,
    OPENAPI,
    VOCABULARIES,
    answer_schema,
    code_of,
    compare_with_schema,
    detail_url,
    get_json,
    ids,
    validate,
)


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
def test_alixio_gives_its_two_cases_and_its_grant_for_one_job_in_three(client, demo_guide):
    alixio = AidPage.objects.get(
        slug="alixio-pme-pmi-val-de-marne-essonne", locale__language_code="fr"
    )
    item = get_json(client, detail_url(alixio))
    val_de_marne, essonne = item["cas_eligibilite"]
    assert val_de_marne == {
        "nom": "Val-de-Marne (94)",
        "territoires": [{"slug": "val-de-marne", "nom": "Val-de-Marne", "code_cog": "DEP-94"}],
        "publics": [
            {"slug": "pme", "libelle": "PME"},
            {"slug": "pmi", "libelle": "PMI (petites et moyennes industries)"},
            {"slug": "ess", "libelle": "Structures de l'ESS et associations"},
        ],
        "categories_entreprise": [],
        "secteurs": [],
        "etapes": [],
        "effectif_minimal": None,
        "effectif_maximal": None,
        "annees_existence_minimal": None,
        "emplois_crees_minimal": None,
        "implantation": None,
    }
    assert essonne["nom"] == "Essonne (91)"
    assert [t["code_cog"] for t in essonne["territoires"]] == ["DEP-91"]
    assert [p["slug"] for p in essonne["publics"]] == ["pmi"]
    assert essonne["implantation"] == {
        "code": "implantee-ou-en-cours",
        "libelle": "Implantée ou en cours d'implantation sur le territoire",
    }
    loan, grant, advice = item["volets"]
    assert grant["part_des_unites"] == {
        "unites_aidees": 1,
        "sur": 3,
        "texte": "au plus 1 emploi créé sur 3",
    }
    assert "au plus 1 emploi créé sur 3" in grant["resume"]
    assert loan["part_des_unites"] is None and advice["part_des_unites"] is None
    assert advice["territoire"]["code_cog"] == "DEP-91"
    assert all(volet["public"] is None and volet["secteur"] is None for volet in item["volets"])

    # In English, the same cases (synchronised facts) with English labels.
    english = get_json(client, detail_url(alixio), {"lang": "en"})
    assert [case["nom"] for case in english["cas_eligibilite"]] == [
        "Val-de-Marne (94)",
        "Essonne (91)",
    ]
    assert english["cas_eligibilite"][1]["implantation"]["code"] == "implantee-ou-en-cours"
    assert english["volets"][1]["part_des_unites"]["sur"] == 3


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
