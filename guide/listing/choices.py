"""The options of the listing's filters (its vocabularies and communes), read from the database
once for all the server's processes (``core/shared_cache.py``).

Every listing, embed, feed and API list builds an ``AidFilterForm``: its choices took six
queries (four vocabularies, the communes, their départements) on each request. They are now one
shared value, read again when a vocabulary, a territory or a containment link changes
(``guide/signals.py``). The labels are read in the request's language (``ReferenceItem.label``):
the shared value holds the rows, not the labels.
"""

from core.shared_cache import shared
from guide.models import AidType, Audience, ProjectStage, Sector, Territory
from guide.models.territory import territory_parents

# The form's filters on a vocabulary: param -> (the fiche's relation, the vocabulary).
FACETS = {
    "type": ("aid_types", AidType),
    "public": ("audiences", Audience),
    "secteur": ("sectors", Sector),
    "etape": ("project_stages", ProjectStage),
}


def vocabulary_items():
    """{param: [the vocabulary's rows, in their display order]} for every filter of ``FACETS``."""
    return shared(
        "listing:vocabularies",
        lambda: {name: list(model.objects.all()) for name, (_r, model) in FACETS.items()},
    )


def vocabulary_choices(name):
    """[(slug, label in the active language)] of the filter ``name``."""
    return [(item.slug, item.label) for item in vocabulary_items()[name]]


def commune_groups():
    """The communes grouped by their département, as the commune filter lists them:
    [(« Val-de-Marne (94) », [(slug, name), ...]), ...], groups in alphabetical order (the
    communes without a département first, under ""), communes by name within each group."""
    return shared("listing:communes", _commune_groups)


def _commune_groups():
    territories = list(Territory.objects.order_by("kind", "name", "pk"))
    by_pk = {territory.pk: territory for territory in territories}
    parents = territory_parents()
    groups = {}
    for commune in territories:
        if commune.kind != Territory.Kind.COMMUNE:
            continue
        departements = [
            by_pk[pk]
            for pk in parents.get(commune.pk, ())
            if pk in by_pk and by_pk[pk].kind == Territory.Kind.DEPARTEMENT
        ]
        # The first by name, as the form once read them (ordered by kind, then name).
        departement = min(departements, key=lambda t: (t.name, t.pk), default=None)
        groups.setdefault(str(departement) if departement else "", []).append(
            (commune.slug, commune.name)
        )
    return sorted(groups.items())


def commune_id(slug):
    """The pk of the commune ``slug`` (None for an unknown slug or another kind)."""
    return shared("listing:commune_ids", _commune_ids).get(slug)


def _commune_ids():
    communes = Territory.objects.filter(kind=Territory.Kind.COMMUNE)
    return dict(communes.values_list("slug", "pk"))
