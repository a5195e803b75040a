"""The matching rules: does a fiche fit a business, and why. Pure functions, one per criterion.

Each criterion gives a ``Check``: met, unknown (the visitor skipped the question, or the fiche
does not structure that criterion) or not met, with one sentence saying why. A fiche *fits*
when no criterion is unknown or failed, *may fit* when some are unknown and none fails, and
*does not fit* as soon as one fails. A criterion the fiche does not restrict gives no check,
except the sector and the territory, which a business owner wants confirmed.

The INSEE company categories also depend on turnover, which the questionnaire does not ask:
staff alone places a business in a category (under 10: MIC, under 250: PME, under 5 000: ETI,
else GE). A business in a smaller category than the fiche asks may still belong to it by its
turnover (may fit); one too large for every listed category does not fit.

A fiche with eligibility *cases* (``CaseFacts``: Alixio in the Val-de-Marne, in the Essonne)
fits when its own criteria and those of at least one case fit: its verdict is the worse of its
own and the best case's. The reasons name the case they come from (« Essonne (91) : … »): the
best case's when one fits or may fit, otherwise why each case the business could be in fails.
"""

import enum
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guide.formatting import format_number
from guide.matching.audiences import (
    audience_applies,
    missing_answer,
    sector_scope,
    sector_words,
)
from guide.matching.facts import ESTABLISHED, MOVING_IN, NOT_ESTABLISHED, CaseFacts
from guide.matching.projects import PROJECTS_BY_KEY


class Verdict(enum.IntEnum):
    # Ordered: the worst check decides the fiche's verdict.
    FITS = 0
    MAY_FIT = 1
    DOES_NOT_FIT = 2


@dataclass(frozen=True)
class Check:
    criterion: str
    verdict: Verdict
    text: str


@dataclass(frozen=True)
class Match:
    verdict: Verdict
    checks: tuple

    def with_verdict(self, verdict):
        return [check for check in self.checks if check.verdict == verdict]

    @property
    def met(self):
        return self.with_verdict(Verdict.FITS)

    @property
    def to_check(self):
        return self.with_verdict(Verdict.MAY_FIT)

    @property
    def failed(self):
        return self.with_verdict(Verdict.DOES_NOT_FIT)


# Staff upper bounds (exclusive) of the INSEE categories, by staff only.
CATEGORY_STAFF_LIMITS = {"MIC": 10, "PME": 250, "ETI": 5000, "GE": None}


def staff_category(staff):
    for code, limit in CATEGORY_STAFF_LIMITS.items():
        if limit is None or staff < limit:
            return code
    return "GE"  # pragma: no cover - the last limit is None


def names(terms):
    return ", ".join(term.label for term in terms)


def staff_text(staff):
    return ngettext("%(n)s salarié", "%(n)s salariés", staff) % {"n": format_number(staff)}


def staff_range_text(facts):
    low, high = facts.staff_min, facts.staff_max
    if low is not None and high is not None:
        if high == 0:
            return _("sans salarié")
        return _("de %(low)s à %(high)s") % {"low": format_number(low), "high": staff_text(high)}
    if high is not None:
        return _("%(high)s au plus") % {"high": staff_text(high)}
    return _("%(low)s au moins") % {"low": staff_text(low)}


def years_text(years):
    return ngettext("%(n)s an", "%(n)s ans", years) % {"n": format_number(years)}


def jobs_text(jobs):
    return ngettext("%(n)s emploi en CDI", "%(n)s emplois en CDI", jobs) % {
        "n": format_number(jobs)
    }


def judged(criterion, met, text):
    """A check whose sentence gives the answer and the requirement, met or not."""
    return Check(criterion, Verdict.FITS if met else Verdict.DOES_NOT_FIT, text)


def where(place, establishment=None):
    """Where the business is, as the visitor said it: in a commune (where it is, moves in, or
    plans to go), or a postal code."""
    if not place.is_commune:
        return _("Votre code postal, %(code)s") % {"code": place.label}
    if establishment == MOVING_IN:
        return _("Vous vous installez à %(place)s") % {"place": place.label}
    if establishment == NOT_ESTABLISHED:
        return _("Vous prévoyez de vous installer à %(place)s") % {"place": place.label}
    return _("Vous êtes à %(place)s") % {"place": place.label}


