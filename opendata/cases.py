"""A fiche's eligibility cases in the national schema, which has one set of criteria per aid.

A business is eligible when the fiche's own criteria hold and one of its cases holds
(``guide.models.EligibilityCase``). The schema cannot say "or": each structured field gets the
narrowest value that still keeps every eligible business in, and the free-text ``eligibilite``
says each case in a sentence.

- A list (territories, audiences, INSEE categories, sectors): the fiche's own when it has one
  (the cases only narrow it: Alixio's Val-de-Marne and Essonne stay as they are); else the
  union of the cases' values when every case sets some; else empty, no restriction (a case
  without one lets every value in).
- A minimum (staff, years in business): the fiche's own or the smallest of the cases', the
  larger of the two; no case minimum when one case has none. A maximum likewise.

Pure functions of the fiche's prefetched relations (``AidPageQuerySet.with_relations``): no
query of their own.
"""

from django.utils.translation import gettext as _

from guide.eligibility_sentences import case_sentence
from guide.matching.facts import case_facts


def flattened(own, per_case):
    """``own``: the fiche's values; ``per_case``: each case's values (lists). Order kept, each
    value once."""
    own = list(own)
    if own or not per_case or not all(per_case):
        return own
    return list(dict.fromkeys(value for values in per_case for value in values))


def flattened_minimum(own, per_case):
    """The fiche's minimum and its cases' (``None``: no minimum), as one minimum."""
    cases_minimum = None if not per_case or None in per_case else min(per_case)
    values = [value for value in (own, cases_minimum) if value is not None]
    return max(values) if values else None


def flattened_maximum(own, per_case):
    cases_maximum = None if not per_case or None in per_case else max(per_case)
    values = [value for value in (own, cases_maximum) if value is not None]
    return min(values) if values else None


class FlatCases:
    """The fiche's cases (prefetched), read once for every field of its record."""

    def __init__(self, fiche):
        self.fiche = fiche
        self.cases = list(fiche.eligibility_cases.all())

    def terms(self, name):
        """The flattened values of the vocabulary ``name`` (``territories``, ``audiences``...)."""
        per_case = [list(getattr(case, name).all()) for case in self.cases]
        return flattened(getattr(self.fiche, name).all(), per_case)

    def minimum(self, fiche_field, case_field):
        per_case = [getattr(case, case_field) for case in self.cases]
        return flattened_minimum(getattr(self.fiche, fiche_field), per_case)

    def maximum(self, fiche_field, case_field):
        per_case = [getattr(case, case_field) for case in self.cases]
        return flattened_maximum(getattr(self.fiche, fiche_field), per_case)

    def sentences(self):
        """One sentence per case, as the fiche's « Pour qui ? » says it."""
        return [
            case_sentence(
                case_facts(case), tuple(stage.label for stage in case.project_stages.all())
            )
            for case in self.cases
        ]

    def note(self):
        """What introduces the cases' sentences in ``eligibilite``; "" without case."""
        if not self.cases:
            return ""
        return _(
            "L'éligibilité diffère selon les cas : l'entreprise remplit les critères ci-dessus "
            "et ceux de l'un des cas suivants."
        )
