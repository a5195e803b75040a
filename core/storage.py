"""Where media (documents, images) and static files are stored, from the environment.

- Static files: WhiteNoise serves them from the app servers, compressed (gzip and Brotli when
  available) under names carrying a hash of their content (cached for a year); production
  settings only: the tests and the development server use plain storage.
- Media: the local disk (``MEDIA_ROOT``) by default; with ``MEDIA_S3_BUCKET``, an
  S3-compatible object storage (django-storages; install the ``s3`` extra:
  ``pip install -e ".[s3]"``), which several app servers can share:

  ``MEDIA_S3_BUCKET`` (required), ``MEDIA_S3_ENDPOINT_URL`` (non-AWS providers: Scaleway,
  OVHcloud, MinIO...), ``MEDIA_S3_REGION``, ``MEDIA_S3_ACCESS_KEY_ID``,
  ``MEDIA_S3_SECRET_ACCESS_KEY`` (else the usual AWS credential chain),
  ``MEDIA_S3_CUSTOM_DOMAIN`` (a CDN in front of the bucket), ``MEDIA_S3_PREFIX``.
"""

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"
HASHED_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"
S3 = "storages.backends.s3.S3Storage"


def media_storage(environ):
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": FILE_SYSTEM}
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("MEDIA_S3_REGION") or None,
        "access_key": environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "custom_domain": environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
        "location": environ.get("MEDIA_S3_PREFIX", "").strip("/"),
        # One object per file, never overwritten in place. Only renditions (images/) need to be
        # public (a bucket policy): documents are streamed by Wagtail's view, which applies their
        # collection's privacy (WAGTAILDOCS_SERVE_METHOD), and originals are read by the app.
        "default_acl": None,
        "querystring_auth": False,
        "file_overwrite": False,
    }
    return {"BACKEND": S3, "OPTIONS": {k: v for k, v in options.items() if v is not None}}


def storages(environ, hashed_static=False):
    """The ``STORAGES`` setting."""
    return {
        "default": media_storage(environ),
        "staticfiles": {"BACKEND": HASHED_STATIC if hashed_static else PLAIN_STATIC},
    }
