"""What the listing says when it finds nothing: one sentence saying why, and whether widening
the status would find something.

The listing's no-result block (``guide/templates/guide/aid_index_page.html``) then offers, in
this order, the ways out: the filters to remove one by one (when filters narrowed the search),
the other statuses (when they hold matching fiches), the questionnaire, the needs tiles
(``guide/needs.py``), the territory's business contact (phone first, with the referral note),
and only then the e-mail alert.

The reason is one of:

- the status: other statuses hold matching fiches (« Aucune aide ouverte ne correspond, mais
  2 aides clôturées ou à venir correspondent. »);
- the words with filters, or the filters alone: the filters are too narrow together;
- the words alone: no fiche holds them, not even one of them (the search has already tried
  « at least one word »: ``FicheSearch.text_ids``);
- nothing at all: the guide has no fiche yet.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guide.status import StatusFilter


@dataclass(frozen=True)
class NoResults:
    reason: str
    # How many fiches of the other statuses match (0: the status link would be another dead end).
    elsewhere: int
    # Filters other than the words and the status narrowed the search.
    filtered: bool


def has_filters(form, params):
    """Filters other than the words and the status are chosen."""
    return (
        any(params[name] for name in form.FACETS)
        or bool(params["commune"])
        or params["effectif"] is not None
    )


def status_reason(statut, elsewhere, labels):
    if statut == StatusFilter.OPEN:
        return ngettext(
            "Aucune aide ouverte ne correspond, mais %(n)s aide clôturée ou à venir correspond.",
            "Aucune aide ouverte ne correspond, mais %(n)s aides clôturées ou à venir "
            "correspondent.",
            elsewhere,
        ) % {"n": elsewhere}
    return ngettext(
        "Aucune aide ne correspond au statut « %(statut)s », mais %(n)s aide d'un autre statut "
        "correspond.",
        "Aucune aide ne correspond au statut « %(statut)s », mais %(n)s aides d'un autre "
        "statut correspondent.",
        elsewhere,
    ) % {"statut": labels[statut], "n": elsewhere}


def no_results(form, params, outcome):
    """Why the listing of ``outcome`` (a ``SearchOutcome``) is empty, or None when it is not."""
    if outcome.total:
        return None
    statut = params["statut"]
    elsewhere = outcome.status_counts[StatusFilter.ALL] - outcome.status_counts[statut]
    filtered = has_filters(form, params)
    # The corrected words when the search ran on them (guide/listing/search.py, « Typos »).
    text = (outcome.corrected or params["q"]) if not outcome.query.is_empty else ""
    if elsewhere:
        labels = dict(form.fields["statut"].choices)
        reason = status_reason(statut, elsewhere, labels)
    elif text and filtered:
        reason = _("Aucune aide ne contient « %(q)s » avec les filtres choisis.") % {"q": text}
    elif filtered:
        reason = _("Aucune aide ne remplit tous les filtres choisis à la fois.")
    elif text and len(outcome.query.concepts) > 1:
        reason = _("Aucune fiche du guide ne contient « %(q)s », ni même un seul de ces mots.") % {
            "q": text
        }
    elif text:
        reason = _("Aucune fiche du guide ne contient « %(q)s ».") % {"q": text}
    else:
        reason = _("Le guide ne compte encore aucune aide.")
    return NoResults(reason=reason, elsewhere=elsewhere, filtered=filtered)
