"""Which pages are private, read once for all the server's processes (core/shared_cache.py).

Wagtail reads the view restrictions at each request: ``page.get_view_restrictions()`` when it
serves a page (two queries: the ancestors, then their restrictions), and ``.public()`` in
every selection of pages (one query each time). A site has a handful of restrictions, or none:
their pages' paths are shared here, read again whenever a restriction or a page changes.

- ``PublicQuerySet.private_q`` is Wagtail's (the restricted pages and their descendants) built
  from the shared paths: ``public()`` no longer queries.
- ``restrictions_apply(page)`` says whether Wagtail's check can find anything; when it cannot
  (no restricted page above or at ``page``, and no alias in the tree, whose source Wagtail
  would check instead), the page types skip it (core/pages.py).
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageQuerySet, PageViewRestriction

from core.shared_cache import shared


@dataclass(frozen=True)
class Restrictions:
    paths: tuple  # the paths of the pages that carry a restriction
    any_alias: bool  # some page is an alias (Wagtail checks its source's restrictions)


def restrictions():
    def compute():
        paths = PageViewRestriction.objects.values_list("page__path", flat=True)
        return Restrictions(
            paths=tuple(sorted(set(paths))),
            any_alias=Page.objects.filter(alias_of__isnull=False).exists(),
        )

    return shared("view-restrictions", compute)


def restrictions_apply(page):
    """Whether a view restriction may apply to ``page``: one on it or an ancestor, or an alias
    somewhere (then Wagtail's own check decides)."""
    found = restrictions()
    return found.any_alias or any(page.path.startswith(path) for path in found.paths)


class PublicQuerySet(PageQuerySet):
    def private_q(self):
        """The restricted pages and their descendants (Wagtail's definition), without a query."""
        condition = Q()
        for path in restrictions().paths:
            condition |= Q(path__startswith=path)
        return condition if condition else Q(pk__in=[])