def check_territory(facts, answers):
    if not facts.territories:
        return None
    areas = names(facts.territories)
    place = answers.place
    if place is None:
        return Check(
            "territoire",
            Verdict.MAY_FIT,
            _("Territoire de l'aide : %(areas)s. Indiquez votre commune pour le vérifier.")
            % {"areas": areas},
        )
    covering = [area for area in facts.territories if area.slug in place.codes]
    said = where(place, answers.establishment)
    if covering:
        return Check(
            "territoire",
            Verdict.FITS,
            _("%(where)s : aide pour %(areas)s") % {"where": said, "areas": names(covering)},
        )
    return Check(
        "territoire",
        Verdict.DOES_NOT_FIT,
        _("%(where)s : l'aide est réservée à %(areas)s") % {"where": said, "areas": areas},
    )


def check_staff(facts, answers):
    if facts.staff_min is None and facts.staff_max is None:
        return None
    wanted = staff_range_text(facts)
    staff = answers.staff
    if staff is None:
        return Check(
            "effectif",
            Verdict.MAY_FIT,
            _("Effectif demandé : %(range)s. Indiquez votre effectif.") % {"range": wanted},
        )
    too_small = facts.staff_min is not None and staff < facts.staff_min
    too_large = facts.staff_max is not None and staff > facts.staff_max
    values = {"staff": staff_text(staff), "range": wanted}
    return judged(
        "effectif",
        not (too_small or too_large),
        _("Vous avez %(staff)s : effectif demandé, %(range)s") % values,
    )


def check_company_category(facts, answers):
    if not facts.company_sizes:
        return None
    wanted = names(facts.company_sizes)
    staff = answers.staff
    if staff is None:
        return Check(
            "categorie",
            Verdict.MAY_FIT,
            _("Catégorie d'entreprise demandée : %(sizes)s. Indiquez votre effectif.")
            % {"sizes": wanted},
        )
    codes = {size.slug for size in facts.company_sizes}
    values = {"staff": staff_text(staff), "sizes": wanted}
    if staff_category(staff) in codes:
        return Check(
            "categorie",
            Verdict.FITS,
            _("Vous avez %(staff)s : catégorie demandée, %(sizes)s") % values,
        )
    limits = [CATEGORY_STAFF_LIMITS.get(code) for code in codes]
    if None not in limits and staff >= max(limits):
        return Check(
            "categorie",
            Verdict.DOES_NOT_FIT,
            _("Vous avez %(staff)s : l'aide est réservée aux catégories %(sizes)s") % values,
        )
    return Check(
        "categorie",
        Verdict.MAY_FIT,
        _(
            "Catégorie demandée : %(sizes)s. Avec %(staff)s, votre chiffre d'affaires décide : "
            "à vérifier avec le contact."
        )
        % values,
    )


def check_age(facts, answers):
    if not facts.min_years:
        return None
    wanted = years_text(facts.min_years)
    age = answers.age_years
    if age is None:
        return Check(
            "anciennete",
            Verdict.MAY_FIT,
            _("Au moins %(years)s d'existence demandés. Indiquez l'âge de votre entreprise.")
            % {"years": wanted},
        )
    return judged(
        "anciennete",
        age >= facts.min_years,
        _("Votre entreprise a %(age)s : au moins %(years)s d'existence requis")
        % {"age": years_text(age), "years": wanted},
    )


def sectors_text(facts, scope):
    """The sectors a fiche admits, said as it says them: its sectors, or its audiences
    (« PMI (petites et moyennes industries), secteur industrie »)."""
    if facts.sectors:
        return names(facts.sectors)
    # « PMI (petites et moyennes industries), secteur industrie »: audience labels often end
    # with their own parentheses.
    return ngettext(
        "%(audiences)s, secteur %(sectors)s", "%(audiences)s, secteurs %(sectors)s", len(scope)
    ) % {
        "audiences": names(facts.audiences),
        "sectors": sector_words(scope),
    }


