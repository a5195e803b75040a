"""Helpers of the API's tests (tests/api/): addresses, fields, requests."""

import jsonschema

from guide.models import (
    AidPage,
)
from permalinks.models import PermanentLink
from tests.support.factories import (
    AidPageFactory,
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
    "depenses_couvertes",
    "exemples_de_projets",
    "lien_demande",
    "cas_eligibilite",
    "contacts",
    "date_mise_a_jour",
}
DETAIL_FIELDS = ITEM_FIELDS | {"description", "comment_en_beneficier", "preparez_votre_appel"}


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


# The OpenAPI document: what an answer must follow ----------------------------------------


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
