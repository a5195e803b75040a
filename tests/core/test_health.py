"""``/sante/``: the load balancer's health check."""

import pytest

from core import health

pytestmark = pytest.mark.django_db


def test_healthy(client, guide_index):
    response = client.get("/sante/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search", "catalogues"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_failing_dependency_answers_503_and_names_it(client, guide_index, monkeypatch):
    def broken():
        raise ConnectionError("Redis injoignable")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    response = client.get("/sante/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"] == {"ok": False, "ms": body["checks"]["cache"]["ms"]}
    assert body["checks"]["database"]["ok"] and body["checks"]["search"]["ok"]


def test_a_red_elasticsearch_cluster_is_a_failure(client, guide_index, monkeypatch):
    class Cluster:
        status = "red"

        def health(self, timeout):
            return {"status": self.status}

    class Backend:
        es = type("Client", (), {"cluster": Cluster()})()

    monkeypatch.setattr(health, "get_search_backend", lambda: Backend())
    assert client.get("/sante/").status_code == 503
    Cluster.status = "yellow"  # a single node without replicas: serving
    assert client.get("/sante/").status_code == 200


def test_only_get_and_head(client):
    assert client.post("/sante/").status_code == 405
