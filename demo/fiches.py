"""The fiches of the demo guide.

``SEED_FICHES`` come from the two source documents (``demo/sources``, copies of shared/seeds):
their real operators, figures, deadlines and contacts. Every structured fact of theirs is listed
in ``demo/seed_facts.py`` with the sentence of the source it comes from, and
tests/demo/test_seed_facts.py fails when a fiche says something the table does not. Where a
source says nothing, the field stays empty: no verification date (``last_verified`` is None,
« Fiches à vérifier » then counts the fiche's first publication), no sector, audience or stage
the source does not state, no funder it does not name, and the recurrence is left at its default
(the page reads « Date limite : Non communiquée »). What the source leaves unsaid, the
description says so and sends the reader to the contact.

``FICTIONAL_FICHES`` are realistic but invented: each has an operator whose name says
"(fictif)", with placeholder contacts. They make the guide cover every aid type, audience and
status, and only they carry verification dates, demo content like the rest of them: most were
checked in the last months, a few open ones more than six months ago, so that « Fiches à
vérifier » lists them (and only them) on a freshly loaded demo.

Dates: a ``datetime.date`` is a real date; an ``int`` is a number of days from the day the demo
is loaded, so that "ferme bientôt", "à venir" and "clôturé" stay true whenever it is loaded.
Territories are COG codes (``DEP-94``, ``COM-94054``, ``EPCI-200058014``).
"""

import datetime

EPT = "EPCI-200058014"
VAL_DE_MARNE = "DEP-94"
ESSONNE = "DEP-91"
ILE_DE_FRANCE = "REG-11"


def component(aid_type, label="", **figures):
    """A financial component: amount, unit, rate, duration (months), ceiling, share, days..."""
    return {"aid_type": aid_type, "label": label, **figures}


