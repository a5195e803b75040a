"""Which site a page belongs to, and a site's pages in every language.

Several territories share the instance, each one a Wagtail ``Site`` with its own root page (a
sibling of the others'). Nothing public on one site may show another site's content: every
public selection starts from the request's site (``Site.find_for_request``), through
``site_tree_q`` or the apps' selections built on it.

wagtail-localize builds a translated tree beside the French one (the English home is a sibling
of the French home, not a child of the site's root page), so a site's pages in another language
are under the translations of its root page, not under it.

What these helpers compute is remembered for the duration of one request (``core.memo``).
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page, Site

from core.locales import default_locale
from core.memo import memo


def site_root_paths(site):
    """The tree paths of the site's root page and of its translations (one query)."""
    if site is None:
        return []
    key = ("root-paths", site.pk)
    values = memo()
    if key not in values:
        source = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        values[key] = list(
            Page.objects.filter(translation_key__in=source).values_list("path", flat=True)
        )
    return values[key]


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
    """{site id: Site}, the root pages selected (one query per request)."""
    values = memo()
    if "sites" not in values:
        values["sites"] = {site.pk: site for site in Site.objects.select_related("root_page")}
    return values["sites"]


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
