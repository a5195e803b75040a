"""Finding 12: ``/sante/`` (the health check, core/health.py) showed internal error text (the
database's host and port) to anyone; the details belong in the logs only."""

import logging

import pytest
from django.db import OperationalError

from core import health

pytestmark = pytest.mark.django_db

SECRET_DETAIL = 'connection to server at "pg-interne.gosb.lan" (10.20.30.40), port 5432 failed'


class UnreachableDatabase:
    def cursor(self):
        raise OperationalError(SECRET_DETAIL + ": Connection refused")


def test_the_public_answer_names_the_component_and_the_log_has_the_error(
    client, guide_index, monkeypatch, caplog
):
    monkeypatch.setattr(health, "connection", UnreachableDatabase())
    with caplog.at_level(logging.ERROR, logger="core.health"):
        response = client.get("/sante/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["cache"]["ok"] and body["checks"]["search"]["ok"]
    text = response.content.decode()
    for detail in ("pg-interne", "10.20.30.40", "5432", "OperationalError", "refused"):
        assert detail not in text
    assert SECRET_DETAIL in caplog.text
    assert "database" in caplog.text