SEED_FICHES = [
    {
        "slug": "katalyse-pmi-val-de-marne",
        "title": "Katalyse – Accompagnement et soutien à l'investissement des PMI du Val-de-Marne",
        "promesse": (
            "Développez votre PMI avec un consultant dédié et un soutien financier à "
            "l'investissement"
        ),
        "description": (
            "<p>Le cabinet Katalyse propose un accompagnement destiné aux petites et moyennes "
            "industries du Val-de-Marne ayant une idée ou un projet de développement.</p>"
            "<p>L'aide s'articule autour d'une prestation d'appui-projet dédiée par un "
            "consultant de Katalyse (jusqu'à 10 jours d'accompagnement et de conseil) et d'un "
            "soutien financier à l'investissement plafonné à 60 000 €.</p>"
            "<p>La source ne précise pas la forme du soutien financier : à confirmer avec "
            "Katalyse.</p>"
        ),
        "eligibility": [
            "Petite ou moyenne industrie (PMI) du Val-de-Marne",
            "Avoir une idée ou un projet de développement",
        ],
        # « soutien financier à l'investissement »: which investments, the source does not say
        # (demo/seed_facts.py).
        "covered_expenses": [
            "Vos investissements (la source ne dit pas lesquels : à confirmer avec Katalyse)",
        ],
        "aid_types": ["accompagnement", "subvention"],
        "components": [
            component(
                "accompagnement", "Appui-projet par un consultant Katalyse", advisory_days=10
            ),
            # « soutien financier » of an unstated form: filed as a grant, the doubt in the
            # description (demo/seed_facts.py).
            component("subvention", "Soutien financier à l'investissement", ceiling=60000),
        ],
        "audiences": ["pmi"],
        "company_sizes": ["mic", "pme"],
        "sectors": ["industrie"],
        "project_stages": ["developpement", "investissement"],
        "territories": [VAL_DE_MARNE],
        "closing_date": datetime.date(2023, 12, 31),
        "operator": "katalyse",
        "programme": "revitalisation-gosb",
        "contacts": ["katalyse-hespel"],
        "operator_url": "https://www.katalyse.com/",
    },
    {
        "slug": "alixio-pme-pmi-val-de-marne-essonne",
        "title": "Alixio – Accompagnement des PME-PMI du Val-de-Marne et de l'Essonne",
        "promesse": (
            "Financez vos créations d'emplois en CDI avec un prêt à taux zéro et une subvention "
            "par emploi créé"
        ),
        "description": (
            "<p>Le cabinet Alixio propose des fonds destinés aux PME et PMI du Val-de-Marne et "
            "aux PMI implantées ou en cours d'implantation en Essonne, qui ont des projets de "
            "développement générateurs d'emplois. Les structures de l'ESS du territoire y ont "
            "accès aux mêmes conditions.</p>"
            "<p>Le prêt n'est pas affecté : il permet de financer le besoin en fonds de "
            "roulement (BFR) de l'entreprise. La subvention est indissociable du prêt et peut "
            "accompagner au plus un tiers du programme d'emplois. Pour les entreprises "
            "essonniennes, l'aide comprend également une subvention pour financer une "
            "prestation de conseil.</p>"
        ),
        "eligibility": [
            # Who, where: its two eligibility cases below (the fiche's « Pour qui ? » says them).
            "Projet de développement générateur d'au moins 3 créations nettes d'emplois en CDI "
            "dans les 2 ans",
        ],
        # The loan is not tied to an expense; the Essonne grant pays for advice (seed_facts.py).
        "covered_expenses": [
            "Le besoin en fonds de roulement (BFR) : le prêt n'est pas affecté à une dépense "
            "précise",
            "Une prestation de conseil (entreprises de l'Essonne)",
        ],
        "aid_types": ["pret", "subvention"],
        "components": [
            component(
                "pret",
                "Prêt à taux zéro",
                amount=15000,
                unit="emploi_cree",
                rate=0,
                duration_months=60,
                ceiling=225000,
                conditions="Sans caution personnelle\n"
                "Non affecté : finance notamment le besoin en fonds de roulement (BFR)",
            ),
            component(
                "subvention",
                "Subvention à la création d'emplois",
                amount=5000,
                unit="emploi_cree",
                ceiling=25000,
                # « pouvant accompagner maximum un tiers du programme d'emplois »: one job in
                # three (both ceilings are 15 jobs: 15 × 15 000 €, 5 × 5 000 €).
                unit_share_count=1,
                unit_share_total=3,
                conditions="Indissociable du prêt",
            ),
            component(
                "subvention",
                "Subvention pour une prestation de conseil",
                ceiling=15000,
                territory=ESSONNE,
                conditions="Réservée aux entreprises essonniennes",
            ),
        ],
        # « Entreprises et structures ESS du Territoire, […] plusieurs fonds sont aujourd'hui
        # mobilisables »: in the Val-de-Marne the fund is for every SME, so an ESS structure of
        # that size; in the Essonne only industrial ones, which the PMI audience already says.
        "audiences": ["pme", "pmi", "ess"],
        "company_sizes": ["mic", "pme"],
        "min_jobs_created": 3,
        # « des fonds destinés aux PME/PMI du Val-de-Marne et aux PMI implantées ou en cours
        # d'implantation en Essonne »
        "cases": [
            {"territories": [VAL_DE_MARNE], "audiences": ["pme", "pmi", "ess"]},
            {
                "territories": [ESSONNE],
                "audiences": ["pmi"],
                "establishment": "implantee-ou-en-cours",
            },
        ],
        "sectors": [],
        "project_stages": ["developpement", "recrutement"],
        "territories": [VAL_DE_MARNE, ESSONNE],
        "operator": "alixio",
        "programme": "revitalisation-gosb",
        "contacts": ["alixio-blard"],
        "is_featured": True,
    },
    {
        "slug": "silver-innov-ivry",
        "title": "Silver Innov' – Pépinière et hôtel d'entreprises à Ivry-sur-Seine",
        "promesse": "Installez votre entreprise dans une pépinière et hôtel d'entreprises à Ivry",
        "description": (
            "<p>Silver Innov' est une pépinière et un hôtel d'entreprises à Ivry-sur-Seine, "
            "l'une des actions d'entrepreneuriat financées par les conventions de "
            "revitalisation du territoire.</p>"
            "<p>Selon la Banque des Territoires et le réseau Silver Valley, c'est une "
            "plateforme immobilière dédiée à la silver économie (produits et services pour les "
            "personnes âgées), ouverte par l'ancienne communauté d'agglomération Seine-Amont.</p>"
            "<p>Les conditions d'accueil, les loyers et les services ne sont pas donnés par la "
            "source : le service développement économique du territoire vous renseigne.</p>"
        ),
        "eligibility": [
            "S'installer dans la pépinière ou l'hôtel d'entreprises, à Ivry-sur-Seine",
            "Conditions d'accueil à demander au contact",
        ],
        "aid_types": ["hebergement", "accompagnement"],
        "components": [],
        "audiences": [],
        "sectors": [],
        "project_stages": ["creation", "developpement"],
        "territories": [EPT],
        "operator": "silver-innov",
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
    },
    {
        "slug": "la-fabrique-cachan",
        "title": "La Fabrique – Pépinière et hôtel d'entreprises à Cachan",
        "promesse": "Trouvez des locaux et un accompagnement pour votre entreprise à Cachan",
        "description": (
            "<p>La Fabrique est une pépinière et un hôtel d'entreprises à Cachan, l'une des "
            "actions d'entrepreneuriat financées par les conventions de revitalisation du "
            "territoire.</p>"
            "<p>Les conditions d'accueil, les loyers et les services ne sont pas donnés par la "
            "source : le service développement économique du territoire vous renseigne.</p>"
        ),
        "eligibility": [
            "S'installer dans la pépinière ou l'hôtel d'entreprises, à Cachan",
            "Conditions d'accueil à demander au contact",
        ],
        "aid_types": ["hebergement", "accompagnement"],
        "components": [],
        "audiences": [],
        "sectors": [],
        "project_stages": ["creation", "developpement"],
        "territories": [EPT],
        "operator": "la-fabrique",
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
    },
    {
        "slug": "bus-entrepreneuriat-orly",
        "title": "Bus de l'entrepreneuriat dans les quartiers d'Orly",
        "promesse": "Parlez de votre projet d'entreprise au Bus de l'entrepreneuriat, dans votre quartier",
        "description": (
            "<p>Le Bus de l'entrepreneuriat va dans les quartiers d'Orly, au service des "
            "habitants qui veulent entreprendre. C'est l'une des actions d'entrepreneuriat "
            "financées par les conventions de revitalisation du territoire.</p>"
            "<p>La source ne dit ni qui le porte, ni quand il passe, ni ce qu'il propose : le "
            "service développement économique du territoire vous renseigne.</p>"
        ),
        "eligibility": ["Projet de création d'entreprise, à Orly"],
        "aid_types": ["accompagnement"],
        "components": [],
        "audiences": ["createurs"],
        "sectors": [],
        "project_stages": ["creation"],
        "territories": ["COM-94054"],
        "operator": "bus-entrepreneuriat",
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
    },
    {
        "slug": "plie-180-jours-btp",
        "title": "180 jours pour décrocher un emploi durable dans le BTP",
        "promesse": "Recrutez dans le BTP des candidats accompagnés vers un emploi durable",
        "description": (
            "<p>Porté par le PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi, le dispositif "
            "« 180 jours pour décrocher un emploi durable dans le secteur du BTP » est l'une "
            "des actions d'emploi et d'insertion financées par les conventions de "
            "revitalisation du territoire. Une entreprise du BTP qui recrute peut y trouver ses "
            "candidats.</p>"
            "<p>La source ne détaille pas le déroulement du dispositif : le service "
            "développement économique du territoire vous renseigne.</p>"
        ),
        "eligibility": ["Entreprise du BTP qui recrute"],
        "aid_types": ["mise-en-relation"],
        "components": [],
        "audiences": [],
        "sectors": ["btp"],
        "project_stages": ["recrutement"],
        "territories": ["COM-94022", "COM-94054", "COM-94077"],
        "operator": "plie",
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
    },
    {
        "slug": "orly-international-job-meetings",
        "title": "Job meetings d'Orly International",
        "promesse": "Rencontrez des candidats pour vos postes à pourvoir lors d'un job meeting",
        "description": (
            "<p>Orly International organise des job meetings, où des entreprises qui recrutent "
            "rencontrent des candidats. Ils font partie des actions d'emploi et d'insertion "
            "financées par les conventions de revitalisation du territoire.</p>"
            "<p>La source n'en donne ni les dates ni les modalités : le service développement "
            "économique du territoire vous renseigne.</p>"
        ),
        "eligibility": ["Entreprise qui recrute"],
        "aid_types": ["mise-en-relation"],
        "components": [],
        "audiences": [],
        "sectors": [],
        "project_stages": ["recrutement"],
        "territories": [EPT],
        "operator": "orly-international",
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
    },
    {
        "slug": "reboost-cci-val-de-marne",
        "title": "Reboost – Soutien aux entreprises de la CCI du Val-de-Marne",
        "promesse": "Faites-vous soutenir par la CCI du Val-de-Marne avec le dispositif Reboost",
        "description": (
            "<p>Reboost est un dispositif de soutien aux entreprises porté par la CCI du "
            "Val-de-Marne et cofinancé par les trois établissements publics territoriaux du "
            "département : Grand-Orly Seine Bièvre, Paris Est Marne &amp; Bois et Grand Paris Sud "
            "Est Avenir. C'est l'une des actions financées par les conventions de "
            "revitalisation du territoire.</p>"
            "<p>La source ne précise ni le public ni le contenu du soutien : la CCI ou le "
            "service développement économique du territoire vous renseignent.</p>"
        ),
        "eligibility": ["Entreprise du Val-de-Marne"],
        "aid_types": ["accompagnement"],
        "components": [],
        "audiences": [],
        "sectors": [],
        "project_stages": [],
        "territories": [VAL_DE_MARNE],
        "operator": "cci-94",
        "funders": ["gosb", "pemb", "gpsea"],
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
    },
    {
        "slug": "appui-rh-tpe-pme",
        "title": "Appui RH des TPE/PME",
        "promesse": "Faites-vous aider sur vos questions de ressources humaines avec l'Appui RH",
        "description": (
            "<p>Porté par le Grand-Orly Seine Bièvre, l'Appui RH des TPE/PME s'adresse aux TPE "
            "et PME de moins de 50 salariés du territoire. Les conventions de revitalisation "
            "soutiennent ce dispositif.</p>"
            "<p>La source ne détaille pas le contenu de l'appui : le service développement "
            "économique du territoire vous renseigne.</p>"
        ),
        "eligibility": ["TPE ou PME de moins de 50 salariés du territoire"],
        "aid_types": ["accompagnement"],
        "components": [],
        "audiences": ["tpe", "pme"],
        "company_sizes": ["mic", "pme"],
        "staff_max": 49,
        "sectors": [],
        "project_stages": [],
        "territories": [EPT],
        "operator": "gosb",
        "programme": "revitalisation-gosb",
        "contacts": ["gosb-entreprises"],
        "is_featured": True,
    },
]

