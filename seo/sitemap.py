"""``/sitemap.xml``: every live, public page of the site in every language, each URL with its
``hreflang`` alternates (and ``x-default``, the French page) and ``lastmod``.

Wagtail's own sitemap lists the descendants of the site's root page only, so it misses the
English tree (a sibling of the French home) and has no alternates.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        pages = Page.objects.none()
        for home in roots:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return (
            pages.live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        objects = list(self.paginator.page(page).object_list)
        locations = {obj.pk: obj.get_full_url(self.request) for obj in objects}
        by_key = defaultdict(list)
        for obj in objects:
            by_key[obj.translation_key].append(obj)
        urls = []
        for obj in objects:
            alternates = [
                {"lang_code": other.locale.language_code, "location": locations[other.pk]}
                for other in by_key[obj.translation_key]
            ]
            if len(alternates) > 1:
                default = next(
                    (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
                )
                if default:
                    alternates.append({"lang_code": "x-default", "location": default["location"]})
            else:
                alternates = []
            urls.append(
                {
                    "item": obj,
                    "location": locations[obj.pk],
                    "lastmod": self.lastmod(obj),
                    "alternates": alternates,
                }
            )
            # A page's routes with a page of their own: the guide's questionnaire (its results,
            # with answers in the URL, are not indexed), the results page's programmes.
            routes = getattr(obj, "SITEMAP_ROUTES", ())
            if hasattr(obj, "get_sitemap_routes"):  # routes that depend on the data
                routes = obj.get_sitemap_routes(self.request)
            for route in routes:
                urls.append(
                    {
                        "item": obj,
                        "location": locations[obj.pk] + route,
                        "lastmod": None,
                        "alternates": [
                            {**alternate, "location": alternate["location"] + route}
                            for alternate in alternates
                        ],
                    }
                )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
