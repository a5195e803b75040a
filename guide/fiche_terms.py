"""A fiche's vocabulary terms, for its page, in one query: its territories and aid types, and
the five vocabularies of each of its eligibility cases (territories, audiences, company sizes,
sectors, project stages).

Prefetched one relation at a time, they cost seven queries (and one for the cases). Here one
query reads the pairs (owner, term id) of the seven relation tables at once (``UNION ALL``), and
the terms themselves come from each vocabulary's list, shared by every process until a term
changes (``core/shared_cache.py``; ``guide/signals.py`` names the models): a vocabulary is a few
dozen rows that editors rarely touch. The terms keep their vocabulary's order (its
``Meta.ordering``, as the database sorts it), as a prefetch would give them.

What is read is kept where Django's ``prefetch_related_objects`` keeps it, so ``fiche.territories
.all()`` and ``case.audiences.all()`` read it without a query. Not for a preview: its draft
holds its values in memory (modelcluster).
"""

from django.db.models import IntegerField, Value

from core.shared_cache import shared
from guide.models.eligibility_case import EligibilityCase

# The fiche's relations its page reads, then its cases'.
FICHE_RELATIONS = ("territories", "aid_types")
CASE_RELATIONS = EligibilityCase.VOCABULARIES


def read_vocabulary(model):
    """{id: (position, term)} of a vocabulary, in its order, from the database."""
    return {term.pk: (position, term) for position, term in enumerate(model.objects.all())}


def vocabulary(model):
    """The same, shared (read again when a term changes)."""
    return shared(f"vocabulary:{model._meta.label_lower}", lambda: read_vocabulary(model))


def relations(fiche):
    """(owner model, relation name, field) of every relation read, in a fixed order. The fiche's
    model through the fiche: ``guide/models/aid_page.py`` imports this module."""
    model = type(fiche)
    return [
        *((model, name, model._meta.get_field(name)) for name in FICHE_RELATIONS),
        *(
            (EligibilityCase, name, EligibilityCase._meta.get_field(name))
            for name in CASE_RELATIONS
        ),
    ]


def pairs(fiche):
    """(relation number, owner id, term id) of the fiche's and its cases' relations: one query."""
    selections = []
    for number, (owner, _name, field) in enumerate(relations(fiche)):
        through = field.remote_field.through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        if owner is EligibilityCase:
            rows = through.objects.filter(**{f"{field.m2m_field_name()}__page": fiche})
        else:
            rows = through.objects.filter(**{source: fiche.pk})
        selections.append(
            rows.annotate(relation=Value(number, output_field=IntegerField()))
            .values_list("relation", source, target)
            .order_by()
        )
    first, *others = selections
    return first.union(*others, all=True)


def keep_as_prefetched(instance, relation, objects):
    """Leave ``objects`` as ``instance``'s prefetched ``relation``, as Django's
    ``prefetch_related_objects`` does (django/db/models/query.py, ``prefetch_one_level``)."""
    queryset = getattr(instance, relation).get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[relation] = queryset


def is_read(instance, relation):
    """Whether ``instance``'s ``relation`` was read already (prefetched)."""
    return relation in getattr(instance, "_prefetched_objects_cache", {})


def read_terms(fiche):
    """Read the fiche's cases and the terms of the fiche and its cases (two queries)."""
    cases = list(fiche.eligibility_cases.all())
    found = {}  # (relation number, owner id) -> [(position, term)]
    known = relations(fiche)
    for number, owner_id, term_id in pairs(fiche):
        field = known[number][2]
        terms = vocabulary(field.related_model)
        if term_id not in terms:  # newer than the shared list (written without a signal)
            terms = read_vocabulary(field.related_model)
        if term_id in terms:  # else deleted meanwhile
            found.setdefault((number, owner_id), []).append(terms[term_id])
    for number, (owner, name, _field) in enumerate(known):
        for instance in cases if owner is EligibilityCase else [fiche]:
            terms = sorted(found.get((number, instance.pk), []), key=lambda pair: pair[0])
            keep_as_prefetched(instance, name, (term for _position, term in terms))
    keep_as_prefetched(fiche, "eligibility_cases", cases)