def check_sector(facts, answers):
    sector = answers.sector
    scope = sector_scope(facts)
    if scope is None:
        # Open to every sector: said only when no case may restrict it.
        if sector is None or getattr(facts, "cases", ()):
            return None
        return Check(
            "secteur",
            Verdict.FITS,
            _("Votre secteur, %(sector)s : l'aide est ouverte à tous les secteurs")
            % {"sector": sector.label},
        )
    wanted = sectors_text(facts, scope)
    if sector is None:
        return Check(
            "secteur",
            Verdict.MAY_FIT,
            _("Secteurs de l'aide : %(sectors)s. Indiquez votre secteur.") % {"sectors": wanted},
        )
    if sector.slug in scope:
        return Check(
            "secteur",
            Verdict.FITS,
            _("Votre secteur, %(sector)s, fait partie de ceux de l'aide")
            % {"sector": sector.label},
        )
    return Check(
        "secteur",
        Verdict.DOES_NOT_FIT,
        _("Votre secteur, %(sector)s : l'aide est réservée à %(sectors)s")
        % {"sector": sector.label, "sectors": wanted},
    )


def check_project(facts, answers):
    """The project is what the owner looks for: skipped, it restricts nothing."""
    projects = [PROJECTS_BY_KEY[key] for key in answers.projects if key in PROJECTS_BY_KEY]
    if not projects or (isinstance(facts, CaseFacts) and not facts.project_stages):
        return None
    served = [project for project in projects if project.served_by(facts)]
    if served:
        return Check(
            "projet",
            Verdict.FITS,
            _("Votre projet : %(projects)s")
            % {"projects": ", ".join(str(p.label) for p in served)},
        )
    if any(project.served_by(facts) is None for project in projects):
        return Check(
            "projet",
            Verdict.MAY_FIT,
            _("La fiche ne précise pas les projets qu'elle soutient : à vérifier avec le contact."),
        )
    return Check(
        "projet",
        Verdict.DOES_NOT_FIT,
        _("L'aide ne porte pas sur votre projet (%(projects)s)")
        % {"projects": ", ".join(str(p.label).lower() for p in projects)},
    )


def check_jobs(facts, answers):
    if not facts.min_jobs:
        return None
    wanted = format_number(facts.min_jobs)
    jobs = answers.jobs
    # Apprentices and work-study contracts are not CDI jobs: said when they could be mistaken
    # for some (the visitor plans apprentices, and the minimum is not met by the CDI jobs).
    if jobs is None:
        text = _(
            "Au moins %(jobs)s à créer. Indiquez le nombre d'emplois en CDI que vous prévoyez."
        ) % {"jobs": jobs_text(facts.min_jobs)}
        if answers.apprentices:
            text += " " + _("Les apprentis et alternants ne comptent pas comme des emplois en CDI.")
        return Check("emplois", Verdict.MAY_FIT, text)
    met = jobs >= facts.min_jobs
    text = _("Vous créez %(created)s : minimum %(minimum)s requis") % {
        "created": jobs_text(jobs),
        "minimum": wanted,
    }
    if answers.apprentices and not met:
        text += " " + _("(les apprentis et alternants ne comptent pas comme des emplois en CDI)")
    return judged("emplois", met, text)


def check_audience(facts, answers):
    if not facts.audiences:
        return None
    results = [(term, audience_applies(term.slug, answers)) for term in facts.audiences]
    matching = [term for term, applies in results if applies]
    wanted = names(facts.audiences)
    if matching:
        return Check(
            "public",
            Verdict.FITS,
            _("Public de l'aide : %(audiences)s") % {"audiences": names(matching)},
        )
    if all(applies is False for _term, applies in results):
        return Check(
            "public",
            Verdict.DOES_NOT_FIT,
            _("L'aide est réservée au public %(audiences)s") % {"audiences": wanted},
        )
    questions = {missing_answer(term.slug, answers) for term, applies in results if applies is None}
    questions.discard(None)
    if questions:
        return Check(
            "public",
            Verdict.MAY_FIT,
            _("Public de l'aide : %(audiences)s. %(questions)s")
            % {"audiences": wanted, "questions": " ".join(sorted(questions))},
        )
    return Check(
        "public",
        Verdict.MAY_FIT,
        _("Public de l'aide : %(audiences)s. À vérifier avec le contact.") % {"audiences": wanted},
    )


