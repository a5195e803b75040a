"""Pages of results that sort and slice on ids before fetching rows: the listing's, the API's
and a fiche's related aids.

Sorting full page rows (with their descriptions) to keep twenty is what made a listing of
20 000 fiches slow on PostgreSQL (an on-disk sort): the order and the slice are computed on the
ids alone, then only the page's fiches are fetched. Django's ``Paginator`` takes these objects
as it takes a queryset (``count()``, slicing).
"""

from functools import cached_property


class SortedById:
    """Results in an ORM order (``ordering``), for the paginator."""

    def __init__(self, queryset, ordering, count=None):
        self.queryset = queryset
        self.ordering = ordering
        self._count = count

    def count(self):
        if self._count is None:
            self._count = self.queryset.order_by().count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        return fetch_in_order(self.queryset, self.ordered_ids(key))

    def ordered_ids(self, key):
        return list(self.queryset.order_by(*self.ordering).values_list("pk", flat=True)[key])


class RankedIds(SortedById):
    """Results in the order a search engine ranked them (``ranked``: pks, best first), kept to
    those of ``queryset`` (the filtered fiches): the filters are the database's, the order is
    the engine's."""

    def __init__(self, queryset, ranked, count=None):
        super().__init__(queryset, (), count)
        self.ranked = ranked

    @cached_property
    def kept(self):
        kept = set(self.queryset.filter(id__in=self.ranked).values_list("pk", flat=True))
        return [pk for pk in self.ranked if pk in kept]

    def count(self):
        if self._count is None:
            self._count = len(self.kept)
        return self._count

    def ordered_ids(self, key):
        return self.kept[key]


def fetch_in_order(queryset, ids):
    """The fiches of ``ids`` (one query), in that order."""
    fiches = queryset.filter(pk__in=ids).order_by().in_bulk() if ids else {}
    return [fiches[pk] for pk in ids if pk in fiches]
