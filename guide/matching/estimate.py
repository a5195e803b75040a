"""What a fiche could bring a business: an indicative amount per financial component, with the
formula and the ceiling that applied, and a total across several fiches. Pure functions.

Rules, in the order they apply to a component:

- A non-financial component (advice, premises) is described (« jusqu'à 10 jours ») and never
  counted in a total.
- A component reserved to part of the fiche's territory (the Essonne grant of Alixio) counts
  only when the business is there; without a commune it is not computed.
- A fixed amount (« par entreprise ») counts as it is, within its ceiling.
- A component reserved to an audience or a sector (« réservée aux PMI ») counts only when the
  answers place the business in it (``audiences.py``, the verdicts' own rule); unknown, it is
  not computed and says which answer is missing.
- An amount per job created or per hire is multiplied by the jobs the visitor plans, then
  capped by the ceiling. Without that number it is not computed. A share of the units
  (« au plus un emploi sur trois ») applies first: 4 jobs with 1 in 3 aided make 1 aided job
  (rounded down), 9 make 3.
- A maximum share of the project's expenses (« 30 % des dépenses éligibles », plafond
  10 000 €) is computed from the investment amount the visitor gives: « 30 % de 25 000 € =
  7 500 € (plafond 10 000 € non atteint) »; a fixed amount with such a share is the smaller of
  the two. Only a share whose basis is the project's expenses reads that amount
  (``is_investment_basis``): « des dépenses éligibles », « des dépenses du projet », « du coût
  des travaux », « du programme d'investissement »… A share of something else (« du prêt
  bancaire », « du prix d'achat », « du programme d'emplois ») is said, never applied: the
  investment amount does not stand for a loan, a purchase price or jobs.
- A ceiling alone (« plafonné à 60 000 € »), or a share of the expenses without the
  investment amount, is not computed: the ceiling or the share is said, with the question
  that would compute it.
- Amounts per employee, per month or per year depend on figures the questionnaire does not
  ask: not computed.
- A computed amount of 0 € (no job planned, or fewer jobs than the share aids) is no amount:
  it is said in words, never « 0 € ».

Totals are split between loans (to repay) and grants and other financial aids, never summed
together. Fiches marked "not combinable" with each other count once: the larger one.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guide.formatting import format_euros, format_number, format_share, format_unit_share
from guide.matching.audiences import audience_applies, missing_answer
from guide.matching.rules import jobs_text
from search.text import words

PER_JOB_UNITS = ("emploi_cree", "recrutement")

# What a component's « part de quoi » (``max_share_basis``, French or English: it is
# translated) must say for the investment amount to stand for it: the project's expenses...
# Each is the start of a word (« dépenses », « projets »), compared word by word: « rent » is
# not the end of « current ».
INVESTMENT_WORDS = (
    "depense",
    "expense",
    "expenditure",
    "projet",
    "project",
    "investissement",
    "investment",
    "travaux",
    "works",
    "cout",
    "cost",
    "equipement",
    "equipment",
    "materiel",
)
# ...and not a loan, a credit and its interest, a lease, a price, jobs, wages, turnover, rent or
# capital (these win: « du prêt finançant le projet » is a share of a loan).
OTHER_BASIS_WORDS = (
    "pret",
    "emprunt",
    "loan",
    "credit",
    "interet",
    "interest",
    "bail",
    "leasing",
    "prix",
    "price",
    "emploi",
    "job",
    "salaire",
    "salari",
    "wage",
    "salary",
    "chiffre",
    "turnover",
    "loyer",
    "rent",
    "capital",
    "capitaux",
    "fonds propres",
    "equity",
)

# The answer an amount is waiting for (``ComponentEstimate.needs``), as the total's sentence
# asks for it.
NEEDS_INVESTMENT = "investissement"
NEEDS_JOBS = "emplois"


def is_investment_basis(basis):
    """Whether a share « of ``basis`` » is a share of the project's expenses, which the
    questionnaire's investment amount stands for."""
    said = f" {' '.join(words(basis or '', keep_stop_words=True))}"
    if any(f" {start}" in said for start in OTHER_BASIS_WORDS):
        return False
    return any(f" {start}" in said for start in INVESTMENT_WORDS)


