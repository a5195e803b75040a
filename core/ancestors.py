"""A page's ancestors as its breadcrumb shows them (the visible one and its JSON-LD): the pages
between the site's home (included) and the page, top first; the tree's root is never shown.

Read once per page object, and without a query when the routing already walked them: Wagtail's
routing (and the guide's, ``guide/fiche_routing.py``) leaves each page it passes through as its
child's cached parent (treebeard's ``_cached_parent_obj``), up to the site's home. A page
reached otherwise (a preview, a view that loads it) reads its ancestors in one query.
"""

ROOT_DEPTH = 1
HOME_DEPTH = 2


def breadcrumb_ancestors(page):
    """``page``'s ancestors below the tree's root, top first (a list, shared by the callers)."""
    cached = page.__dict__.get("_breadcrumb_ancestors")
    if cached is None:
        cached = routed_ancestors(page)
        if cached is None:
            cached = list(page.get_ancestors().filter(depth__gt=ROOT_DEPTH))
        page.__dict__["_breadcrumb_ancestors"] = cached
    return cached


def routed_ancestors(page):
    """The ancestors the routing left on ``page`` as cached parents, down from the home, or
    None when the chain stops before it."""
    chain, current = [], page
    while current.depth > HOME_DEPTH:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None or parent.depth != current.depth - 1:
            return None
        chain.append(parent)
        current = parent
    return chain[::-1]
