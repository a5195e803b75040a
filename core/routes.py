"""A page's routes declared outside its model, as a URLconf is: no model module imports a view.

Wagtail's ``RoutablePageMixin`` collects a page's routes from methods of its class decorated
with ``@path``. A page type built on ``RoutesAddedElsewhere`` also serves the routes given to
its ``add_routes``: by its own app's ``routes.py`` (the guide's listing and questionnaire,
``guide/routes.py``) or by another app that adds to it (the feeds and calendars,
``feeds/routes.py``). Each ``routes.py`` registers at import, and ``CoreConfig.ready``
imports every app's ``routes.py`` (as Wagtail does each app's ``wagtail_hooks.py``).

A route is ``django.urls.path(pattern, view, name=...)`` whose view takes the page first,
``view(page, request, *args, **kwargs)``; it renders the page with
``page.render(request, template=..., context_overrides=...)``, or answers otherwise (a feed).
Routes added first take precedence, over the class's own too: an added ``path("")`` is the
page's index route (and what its preview shows).
"""

from wagtail.contrib.routable_page.models import RoutablePageMixin


class RoutesAddedElsewhere(RoutablePageMixin):
    @classmethod
    def add_routes(cls, *routes):
        cls._added_routes = (*cls.__dict__.get("_added_routes", ()), *routes)
        if "_routablepage_urlresolver" in cls.__dict__:  # Wagtail builds it once, on first use
            delattr(cls, "_routablepage_urlresolver")

    @classmethod
    def get_subpage_urls(cls):
        return (*cls.__dict__.get("_added_routes", ()), *super().get_subpage_urls())

    @classmethod
    def fixed_routes(cls):
        """The paths of the page's routes that take no parameter (``flux/nouveautes/``), the
        index route aside: what a shared cache purges with the page (``get_cached_paths``)."""
        patterns = (str(route.pattern) for route in cls.get_subpage_urls())
        return list(dict.fromkeys(p for p in patterns if p and "<" not in p and "(" not in p))

    def get_cached_paths(self):
        return ["/", *(f"/{path}" for path in self.fixed_routes())]
