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

from core.memo import memo
from core.sites import default_site, site_of_page


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


def settings_of_page(page):
    """The ``GuideSettings`` of the page's own site; the default site's for a page outside
    every site (a new page being previewed); None when there is no site at all."""
    return settings_of_site(site_of_page(page) or default_site())
