"""Which site a page belongs to, and a site's guides (``AidIndexPage``) in a language.

Several territories share the instance, each one a Wagtail ``Site`` with its own root
``HomePage`` (a sibling of the others'), its own guide and its own ``GuideSettings``. Nothing
public on one site may show another site's fiches: every public selection starts from the
request's site (``Site.find_for_request``), through ``site_guides`` or ``site_tree_q``.

wagtail-localize builds a translated tree beside the French one (the English home is a sibling
of the French home, not a child of the site's root page), so a site's pages in another language
are under the translations of its root page, not under it.

``site_of_page`` and ``settings_of_site`` are memoised for the duration of one request (or of
one management command): a page of fiches reads its site's settings once. The memo is emptied
when a request starts or ends and whenever a ``Site``, a ``GuideSettings`` or a home page (the
root of a site or one of its translations) is saved or deleted.
"""

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, Site

_memo = Local()  # per thread and per asynchronous context


def memo():
    values = getattr(_memo, "values", None)
    if values is None:
        values = _memo.values = {}
    return values


def forget_sites(**kwargs):
    """Empty the memo (signal receiver)."""
    _memo.values = {}


def forget_sites_on_home_change(sender, instance, **kwargs):
    """Empty the memo when a page at a site root's depth (a home, a home's translation)
    changes: the paths of a site's tree may have changed."""
    if isinstance(instance, Page) and (instance.depth or 0) <= 2:
        forget_sites()


def connect_signals():
    from guide.models import GuideSettings

    post_save.connect(forget_sites_on_home_change, dispatch_uid="guide-sites-home-saved")
    post_delete.connect(forget_sites_on_home_change, dispatch_uid="guide-sites-home-deleted")
    request_started.connect(forget_sites, dispatch_uid="guide-sites-request-started")
    request_finished.connect(forget_sites, dispatch_uid="guide-sites-request-finished")
    for model in (Site, GuideSettings):
        label = model._meta.label
        post_save.connect(forget_sites, sender=model, dispatch_uid=f"guide-sites-{label}-saved")
        post_delete.connect(forget_sites, sender=model, dispatch_uid=f"guide-sites-{label}-deleted")


# A site's pages ---------------------------------------------------------------------------------


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


def site_guides(site, language):
    """The live, public guides of ``site`` in ``language`` (a list, in tree order)."""
    from guide.models import AidIndexPage

    if site is None:
        return []
    sources = AidIndexPage.objects.live().public().descendant_of(site.root_page, inclusive=True)
    return list(
        AidIndexPage.objects.live()
        .public()
        .filter(
            translation_key__in=sources.values("translation_key"),
            locale__language_code=language,
        )
        .select_related("locale")
        .order_by("path")
    )


def guides_fiches(guides):
    """The live, public fiches of ``guides`` (a queryset, without relations)."""
    from guide.models import AidPage
    from search.fiche_search import guide_fiches

    fiches = AidPage.objects.none()
    for index in guides:
        fiches = fiches | guide_fiches(index)
    return fiches


def site_fiches(site, language):
    """The live, public fiches of the guides of ``site`` in ``language``: what every public
    selection of one territory starts from."""
    return guides_fiches(site_guides(site, language))


# A page's site ----------------------------------------------------------------------------------


def all_sites():
    """{site id: Site}, the root pages selected (one query per request)."""
    values = memo()
    if "sites" not in values:
        values["sites"] = {site.pk: site for site in Site.objects.select_related("root_page")}
    return values["sites"]


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

    An English fiche lives under the English home, outside the site's root page: it is found
    through Wagtail's root paths, which list the translations of each site's root page, else
    through its French source page (same ``translation_key``). Cached on the page object.
    """
    if page is None:
        return None
    cached = page.__dict__.get("_guide_site", ())
    if cached != ():
        return cached
    site_id = site_id_for_url_path(page.url_path) if page.url_path else None
    if site_id is None and page.translation_key:
        source_paths = Page.objects.filter(
            translation_key=page.translation_key, locale=Locale.get_default()
        ).values_list("url_path", flat=True)
        site_id = next(
            (found for found in map(site_id_for_url_path, source_paths) if found is not None),
            None,
        )
    site = all_sites().get(site_id) if site_id is not None else None
    page.__dict__["_guide_site"] = site
    return site


def settings_of_site(site):
    """The site's ``GuideSettings`` (created with their defaults on first use), or None."""
    from guide.models import GuideSettings

    if site is None:
        return None
    key = ("settings", site.pk)
    values = memo()
    if key not in values:
        values[key] = GuideSettings.for_site(site)
    return values[key]


def default_site():
    """The default site (``is_default_site``), its root page selected, or None."""
    return next((site for site in all_sites().values() if site.is_default_site), None)


def settings_of_page(page):
    """The ``GuideSettings`` of the page's own site; the default site's for a page outside
    every site (a new page being previewed); None when there is no site at all."""
    return settings_of_site(site_of_page(page) or default_site())
