"""Finding a site's guides (``AidIndexPage``) in a language.

wagtail-localize builds a translated tree beside the French one (the English home is a sibling
of the French home, not a child of the site's root page), so a site's guides in another
language are the translations of the guides under its root, not pages under it.
"""

from guide.models import AidIndexPage


def site_guides(site, language):
    """The live, public guides of ``site`` in ``language`` (a list, in tree order)."""
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
