"""Anonymous visitors and partners never reach the admin or a draft."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.support.factories import AidPageFactory

# Admin URLs an anonymous visitor may open: signing in and out, recovering a password, and the
# login page's own assets (icon sprite, JavaScript translations), which hold no content.
PUBLIC_ADMIN_VIEWS = re.compile(
    r"^/admin/(login/|logout/|password_reset/|sprite/|jsi18n/|localize/jsi18n/)"
)

SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


def _route_to_url(route):
    """A concrete URL for a route: converters get sample values, regex groups a digit or x."""
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    url = re.sub(r"\(\?P<\w+>\\d\+\)", "1", url)
    url = re.sub(r"\(\?P<\w+>[^)]*\)", "x", url)
    url = re.sub(r"\(\?:[^)]*\)\??", "", url)
    return url.lstrip("^").rstrip("$").replace("\\", "")


def admin_urls():
    """Every URL pattern under /admin/ as a concrete URL that resolves to that pattern's view."""
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + _route_to_url(str(pattern.pattern))
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                url = "/" + route
                try:
                    if resolve(url).func is pattern.callback:
                        found.add(url)
                except Resolver404:
                    pass

    walk(get_resolver().url_patterns, "")
    return sorted(url for url in found if url.startswith("/admin/"))


def test_the_crawl_finds_the_admin_views():
    urls = admin_urls()
    # Wagtail's admin alone has several hundred views; a broken crawl would find few.
    assert len(urls) > 300, len(urls)
    for expected in ("/admin/pages/1/edit/", "/admin/pages/1/view_draft/", "/admin/users/"):
        assert expected in urls


@pytest.mark.django_db
def test_every_admin_url_refuses_an_anonymous_visitor(client, guide_index):
    AidPageFactory(parent=guide_index, live=False)  # a draft with id ≥ 1 exists
    leaks = []
    for url in admin_urls():
        if PUBLIC_ADMIN_VIEWS.match(url):
            continue
        for method in (client.get, client.post):
            response = method(url)
            refused = response.status_code in (403, 404, 405) or (
                response.status_code == 302 and response["Location"].startswith("/admin/login/")
            )
            if not refused:
                leaks.append((method.__name__, url, response.status_code))
    assert leaks == []


@pytest.mark.django_db
def test_a_draft_is_not_public_and_its_preview_needs_an_account(client, guide_index):
    draft = AidPageFactory(parent=guide_index, live=False, slug="brouillon")
    assert client.get(f"/aides/{draft.slug}/").status_code == 404
    for url in (
        f"/admin/pages/{draft.pk}/view_draft/",
        f"/admin/pages/{draft.pk}/edit/preview/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_signed_in_user_without_admin_access_cannot_preview_a_draft(
    client, django_user_model, guide_index
):
    """A partner with an account (no group) is not an editor."""
    draft = AidPageFactory(parent=guide_index, live=False)
    partner = django_user_model.objects.create_user("partenaire", "p@exemple.example", "pw")
    client.force_login(partner)
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code in (302, 403)
    assert b"Financez vos recrutements" not in response.content