FICTIONAL_FICHES = [
    {
        "slug": "pret-honneur-createurs",
        "title": "Prêt d'honneur pour les créateurs et repreneurs",
        "promesse": "Renforcez vos fonds propres avec un prêt personnel sans intérêt ni garantie",
        "description": "<p>Prêt personnel au dirigeant, sans intérêts ni garantie, qui facilite "
        "l'obtention d'un prêt bancaire.</p>",
        "eligibility": ["Création ou reprise depuis moins de 2 ans", "Projet validé par un comité"],
        "covered_expenses": [
            "Votre apport personnel au capital de l'entreprise",
            "Les dépenses de démarrage : matériel, premier stock, véhicule utilitaire",
        ],
        "project_examples": [
            "Une créatrice d'entreprise de nettoyage qui achète son matériel et un utilitaire",
            "Un repreneur de boulangerie qui complète son apport pour obtenir le prêt bancaire",
        ],
        "aid_types": ["pret", "accompagnement"],
        "components": [
            component("pret", "Prêt d'honneur", ceiling=30000, rate=0, duration_months=60),
            component("accompagnement", "Parrainage par un chef d'entreprise", advisory_days=12),
        ],
        "audiences": ["createurs", "independants"],
        "project_stages": ["creation"],
        "territories": [EPT],
        "recurrence": "permanente",
        "operator": "initiative-bievre",
        "contacts": ["initiative-bievre"],
        "last_verified": -20,
    },
    {
        "slug": "garantie-pret-bancaire-seine-amont",
        "title": "Garantie de prêt bancaire Seine-Amont",
        "promesse": "Obtenez votre prêt bancaire plus facilement grâce à une garantie publique",
        "description": "<p>Garantie partielle des prêts bancaires de développement.</p>",
        "eligibility": ["Prêt bancaire d'au moins 20 000 €"],
        "aid_types": ["garantie"],
        "components": [
            component(
                "garantie",
                "Garantie du prêt",
                ceiling=200000,
                max_share_percent=70,
                max_share_basis="du prêt bancaire",
            )
        ],
        "audiences": ["tpe", "pme"],
        "company_sizes": ["mic", "pme"],
        "project_stages": ["developpement", "investissement"],
        "territories": [ILE_DE_FRANCE],
        "recurrence": "permanente",
        "operator": "garantie-seine-amont",
        "contacts": ["garantie-seine-amont"],
        "last_verified": -236,
    },
    {
        "slug": "avance-remboursable-innovation",
        "title": "Avance remboursable pour l'innovation",
        "promesse": "Financez le développement de votre innovation avant sa mise sur le marché",
        "description": "<p>Avance à taux zéro, remboursable en cas de succès.</p>",
        "eligibility": ["Projet innovant au stade du prototype", "Au moins un salarié"],
        "covered_expenses": [
            "La conception et la fabrication du prototype, les essais",
            "Les salaires de l'équipe qui travaille sur le projet",
            "Les prestations d'un laboratoire ou d'un bureau d'études",
            "Le dépôt de brevet",
        ],
        "project_examples": [
            "Une PME industrielle qui met au point une nouvelle machine",
            "Une startup qui teste son application avec ses premiers clients",
        ],
        "aid_types": ["avance-remboursable"],
        "components": [
            component(
                "avance-remboursable",
                "Avance remboursable",
                ceiling=100000,
                rate=0,
                duration_months=84,
                max_share_percent=50,
                max_share_basis="des dépenses du projet",
            )
        ],
        "audiences": ["startups", "pme", "pmi"],
        "staff_min": 1,
        "sectors": ["numerique", "industrie"],
        "project_stages": ["innovation"],
        "territories": [ESSONNE],
        "opening_date": -60,
        "closing_date": 12,
        "operator": "orge-innovation",
        "contacts": ["orge-innovation"],
        "is_featured": True,
        "last_verified": -15,
    },
    {
        "slug": "modernisation-commerces",
        "title": "Aide à la modernisation des commerces de proximité",
        "promesse": "Rénovez votre vitrine et équipez votre commerce pour mieux accueillir vos clients",
        "description": "<p>Subvention pour la rénovation et l'accessibilité des commerces.</p>",
        "eligibility": [
            "Commerce ou artisan avec vitrine en rez-de-chaussée",
            "Moins de 10 salariés",
        ],
        # The equipment line says « four » and « machine »: a baker's new oven is covered, and
        # the questionnaire computes 30 % of its price.
        "covered_expenses": [
            "Matériel et équipements professionnels (four, vitrine réfrigérée, machine)",
            "Travaux d'aménagement et de mise aux normes du local",
            "Rénovation de la vitrine, de la devanture et de l'enseigne",
            "Mise en accessibilité (rampe, porte, comptoir adapté)",
        ],
        "project_examples": [
            "Une boulangerie qui remplace son four",
            "Un fleuriste qui refait sa devanture et son enseigne",
            "Un salon de coiffure qui installe une rampe d'accès",
        ],
        "how_to_apply": (
            "<ol><li>Appelez le réseau avant de commander : il vérifie que votre projet entre "
            "dans l'aide.</li>"
            "<li>Demandez vos devis, sans les signer.</li>"
            "<li>Déposez votre demande en ligne avec vos devis et votre extrait Kbis ou "
            "d'immatriculation au répertoire des métiers.</li>"
            "<li>Après l'accord, réalisez l'achat ou les travaux, puis envoyez les factures "
            "acquittées : l'aide est versée sur facture.</li></ol>"
        ),
        "application_url": "https://demarches.grand-orly-commerce.example/modernisation",
        "call_checklist": [
            "Votre numéro SIRET",
            "Vos devis, non signés : l'aide se demande avant de commander",
            "Une photo de votre vitrine ou du matériel à remplacer",
        ],
        "aid_types": ["subvention"],
        "components": [
            component(
                "subvention",
                "Subvention travaux",
                ceiling=10000,
                max_share_percent=30,
                max_share_basis="des dépenses éligibles",
            )
        ],
        "audiences": ["commercants-artisans", "tpe"],
        "company_sizes": ["mic"],
        "staff_max": 9,
        "sectors": ["commerce", "artisanat"],
        "project_stages": ["investissement"],
        "territories": [EPT],
        "opening_date": -120,
        "closing_date": 25,
        "operator": "commerce-proximite",
        "contacts": ["commerce-proximite"],
        "last_verified": -40,
    },
    {
        "slug": "cap-export-sud-francilien",
        "title": "Cap Export – premiers pas à l'international",
        "promesse": "Préparez votre première mission de prospection à l'étranger",
        "description": "<p>Formation collective et accompagnement individuel à l'export.</p>",
        "eligibility": ["Entreprise qui n'exporte pas encore ou moins de 10 % de son chiffre"],
        "aid_types": ["formation", "accompagnement"],
        "components": [
            component("accompagnement", "Accompagnement individuel", advisory_days=5),
        ],
        "audiences": ["pme", "pmi"],
        "project_stages": ["international"],
        "territories": [ILE_DE_FRANCE],
        "opening_date": 20,
        "closing_date": 120,
        "operator": "export-sud",
        "contacts": ["export-sud"],
        "last_verified": -8,
    },
    {
        "slug": "diagnostic-transition-ecologique",
        "title": "Diagnostic énergie et transition écologique",
        "promesse": "Réduisez vos factures d'énergie grâce à un diagnostic financé",
        "description": "<p>Diagnostic par un bureau d'études et subvention aux premiers travaux.</p>",
        "eligibility": ["Site d'activité sur le territoire"],
        "covered_expenses": [
            "Le diagnostic énergie par un bureau d'études",
            "Les premiers travaux qu'il recommande : éclairage LED, isolation, réglage du "
            "chauffage",
        ],
        "aid_types": ["accompagnement", "subvention"],
        "components": [
            component("accompagnement", "Diagnostic énergie", advisory_days=3),
            component("subvention", "Premiers travaux", ceiling=20000),
        ],
        "audiences": ["tpe", "pme", "pmi"],
        "sectors": ["environnement"],
        "project_stages": ["transition-ecologique"],
        "territories": [EPT],
        "opening_date": -200,
        "closing_date": 90,
        "manual_state": "epuisee",
        "operator": "transition-bievre",
        "programme": "fonds-bievre-fictif",
        "contacts": ["transition-bievre"],
        "last_verified": -130,
    },
    {
        "slug": "emploi-ess",
        "title": "Aide à l'emploi dans les structures de l'ESS",
        "promesse": "Créez un poste durable dans votre association ou votre coopérative",
        "description": "<p>Subvention dégressive sur trois ans pour un premier emploi.</p>",
        "eligibility": ["Association, coopérative ou entreprise agréée ESUS"],
        "aid_types": ["subvention"],
        "components": [
            component("subvention", "Aide au poste", amount=8000, unit="an", ceiling=24000),
        ],
        "audiences": ["ess"],
        "project_stages": ["recrutement"],
        "territories": [VAL_DE_MARNE],
        "opening_date": -300,
        "closing_date": -40,
        "operator": "atelier-ess",
        "contacts": ["atelier-ess"],
        "last_verified": -210,
    },
    {
        "slug": "formation-metiers-aeroportuaires",
        "title": "Formations sur mesure aux métiers aéroportuaires",
        "promesse": "Formez vos futurs salariés aux métiers de la piste et du fret",
        "description": "<p>Formations préalables à l'embauche construites avec l'entreprise.</p>",
        "eligibility": ["Au moins 5 postes à pourvoir"],
        "aid_types": ["formation", "mise-en-relation"],
        "components": [],
        "audiences": ["pme", "eti"],
        "company_sizes": ["pme", "eti"],
        "sectors": ["aeronautique", "logistique"],
        "project_stages": ["recrutement"],
        "territories": [EPT],
        "recurrence": "recurrente",
        "operator": "campus-aero",
        "contacts": ["campus-aero"],
        "last_verified": -74,
    },
    {
        "slug": "club-entreprises-orly-rungis",
        "title": "Club d'entreprises Orly-Rungis",
        "promesse": "Rejoignez le réseau des dirigeants du pôle Orly-Rungis",
        "description": "<p>Rencontres mensuelles, partage de contacts, achats groupés.</p>",
        "eligibility": ["Entreprise implantée à Orly, Rungis, Thiais ou Chevilly-Larue"],
        "aid_types": ["mise-en-relation"],
        "components": [],
        "audiences": ["tpe", "pme", "eti"],
        "territories": ["COM-94054", "COM-94065", "COM-94073", "COM-94021"],
        "recurrence": "permanente",
        "operator": "club-orly-rungis",
        "contacts": ["club-orly-rungis"],
        "last_verified": -262,
    },
    {
        "slug": "incubateur-numerique-villejuif",
        "title": "Incubateur numérique de Villejuif",
        "promesse": "Accélérez votre startup avec un bureau et des experts pendant un an",
        "description": "<p>Programme d'incubation de 12 mois pour les startups du numérique.</p>",
        "eligibility": ["Startup de moins de 2 ans", "Projet numérique innovant"],
        "aid_types": ["hebergement", "accompagnement"],
        "components": [component("accompagnement", "Ateliers et mentorat", advisory_days=20)],
        "audiences": ["startups", "createurs"],
        "sectors": ["numerique"],
        "project_stages": ["creation", "innovation"],
        "territories": [EPT],
        "opening_date": -30,
        "closing_date": 8,
        "operator": "incubateur-villejuif",
        "contacts": ["incubateur-villejuif"],
        "last_verified": -19,
    },
    {
        "slug": "pret-croissance-eti",
        "title": "Prêt croissance pour les entreprises de taille intermédiaire",
        "promesse": "Financez votre nouvelle unité de production sur le territoire",
        "description": "<p>Prêt de long terme pour les investissements immatériels et matériels.</p>",
        "eligibility": ["Entreprise de 250 à 4 999 salariés", "Investissement sur le territoire"],
        "aid_types": ["pret"],
        "components": [
            component("pret", "Prêt croissance", ceiling=5000000, rate="1.50", duration_months=120)
        ],
        "audiences": ["eti"],
        "company_sizes": ["eti"],
        "staff_min": 250,
        "staff_max": 4999,
        "min_years_in_business": 3,
        "sectors": ["industrie", "logistique"],
        "project_stages": ["investissement", "developpement"],
        "territories": [ILE_DE_FRANCE],
        "recurrence": "permanente",
        "operator": "bpi-sud",
        "contacts": ["bpi-sud"],
        "last_verified": -118,
    },
    {
        "slug": "independants-numerique",
        "title": "Ateliers numériques pour les indépendants",
        "promesse": "Gagnez des clients en ligne grâce à des ateliers courts et gratuits",
        "description": "<p>Cycle de six ateliers : site web, réseaux sociaux, facturation.</p>",
        "eligibility": ["Micro-entrepreneur ou indépendant installé sur le territoire"],
        "aid_types": ["formation"],
        "components": [],
        "audiences": ["independants", "commercants-artisans"],
        "company_sizes": ["mic"],
        "staff_max": 0,
        "project_stages": ["developpement"],
        "territories": [EPT],
        "recurrence": "recurrente",
        "opening_date": 10,
        "closing_date": 60,
        "operator": "independants-connect",
        "contacts": ["independants-connect"],
        "last_verified": -5,
    },
    {
        "slug": "tiers-lieu-portes-essonne",
        "title": "Bureaux partagés au tiers-lieu des Portes de l'Essonne",
        "promesse": "Louez un poste de travail à petit prix près de chez vous",
        "description": "<p>Postes en coworking et salles de réunion à tarif réduit.</p>",
        "eligibility": ["Entreprise ou indépendant de l'Essonne"],
        "aid_types": ["hebergement"],
        "components": [
            component(
                "hebergement",
                "Poste de travail",
                amount=150,
                unit="mois",
                conditions="Tarif réduit la première année",
            )
        ],
        "audiences": ["independants", "createurs", "tpe"],
        "territories": ["COM-91027", "COM-91326", "COM-91479"],
        "recurrence": "permanente",
        "operator": "tiers-lieu-athis",
        "contacts": ["tiers-lieu-athis"],
        "last_verified": -96,
    },
    {
        "slug": "reprise-entreprise-val-de-marne",
        "title": "Reprendre une entreprise dans le Val-de-Marne",
        "promesse": "Trouvez une entreprise à reprendre et faites-vous accompagner jusqu'à la signature",
        "description": "<p>Bourse d'opportunités, formation des repreneurs et suivi.</p>",
        "eligibility": ["Projet de reprise d'une entreprise du Val-de-Marne"],
        "aid_types": ["mise-en-relation", "formation"],
        "components": [],
        "audiences": ["createurs"],
        "project_stages": ["creation"],
        "territories": [VAL_DE_MARNE],
        "recurrence": "permanente",
        "operator": "reprise-transmission",
        "contacts": ["reprise-transmission"],
        "last_verified": -201,
    },
    {
        "slug": "accelerateur-agroalimentaire-rungis",
        "title": "Accélérateur agroalimentaire de Rungis",
        "promesse": "Faites grandir votre marque alimentaire avec les grossistes du marché",
        "description": "<p>Programme de six mois avec les professionnels du marché de Rungis.</p>",
        "eligibility": ["Entreprise agroalimentaire de moins de 50 salariés"],
        "aid_types": ["accompagnement", "mise-en-relation"],
        "components": [component("accompagnement", "Programme d'accélération", advisory_days=15)],
        "audiences": ["pme", "tpe", "startups"],
        "staff_max": 49,
        "sectors": ["agroalimentaire"],
        "project_stages": ["developpement", "innovation"],
        "territories": [ILE_DE_FRANCE],
        "opening_date": 45,
        "closing_date": 150,
        "operator": "rungis-agro",
        "contacts": ["rungis-agro"],
        "last_verified": -30,
    },
    {
        "slug": "premier-recrutement-tpe",
        "title": "Aide au premier recrutement en CDI",
        "promesse": "Embauchez votre premier salarié en CDI avec une aide forfaitaire",
        "description": "<p>Aide pour l'embauche d'un premier salarié en CDI.</p>",
        "eligibility": ["Aucun salarié au cours des 12 derniers mois", "Embauche en CDI"],
        "covered_expenses": ["Une partie du salaire de votre premier salarié en CDI"],
        "project_examples": [
            "Un artisan plombier qui embauche son premier compagnon",
            "Une graphiste indépendante qui recrute une assistante",
        ],
        "aid_types": ["subvention"],
        "components": [
            component(
                "subvention", "Aide à l'embauche", amount=4000, unit="recrutement", ceiling=8000
            )
        ],
        "audiences": ["tpe", "independants"],
        "company_sizes": ["mic"],
        "staff_max": 0,
        "project_stages": ["recrutement"],
        "territories": [EPT],
        "opening_date": -90,
        "closing_date": 200,
        "operator": "emploi-bievre",
        "programme": "fonds-bievre-fictif",
        "contacts": ["emploi-bievre"],
        "last_verified": -57,
    },
    {
        "slug": "pret-industrie-vitry",
        "title": "Prêt pour la création d'emplois industriels",
        "promesse": "Financez l'embauche de vos futurs opérateurs de production",
        "description": "<p>Prêt à taux zéro par emploi industriel créé.</p>",
        "eligibility": ["Activité industrielle", "Au moins 2 emplois créés en CDI"],
        "aid_types": ["pret"],
        "components": [
            component(
                "pret",
                "Prêt à taux zéro",
                amount=10000,
                unit="emploi_cree",
                rate=0,
                duration_months=48,
                ceiling=100000,
            )
        ],
        "audiences": ["pmi"],
        "sectors": ["industrie"],
        "project_stages": ["recrutement", "developpement"],
        "territories": ["COM-94081", "COM-94041"],
        "opening_date": -400,
        "closing_date": -5,
        "operator": "initiative-bievre",
        "programme": "fonds-bievre-fictif",
        "contacts": ["initiative-bievre"],
        "last_verified": -160,
    },
    {
        "slug": "diagnostic-cybersecurite",
        "title": "Diagnostic cybersécurité pour les petites entreprises",
        "promesse": "Protégez votre entreprise des cyberattaques avec un diagnostic gratuit",
        "description": "<p>Deux jours d'audit et un plan d'action.</p>",
        "eligibility": ["Moins de 50 salariés"],
        "aid_types": ["accompagnement"],
        "components": [component("accompagnement", "Audit", advisory_days=2)],
        "audiences": ["tpe", "pme"],
        "staff_max": 49,
        "sectors": ["numerique", "services"],
        "project_stages": ["developpement"],
        "territories": [EPT],
        "recurrence": "permanente",
        "manual_state": "suspendu",
        "operator": "incubateur-villejuif",
        "contacts": ["incubateur-villejuif"],
        "last_verified": -145,
    },
    {
        "slug": "implantation-commerce-qpv",
        "title": "Aide à l'implantation de commerces dans les quartiers prioritaires",
        "promesse": "Ouvrez votre commerce en pied d'immeuble avec un loyer aidé",
        "description": "<p>Prise en charge d'une partie du loyer la première année.</p>",
        "eligibility": ["Local situé en quartier prioritaire de la politique de la ville (QPV)"],
        "covered_expenses": ["Une partie du loyer du local pendant la première année"],
        "project_examples": ["Une épicerie qui ouvre en pied d'immeuble"],
        "aid_types": ["subvention", "hebergement"],
        "components": [
            component("subvention", "Aide au loyer", amount=300, unit="mois", ceiling=3600)
        ],
        "audiences": ["commercants-artisans", "createurs"],
        "sectors": ["commerce"],
        "project_stages": ["creation"],
        "territories": ["COM-94078", "COM-94074", "COM-91687"],
        "opening_date": -50,
        "closing_date": 30,
        "operator": "commerce-proximite",
        "contacts": ["commerce-proximite"],
        "last_verified": -22,
    },
    {
        "slug": "garantie-structures-ess",
        "title": "Garantie des prêts aux structures de l'ESS",
        "promesse": "Empruntez pour développer votre projet d'utilité sociale",
        "description": "<p>Garantie des prêts bancaires des associations et coopératives.</p>",
        "eligibility": ["Structure de l'ESS de plus d'un an"],
        "aid_types": ["garantie"],
        "components": [
            component(
                "garantie",
                "Garantie",
                ceiling=150000,
                max_share_percent=50,
                max_share_basis="du prêt",
            )
        ],
        "audiences": ["ess"],
        "min_years_in_business": 1,
        "territories": [ILE_DE_FRANCE],
        "recurrence": "permanente",
        "operator": "garantie-seine-amont",
        "contacts": ["garantie-seine-amont"],
        "last_verified": -140,
    },
    {
        "slug": "avance-rebond",
        "title": "Avance remboursable pour rebondir",
        "promesse": "Retrouvez de la trésorerie pour passer un cap difficile",
        "description": "<p>Avance à taux zéro pour les entreprises fragilisées.</p>",
        "eligibility": ["Entreprise viable qui traverse une difficulté passagère"],
        "aid_types": ["avance-remboursable", "accompagnement"],
        "components": [
            component(
                "avance-remboursable",
                "Avance de trésorerie",
                ceiling=50000,
                rate=0,
                duration_months=36,
            ),
            component("accompagnement", "Suivi par un conseiller", advisory_days=4),
        ],
        "audiences": ["tpe", "pme", "commercants-artisans"],
        "project_stages": ["difficulte-rebond"],
        "territories": [VAL_DE_MARNE, ESSONNE],
        "opening_date": -100,
        "closing_date": 15,
        "operator": "rebond-94",
        "contacts": ["rebond-94"],
        "last_verified": -9,
    },
    {
        "slug": "logistique-decarbonee",
        "title": "Subvention pour une logistique décarbonée",
        "promesse": "Passez vos livraisons au vélo cargo ou à l'électrique",
        "description": "<p>Subvention à l'achat de véhicules propres.</p>",
        "eligibility": ["Activité de livraison ou de transport de marchandises"],
        "covered_expenses": [
            "L'achat d'un vélo cargo ou d'un triporteur électrique",
            "L'achat d'un utilitaire électrique",
        ],
        "project_examples": [
            "Un livreur qui remplace sa camionnette diesel par un utilitaire électrique"
        ],
        "aid_types": ["subvention"],
        "components": [
            component(
                "subvention",
                "Aide à l'achat",
                ceiling=12000,
                max_share_percent=40,
                max_share_basis="du prix d'achat",
            )
        ],
        "audiences": ["tpe", "pme"],
        "sectors": ["logistique", "environnement"],
        "project_stages": ["transition-ecologique", "investissement"],
        "territories": [EPT],
        "opening_date": -365,
        "closing_date": -90,
        "operator": "transition-bievre",
        "programme": "fonds-bievre-fictif",
        "contacts": ["transition-bievre"],
        "last_verified": -190,
    },
    {
        "slug": "innovation-sante-silver",
        "title": "Appel à projets innovation santé et silver économie",
        "promesse": "Testez votre solution pour le grand âge avec des établissements partenaires",
        "description": "<p>Subvention et expérimentation en établissement.</p>",
        "eligibility": ["Solution innovante au stade du prototype ou de la première série"],
        "aid_types": ["subvention", "mise-en-relation"],
        "components": [component("subvention", "Subvention d'expérimentation", ceiling=40000)],
        "audiences": ["startups", "pme"],
        "sectors": ["sante-silver"],
        "project_stages": ["innovation"],
        "territories": [ILE_DE_FRANCE],
        "recurrence": "recurrente",
        "opening_date": 30,
        "closing_date": 110,
        "operator": "living-lab-grand-age",
        "contacts": ["living-lab-grand-age"],
        "last_verified": -3,
    },
]

FICHES = SEED_FICHES + FICTIONAL_FICHES
