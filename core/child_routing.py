"""Routing to a page's children without a query: the children of a page few children have (the
site's home: its guide, results page, content pages) are read once, already specific, and shared
by every process until any page changes (``core/shared_cache.py`` redraws its values on every
page save, deletion, move or unpublication).

Wagtail routes ``/aides/…`` from the home by asking it for its child of that slug (a ``Page``),
then for the child's specific form: two queries on every request under the home. A slug none of
the children has goes on to Wagtail's own routing (which answers 404): what is served never
differs.
"""

from core.shared_cache import shared


def children_by_slug(page):
    """{slug: child, specific} of ``page``, shared."""

    def compute():
        children = {}
        for child in page.get_children().specific().order_by("path"):
            children.setdefault(child.slug, child)  # the first, as in the tree
        return children

    return shared(f"children:{page.pk}", compute)


class ChildrenRoutedFromSharedCache:
    """For a page type whose pages have few children (placed before Wagtail's ``Page``)."""

    def route(self, request, path_components):
        if path_components:
            child = children_by_slug(self).get(path_components[0])
            if child is not None:
                # As Wagtail's routing: the child's parent is known (its breadcrumb reads it).
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
