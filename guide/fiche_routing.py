"""A fiche's address routed in one query: the guide (``AidIndexPage``) reads its child fiche
already specific, with its locale, operator and programme (the page shows them) and its
permanent link's code (its « Partager » block).

Wagtail routes ``/aides/<slug>/`` by asking the guide for its child of that slug (a ``Page``),
then for its specific form (the ``AidPage``, a second query), and the fiche's page then reads
its operator and programme one query each. A guide's children are fiches only
(``AidIndexPage.subpage_types``): this asks ``AidPage`` for the child directly. A slug no fiche
has (a page of another type left by an old configuration, or none) goes on to Wagtail's own
routing, which finds it or answers 404: what is served never differs.

The fiche keeps its guide as its cached parent, as Wagtail's routing does: its breadcrumb
(``core/ancestors.py``) needs no query.
"""

from django.apps import apps
from django.db.models import OuterRef, Subquery


class FicheFetchedWhole:
    """For the guide page: its child fiche in one query (placed before Wagtail's ``Page``)."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        # The fiche's model by its label: aid_page.py imports the guide's module.
        fiches = apps.get_model("guide", "AidPage").objects
        # Its permanent link's code, for its « Partager » block (permalinks_tags).
        codes = apps.get_model("permalinks", "PermanentLink").objects.filter(
            aid_uuid=OuterRef("aid_uuid")
        )
        fiche = (
            fiches.child_of(self)
            .select_related("locale", "operator", "programme")
            .annotate(permanent_code=Subquery(codes.values("code")[:1]))
            .filter(slug=path_components[0])
            .first()
        )
        if fiche is None:
            return super().route(request, path_components)
        fiche._cached_parent_obj = self
        return fiche.route(request, path_components[1:])
