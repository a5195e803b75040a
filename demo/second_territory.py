"""The second guide of the instance: the mutualised revitalisation funds of the Bouches-du-Rhône.

From the second source document (shared/seeds, the prefecture's press release of the annual
steering committee of 12 April 2023): three complementary funds deployed by the DDETS, namely
Aix-Marseille Provence Amorçage (AMPA, with the Métropole and Pays d'Aix Développement since
2019), the fund managed by Airbus Développement and the fund managed by the ADIE; together
« 1 325 millions d'euros » (read as 1,325 million euros, the order of magnitude of such funds),
« plus de 1 100 créations de postes dans près de 170 entreprises ». The source gives no amount
per fund nor per aid: the fiches state none, and the figure is recorded once, for the three
funds together. Contacts are placeholders (".example", ARCEP's fiction range).

As for the first guide's fiches (demo/fiches.py), each structured fact of these fiches is listed
in ``demo/seed_facts.py`` with its sentence of the source; the source gives no verification
date, no sector and no public per fund, so the fiches have none. The funds are « alimentés par
les entreprises […] soumises à l'obligation de revitalisation »: the DDETS deploys them and is
not their funder, and the sources name none of the companies, so no fiche nor the programme has
a funder organisation.

French only: its English pages are not written yet, so ``/en/`` on this site leads to the French
pages with the notice the whole site uses for an untranslated page.
"""

import datetime

HOSTNAME = "fonds13.localhost"
SITE_NAME = "Fonds mutualisés de revitalisation des Bouches-du-Rhône"

SETTINGS = {
    "territory_name": "Bouches-du-Rhône",
    "referral_note": "À contacter de la part de la DDETS des Bouches-du-Rhône",
    "referral_note_en": "Please say you were referred by the DDETS of the Bouches-du-Rhône",
}

HOME = {
    "slug": "fonds-mutualises-13",
    "title": "Fonds mutualisés de revitalisation des Bouches-du-Rhône",
    "intro": (
        "Amorçage, prêts d'honneur, microcrédit : les aides des fonds mutualisés de "
        "revitalisation pour créer de l'activité et des emplois dans les Bouches-du-Rhône."
    ),
    "body": (
        "<h2>Des fonds alimentés par la revitalisation</h2>"
        "<p>Les fonds mutualisés sont alimentés par les entreprises qui ont mis en place un plan "
        "de sauvegarde de l'emploi et sont soumises à l'obligation de revitalisation des "
        "territoires affectés par des licenciements collectifs. Ils contribuent à la création "
        "d'activités et au développement de l'emploi.</p>"
        "<h2>La note de recommandation</h2>"
        "<p>Quand vous appelez un contact, précisez que vous venez <strong>de la part de la "
        "DDETS des Bouches-du-Rhône</strong>.</p>"
    ),
}

GUIDE_INDEX = {
    "slug": "aides",
    "title": "Les aides des fonds mutualisés",
    "intro": (
        "<p>Trois fonds complémentaires, tant sur les publics éligibles que sur les secteurs "
        "d'activité concernés.</p>"
    ),
}

RESULTS_PAGE = {
    "slug": "revitalisation-en-chiffres",
    "title": "La revitalisation en chiffres",
    "intro": (
        "<p>Ce que les fonds mutualisés ont permis dans les Bouches-du-Rhône, tel que présenté "
        "au comité de pilotage annuel réuni par la préfecture.</p>"
    ),
}

CONTENT_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "intro": "Éditeur, directeur de la publication et hébergeur du site.",
        "body": (
            "<h2>Éditeur</h2><p>Direction départementale de l'emploi, du travail et des "
            "solidarités des Bouches-du-Rhône (site de démonstration).</p>"
            "<h2>Directeur de la publication</h2><p>À compléter.</p>"
            "<h2>Hébergeur</h2><p>À compléter.</p>"
        ),
    },
]

ORGANISATIONS = [
    # key, name, acronym, SIREN, website
    (
        "ddets-13",
        "Direction départementale de l'emploi, du travail et des solidarités des Bouches-du-Rhône",
        "DDETS 13",
        "",
        "https://www.bouches-du-rhone.gouv.fr/",
    ),
    ("pays-aix-developpement", "Pays d'Aix Développement", "", "", ""),
    ("airbus-developpement", "Airbus Développement", "", "", ""),
    ("adie", "Association pour le droit à l'initiative économique", "ADIE", "", ""),
]

PROGRAMME = {
    "key": "fonds-mutualises-13",
    "name": "Fonds départementaux mutualisés de revitalisation des Bouches-du-Rhône",
    "slug": "fonds-mutualises-bouches-du-rhone",
    "kind": "fonds_mutualise",
    "funders": [],
    "start_year": None,
    "territories": ["DEP-13"],
    "description": (
        "Trois fonds déployés par la DDETS des Bouches-du-Rhône et alimentés par les "
        "entreprises soumises à l'obligation de revitalisation : Aix-Marseille Provence "
        "Amorçage (AMPA), le fonds géré par Airbus Développement et le fonds géré par l'ADIE."
    ),
}

# One cumulative figure for the three funds, as the press release gives it.
RESULTS = [
    {
        "period_start": 2019,
        "period_end": 2022,
        "companies_supported": 170,
        "jobs_created": 1100,
        "unsplit_amount": 1325000,
        "source": (
            "Comité de pilotage annuel des fonds départementaux mutualisés, communiqué de la "
            "préfecture des Bouches-du-Rhône"
        ),
        "source_date": datetime.date(2023, 4, 12),
        "note": (
            "« Plus de 1 100 créations de postes dans près de 170 entreprises » depuis la "
            "convention AMPA de 2019 ; le communiqué écrit « 1 325 millions d'euros », lu comme "
            "1,325 million d'euros. Ni la part de chaque fonds ni la répartition entre prêts "
            "et subventions ne sont publiées."
        ),
    },
]

