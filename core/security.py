"""HTTP security headers the site sends on every response, in every environment (the browser
tests then see what production sends):

- **Content-Security-Policy** (django-csp): the public site runs no inline script or style and
  loads nothing from another origin. Wagtail's admin needs inline scripts and styles (its
  panels and date widgets), so paths under the admin get a policy allowing them
  (``ContentSecurityPolicyMiddleware``); the embeds may be framed by any site and take a
  partner's colour as an inline style (``embeds/views.py``).
- **Permissions-Policy**: no camera, microphone, geolocation, payment or USB, for the site or
  anything it frames.
- ``Referrer-Policy``, ``X-Content-Type-Options``, ``X-Frame-Options``, ``Cross-Origin-Opener-
  Policy``: Django's ``SecurityMiddleware`` and clickjacking middleware (settings).
"""

from csp.constants import NONE, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import render

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

# Wagtail's admin: inline scripts and styles, images from blobs (uploads' previews), previews
# in frames of the admin's own origin.
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "worker-src": [SELF, "blob:"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def admin_prefix():
    return "/" + settings.WAGTAIL_ADMIN_PATH.strip("/") + "/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's path."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(admin_prefix())
        ):
            return PolicyParts(ADMIN_POLICY, parts.update, parts.replace, parts.nonce)
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a page in the visitor's language, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "account_locked.html", {"minutes": minutes}, status=429)
