"""Adding up programme results: totals, and figures per period, for one programme or a site.

Pure sums of ``ProgrammeResult`` rows. A figure a source did not give stays ``None`` (« n.c. »)
rather than 0, in the totals too: a total of 3 periods of which one did not give the jobs
created is the sum of the two that did, flagged ``partial``.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal

from guide.models.programme import AMOUNT_FIELDS, COUNT_FIELDS, period_label

FIGURE_FIELDS = (*COUNT_FIELDS, *AMOUNT_FIELDS)


@dataclass
class Figures:
    """The sums of some results. ``partial`` names the figures some of them did not give."""

    companies_supported: int | None = None
    jobs_created: int | None = None
    jobs_maintained: int | None = None
    projects_financed: int | None = None
    loans_amount: Decimal | None = None
    grants_amount: Decimal | None = None
    unsplit_amount: Decimal | None = None
    count: int = 0
    partial: set = field(default_factory=set)

    def add(self, result):
        for name in FIGURE_FIELDS:
            value = getattr(result, name)
            if value is None:
                self.partial.add(name)
                continue
            current = getattr(self, name)
            setattr(self, name, value if current is None else current + value)
        self.count += 1
        return self

    @property
    def total_amount(self):
        """Loans, grants and the amounts not split between them; None when none is known."""
        known = [getattr(self, name) for name in AMOUNT_FIELDS if getattr(self, name) is not None]
        return sum(known, Decimal(0)) if known else None

    @property
    def jobs(self):
        """Jobs created and maintained."""
        known = [v for v in (self.jobs_created, self.jobs_maintained) if v is not None]
        return sum(known) if known else None

    @property
    def incomplete(self):
        """The figures some results gave and others did not: their totals are partial sums."""
        return {name for name in self.partial if getattr(self, name) is not None}

    @property
    def is_empty(self):
        return self.count == 0

    def values(self):
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in FIGURE_FIELDS}


def totals(results):
    """The sums of ``results`` (any iterable of ``ProgrammeResult``)."""
    figures = Figures()
    for result in results:
        figures.add(result)
    return figures


@dataclass(frozen=True)
class Period:
    start: int
    end: int | None

    @property
    def label(self):
        return period_label(self.start, self.end)

    @property
    def sort_key(self):
        return (self.start, self.end or self.start)


def by_period(results):
    """[(Period, Figures)] in chronological order: each distinct period (a year, or a range of
    years reported as one cumulative figure) with the sums of the results reporting it."""
    grouped = defaultdict(Figures)
    for result in results:
        period = Period(result.period_start, result.period_end or None)
        grouped[period].add(result)
    return sorted(grouped.items(), key=lambda item: item[0].sort_key)


def latest_year(results):
    """The last year any of ``results`` covers, or None."""
    years = [result.period_end or result.period_start for result in results]
    return max(years) if years else None


def covering(results, year):
    """The results reporting exactly ``year`` (a single-year period)."""
    return [r for r in results if r.period_start == year and not r.period_end]
