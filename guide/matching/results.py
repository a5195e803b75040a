"""The questionnaire's result: every open fiche of a guide, classified, explained and estimated.

Only open fiches are classified (open or closing soon): a closed or upcoming fiche cannot be
applied for today. Their relations are prefetched, so the page costs the same number of
queries whatever the number of fiches.
"""

from dataclasses import dataclass

from guide.matching.estimate import estimate_fiche, total
from guide.matching.facts import fiche_facts
from guide.matching.rules import Verdict, evaluate
from guide.models import AidPage
from guide.status import is_open_q
from search.fiche_search import guide_fiches

PREFETCHED = (
    "territories",
    "company_sizes",
    "sectors",
    "audiences",
    "project_stages",
    "aid_types",
    "not_combinable_with",
    "financial_components__aid_type",
    "financial_components__territory",
)


@dataclass
class Result:
    page: AidPage
    facts: object
    match: object
    estimate: object
    selected: bool = False

    @property
    def key(self):
        return self.facts.key


def open_fiches(index):
    return (
        guide_fiches(index)
        .filter(is_open_q())
        .select_related("operator")
        .prefetch_related(*PREFETCHED)
        .order_by("title")
    )


@dataclass
class Outcome:
    fits: list
    may_fit: list
    does_not_fit: list
    total: object
    by_key: dict

    @property
    def count(self):
        return len(self.fits) + len(self.may_fit)


def classify(index, answers, selected_keys=None):
    """``selected_keys``: the fiches the visitor keeps in the total (translation keys); by
    default, every fiche that fits and has an amount."""
    results = []
    for page in open_fiches(index):
        facts = fiche_facts(page)
        results.append(
            Result(page, facts, evaluate(facts, answers), estimate_fiche(facts, answers))
        )
    groups = {verdict: [r for r in results if r.match.verdict == verdict] for verdict in Verdict}
    for verdict in (Verdict.FITS, Verdict.MAY_FIT):
        # The fiches with an amount first, then those meeting most criteria, then by title.
        groups[verdict].sort(
            key=lambda r: (not r.estimate.has_amount, -len(r.match.met), r.page.title)
        )
    candidates = groups[Verdict.FITS] + groups[Verdict.MAY_FIT]
    for result in candidates:
        if not result.estimate.has_amount:
            result.selected = False
        elif selected_keys is None:
            result.selected = result.match.verdict == Verdict.FITS
        else:
            result.selected = result.key in selected_keys
    chosen = [(r.facts, r.estimate) for r in candidates if r.selected]
    return Outcome(
        fits=groups[Verdict.FITS],
        may_fit=groups[Verdict.MAY_FIT],
        does_not_fit=groups[Verdict.DOES_NOT_FIT],
        total=total(chosen),
        by_key={r.key: r for r in results},
    )
