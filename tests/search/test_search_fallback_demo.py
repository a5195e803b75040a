"""Elasticsearch down (a closed port), the public search answers from the database index
(search/fallback.py): listing with ``q=``, ranked search, suggestions, ``/sante/`` degraded.

The Elasticsearch 9 backend of the main virtualenv points at a port nothing listens on: every
request is refused, as with a stopped node. The database index is the demo's own (the settings
keep the database backend as ``"database"`` beside Elasticsearch).
"""

import json
import logging

import elasticsearch
import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from search import fallback
from tests.support.elasticsearch_live import DATABASE_SEARCH_BACKEND, closed_port

QUERIES = ["?q=prêt", "?q=subvention&statut=tous", "?q=prêt+honneur&tri=pertinence", "?q=emploi"]
SUGGESTED = ["subv", "accomp", "garan"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_circuit():
    fallback.circuit.reset()
    yield fallback.circuit
    fallback.circuit.reset()


@pytest.fixture
def engine_down(demo_guide, fresh_circuit):
    url = f"http://127.0.0.1:{closed_port()}"
    backends = {
        "default": {
            "BACKEND": "search.elasticsearch9",
            "URLS": [url],
            "INDEX_PREFIX": "gosbtest_down_",
            "TIMEOUT": 2,
        },
        "database": DATABASE_SEARCH_BACKEND,
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield url


@pytest.fixture
def engine_requests(monkeypatch):
    """How many requests the Elasticsearch client tried to send."""
    sent = []
    perform = elasticsearch.Elasticsearch.perform_request

    def counting(self, *args, **kwargs):
        sent.append(args[:2])
        return perform(self, *args, **kwargs)

    monkeypatch.setattr(elasticsearch.Elasticsearch, "perform_request", counting)
    return sent


def listed(client, index, query):
    response = client.get(index.url + query)
    assert response.status_code == 200, query
    return [aid.slug for aid in response.context["aids"]], response


def database_answers(client, demo_guide):
    """What the site answers on the database backend alone (the test settings' default)."""
    pages = {query: listed(client, demo_guide, query)[0] for query in QUERIES}
    suggested = {q: suggestions(client, q) for q in SUGGESTED}
    return pages, suggested


def suggestions(client, typed):
    response = client.get("/recherche/suggestions/", {"q": typed})
    assert response.status_code == 200
    return json.loads(response.content)["suggestions"]


def test_listing_search_and_suggestions_answer_from_the_database(
    client, demo_guide, fresh_circuit, settings
):
    pages, suggested = database_answers(client, demo_guide)
    assert all(pages.values()) and all(suggested.values())  # the comparison means something
    backends = {
        "default": {
            "BACKEND": "search.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX_PREFIX": "gosbtest_down_",
            "TIMEOUT": 2,
        },
        "database": DATABASE_SEARCH_BACKEND,
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for query, expected in pages.items():
            fresh_circuit.reset()  # each query meets the engine's failure itself
            found, response = listed(client, demo_guide, query)
            assert found == expected, query
            text = response.content.decode()
            assert "Elasticsearch" not in text and "erreur" not in text.lower()
            assert fresh_circuit.is_open
        for typed, expected in suggested.items():
            fresh_circuit.reset()
            assert suggestions(client, typed) == expected


def test_many_requests_one_warning_and_no_engine_request_while_skipped(
    client, demo_guide, engine_down, engine_requests, caplog
):
    caplog.set_level(logging.WARNING, logger="search.fallback")
    for _ in range(5):
        listed(client, demo_guide, "?q=prêt")
        suggestions(client, "pret")
    warnings = [r for r in caplog.records if r.name == "search.fallback"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    assert len(engine_requests) == 1  # the first; then skipped (the client's retries are inside)


def test_the_circuit_tries_the_engine_again_after_its_delay(
    client, demo_guide, engine_down, engine_requests, caplog, monkeypatch
):
    caplog.set_level(logging.WARNING, logger="search.fallback")
    now = [5000.0]
    monkeypatch.setattr(fallback.circuit, "clock", lambda: now[0])
    listed(client, demo_guide, "?q=prêt")
    assert len(engine_requests) == 1
    now[0] += fallback.RETRY_AFTER - 1
    listed(client, demo_guide, "?q=prêt")
    assert len(engine_requests) == 1  # still skipped
    now[0] += 2
    listed(client, demo_guide, "?q=prêt")
    assert len(engine_requests) == 2  # tried again, failed again
    assert len([r for r in caplog.records if r.name == "search.fallback"]) == 1  # < 1 minute
    now[0] += fallback.WARN_EVERY
    listed(client, demo_guide, "?q=prêt")
    assert len([r for r in caplog.records if r.name == "search.fallback"]) == 2


def test_health_says_degraded_and_tells_strangers_nothing_more(client, demo_guide, engine_down):
    response = client.get("/sante/")
    assert response.status_code == 200  # the site serves: the load balancer keeps it
    assert response["X-Health-Status"] == "degraded"
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["ok"] is True
    assert body["checks"]["search"]["state"] == "degraded"
    assert "details" not in body
    text = response.content.decode()
    port = engine_down.rsplit(":", 1)[1]
    for secret in ("127.0.0.1", port, "gosbtest", "ConnectionError", "elasticsearch", "9200"):
        assert secret not in text.lower(), secret
    assert set(body) == {"status", "checks"}
    assert all(set(check) <= {"ok", "ms", "state"} for check in body["checks"].values())


def test_health_details_for_staff_only(client, demo_guide, engine_down, django_user_model):
    member = django_user_model.objects.create_user("membre", "m@example.org", "pw")
    client.force_login(member)  # signed in, not staff: the stranger's answer
    assert "details" not in client.get("/sante/").json()
    halfway = django_user_model.objects.create_user("moitie", "h@example.org", "pw", is_staff=True)
    TOTPDevice.objects.create(user=halfway, name="Téléphone", confirmed=True)
    client.force_login(halfway)  # staff, password given, the admin's code not yet
    assert "details" not in client.get("/sante/").json()
    staff = django_user_model.objects.create_user("equipe", "e@example.org", "pw", is_staff=True)
    client.force_login(staff)  # staff without a second factor, which is optional here
    body = client.get("/sante/").json()
    assert body["status"] == "degraded"
    reports = {report["backend"]: report for report in body["details"]["search"]["backends"]}
    assert reports["default"] == {
        "backend": "default",
        "healthy": False,
        "error": "ConnectionError",
    }
    database = reports["database"]
    assert database["healthy"] is True
    groups = {(g["site"], g["language"]): g for g in database["groups"]}
    assert {language for _site, language in groups} == {"fr", "en"}
    assert len({site for site, _language in groups}) >= 2  # the demo's two territories
    assert all(g["indexed_live"] == g["live"] > 0 for g in groups.values())
    assert sum(g["live"] for g in groups.values()) >= database["live"]


def test_health_is_ok_when_the_engine_answers_again(client, demo_guide, engine_down, monkeypatch):
    monkeypatch.setattr(
        fallback.FallbackMixin, "engine_state", lambda self, model: "ok", raising=True
    )
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response["X-Health-Status"] == "ok"


def test_the_admins_page_search_survives_too(client, demo_guide, engine_down, django_user_model):
    """Wagtail's page search reads ``supports_facet`` of the results before evaluating them:
    the surviving results answer it (an AttributeError, a 500, whatever the engine's state)."""
    admin = django_user_model.objects.create_superuser("admin-recherche", "a@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/pages/search/", {"q": "prêt"})
    assert response.status_code == 200
    assert "Prêt" in response.content.decode()
    assert fallback.circuit.is_open
