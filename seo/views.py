from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from seo.sitemap import TranslatedSitemap


@require_safe
@cache_control(public=True, max_age=3600)
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": TranslatedSitemap(request)})


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    # A custom admin path (ADMIN_PATH) is not advertised here.
    admin = ["Disallow: /admin/"] if settings.WAGTAIL_ADMIN_PATH == "admin" else []
    lines = [
        "User-agent: *",
        *admin,
        "Disallow: /embed/",
        "Disallow: /en/embed/",
        "Disallow: /recherche/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
