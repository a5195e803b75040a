"""The partners' API (``/api/v1/``, api/): the OpenAPI document and the documentation page."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.support.api import DOCS, OPENAPI, get_json, resolve


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


@pytest.mark.django_db
def test_the_openapi_document_explains_the_cases(client, db):
    document = get_json(client, OPENAPI)
    schemas = document["components"]["schemas"]
    cases = schemas["FicheItem"]["properties"]["cas_eligibilite"]
    assert "au moins un cas" in cases["description"]
    assert "critères de la fiche" in cases["description"]
    case = resolve(document, cases["items"])
    assert {"territoires", "publics", "implantation", "effectif_minimal"} <= set(case["properties"])
    assert "cas_eligibilite" in document["info"]["description"]
    volet = schemas["FinancialComponent"]["properties"]
    assert {"public", "secteur", "part_des_unites"} <= set(volet)
    assert "un emploi créé sur trois" in volet["part_des_unites"]["description"]
