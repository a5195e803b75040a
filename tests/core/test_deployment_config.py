"""Deployment settings read from the environment: media storage, shared cache purging."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.frontend_cache import frontend_cache_settings
from core.storage import storages

pytestmark = pytest.mark.django_db


def test_media_on_disk_by_default_and_on_s3_with_a_bucket():
    assert storages({})["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    s3 = storages(
        {
            "MEDIA_S3_BUCKET": "guide-medias",
            "MEDIA_S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
            "MEDIA_S3_REGION": "fr-par",
            "MEDIA_S3_PREFIX": "/media/",
        }
    )["default"]
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "guide-medias"
    assert s3["OPTIONS"]["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert s3["OPTIONS"]["location"] == "media"
    assert s3["OPTIONS"]["file_overwrite"] is False and s3["OPTIONS"]["querystring_auth"] is False
    assert "access_key" not in s3["OPTIONS"]  # the credential chain of the machine
    hashed = storages({}, hashed_static=True)["staticfiles"]["BACKEND"]
    assert hashed == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"FRONTEND_CACHE": "none"}, None),
        (
            {"FRONTEND_CACHE": "varnish", "FRONTEND_CACHE_LOCATION": "http://127.0.0.1:6081"},
            {
                "varnish": {
                    "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                    "LOCATION": "http://127.0.0.1:6081",
                }
            },
        ),
        (
            {
                "FRONTEND_CACHE": "cloudflare",
                "CLOUDFLARE_BEARER_TOKEN": "t",
                "CLOUDFLARE_ZONE_ID": "z",
            },
            {
                "cloudflare": {
                    "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                    "BEARER_TOKEN": "t",
                    "ZONEID": "z",
                }
            },
        ),
    ],
)
def test_frontend_cache_settings(environ, expected):
    assert frontend_cache_settings(environ) == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"FRONTEND_CACHE": "akamai"}, "expected one of"),
        ({"FRONTEND_CACHE": "varnish"}, "FRONTEND_CACHE_LOCATION"),
        ({"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_BEARER_TOKEN": "t"}, "CLOUDFLARE_ZONE_ID"),
    ],
)
def test_frontend_cache_misconfiguration_is_named(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        frontend_cache_settings(environ)


def test_publishing_a_fiche_purges_it_and_the_pages_listing_it(settings, guide, monkeypatch):
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    from tests.support.factories import AidPageFactory

    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: purged.append(url))
    monkeypatch.setattr(HTTPBackend, "purge_batch", lambda self, urls: purged.extend(urls))
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
    home, index = guide
    fiche = AidPageFactory(parent=index, title="Prêt", slug="pret")
    fiche.save_revision().publish()
    paths = {url.split("localhost", 1)[-1] for url in purged}
    assert "/aides/pret/" in paths
    assert {"/aides/", "/aides/flux/nouveautes/", "/aides/calendrier/", "/"} <= paths


def test_postgresql_connections_run_without_jit():
    # Compiling a plan (JIT) cost more than running the listing's counts (docs/performance.md).
    from config.settings.base import without_jit

    plain = without_jit({"ENGINE": "django.db.backends.postgresql", "NAME": "guide"})
    assert plain["OPTIONS"]["options"] == "-c jit=off"
    own = without_jit(
        {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c jit=on"}}
    )
    assert own["OPTIONS"]["options"] == "-c jit=on"  # DATABASE_URL's own choice is kept
    other = without_jit(
        {"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c x=1"}}
    )
    assert other["OPTIONS"]["options"] == "-c x=1 -c jit=off"
    assert "OPTIONS" not in without_jit({"ENGINE": "django.db.backends.sqlite3"})
