"""The relevance set: French queries a business owner types, and the fiche that must come up.

Each case: (query, slug of the demo fiche expected in the top 3, what it exercises). Searched
among all fiches (``statut=tous``), ordered by relevance, as the listing does.
Used by tests/search/test_relevance.py and tests/search/test_elasticsearch_live.py.
"""

from django.http import QueryDict

from guide.listing.filters import AidFilterForm
from guide.listing.search import listing_search
from guide.models import AidPage

ALIXIO = "alixio-pme-pmi-val-de-marne-essonne"
KATALYSE = "katalyse-pmi-val-de-marne"

CASES = [
    ("prêt à taux zéro", ALIXIO, "exact words"),
    ("pret a taux zero", ALIXIO, "accents"),
    ("PRÊT À TAUX ZÉRO", ALIXIO, "case"),
    ("prêts à taux zéro", ALIXIO, "plural"),
    ("prêt d'honneur", "pret-honneur-createurs", "elision"),
    ("pret d honneur", "pret-honneur-createurs", "elision typed without apostrophe"),
    ("l'industrie", KATALYSE, "elision"),
    ("industriel", "pret-industrie-vitry", "singular finds plural (industriels)"),
    ("PMI", KATALYSE, "acronym"),
    ("TPE", "appui-rh-tpe-pme", "acronym"),
    ("BFR", ALIXIO, "acronym"),
    ("ESS", "emploi-ess", "acronym"),
    ("économie sociale et solidaire", "emploi-ess", "synonym of an acronym"),
    ("recrutement", "premier-recrutement-tpe", "noun"),
    ("recruter", "premier-recrutement-tpe", "verb finds noun"),
    ("embaucher", "premier-recrutement-tpe", "conjugation and synonym"),
    ("pépinière d'entreprises", "la-fabrique-cachan", "phrase with elision"),
    ("pepinieres", "silver-innov-ivry", "plural without accents"),
    ("Katalyse", KATALYSE, "operator name"),
    ("alixio", ALIXIO, "operator name, lower case"),
    ("silver économie", "silver-innov-ivry", "sector words"),
    ("job meeting", "orly-international-job-meetings", "English words, singular"),
    ("BTP", "plie-180-jours-btp", "acronym"),
    ("bâtiment", "plie-180-jours-btp", "synonym of an acronym"),
    ("rebondir", "avance-rebond", "verb"),
    ("difficultés", "avance-rebond", "plural and synonym"),
    ("export", "cap-export-sud-francilien", "short word"),
    ("international", "cap-export-sud-francilien", "synonym"),
    ("vélo cargo", "logistique-decarbonee", "two words"),
    ("cybersécurité", "diagnostic-cybersecurite", "closed fiche still findable"),
    ("commerces de proximité", "modernisation-commerces", "plural and stop word"),
    ("garantie bancaire", "garantie-pret-bancaire-seine-amont", "adjective"),
    ("avances remboursables", "avance-remboursable-innovation", "plural of two words"),
    ("reprendre une entreprise", "reprise-entreprise-val-de-marne", "verb and synonym"),
    ("pépinière xyzzy", "la-fabrique-cachan", "unknown word forgiven (or fallback)"),
]


def top_slugs(index, query, limit=3):
    """The slugs of the first ``limit`` fiches the listing shows for ``query``."""
    form = AidFilterForm(QueryDict(mutable=True) | {"q": query, "statut": "tous"})
    search = listing_search(AidPage.objects.in_guide(index), form, form.params())
    return [fiche.slug for fiche in list(search.ordered_results()[:limit])]