@dataclass(frozen=True)
class ComponentEstimate:
    title: str
    is_loan: bool = False
    amount: Decimal | None = None  # None: not computed, or not money
    formula: str = ""  # how the amount was computed, or what the component gives
    limit: str = ""  # the ceiling that applied, or did not
    not_computed: str = ""  # why no amount was computed
    caveats: tuple = ()  # a share cap, conditions such as « indissociable du prêt »
    applies: bool = True  # False: reserved to another territory, audience or sector
    needs: str = ""  # not computed: the answer that would compute it (NEEDS_*), if any


@dataclass(frozen=True)
class FicheEstimate:
    components: tuple = ()

    @property
    def loans(self):
        return sum_amounts(c for c in self.components if c.is_loan)

    @property
    def grants(self):
        return sum_amounts(c for c in self.components if not c.is_loan)

    @property
    def has_amount(self):
        return any(c.amount is not None for c in self.components)

    @property
    def amount(self):
        """Loans and grants together: only to compare two non-combinable fiches."""
        return self.loans + self.grants


def sum_amounts(components):
    return sum((c.amount for c in components if c.amount is not None and c.applies), Decimal(0))


def capped(value, ceiling):
    """The amount within its ceiling, and a sentence saying which limit applied."""
    if ceiling is None:
        return value, ""
    if value > ceiling:
        return ceiling, _("plafonné à %(ceiling)s") % {"ceiling": format_euros(ceiling)}
    return value, _("plafond %(ceiling)s non atteint") % {"ceiling": format_euros(ceiling)}


def share_applies(component, answers):
    """Whether the component's maximum share is computed from the answers' investment."""
    return (
        component.max_share_percent is not None
        and answers.investment is not None
        and is_investment_basis(component.max_share_basis)
    )


def share_of(component, investment):
    """The component's share of ``investment``, to the euro below (a maximum)."""
    value = investment * component.max_share_percent / 100
    return value.quantize(Decimal(1), rounding=ROUND_DOWN)


def share_formula(component, investment):
    """« 30 % de 25 000 € = 7 500 € »; a share under one euro is said in words (« 30 % de 3 €,
    moins d'un euro »), never « = 0 € »."""
    amount = share_of(component, investment)
    values = {
        "share": format_share(component.max_share_percent),
        "investment": format_euros(investment),
        "amount": format_euros(amount),
    }
    if amount == 0:
        return _("%(share)s de %(investment)s, moins d'un euro") % values
    return _("%(share)s de %(investment)s = %(amount)s") % values


def component_caveats(component, answers):
    caveats = []
    if share_applies(component, answers):
        caveats.append(
            _(
                "Calculé sur le montant que vous avez indiqué : seules comptent les dépenses "
                "retenues par l'aide (%(basis)s)."
            )
            % {"basis": component.max_share_basis}
        )
    elif component.max_share_percent is not None:
        caveats.append(
            _(
                "Au plus %(share)s %(basis)s : cette limite dépend de votre dossier, le contact "
                "confirmera le montant."
            )
            % {
                "share": format_share(component.max_share_percent),
                "basis": component.max_share_basis,
            }
        )
    caveats.extend(component.conditions)
    return tuple(caveats)


def restriction(component, answers):
    """Why a component reserved to an audience or a sector does not count for the answers:
    (applies, sentence), or ``None`` when it counts."""
    if component.audience is not None:
        applies = audience_applies(component.audience.slug, answers)
        if applies is False:
            return False, _("Réservé au public %(audience)s : ne s'applique pas à vous.") % {
                "audience": component.audience.label
            }
        if applies is None:
            question = missing_answer(component.audience.slug, answers) or _(
                "À vérifier avec le contact."
            )
            return True, _("Réservé au public %(audience)s. %(question)s") % {
                "audience": component.audience.label,
                "question": question,
            }
    if component.sector is not None:
        if answers.sector is None:
            return True, _("Réservé au secteur %(sector)s. Indiquez votre secteur.") % {
                "sector": component.sector.label
            }
        if answers.sector.slug != component.sector.slug:
            return False, _("Réservé au secteur %(sector)s : ne s'applique pas à vous.") % {
                "sector": component.sector.label
            }
    return None


