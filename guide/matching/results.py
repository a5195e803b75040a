"""The questionnaire's result: the open fiches of a guide, classified, explained and estimated.

Only open fiches are classified (open or closing soon): a closed or upcoming fiche cannot be
applied for today. The database first leaves out the fiches that certainly do not fit
(``prefilter.py``); the rules then classify the others, their relations prefetched, so the page
costs the same number of queries whatever the number of fiches. Two bounds keep a large guide's
page useful and fast: at most ``MAX_EVALUATED`` candidates are classified (featured first; the
page then asks for more answers), and the fiches left out are listed with their reasons only
when there are at most ``MAX_NOT_FIT_DETAILS`` of them (otherwise only counted).
"""

from dataclasses import dataclass

from guide.matching.estimate import estimate_fiche, total
from guide.matching.facts import fiche_facts
from guide.matching.prefilter import candidates_q
from guide.matching.rules import Verdict, evaluate
from guide.models import AidPage

MAX_EVALUATED = 100
MAX_NOT_FIT_DETAILS = 30


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


@dataclass
class Outcome:
    fits: list
    may_fit: list
    does_not_fit: list
    total: object
    by_key: dict
    not_fit_count: int = 0  # every open fiche that does not fit, listed or not
    candidate_count: int = 0  # fiches that may fit, when more than MAX_EVALUATED

    @property
    def count(self):
        return len(self.fits) + len(self.may_fit)

    @property
    def candidates(self):
        return self.fits + self.may_fit

    @property
    def has_amounts(self):
        """Whether one fiche that fits or may fit has a computed amount: the total's box is
        shown only then (never an empty « 0 € »)."""
        return any(result.estimate.has_amount for result in self.candidates)

    @property
    def missing_answers(self):
        """The answers (``estimate.NEEDS_*``) that would compute an amount of a fiche that fits
        or may fit."""
        return {
            line.needs
            for result in self.candidates
            for line in result.estimate.components
            if line.needs and line.applies
        }

    @property
    def truncated(self):
        return self.candidate_count > MAX_EVALUATED


def classify(index, answers, selected_keys=None):
    """``selected_keys``: the fiches the visitor keeps in the total (translation keys); by
    default, every fiche that fits and has an amount."""
    fiches = AidPage.objects.in_guide(index).open()
    keep = candidates_q(answers)
    candidates = fiches.filter(keep).order_by("-is_featured", "title")
    # One more than the bound: counted in the database only when there are more (the prefilter
    # runs once, not twice, for the usual question).
    pages = list(candidates.with_relations()[: MAX_EVALUATED + 1])
    candidate_count = len(pages) if len(pages) <= MAX_EVALUATED else candidates.count()
    pages = pages[:MAX_EVALUATED]
    left_out = fiches.count() - candidate_count
    evaluated_candidates = len(pages)
    if 0 < left_out <= MAX_NOT_FIT_DETAILS:
        pages += list(fiches.exclude(keep).with_relations())
    results = []
    for page in pages:
        facts = fiche_facts(page)
        results.append(
            Result(page, facts, evaluate(facts, answers), estimate_fiche(facts, answers))
        )
    # The candidates the rules reject (company category, audience) add to those left out.
    rejected = sum(
        1
        for result in results[:evaluated_candidates]
        if result.match.verdict == Verdict.DOES_NOT_FIT
    )
    groups = {verdict: [r for r in results if r.match.verdict == verdict] for verdict in Verdict}
    groups[Verdict.DOES_NOT_FIT].sort(key=lambda result: result.page.title)
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
        not_fit_count=left_out + rejected,
        candidate_count=candidate_count,
    )
