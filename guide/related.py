"""Which open fiches a fiche proposes: its « Aides proches », and a closed fiche's « Aides ouvertes
comparables » (the same list, under another heading).

The open fiches of the same guide (and language) are ranked by how much they share with the
fiche, a score:

- each shared project stage (what the business wants to do) counts ``WEIGHTS["project_stages"]``,
  each shared audience and sector ``WEIGHTS["audiences"]`` / ``["sectors"]``, each shared aid
  type ``WEIGHTS["aid_types"]``;
- a fiche open to every audience (no audience given), beside a fiche reserved to some, counts
  ``OPEN_TO_ALL``; the same for sectors;
- a territory that meets the fiche's (the same, or one directly containing or contained in one of
  its territories: ``Territory.parents``) counts ``TERRITORY``;

then by closing date (soonest first, permanent fiches last) and title. Only fiches sharing at
least one stage, audience, sector or aid type are proposed: a territory alone is not a
likeness.

A closed fiche proposes first the open fiches of its programme or of its operator, whatever
their score: the business that followed an old link finds what replaced it (Katalyse, closed,
sends to Alixio, the same revitalisation programme's open fund).

One query ranks, cuts and fetches the few fiches kept (correlated counts over the relations'
tables), then their cards' lines are read (``AidPageQuerySet.for_cards``, or with the fiche's
own on its page: ``guide/fiche_reading.py``).
Models are reached through the fiche (``type(page)``): ``guide/models/aid_page.py`` imports this
module.
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from core.shared_cache import shared
from guide.listing.pagination import fetch_in_order
from guide.status import today

RELATED_COUNT = 3

# What one shared value of a relation of the fiche weighs.
WEIGHTS = {"project_stages": 3, "audiences": 2, "sectors": 2, "aid_types": 1}
# A fiche without any audience (sector) restriction beside a fiche that has some.
OPEN_TO_ALL = 1
# The territories meet.
TERRITORY = 1
# The relations where an empty list means « everyone ».
OPEN_WHEN_EMPTY = ("audiences", "sectors")


def relation_table(page, relation):
    """The through model of one of the fiche's many-to-many relations and its target column."""
    field = page._meta.get_field(relation)
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    return through, target


def shared_count(page, relation):
    """How many values of ``relation`` a candidate shares with ``page`` (a correlated count)."""
    through, target = relation_table(page, relation)
    mine = through.objects.filter(aidpage_id=page.pk).values(target)
    counts = (
        through.objects.filter(aidpage_id=OuterRef("pk"), **{f"{target}__in": mine})
        .order_by()
        .values("aidpage_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def open_to_all(page, relation):
    """``OPEN_TO_ALL`` for a candidate without any value of ``relation`` when ``page`` has
    some, else 0."""
    through, _target = relation_table(page, relation)
    candidate_has = Exists(through.objects.filter(aidpage_id=OuterRef("pk")))
    page_has = Exists(through.objects.filter(aidpage_id=page.pk))
    return Case(
        When(Q(page_has) & ~Q(candidate_has), then=Value(OPEN_TO_ALL)),
        default=Value(0),
        output_field=IntegerField(),
    )


def territory_meets(page):
    """``TERRITORY`` when one of a candidate's territories is one of ``page``'s, or directly
    contains or lies in one of them, else 0."""
    through, target = relation_table(page, "territories")
    mine = through.objects.filter(aidpage_id=page.pk).values(target)
    meets = through.objects.filter(aidpage_id=OuterRef("pk")).filter(
        Q(territory_id__in=mine) | Q(territory__parents__in=mine) | Q(territory__children__in=mine)
    )
    return Case(
        When(Exists(meets), then=Value(TERRITORY)), default=Value(0), output_field=IntegerField()
    )


def same_programme_or_operator(page):
    """For a closed ``page``: the open fiches it proposes first, those of its programme or
    operator (a ``Q``); None for an open fiche, or one with neither."""
    if page.status.is_open or (page.programme_id is None and page.operator_id is None):
        return None
    same = Q(pk__in=[])
    if page.programme_id is not None:
        same |= Q(programme_id=page.programme_id)
    if page.operator_id is not None:
        same |= Q(operator_id=page.operator_id)
    return same


def first_for_closed(page):
    """1 for the open fiches a closed ``page`` proposes first (same programme or operator),
    else 0; always 0 for an open fiche."""
    same = same_programme_or_operator(page)
    if same is None:
        return Value(0, output_field=IntegerField())
    return Case(When(same, then=Value(1)), default=Value(0), output_field=IntegerField())


def candidates(page):
    """The fiches ``page`` may propose: those sharing at least one value of a relation of
    ``WEIGHTS``, found through each relation table's index on the value (instead of counting
    the shared values of every fiche of the guide), and a closed fiche's programme's and
    operator's."""
    condition = Q(pk__in=[])
    for relation in WEIGHTS:
        through, target = relation_table(page, relation)
        mine = through.objects.filter(aidpage_id=page.pk).values(target)
        sharing = through.objects.filter(**{f"{target}__in": mine}).values("aidpage_id")
        condition |= Q(pk__in=sharing)
    first = same_programme_or_operator(page)
    return condition | first if first is not None else condition


def ranked(page):
    """The open fiches of ``page``'s guide it may propose (``candidates``), annotated with
    ``first`` and ``score``, best first."""
    manager = type(page).objects
    shares = {relation: shared_count(page, relation) for relation in WEIGHTS}
    score = territory_meets(page)
    for relation, weight in WEIGHTS.items():
        score = score + shares[relation] * Value(weight)
    for relation in OPEN_WHEN_EMPTY:
        score = score + open_to_all(page, relation)
    return (
        manager.published()
        .sibling_of(page, inclusive=False)
        .open()
        .filter(candidates(page))
        .annotate(first=first_for_closed(page), score=score)
        .order_by("-first", "-score", F("closing_date").asc(nulls_last=True), "title", "pk")
    )


def related_ids(page, count=RELATED_COUNT):
    """The pks of the ``count`` open fiches ``page`` proposes, best first: ranked once a day and
    shared by the server's processes until a page, a vocabulary or a fiche's relation changes
    (core/shared_cache.py). The ranking reads every fiche sharing something with ``page``
    (most of the guide for a broad fiche: 25 to 80 ms at 2 000 fiches on PostgreSQL); reading
    it again costs nothing."""
    # The ranking also reads the page's status, programme and operator: a draft's preview with
    # other values has its own key (never the published page's ranking, nor stored under it).
    key = (
        f"related:{page.pk}:{today().isoformat()}:{count}:"
        f"{page.status.is_open}:{page.programme_id}:{page.operator_id}"
    )
    return shared(key, lambda: list(ranked(page).values_list("pk", flat=True)[:count]))


def related_fiches(page, count=RELATED_COUNT, cards=True):
    """The ``count`` open fiches ``page`` proposes, best first, fetched in one query, with what
    their cards read (``for_cards``: two more queries), or only their operator when ``cards``
    is false: the fiche page reads their lines with its own (``guide/fiche_reading.py``).
    Fetched through the published, open selection again: a fiche closed or unpublished since
    the ranking is left out."""
    if page.pk is None:
        return []
    fiches = type(page).objects.published().open()
    fiches = fiches.for_cards() if cards else fiches.select_related("operator")
    return fetch_in_order(fiches, related_ids(page, count))
