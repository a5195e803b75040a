"""Which site a page belongs to, and a site's pages in every language.

Several territories share the instance, each one a Wagtail ``Site`` with its own root page (a
sibling of the others'). Nothing public on one site may show another site's content: every
public selection starts from the request's site (``Site.find_for_request``), through
``site_tree_q`` or the apps' selections built on it.

wagtail-localize builds a translated tree beside the French one (the English home is a sibling
of the French home, not a child of the site's root page), so a site's pages in another language
are under the translations of its root page, not under it.

What these helpers compute is shared by the server's processes until a site or a page changes
(``core.shared_cache``), or remembered for the duration of one request (``core.memo``).
"""

from django.db.models import Q
from django.http.request import split_domain_port
from wagtail.models import GroupPagePermission, Page, Site

from core.locales import default_locale
from core.memo import memo
from core.shared_cache import shared


def site_root_paths(site):
    """The tree paths of the site's root page and of its translations (one query)."""
    if site is None:
        return []

    def compute():
        source = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        return list(Page.objects.filter(translation_key__in=source).values_list("path", flat=True))

    return shared(f"root-paths:{site.pk}", compute)


def site_tree_q(site):
    """A filter on pages: those of ``site``, in every language (under its root page or under a
    translation of it). Matches nothing when ``site`` is None."""
    paths = site_root_paths(site)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def all_sites():
    """{site id: Site}, the root pages selected (shared: no query once read)."""

    def compute():
        sites = {site.pk: site for site in Site.objects.select_related("root_page")}
        for site in sites.values():  # Wagtail's routing asks for it: read it once here
            site.root_page = site.root_page.specific
        return sites

    return shared("sites", compute)


def site_for_host(hostname, port):
    """The site Wagtail serves for ``hostname`` and ``port`` (``get_site_for_hostname``'s
    choice, made over the shared list of sites), or None: the exact host and port first, then
    the host on the default site, then the default site unless one other site has the host."""
    candidates = [
        site for site in all_sites().values() if site.hostname == hostname or site.is_default_site
    ]

    def match(site):
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        return 2 if site.is_default_site else 3

    candidates.sort(key=lambda site: (match(site), site.pk))
    if not candidates:
        return None
    if len(candidates) == 1 or match(candidates[0]) in (0, 1):
        return candidates[0]
    if match(candidates[0]) == 2:
        return candidates[len(candidates) == 2]
    return None


class SiteMiddleware:
    """Finds the request's site in the shared list (``Site.find_for_request`` then reads it
    from the request instead of querying the sites at each request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()  # a string, the sites' ports are numbers
        port = int(port) if str(port).isdigit() else None
        request._wagtail_site = site_for_host(hostname, port)
        return self.get_response(request)


def default_site():
    """The default site (``is_default_site``), its root page selected, or None."""
    return next((site for site in all_sites().values() if site.is_default_site), None)


def wagtail_root_paths():
    """Wagtail's ``SiteRootPath`` list (each site's root page and its translations, most
    specific first), read once per request from Wagtail's own cache."""
    values = memo()
    if "wagtail-root-paths" not in values:
        values["wagtail-root-paths"] = Site.get_site_root_paths()
    return values["wagtail-root-paths"]


def site_id_for_url_path(url_path):
    for root in wagtail_root_paths():
        if url_path.startswith(root.root_path):
            return root.site_id
    return None


def site_of_page(page):
    """The ``Site`` whose tree holds ``page`` (its French tree or a translation of it), or None
    for a page outside every site (or a new page not placed in the tree yet).

    An English page lives under the English home, outside the site's root page: it is found
    through Wagtail's root paths, which list the translations of each site's root page, else
    through its source page in the default language (same ``translation_key``). Cached on the
    page object.
    """
    if page is None:
        return None
    cached = page.__dict__.get("_site", ())
    if cached != ():
        return cached
    site_id = site_id_for_url_path(page.url_path) if page.url_path else None
    if site_id is None and page.translation_key:
        source_paths = Page.objects.filter(
            translation_key=page.translation_key, locale=default_locale()
        ).values_list("url_path", flat=True)
        site_id = next(
            (found for found in map(site_id_for_url_path, source_paths) if found is not None),
            None,
        )
    site = all_sites().get(site_id) if site_id is not None else None
    page.__dict__["_site"] = site
    return site


def user_site_ids(user):
    """The ids of the sites ``user`` works on: those whose tree holds, or lies below, a page
    on which one of the user's groups has a page permission (Wagtail's own record of who
    edits what). Every site for a superuser; none for an anonymous or inactive user.
    Remembered on the user object for the request."""
    if not user.is_active:
        return set()
    if user.is_superuser:
        return set(all_sites())
    cached = user.__dict__.get("_site_ids")
    if cached is None:
        paths = set(
            GroupPagePermission.objects.filter(group__user=user).values_list(
                "page__path", flat=True
            )
        )
        cached = {
            site_id
            for site_id, site in all_sites().items()
            if any(
                root.startswith(path) or path.startswith(root)
                for root in site_root_paths(site)
                for path in paths
            )
        }
        user.__dict__["_site_ids"] = cached
    return cached