def check_establishment(facts, answers):
    """Only a case requires it (guide.models.Establishment): established, or moving in too."""
    required = getattr(facts, "establishment", "")
    if not required:
        return None
    moving_allowed = required == "implantee-ou-en-cours"
    wanted = (
        _("implantée ou en cours d'implantation sur le territoire")
        if moving_allowed
        else _("déjà implantée sur le territoire")
    )
    if answers.place is None:
        return Check(
            "implantation",
            Verdict.MAY_FIT,
            _("Entreprise %(wanted)s. Indiquez votre commune.") % {"wanted": wanted},
        )
    answer = answers.establishment or ESTABLISHED
    met = answer == ESTABLISHED or (moving_allowed and answer == MOVING_IN)
    said = {
        ESTABLISHED: _("Votre entreprise est installée à %(place)s"),
        MOVING_IN: _("Votre entreprise s'installe à %(place)s"),
    }.get(answer, _("Votre entreprise n'est pas encore installée à %(place)s"))
    return judged(
        "implantation",
        met,
        _("%(said)s : l'aide demande une entreprise %(wanted)s")
        % {"said": said % {"place": answers.place.label}, "wanted": wanted},
    )


CRITERIA = (
    check_territory,
    check_project,
    check_staff,
    check_company_category,
    check_age,
    check_sector,
    check_audience,
    check_jobs,
    check_establishment,
)


def checks_of(criteria, answers):
    return tuple(check for rule in CRITERIA if (check := rule(criteria, answers)))


def verdict_of(checks):
    return max((check.verdict for check in checks), default=Verdict.FITS)


def named(case, checks):
    """The case's checks, their sentences prefixed with its name."""
    return tuple(
        Check(
            check.criterion,
            check.verdict,
            _("%(case)s : %(text)s")
            % {
                "case": case.name,
                "text": check.text,
            },
        )
        for check in checks
    )


def cases_checks(facts, answers):
    """The verdict of the fiche's best case, and the checks that explain it."""
    judged_cases = [(case, checks_of(case, answers)) for case in facts.cases]
    best = min(verdict_of(checks) for _case, checks in judged_cases)
    if best != Verdict.DOES_NOT_FIT:
        # The cases that fit or may fit: what they ask (the first fitting case alone if any).
        kept = [(case, checks) for case, checks in judged_cases if verdict_of(checks) == best]
        if best == Verdict.FITS:
            kept = kept[:1]
        return best, tuple(c for case, checks in kept for c in named(case, checks))
    # None fits: why, for each case whose territory is the business's (or unknown).
    reasons = []
    for case, checks in judged_cases:
        failed = [check for check in checks if check.verdict == Verdict.DOES_NOT_FIT]
        if any(check.criterion == "territoire" for check in failed) and len(judged_cases) > 1:
            continue
        reasons.extend(named(case, failed))
    if not reasons:
        for case, checks in judged_cases:
            failed = [check for check in checks if check.verdict == Verdict.DOES_NOT_FIT]
            reasons.extend(named(case, failed[:1]))
    return best, tuple(reasons)


def evaluate(facts, answers):
    """How one fiche answers the questionnaire: its own criteria, then its cases (if any)."""
    checks = checks_of(facts, answers)
    verdict = verdict_of(checks)
    if facts.cases:
        case_verdict, case_checks = cases_checks(facts, answers)
        checks += tuple(check for check in case_checks if not repeats(check, checks))
        verdict = max(verdict, case_verdict)
    return Match(verdict, checks)


def repeats(case_check, own):
    """Whether a case's sentence only repeats one of the fiche's own (« Essonne (91) : Vous
    êtes à Athis-Mons : aide pour Essonne (91) » after « Vous êtes à Athis-Mons : aide pour
    Essonne (91) »): said once, without the case's name. The verdict is unchanged."""
    return any(
        case_check.criterion == mine.criterion
        and case_check.verdict == mine.verdict
        and case_check.text.endswith(mine.text)
        for mine in own
    )
