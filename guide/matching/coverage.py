"""What the questionnaire can read on a fiche: for editors, criterion by criterion.

A criterion left empty restricts nothing (everyone fits it); an eligibility condition written
only in prose is shown to visitors as « à vérifier avec le contact ». A prose line that looks
like a figure a field could hold (« au moins 3 créations d'emplois ») gets a hint to fill the
field. A fiche's eligibility cases are one row each (``case_rows``); a prose line that a case
could hold is flagged by ``case_hints.py``. Pure functions of the fiche's facts.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guide.matching.estimate import estimate_component
from guide.matching.facts import Answers
from guide.matching.projects import PROJECTS
from guide.matching.rules import names, staff_range_text, years_text


@dataclass(frozen=True)
class Row:
    label: str
    structured: bool
    text: str


# (pattern in a prose condition, the facts attribute that would hold it, the field's label)
PROSE_FIGURES = (
    (
        re.compile(r"\d+\s+(?:[\w'’]+\s+){0,3}(?:d['’])?emplois?", re.I),
        "min_jobs",
        gettext_lazy("emplois à créer (minimum)"),
    ),
    (re.compile(r"\d+\s+salariés?", re.I), "staff", gettext_lazy("effectif maximum")),
    (
        re.compile(
            r"(?:plus d['’]un|au moins (?:\d+|un)|plus de \d+)\s+ans?\b"
            r"|\d+\s+ans?\s+d['’](?:existence|activité)",
            re.I,
        ),
        "min_years",
        gettext_lazy("années d'existence minimum"),
    ),
)


def criteria_rows(facts):
    def row(label, value, text_if_set):
        if value:
            return Row(label, True, text_if_set)
        return Row(label, False, _("Non renseigné : le questionnaire ne filtre pas sur ce point."))

    served = [project for project in PROJECTS if project.served_by(facts)]
    staff_known = facts.staff_min is not None or facts.staff_max is not None
    return [
        row(_("Territoire"), facts.territories, names(facts.territories)),
        row(_("Projets du questionnaire"), served, ", ".join(str(p.label) for p in served)),
        row(_("Effectif"), staff_known, staff_range_text(facts) if staff_known else ""),
        row(_("Catégories d'entreprise"), facts.company_sizes, names(facts.company_sizes)),
        row(
            _("Années d'existence minimum"),
            facts.min_years,
            str(facts.min_years or ""),
        ),
        row(_("Secteurs"), facts.sectors, names(facts.sectors)),
        row(_("Publics"), facts.audiences, names(facts.audiences)),
        row(_("Emplois à créer (minimum)"), facts.min_jobs, str(facts.min_jobs or "")),
    ]


ESTABLISHMENT_TEXTS = {
    "implantee": gettext_lazy("Déjà implantée sur le territoire"),
    "implantee-ou-en-cours": gettext_lazy("Implantée ou en cours d'implantation sur le territoire"),
}


def case_text(case):
    """A case's criteria (``CaseFacts``) in one readable line: « Publics : PMI ; implantée ou en
    cours d'implantation sur le territoire »."""
    parts = []
    for label, terms in (
        (_("Publics"), case.audiences),
        (_("Catégories d'entreprise"), case.company_sizes),
        (_("Secteurs"), case.sectors),
    ):
        if terms:
            parts.append(_("%(label)s : %(values)s") % {"label": label, "values": names(terms)})
    if case.staff_min is not None or case.staff_max is not None:
        parts.append(_("Effectif : %(range)s") % {"range": staff_range_text(case)})
    if case.min_years:
        parts.append(
            _("Années d'existence : %(years)s au moins") % {"years": years_text(case.min_years)}
        )
    if case.min_jobs:
        parts.append(_("Emplois à créer (minimum) : %(jobs)s") % {"jobs": case.min_jobs})
    if case.project_stages:
        served = [str(p.label) for p in PROJECTS if p.served_by(case)]
        parts.append(
            _("Projets du questionnaire : %(projects)s")
            % {"projects": ", ".join(served or sorted(case.project_stages))}
        )
    if case.establishment in ESTABLISHMENT_TEXTS:
        parts.append(str(ESTABLISHMENT_TEXTS[case.establishment]))
    return " ; ".join(parts) or _("Territoire seul")


def case_rows(facts):
    """One row per eligibility case, named by its territory (« Essonne (91) ») or position."""
    return [Row(case.name, True, case_text(case)) for case in facts.cases]


def amount_rows(facts):
    """Which components the estimate can compute, with sample answers (3 jobs, no commune)."""
    sample = Answers(jobs=3)
    rows = []
    for component in facts.components:
        line = estimate_component(component, sample)
        if not component.is_financial:
            rows.append(Row(component.title, True, _("Décrit, jamais chiffré : %s") % line.formula))
        elif line.amount is not None:
            rows.append(
                Row(
                    component.title,
                    True,
                    _("Calculé, par exemple pour 3 emplois : %s") % (line.formula or line.limit),
                )
            )
        else:
            rows.append(Row(component.title, False, line.not_computed))
    return rows


def prose_hints(facts):
    hints = []
    for line in facts.prose_conditions:
        for pattern, attribute, field_label in PROSE_FIGURES:
            empty = (
                facts.staff_min is None and facts.staff_max is None
                if attribute == "staff"
                else getattr(facts, attribute) in (None, 0)
            )
            if empty and pattern.search(line):
                hints.append(
                    _("« %(line)s » semble chiffrée : renseignez le champ « %(field)s ».")
                    % {"line": line, "field": field_label}
                )
    return hints
