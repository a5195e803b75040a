"""What the questionnaire's answers say about a fiche's audiences, and the sectors an audience
implies: one rule, read by the verdicts (``rules.py``), the database prefilter
(``prefilter.py``) and the listing's filters (``guide/listing/filters.py``).

A PMI (petite ou moyenne industrie) is an industrial SME: an aid reserved to PMI is closed to a
bakery, whether the fiche says it with the audience « PMI » or with the sector « Industrie ».
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Audience slug -> the sectors it is made of. An audience absent here (PME, ESS, créateurs...)
# exists in every sector.
AUDIENCE_SECTORS = {
    "pmi": frozenset({"industrie"}),
    "commercants-artisans": frozenset({"commerce", "artisanat"}),
}

# How the sectors above are said inside a sentence (« réservée à PMI (…), secteur industrie »).
SECTOR_WORDS = {
    "industrie": gettext_lazy("industrie"),
    "commerce": gettext_lazy("commerce"),
    "artisanat": gettext_lazy("artisanat"),
}


def sector_words(slugs):
    return ", ".join(str(SECTOR_WORDS.get(slug, slug)) for slug in sorted(slugs))


def sector_scope(criteria):
    """The sector slugs a set of criteria (a fiche's own, or a case's) admits; ``None`` for
    every sector. Its sectors when it lists some; otherwise, when every one of its audiences
    belongs to given sectors, the union of those."""
    if criteria.sectors:
        return frozenset(term.slug for term in criteria.sectors)
    audiences = [term.slug for term in criteria.audiences]
    if audiences and all(slug in AUDIENCE_SECTORS for slug in audiences):
        return frozenset().union(*(AUDIENCE_SECTORS[slug] for slug in audiences))
    return None


def audience_applies(slug, answers):
    """Whether the answers place the business in an audience: True, False, or None (unknown)."""
    staff, sector = answers.staff, answers.sector.slug if answers.sector else None
    sectors = AUDIENCE_SECTORS.get(slug)
    if sectors is not None and sector is not None and sector not in sectors:
        return False
    if slug == "tpe":
        return None if staff is None else staff < 10
    if slug == "pme":
        return None if staff is None else staff < 250
    if slug == "eti":
        return None if staff is None else 250 <= staff < 5000
    if slug == "pmi":
        if staff is not None and staff >= 250:
            return False
        return True if staff is not None and sector else None
    if slug == "commercants-artisans":
        return None if sector is None else True
    if slug == "createurs":
        return True if "creer" in answers.projects else None
    if slug == "independants":
        return True if staff == 0 else None
    return None  # ESS, startups: the questionnaire cannot tell


def missing_answer(slug, answers):
    """The question that would settle an audience the answers leave unknown, or ``None`` when
    only the contact can tell (ESS, startups)."""
    if slug in ("tpe", "pme", "eti", "pmi", "independants") and answers.staff is None:
        return _("Indiquez votre effectif.")
    if slug in AUDIENCE_SECTORS and answers.sector is None:
        return _("Indiquez votre secteur.")
    if slug == "createurs" and not answers.projects:
        return _("Indiquez votre projet.")
    return None
