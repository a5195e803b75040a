"""The duplicate guard: fiches whose title or operator link closely matches another's.

Two fiches are candidates when their titles, reduced to their meaningful words (accents, case,
elisions and French stop words removed), are at least ``TITLE_SIMILARITY`` alike in
``difflib``'s ratio, or when their operator links point to the same page (scheme, "www.", query
string and trailing slash ignored). Only fiches of the same locale are compared: a translation
is not a duplicate of its source.

The guard warns, it never blocks: two aids of one operator can have close names on purpose.
"""

import difflib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from search.text import words

TITLE_SIMILARITY = 0.85
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Candidate:
    page: object
    reason: str


def title_key(title):
    return " ".join(words(title or ""))


def url_key(url):
    if not url:
        return ""
    parts = urlsplit(url.strip().lower())
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def similar_fiches(fiche):
    """Other fiches of ``fiche``'s locale that look like the same aid, most similar first."""
    title, link = title_key(fiche.title), url_key(fiche.operator_url)
    if not title and not link:
        return []
    rows = (
        type(fiche)
        .objects.filter(locale_id=fiche.locale_id)
        .values_list("pk", "title", "operator_url")
    )
    if fiche.pk:
        rows = rows.exclude(pk=fiche.pk)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(title)
    scored = {}
    for pk, other_title, other_url in rows.iterator():
        if link and url_key(other_url) == link:
            scored[pk] = (2.0, _("même lien vers la page de l'opérateur"))
            continue
        if not title:
            continue
        matcher.set_seq1(title_key(other_title))
        # The quick ratios are upper bounds of ratio(): skip the exact computation when they
        # already fall short (most titles).
        if matcher.real_quick_ratio() < TITLE_SIMILARITY or matcher.quick_ratio() < (
            TITLE_SIMILARITY
        ):
            continue
        ratio = matcher.ratio()
        if ratio >= TITLE_SIMILARITY:
            scored[pk] = (ratio, _("titre très proche"))
    best = sorted(scored, key=lambda pk: -scored[pk][0])[:MAX_CANDIDATES]
    pages = type(fiche).objects.in_bulk(best)
    return [Candidate(pages[pk], scored[pk][1]) for pk in best]
