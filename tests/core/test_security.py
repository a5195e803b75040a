"""Security headers on every response, the admin's own policy, the embeds' framing, the login
lockout, the configurable admin path, and the production settings (secrets required, Django's
deployment checks clean)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from core.security import ADMIN_POLICY, PUBLIC_POLICY

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    parts = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {part[0]: part[1:] for part in parts if part}


def test_a_public_page_sends_the_strict_policy_and_the_other_headers(client, guide_index):
    response = client.get(guide_index.url)
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_public_templates_have_no_inline_script_or_style(client, guide_index):
    """What the strict policy would block: an inline script, a style attribute or element."""
    html = client.get(guide_index.url).content.decode()
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert (
            "src=" in opening or "application/ld+json" in opening or "application/json" in (opening)
        ), opening
    assert " style=" not in html and "<style" not in html


def test_the_admin_has_its_own_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert set(csp) == set(ADMIN_POLICY)
    assert set(ADMIN_POLICY) > set(PUBLIC_POLICY)


def test_embeds_may_be_framed_by_any_site_and_keep_the_rest_of_the_policy(
    client, guide_index, django_user_model
):
    from tests.support.factories import AidPageFactory

    AidPageFactory(parent=guide_index, title="Prêt")
    response = client.get("/embed/aides/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["frame-ancestors"] == ["*"]
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in csp["style-src"]  # the partner's colour
    assert "X-Frame-Options" not in response


def login(client, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/",
        {"username": "editrice", "password": password},
        REMOTE_ADDR=address,
    )


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failed_logins_lock_the_account_out_from_that_address(client, django_user_model):
    django_user_model.objects.create_user("editrice", "e@example.org", "le-bon-mot-de-passe")
    for _attempt in range(2):
        assert login(client, "mauvais").status_code == 200  # the form again, with its error
    assert login(client, "mauvais").status_code == 429  # the third failure locks
    locked = login(client, "le-bon-mot-de-passe")  # even the right password, now
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Connexion temporairement bloquée" in text and "30 minutes" in text
    # The same user from another address is not locked out (no denial of service by name).
    assert login(client, "le-bon-mot-de-passe", address="10.0.0.2").status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_count(client, django_user_model):
    django_user_model.objects.create_user("editrice", "e@example.org", "le-bon-mot-de-passe")
    login(client, "mauvais")
    login(client, "mauvais")
    assert login(client, "le-bon-mot-de-passe").status_code == 302
    client.logout()
    login(client, "mauvais")
    login(client, "mauvais")
    assert login(client, "le-bon-mot-de-passe").status_code == 302


@pytest.fixture
def custom_admin_path(settings):
    import importlib

    import config.urls

    settings.WAGTAIL_ADMIN_PATH = "gestion-7f3a"
    importlib.reload(config.urls)
    clear_url_caches()
    yield "/gestion-7f3a/"
    settings.WAGTAIL_ADMIN_PATH = "admin"
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_admin_path_is_configurable_and_not_advertised(client, guide, custom_admin_path):
    assert client.get(custom_admin_path + "login/").status_code == 200
    assert client.get("/admin/login/").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "gestion" not in robots and "/admin/" not in robots
    # The admin's policy follows the path.
    assert "'unsafe-inline'" in policy(client.get(custom_admin_path + "login/"))["script-src"]


def run_production(args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            # Set for Playwright by tests/browser/conftest.py; never in production.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


SECRETS = {
    "SECRET_KEY": "x" * 60 + "-production-secret-for-the-check",
    "ALLOWED_HOSTS": "aides.grandorlyseinebievre.fr",
    "DATABASE_URL": "sqlite:////tmp/guide-check-deploy.sqlite3",
}


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {key: value for key, value in SECRETS.items() if key != missing}
    result = run_production(["check"], **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_production(
        ["check", "--deploy", "--fail-level", "WARNING"],
        **SECRETS,
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_cache_in_each_process_is_reported_by_the_deployment_checks():
    # Without Redis, a view restriction made through one worker would reach the others only
    # when their shared values expire (core/shared_cache.py).
    result = run_production(["check", "--deploy", "--fail-level", "WARNING"], **SECRETS)
    assert result.returncode != 0
    assert "core.W002" in result.stdout + result.stderr
