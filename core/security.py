"""HTTP security headers the site sends on every response, in every environment (the browser
tests then see what production sends):

- **Content-Security-Policy** (django-csp): the public site runs no inline script or style and
  loads nothing from another origin. Paths under the admin get ``ADMIN_POLICY``
  (``ContentSecurityPolicyMiddleware``); the embeds may be framed by any site and take a
  partner's colour as an inline style (``embeds/views.py``).
- **Permissions-Policy**: no camera, microphone, geolocation, payment or USB, for the site or
  anything it frames.
- ``Referrer-Policy``, ``X-Content-Type-Options``, ``X-Frame-Options``, ``Cross-Origin-Opener-
  Policy``: Django's ``SecurityMiddleware`` and clickjacking middleware (settings).

What the admin's policy still allows beyond the public one, and why (Wagtail 8.0 and
wagtail-localize 1.14, checked in Chromium page by page under a stricter policy: dashboard,
explorer, fiche editor with its tabs, inline lines and choosers, snippets, images, documents,
settings, users, history, reports, import, translation views):

- ``script-src 'unsafe-inline'``: Wagtail still writes inline ``<script>`` elements that start
  its widgets: every chooser (``BaseChooser.render``: ``new PageChooser(...)``, the image,
  document and snippet choosers of the operator, programme, contacts and documents),
  ``InlinePanel`` and ``MultipleChooserPanel`` (``panels/inline_panel.html``: the volets,
  contact lines and documents of a fiche), the date, time and date-time pickers
  (``widgets/date_input.html``...: a fiche's dates, scheduled publication, the listings'
  filters), and wagtail-localize's translation views. Without it « Ajouter un volet » adds
  nothing and no chooser opens. Their content varies with each field (ids, options), so
  hashes cannot list them, and Wagtail gives them no nonce.
- ``script-src-attr``: no inline event handler (``onclick=``, ``onerror=``...), which Wagtail
  does not use: an injected handler, the usual payload of markup slipped past an escape, does
  not run (browsers without ``script-src-attr`` fall back to ``script-src``). One exception by
  hash, ``'unsafe-hashes'`` with ``return;``: the focal-point cropper (Jcrop, image edit page)
  probes touch support by setting ``ontouchstart="return;"``; a handler that does nothing.
- ``style-src 'unsafe-inline'``: Draftail (the rich-text editor) adds ``<style>`` elements
  for its blocks and list depths, wagtail-localize's editor styles itself with
  styled-components (without it the translation editor stays blank), and its update view has
  a ``<style>`` block. Injected CSS cannot send anything out: images, fonts and connections
  stay limited to the site's origin.
- ``img-src blob:`` and ``worker-src blob:``: uploads' previews.
"""

from base64 import b64encode
from hashlib import sha256

from csp.constants import NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
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


def source_hash(text):
    """A CSP source allowing the inline code ``text`` by its hash."""
    return f"'sha256-{b64encode(sha256(text.encode()).digest()).decode()}'"


# Jcrop's touch-support probe on the image edit page (the docstring above).
JCROP_TOUCH_PROBE = "return;"

# Wagtail's admin: inline scripts and styles (the docstring above says which and why), no inline
# event handler, images from blobs (uploads' previews), previews in frames of the admin's own
# origin.
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, UNSAFE_INLINE],
    "script-src-attr": [UNSAFE_HASHES, source_hash(JCROP_TOUCH_PROBE)],
    "style-src": [SELF, UNSAFE_INLINE],
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
