"""The interactive documentation (Swagger UI), served only from the site's own static files.

django-ninja serves Swagger UI from its static files when ``"ninja"`` is in
``INSTALLED_APPS``, and from a CDN otherwise. The site makes no third-party request: without
the app, this page is not served (404) and ``/api/v1/openapi.json`` remains the documentation.
"""

from django.conf import settings

from api.api import api
from api.http import json_answer


def docs_page(request):
    if "ninja" not in settings.INSTALLED_APPS:
        return json_answer(
            {"detail": "Documentation interactive indisponible : voir /api/v1/openapi.json."},
            404,
        )
    return api.docs.render_page(request, api)