CONTACTS = [
    # key, kind, name, organisation, role, e-mail, phone
    (
        "ddets-13-revitalisation",
        "service",
        "Service revitalisation de la DDETS",
        "ddets-13",
        "Accueil des entreprises (coordonnées de démonstration)",
        "revitalisation@ddets13.example",
        "04 99 00 20 00",
    ),
    (
        "ampa",
        "service",
        "Équipe AMPA",
        "pays-aix-developpement",
        "Aix-Marseille Provence Amorçage (coordonnées de démonstration)",
        "ampa@pays-aix-developpement.example",
        "04 99 00 20 01",
    ),
    (
        "airbus-developpement",
        "service",
        "Chargés d'affaires",
        "airbus-developpement",
        "Fonds de revitalisation (coordonnées de démonstration)",
        "revitalisation@airbus-developpement.example",
        "04 99 00 20 02",
    ),
    (
        "adie-13",
        "service",
        "Agence ADIE des Bouches-du-Rhône",
        "adie",
        "Microcrédit (coordonnées de démonstration)",
        "bouches-du-rhone@adie.example",
        "04 99 00 20 03",
    ),
]

DEPARTEMENT = "DEP-13"
METROPOLE = "EPCI-200054807"

# The territories the reference data lacks (it holds Grand-Orly Seine Bièvre's): (kind, code,
# name, parent as kind-code), parents first. COG codes; the Métropole by its SIREN.
TERRITORIES = [
    ("REG", "93", "Provence-Alpes-Côte d'Azur", "PAYS-99100"),
    ("DEP", "13", "Bouches-du-Rhône", "REG-93"),
    ("EPCI", "200054807", "Métropole d'Aix-Marseille-Provence", "DEP-13"),
]

FICHES = [
    {
        "slug": "ampa-aix-marseille-provence-amorcage",
        "title": "AMPA – Aix-Marseille Provence Amorçage",
        "promesse": "Financez l'amorçage de votre projet d'entreprise dans la Métropole",
        "description": (
            "<p>Le dispositif Aix-Marseille Provence Amorçage (AMPA) est conventionné par "
            "l'État depuis 2019 avec la Métropole Aix-Marseille Provence et Pays d'Aix "
            "Développement. C'est l'un des trois fonds mutualisés de revitalisation déployés "
            "par la DDETS des Bouches-du-Rhône.</p>"
            "<p>Selon la préfecture, les aides de ces fonds font effet de levier auprès des "
            "banques et augmentent la capacité de trésorerie et d'emprunt. La source ne détaille "
            "ni le montant ni la forme des aides de chaque fonds, ni son public : le contact vous "
            "renseigne.</p>"
        ),
        "eligibility": ["Projet d'entreprise créateur d'emplois dans la Métropole"],
        "aid_types": ["pret"],
        "audiences": [],
        "project_stages": ["creation"],
        "territories": [METROPOLE],
        "operator": "pays-aix-developpement",
        "contacts": ["ampa"],
    },
    {
        "slug": "fonds-revitalisation-airbus-developpement",
        "title": "Fonds de revitalisation géré par Airbus Développement",
        "promesse": "Financez votre projet de développement créateur d'emplois",
        "description": (
            "<p>Le fonds de revitalisation géré par Airbus Développement est l'un des trois "
            "fonds mutualisés de revitalisation déployés par la DDETS des Bouches-du-Rhône, "
            "qui soutiennent des projets de développement économique et la création "
            "d'emplois.</p>"
            "<p>Selon la préfecture, les aides de ces fonds font effet de levier auprès des "
            "banques et augmentent la capacité de trésorerie et d'emprunt. La source ne détaille "
            "ni le montant ni la forme des aides de chaque fonds, ni son public : le contact vous "
            "renseigne.</p>"
        ),
        "eligibility": ["Projet de développement créateur d'emplois dans les Bouches-du-Rhône"],
        "aid_types": ["pret"],
        "audiences": [],
        "sectors": [],
        "project_stages": ["developpement"],
        "territories": [DEPARTEMENT],
        "operator": "airbus-developpement",
        "contacts": ["airbus-developpement"],
    },
    {
        "slug": "fonds-revitalisation-adie",
        "title": "Fonds de revitalisation géré par l'ADIE",
        "promesse": "Créez votre activité avec un microcrédit et un accompagnement de proximité",
        "description": (
            "<p>Le fonds de revitalisation géré par l'Association pour le droit à l'initiative "
            "économique (ADIE) est l'un des trois fonds mutualisés de revitalisation déployés "
            "par la DDETS des Bouches-du-Rhône. L'ADIE finance par le microcrédit et accompagne "
            "les créateurs d'entreprise qui n'ont pas accès au crédit bancaire.</p>"
            "<p>Les fonds mutualisés visent notamment les publics éloignés des réponses "
            "« standards », dans les territoires ruraux et les quartiers prioritaires de la "
            "politique de la ville (QPV). La source ne détaille pas les aides de chaque fonds : "
            "le contact vous renseigne.</p>"
        ),
        "eligibility": [
            "Créateur d'entreprise sans accès au crédit bancaire",
            "Activité dans les Bouches-du-Rhône",
        ],
        "aid_types": ["pret", "accompagnement"],
        "audiences": ["createurs"],
        "project_stages": ["creation"],
        "territories": [DEPARTEMENT],
        "operator": "adie",
        "contacts": ["adie-13"],
    },
]
