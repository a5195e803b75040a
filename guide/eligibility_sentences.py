"""A fiche's eligibility cases as the fiche's « Pour qui ? » says them, one French sentence each:
« Dans le Val-de-Marne (94) : PME ou PMI (petites et moyennes industries). », « En Essonne (91),
pour une entreprise implantée ou en cours d'implantation : PMI (petites et moyennes
industries). »

Pure functions of a ``CaseFacts`` (guide/matching/facts.py, the values the questionnaire
reads), so the public page and the verdicts say the same case; ``case_sentences(page)`` reads a
saved fiche's cases. The words are gettext msgids (English in the catalogue).

Where a case applies is said with the preposition its territory takes in French (« en
Essonne », « dans le Val-de-Marne », « à Orly »): known for communes, regions and the
départements the guides cover; elsewhere the territory's name alone.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guide.fiche_terms import is_read
from guide.matching.facts import case_facts
from guide.matching.rules import jobs_text, staff_range_text, years_text
from guide.models import EligibilityCase

# The département codes whose name takes « dans le », « dans les » or « à » (else « en »).
DEPARTEMENT_ARTICLES = {
    "75": "a",  # à Paris
    "77": "en",
    "78": "les",
    "91": "en",
    "92": "les",
    "93": "en",
    "94": "le",
    "95": "le",
    "13": "les",  # dans les Bouches-du-Rhône
}
# Region codes whose name takes « dans le » or « dans les » (the others take « en »).
REGION_ARTICLES = {"32": "les", "44": "le", "52": "les"}


def in_territory(term):
    """« En Essonne (91) », « Dans le Val-de-Marne (94) », « À Orly », « Au Kremlin-Bicêtre »,
    from a territory ``Term`` (its slug is its COG code, ``DEP-91``, its label its name)."""
    kind, _sep, code = term.slug.partition("-")
    name = term.label
    if kind == "COM":
        if name.startswith("Le "):
            return _("Au %(name)s") % {"name": name[3:]}
        if name.startswith("Les "):
            return _("Aux %(name)s") % {"name": name[4:]}
        return _("À %(name)s") % {"name": name}
    if kind == "DEP":
        article = DEPARTEMENT_ARTICLES.get(code)
    elif kind == "REG":
        article = REGION_ARTICLES.get(code, "en")
    elif kind == "PAYS":
        article = "en"
    elif kind == "EPCI":
        return _("Sur le territoire %(name)s") % {"name": name}
    else:
        article = None
    phrases = {
        "a": _("À %(name)s"),
        "en": _("En %(name)s"),
        "le": _("Dans le %(name)s"),
        "les": _("Dans les %(name)s"),
    }
    if article is None:
        return name
    return phrases[article] % {"name": name}


def lower_first(text):
    return text[:1].lower() + text[1:]


def upper_first(text):
    return text[:1].upper() + text[1:]


def either(items):
    """« A », « A ou B », « A, B ou C »."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s ou %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def where_text(case):
    """« Dans le Val-de-Marne (94) ou en Essonne (91) », or "" for a case without territory."""
    phrases = [in_territory(term) for term in case.territories]
    return either([phrases[0], *(lower_first(phrase) for phrase in phrases[1:])]) if phrases else ""


def conditions(case, stage_labels=()):
    """What the case asks besides where, as short phrases in reading order."""
    parts = []
    if case.audiences:
        parts.append(either(term.label for term in case.audiences))
    if case.company_sizes:
        parts.append(
            _("catégorie %(sizes)s") % {"sizes": either(term.label for term in case.company_sizes)}
        )
    if case.sectors:
        parts.append(
            ngettext("secteur %(sectors)s", "secteurs %(sectors)s", len(case.sectors))
            % {"sectors": either(term.label for term in case.sectors)}
        )
    if case.staff_min is not None or case.staff_max is not None:
        parts.append(staff_range_text(case))
    if case.min_years:
        parts.append(_("au moins %(years)s d'existence") % {"years": years_text(case.min_years)})
    if case.min_jobs:
        parts.append(_("au moins %(jobs)s à créer") % {"jobs": jobs_text(case.min_jobs)})
    if stage_labels:
        parts.append(_("projet : %(stages)s") % {"stages": either(stage_labels)})
    return parts


def case_sentence(case, stage_labels=()):
    """One case (``CaseFacts``) as a sentence; ``stage_labels``: its project stages' labels
    (``CaseFacts`` keeps their slugs)."""
    where = where_text(case)
    what = ", ".join(conditions(case, stage_labels)) or _("sans autre condition")
    if case.establishment == "implantee":
        who = _("pour une entreprise déjà implantée")
    elif case.establishment == "implantee-ou-en-cours":
        who = _("pour une entreprise implantée ou en cours d'implantation")
    else:
        who = ""
    if where and who:
        return _("%(where)s, %(who)s : %(what)s.") % {"where": where, "who": who, "what": what}
    if where or who:
        return _("%(where)s : %(what)s.") % {"where": upper_first(where or who), "what": what}
    return _("%(what)s.") % {"what": upper_first(what)}


def case_sentences(page):
    """The sentences of a fiche's cases, in their order: one query for the cases, and one per
    vocabulary when there are some, unless they were read with the fiche's other terms (its
    page: ``guide/fiche_terms.py``). A preview's cases are in memory (modelcluster's
    ``FakeQuerySet``), some not saved yet: read as they are."""
    cases = page.eligibility_cases.all()
    if isinstance(cases, QuerySet) and not is_read(page, "eligibility_cases"):
        cases = cases.prefetch_related(*EligibilityCase.VOCABULARIES)
    return [
        case_sentence(case_facts(case), tuple(stage.label for stage in case.project_stages.all()))
        for case in cases
    ]
