"""Live: the real node stops answering mid-run, the public search goes on from the database
index (search/fallback.py), and ``/sante/`` says degraded.

The shared node of ``make elasticsearch`` is never stopped: the demo is indexed under a prefix of
this module's own, then the engine is made unreachable for the site in two ways — its backend
pointed at a closed port (a node down), and this module's index deleted (« index missing »).

    ELASTICSEARCH_URL=http://127.0.0.1:9200 ELASTICSEARCH_VERSION=7 ELASTICSEARCH_REPLICAS=0 \\
        .venv-es7/bin/python -m pytest -m elasticsearch tests/search/<this module>
"""

import io
import json
import logging
import os
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from guide.models import AidPage
from search import fallback
from search.elasticsearch_config import backend_settings
from tests.support.elasticsearch_live import (
    DATABASE_SEARCH_BACKEND,
    LIVE_MARKS,
    URL,
    closed_port,
)

LISTINGS = ["?q=prêt", "?q=subvention&statut=tous", "?q=emploi", "?q=prêt+honneur&tri=pertinence"]
SUGGESTED = ["subv", "accomp", "garan"]

pytestmark = LIVE_MARKS


@pytest.fixture(scope="module")
def live(demo_guide, django_db_blocker):
    """The demo indexed on the real node under a prefix of its own; Elasticsearch the default
    backend, the database index (built by the demo's load) the fallback."""
    prefix = f"gosbtest_b_{uuid.uuid4().hex[:8]}_"
    params = backend_settings({**os.environ, "ELASTICSEARCH_INDEX_PREFIX": prefix})
    backends = {"default": params, "database": DATABASE_SEARCH_BACKEND}
    override = override_settings(WAGTAILSEARCH_BACKENDS=backends)
    override.enable()
    backend = get_search_backend()
    try:
        if not backend.es.ping():
            pytest.fail(f"ELASTICSEARCH_URL is set but {URL} does not answer (ping failed).")
        with django_db_blocker.unblock():
            call_command("update_index", backend_name="default", stdout=io.StringIO())
        backend.es.indices.refresh(index=backend.get_index_for_model(AidPage).name)
        yield {"backends": backends, "backend": backend, "prefix": prefix}
    finally:
        override.disable()
        for name in backend.es.indices.get(index=f"{prefix}*"):
            backend.es.indices.delete(index=name)


@pytest.fixture(autouse=True)
def fresh_circuit():
    fallback.circuit.reset()
    yield
    fallback.circuit.reset()


def listed(client, index, query):
    response = client.get(index.url + query)
    assert response.status_code == 200, query
    return [aid.slug for aid in response.context["aids"]]


def suggestions(client, typed):
    response = client.get("/recherche/suggestions/", {"q": typed})
    assert response.status_code == 200
    return [item["title"] for item in json.loads(response.content)["suggestions"]]


def database_answers(client, demo_guide):
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE_SEARCH_BACKEND}):
        pages = {query: listed(client, demo_guide, query) for query in LISTINGS}
        suggested = {typed: suggestions(client, typed) for typed in SUGGESTED}
    assert all(pages.values()) and all(suggested.values())
    return pages, suggested


def assert_the_database_answers(client, demo_guide, expected):
    pages, suggested = expected
    for query, slugs in pages.items():
        fallback.circuit.close()  # each request meets the failure itself (warnings kept)
        found = listed(client, demo_guide, query)
        if "tri=pertinence" in query:  # ties may come in another order
            assert sorted(found) == sorted(slugs), query
        else:
            assert found == slugs, query
        assert fallback.circuit.is_open, query
    for typed, titles in suggested.items():
        fallback.circuit.close()
        assert sorted(suggestions(client, typed)) == sorted(titles), typed
        assert fallback.circuit.is_open, typed


def assert_degraded(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response["X-Health-Status"] == "degraded"
    body = response.json()
    assert body["status"] == "degraded" and "details" not in body
    assert body["checks"]["search"]["ok"] is True
    assert body["checks"]["search"]["state"] == "degraded"
    text = response.content.decode().lower()
    for secret in ("127.0.0.1", "9200", "gosbtest", "error", "elasticsearch"):
        assert secret not in text, secret


def test_the_engine_answers(client, demo_guide, live, caplog):
    caplog.set_level(logging.WARNING, logger="search.fallback")
    assert listed(client, demo_guide, "?q=prêt")
    assert suggestions(client, "pret")
    response = client.get("/sante/")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert not fallback.circuit.is_open
    assert not [r for r in caplog.records if r.name == "search.fallback"]


def test_a_node_that_stops_answering(client, demo_guide, live, caplog):
    expected = database_answers(client, demo_guide)
    caplog.set_level(logging.WARNING, logger="search.fallback")
    down = {**live["backends"]["default"], "URLS": [f"http://127.0.0.1:{closed_port()}"]}
    with override_settings(WAGTAILSEARCH_BACKENDS={**live["backends"], "default": down}):
        assert_the_database_answers(client, demo_guide, expected)
        fallback.circuit.close()
        assert_degraded(client)
    warnings = [r for r in caplog.records if r.name == "search.fallback"]
    assert len(warnings) == 1  # many failures within a minute, one warning
    assert "ConnectionError" in warnings[0].getMessage()


def test_the_index_missing(client, demo_guide, live, caplog):
    """Last: deletes this module's index (the node and other indices untouched)."""
    expected = database_answers(client, demo_guide)
    caplog.set_level(logging.WARNING, logger="search.fallback")
    backend = live["backend"]
    for name in backend.es.indices.get(index=f"{live['prefix']}*"):
        assert name.startswith(live["prefix"])
        backend.es.indices.delete(index=name)
    assert_the_database_answers(client, demo_guide, expected)
    fallback.circuit.close()
    assert_degraded(client)
    warnings = [r for r in caplog.records if r.name == "search.fallback"]
    assert len(warnings) == 1 and "NotFoundError" in warnings[0].getMessage()
