"""Everyday queries: what a business owner types in their own words, and the fiche they expect
in the top 5 of the demo guide.

The words are found by the editors' everyday words (``search.models.EverydayWords``, seeded by
``site_search.0006``) and synonyms, over the fiches' existing text. Searched among all fiches
(``statut=tous``), ordered by relevance, as the listing does.

PostgreSQL (the production backend, which stems) must pass every case. SQLite cannot stem; the
cases it misses are listed in ``SQLITE_MISSES`` with the reason, and expected to fail there
(strictly: an unexpected pass fails, so the list stays true).
"""

import pytest
from django.db import connection

from tests.support.relevance_queries import ALIXIO, KATALYSE, top_slugs

BUS = "bus-entrepreneuriat-orly"
HONOUR_LOAN = "pret-honneur-createurs"
SHOPS = "modernisation-commerces"
FIRST_HIRE = "premier-recrutement-tpe"
REBOUND = "avance-rebond"
GROWTH_LOAN = "pret-croissance-eti"
LOGISTICS = "logistique-decarbonee"
SHOP_OPENING = "implantation-commerce-qpv"

# (query, the fiche expected in the top 5, who types it and why that fiche)
CASES = [
    # The baker in Vitry who needs an oven and an apprentice.
    ("four", SHOPS, "an oven is equipment of a shop"),
    ("un four pour ma boulangerie", SHOPS, "equipment for a craft shop"),
    ("boulangerie", SHOPS, "a bakery is a craft shop"),
    ("boulanger", SHOPS, "the baker's trade"),
    ("acheter une machine", KATALYSE, "a machine is an investment"),
    ("machine", GROWTH_LOAN, "a machine is equipment (« matériels »)"),
    ("matériel", GROWTH_LOAN, "the fiche funds « investissements matériels »"),
    ("changer ma vitrine", SHOPS, "shop front works"),
    ("travaux dans ma boutique", SHOPS, "shop renovation"),
    ("apprenti", FIRST_HIRE, "an apprentice is a hire"),
    ("je veux embaucher un apprenti", FIRST_HIRE, "fillers dropped, hiring"),
    ("alternant", FIRST_HIRE, "a work-study student is a hire"),
    ("alternance", FIRST_HIRE, "work-study is hiring"),
    ("stagiaire", FIRST_HIRE, "an intern is a hire"),
    ("ouvrir un commerce à Vitry", SHOP_OPENING, "opening a shop"),
    ("coiffeur", SHOPS, "a hairdresser is a craft shop"),
    ("salon de coiffure", SHOPS, "phrase of a trade"),
    ("restaurant", SHOPS, "a restaurant is a local business"),
    ("boucherie", SHOPS, "a butcher's is a craft shop"),
    ("plombier", "plie-180-jours-btp", "a plumber works in construction"),
    # The jobseeker in Orly who wants to start a cleaning business.
    ("nettoyage", HONOUR_LOAN, "a cleaning business is started by an independent founder"),
    ("créer une entreprise de nettoyage à Orly", BUS, "the Orly founder"),
    ("lancer mon activité de nettoyage", BUS, "starting a service business"),
    ("argent pour lancer mon activité", HONOUR_LOAN, "money to start, stop words dropped"),
    ("démarrer", HONOUR_LOAN, "starting a business"),
    ("démarrer mon activité", BUS, "starting a business"),
    ("lancer ma boîte", HONOUR_LOAN, "colloquial: starting a business"),
    ("monter ma boîte à Orly", BUS, "colloquial, with the town"),
    ("des sous pour démarrer", HONOUR_LOAN, "colloquial money"),
    ("je suis au chômage et je veux créer", BUS, "a jobseeker who wants to start"),
    ("me mettre à mon compte", HONOUR_LOAN, "becoming self-employed"),
    ("auto-entrepreneur", "independants-numerique", "the micro-entrepreneur status"),
    # The metalworking SME in Athis-Mons hiring 5.
    ("embaucher des salariés", FIRST_HIRE, "hiring staff"),
    ("trouver du personnel", "orly-international-job-meetings", "finding staff"),
    ("usine", KATALYSE, "a factory is industry"),
    ("métallurgie", KATALYSE, "metalworking is industry"),
    # Money and trouble.
    ("trésorerie difficile", REBOUND, "cash trouble"),
    ("problème de trésorerie", REBOUND, "cash trouble"),
    ("impayés", REBOUND, "unpaid invoices are a difficulty"),
    ("dépôt de bilan", REBOUND, "insolvency is a difficulty"),
    ("emprunter à la banque", "garantie-pret-bancaire-seine-amont", "a bank loan"),
    ("financer mes embauches", ALIXIO, "money for jobs"),
    # Premises, vehicles, digital, energy, export, transmission, network.
    ("louer un bureau", "tiers-lieu-portes-essonne", "renting a desk"),
    ("camionnette", LOGISTICS, "a van is a vehicle"),
    ("livraison à vélo", LOGISTICS, "delivery by bike"),
    ("site internet", "independants-numerique", "a website is digital"),
    ("piratage", "diagnostic-cybersecurite", "hacking is cyber security"),
    ("facture d'électricité", "diagnostic-transition-ecologique", "energy bills"),
    ("vendre à l'étranger", "cap-export-sud-francilien", "selling abroad is export"),
    ("racheter une société", "reprise-entreprise-val-de-marne", "buying a business"),
    ("départ à la retraite", "reprise-entreprise-val-de-marne", "handing over a business"),
    ("prototype", "avance-remboursable-innovation", "a prototype is innovation"),
    ("personnes âgées", "innovation-sante-silver", "the elderly: silver economy"),
    ("rencontrer des chefs d'entreprise", "club-entreprises-orly-rungis", "networking"),
]

# SQLite cannot stem: the cases it still misses, with the reason (printed by pytest -ra). They
# are ranking misses: the fiche is found, and bm25 over light-stem prefixes puts it 7th to 10th
# (``--runxfail`` prints each rank).
HIRING_RANK = (
    "bm25 ranks the fiches that repeat « emploi » or « recrutement » (Alixio, ESS, job meetings, "
    "BTP, airport trainings) above the first-hire grant"
)
CREATION_RANK = (
    "bm25 ranks the longer fiches holding more of the expanded terms (pépinières, Alixio, shop "
    "aids) above it"
)
SQLITE_MISSES = {
    "je veux embaucher un apprenti": HIRING_RANK,
    "embaucher des salariés": HIRING_RANK,
    "lancer mon activité de nettoyage": CREATION_RANK,
    "argent pour lancer mon activité": CREATION_RANK,
    "démarrer mon activité": CREATION_RANK,
    "monter ma boîte à Orly": CREATION_RANK,
    "des sous pour démarrer": CREATION_RANK,
    "racheter une société": CREATION_RANK,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected", "note"), CASES, ids=[c[0] for c in CASES])
def test_expected_fiche_in_top_5(demo_guide, query, expected, note, request):
    if connection.vendor == "sqlite" and query in SQLITE_MISSES:
        request.applymarker(
            pytest.mark.xfail(reason=f"SQLite: {SQLITE_MISSES[query]}", strict=True)
        )
    top = top_slugs(demo_guide, query, limit=5)
    if expected not in top:
        found = top_slugs(demo_guide, query, limit=100)
        rank = found.index(expected) + 1 if expected in found else "not found"
        pytest.fail(f"{query!r} ({note}): expected {expected} (rank {rank}), got {top}")


def test_the_set_is_large_enough():
    assert len(CASES) >= 40
    assert len({query for query, _slug, _note in CASES}) == len(CASES)