def aided_units(component, units):
    """The units an amount applies to: all, or the component's share of them (rounded down)."""
    if component.unit_share is None:
        return units
    count, total = component.unit_share
    return units * count // total


def estimate_component(component, answers):
    base = {
        "title": component.title,
        "is_loan": component.is_loan,
        "caveats": component_caveats(component, answers),
    }
    restricted = restriction(component, answers)
    if restricted is not None:
        applies, sentence = restricted
        return ComponentEstimate(**base, applies=applies, not_computed=sentence)
    if component.territory is not None:
        place = answers.place
        if place is None:
            return ComponentEstimate(
                **base,
                not_computed=_("Réservé à %(area)s : indiquez votre commune.")
                % {"area": component.territory.label},
            )
        if component.territory.slug not in place.codes:
            return ComponentEstimate(
                **base,
                applies=False,
                not_computed=_("Réservé à %(area)s : ne s'applique pas à votre commune.")
                % {"area": component.territory.label},
            )
    if not component.is_financial:
        if component.advisory_days:
            formula = _("Jusqu'à %(days)s jours d'accompagnement") % {
                "days": component.advisory_days
            }
        else:
            formula = component.aid_type.label
        return ComponentEstimate(**base, formula=formula)
    amount, unit, ceiling = component.amount, component.unit, component.ceiling
    if amount is None:
        return share_estimate(component, answers, base)
    if unit == "beneficiaire":
        if share_applies(component, answers):
            return fixed_with_share(component, answers, base)
        value, limit = capped(amount, ceiling)
        return ComponentEstimate(
            **base,
            amount=value,
            formula=_("Montant forfaitaire : %(amount)s") % {"amount": format_euros(amount)},
            limit=limit,
        )
    if unit in PER_JOB_UNITS:
        return per_job_estimate(component, answers, base)
    return ComponentEstimate(
        **base,
        not_computed=_(
            "%(amount)s %(unit)s : dépend d'éléments que le questionnaire ne demande pas."
        )
        % {"amount": format_euros(amount), "unit": component.unit_label},
    )


def share_estimate(component, answers, base):
    """A component without an amount: its share of the investment, within its ceiling."""
    ceiling = component.ceiling
    if share_applies(component, answers):
        value, limit = capped(share_of(component, answers.investment), ceiling)
        if value == 0:
            return ComponentEstimate(
                **base,
                not_computed=_("%(formula)s : rien à compter.")
                % {"formula": share_formula(component, answers.investment)},
            )
        return ComponentEstimate(
            **base,
            amount=value,
            formula=share_formula(component, answers.investment),
            limit=limit,
        )
    if component.max_share_percent is not None and is_investment_basis(component.max_share_basis):
        share = _("%(share)s %(basis)s") % {
            "share": format_share(component.max_share_percent),
            "basis": component.max_share_basis,
        }
        if ceiling is not None:
            share = _("%(share)s, jusqu'à %(ceiling)s") % {
                "share": share,
                "ceiling": format_euros(ceiling),
            }
        return ComponentEstimate(
            **base,
            needs=NEEDS_INVESTMENT,
            not_computed=_("%(share)s : indiquez le montant de votre investissement.")
            % {"share": share},
        )
    if ceiling is None:
        return ComponentEstimate(
            **base,
            not_computed=_("Montant non précisé : à demander au contact."),
        )
    return ComponentEstimate(
        **base,
        not_computed=_("Jusqu'à %(ceiling)s selon votre projet : non calculable ici.")
        % {"ceiling": format_euros(ceiling)},
    )


def fixed_with_share(component, answers, base):
    """A fixed amount that covers at most a share of the expenses: the smaller of the two."""
    share = share_of(component, answers.investment)
    formula = _("Montant forfaitaire : %(amount)s, au plus %(share)s") % {
        "amount": format_euros(component.amount),
        "share": share_formula(component, answers.investment),
    }
    value, limit = capped(min(component.amount, share), component.ceiling)
    if value == 0:
        return ComponentEstimate(
            **base, not_computed=_("%(formula)s : rien à compter.") % {"formula": formula}
        )
    return ComponentEstimate(**base, amount=value, formula=formula, limit=limit)


