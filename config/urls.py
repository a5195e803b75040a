from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import health as health_views
from seo import views as seo_views

urlpatterns = [
    path(f"{settings.WAGTAIL_ADMIN_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", seo_views.sitemap, name="sitemap"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    # The load balancer's health check: database, cache, search backend (core/health.py).
    path("sante/", health_views.health, name="health"),
    # The partners' read-only JSON API: not language-prefixed, its `lang` parameter decides.
    path("api/v1/", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# French at "/", English under "/en/". Wagtail's page serving comes last: it matches everything.
urlpatterns += i18n_patterns(
    path("recherche/", include("guide.urls")),
    path("a/", include("permalinks.urls")),
    path("donnees/", include("opendata.urls")),
    path("embed/", include("embeds.urls")),
    path("alertes/", include("alerts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A deleted fiche's former address answers 410 Gone with a link to the guide (permalinks).
handler404 = "permalinks.views.page_not_found"
