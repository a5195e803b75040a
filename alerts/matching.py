"""The adapter between an alert and the guide: its saved criteria, and the fiches that match.

- A **questionnaire** alert keeps the questionnaire's answers (``guide.matching``) and receives
  the fiches whose verdict is *fits*: exactly those, not the *may fit* ones, which would need
  the visitor to check a criterion first.
- A **search** alert keeps the listing's parameters (``guide.listing.filters.AidFilterForm``) and
  receives the fiches the listing returns for them (``guide.listing.search.listing_search``, the
  listing's own engine). Two of its parameters are left out of the saved criteria: ``page``
  and ``tri`` change nothing to which fiches match, and ``statut``, because an alert announces
  fiches a business can apply to, so it always keeps the open ones (as the questionnaire does).

In both cases only the live, public, open fiches of the alert's guide (its locale, aliases left
out), on the alert's site, published after the alert's cutoff count: first published after it,
a fiche is *new*; published before and published again since, it is *updated*.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

from alerts.models import Alert
from core.sites import site_tree_q
from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.matching.facts import fiche_facts
from guide.matching.questionnaire import QuestionnaireForm
from guide.matching.rules import Verdict, evaluate
from guide.models import AidPage
from guide.status import StatusFilter

QUESTIONNAIRE_ROUTE = "mon-projet/"
SEARCH_IGNORED = ("page", "tri", "statut")


def questionnaire_fields():
    return list(QuestionnaireForm.base_fields)


def search_fields():
    return [name for name in AidFilterForm.base_fields if name not in SEARCH_IGNORED]


def normalise_query(kind, query):
    """The saved criteria: known parameters only, non-empty values, in a stable order, so that
    the same search saved twice gives the same string."""
    data = QueryDict(query or "")
    names = questionnaire_fields() if kind == Alert.Kind.QUESTIONNAIRE else search_fields()
    pairs = []
    for name in sorted(names):
        values = sorted({" ".join(v.replace("\x00", "").split()) for v in data.getlist(name)})
        pairs.extend((name, value) for value in values if value)
    return urlencode(pairs)


@dataclass
class FicheChange:
    page: object
    is_new: bool


def alert_fiches(alert):
    """The fiches of the alert's guide, and of its site: the guide was one of the site's when
    the alert was subscribed (``SubscribeForm``); should it be moved to another site, the alert
    matches nothing rather than another site's fiches."""
    return AidPage.objects.in_guide(alert.index).filter(site_tree_q(alert.alert_site()))


def changed_fiches(alert, since, until, on):
    """The open fiches of the alert's guide published in ]since, until]."""
    queryset = alert_fiches(alert).open(on)
    if since is not None:
        queryset = queryset.filter(last_published_at__gt=since)
    return queryset.filter(last_published_at__lte=until)


def matching_fiches(alert, since, until, on):
    """[FicheChange] for the fiches new or changed in ]since, until] that match the alert, by
    title."""
    changed = changed_fiches(alert, since, until, on)
    if alert.kind == Alert.Kind.QUESTIONNAIRE:
        answers = QuestionnaireForm(QueryDict(alert.query)).answers()
        pages = [
            page
            for page in changed.with_relations()
            if evaluate(fiche_facts(page), answers).verdict == Verdict.FITS
        ]
    else:
        form = AidFilterForm(QueryDict(alert.query))
        params = form.params()
        params["statut"] = StatusFilter.OPEN
        search = listing_search(
            alert_fiches(alert),
            form,
            params,
            on=on,
            language=alert.index.locale.language_code,
        )
        listed = search.with_text(search.filtered())
        pages = list(changed.filter(pk__in=listed.values("pk")))
    pages.sort(key=lambda page: page.title.lower())
    return [FicheChange(page, since is None or page.first_published_at > since) for page in pages]


def result_path(alert):
    """The saved result's address, relative to the guide: the questionnaire's or the listing's."""
    prefix = QUESTIONNAIRE_ROUTE if alert.kind == Alert.Kind.QUESTIONNAIRE else ""
    return prefix + (f"?{alert.query}" if alert.query else "")