def per_job_estimate(component, answers, base):
    """An amount per CDI job created or per hire. Apprentices are not CDI jobs: they are not
    counted, and the line says so when the visitor plans some."""
    amount, jobs = component.amount, answers.jobs
    per_unit = {"amount": format_euros(amount), "unit": component.unit_label}
    if answers.apprentices:
        base = {
            **base,
            "caveats": (
                *base["caveats"],
                ngettext(
                    "%(n)s apprenti ou alternant n'est pas compté : vérifiez avec le contact "
                    "si l'aide s'applique à un contrat d'apprentissage ou de "
                    "professionnalisation.",
                    "%(n)s apprentis ou alternants ne sont pas comptés : vérifiez avec le "
                    "contact si l'aide s'applique à un contrat d'apprentissage ou de "
                    "professionnalisation.",
                    answers.apprentices,
                )
                % {"n": format_number(answers.apprentices)},
            ),
        }
    if jobs is None:
        return ComponentEstimate(
            **base,
            needs=NEEDS_JOBS,
            not_computed=_("%(amount)s %(unit)s : indiquez le nombre d'emplois que vous créez.")
            % per_unit,
        )
    if jobs == 0:
        return ComponentEstimate(
            **base,
            not_computed=_("%(amount)s %(unit)s : vous ne prévoyez pas d'emploi en CDI.")
            % per_unit,
        )
    aided = aided_units(component, jobs)
    if aided == 0:
        count, of = component.unit_share
        return ComponentEstimate(
            **base,
            not_computed=_("%(share)s : avec %(jobs)s, aucun n'est aidé.")
            % {"share": format_unit_share(count, of, component.unit), "jobs": jobs_text(jobs)},
        )
    value, limit = capped(amount * aided, component.ceiling)
    if component.unit_share is None:
        formula = _("%(jobs)s × %(amount)s = %(total)s") % {
            "jobs": jobs_text(jobs),
            "amount": format_euros(amount),
            "total": format_euros(amount * aided),
        }
    else:
        count, of = component.unit_share
        formula = ngettext(
            "%(aided)s emploi aidé sur %(jobs)s (%(share)s) × %(amount)s = %(total)s",
            "%(aided)s emplois aidés sur %(jobs)s (%(share)s) × %(amount)s = %(total)s",
            aided,
        ) % {
            "aided": format_number(aided),
            "jobs": format_number(jobs),
            "share": format_unit_share(count, of, component.unit),
            "amount": format_euros(amount),
            "total": format_euros(amount * aided),
        }
    return ComponentEstimate(**base, amount=value, formula=formula, limit=limit)


def estimate_fiche(facts, answers):
    return FicheEstimate(tuple(estimate_component(c, answers) for c in facts.components))


@dataclass(frozen=True)
class Total:
    loans: Decimal = Decimal(0)
    grants: Decimal = Decimal(0)
    counted: tuple = ()  # the fiches' keys, in the order given
    left_out: tuple = ()  # (key, key of the fiche it is not combinable with)
    uncomputed: int = 0  # components the total could not include


def total(selection):
    """``selection``: (facts, estimate) pairs. The larger of two non-combinable fiches counts;
    a fiche says it is not combinable with another, or the other says it: either is enough."""
    counted, left_out = [], []
    ranked = sorted(selection, key=lambda pair: pair[1].amount, reverse=True)
    for facts, estimate in ranked:
        conflict = next(
            (
                other
                for other, _estimate in counted
                if other.key in facts.not_combinable_with or facts.key in other.not_combinable_with
            ),
            None,
        )
        if conflict is not None:
            left_out.append((facts.key, conflict.key))
        else:
            counted.append((facts, estimate))
    order = {facts.key: position for position, (facts, _e) in enumerate(selection)}
    counted.sort(key=lambda pair: order[pair[0].key])
    return Total(
        loans=sum((estimate.loans for _f, estimate in counted), Decimal(0)),
        grants=sum((estimate.grants for _f, estimate in counted), Decimal(0)),
        counted=tuple(facts.key for facts, _e in counted),
        left_out=tuple(left_out),
        uncomputed=sum(
            1
            for _f, estimate in counted
            for component in estimate.components
            if component.not_computed and component.applies
        ),
    )
