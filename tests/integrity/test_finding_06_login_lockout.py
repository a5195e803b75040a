"""Finding 6: django-ipware is not installed, so the ``AXES_IPWARE_*`` settings did nothing and
every visitor behind nginx was 127.0.0.1: five wrong passwords locked everyone out of an account.

Each request here comes, as behind nginx, from ``REMOTE_ADDR=127.0.0.1`` with the client's
address as the last entry of ``X-Forwarded-For`` (``NUM_PROXIES=1``).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from api.rate_limit import ClientRateLimit
from core.client_ip import client_ip

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ATTACKER = "203.0.113.66"
EDITOR = "198.51.100.20"
PASSWORD = "le-bon-mot-de-passe"

behind_nginx = override_settings(
    AXES_ENABLED=True,
    NUM_PROXIES=1,
    AXES_FAILURE_LIMIT=5,
    ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT=12,
)


def login(client, username, password, address, spoofed=None):
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def editrice(django_user_model):
    return django_user_model.objects.create_user("editrice", "e@example.org", PASSWORD)


@behind_nginx
def test_five_failures_lock_the_account_from_the_attackers_address_only(client, editrice):
    for _attempt in range(4):
        assert login(client, "editrice", "mauvais", ATTACKER).status_code == 200
    assert login(client, "editrice", "mauvais", ATTACKER).status_code == 429
    # Locked from there, even with the right password and whatever the client writes itself.
    assert login(client, "editrice", PASSWORD, ATTACKER).status_code == 429
    assert login(client, "editrice", PASSWORD, ATTACKER, spoofed=EDITOR).status_code == 429
    # The editor, from her own address behind the same proxy, still logs in.
    assert login(client, "editrice", PASSWORD, EDITOR).status_code == 302


@behind_nginx
def test_many_accounts_tried_from_one_address_lock_that_address(client, editrice):
    for number in range(11):  # one failure per account: under the per-account limit each time
        assert login(client, f"compte-{number}", "azerty123", ATTACKER).status_code == 200
    assert login(client, "compte-11", "azerty123", ATTACKER).status_code == 429
    # The address is refused, for any account; other addresses are not.
    refused = login(client, "editrice", PASSWORD, ATTACKER)
    assert refused.status_code == 429
    assert "Connexion temporairement bloquée" in refused.content.decode()
    assert login(client, "editrice", PASSWORD, EDITOR).status_code == 302


@behind_nginx
def test_a_successful_login_does_not_forgive_the_other_accounts_failures(client, editrice):
    for number in range(11):
        login(client, f"compte-{number}", "azerty123", ATTACKER)
    assert login(client, "editrice", PASSWORD, ATTACKER).status_code == 302
    client.logout()
    assert login(client, "compte-12", "azerty123", ATTACKER).status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.66", "127.0.0.1"),  # no proxy declared: the header is anyone's
        (1, "203.0.113.66", "203.0.113.66"),
        (1, "10.9.9.9, 203.0.113.66", "203.0.113.66"),  # the client wrote the first entry
        (2, "10.9.9.9, 203.0.113.66, 192.0.2.1", "203.0.113.66"),
        (1, "pas-une-adresse", "127.0.0.1"),
        (1, "", "127.0.0.1"),
    ],
)
def test_one_rule_for_the_client_address(settings, proxies, forwarded, expected):
    settings.NUM_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
    assert ClientRateLimit("1/min").get_ident(request) == expected  # the API's rate limit


def test_production_behind_the_proxy_counts_one_proxy_and_has_no_dead_ipware_settings():
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    environment.update(
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="aides.example.fr",
        DATABASE_URL="sqlite:////tmp/guide-finding-06.sqlite3",
        BEHIND_TLS_PROXY="1",
    )
    script = (
        "import config.settings.production as production; "
        "print(production.NUM_PROXIES, production.AXES_CLIENT_IP_CALLABLE, "
        "sorted(name for name in vars(production) if name.startswith('AXES_IPWARE')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "core.client_ip.client_ip", "[]"]
