"""Where each fact of a demo fiche built from the sources comes from.

``SEED_FACTS`` gives, for each such fiche (by slug), the source it comes from and its facts:
a field of the fiche, the value the demo gives it, and the sentence of the source it is read
from, verbatim (only whitespace may differ: the sources use non-breaking spaces). A ``note``
says how the value reads the sentence when it is an interpretation, and names the public fact
about a real organisation the fiche's description attributes. ``DEMO_CONTACTS`` lists the
fiches whose contact is a placeholder (« coordonnées de démonstration », a ".example" address):
the sources give no contact for them.

tests/demo/test_seed_facts.py reads the loaded demo and requires, for these fiches, exactly
these values, and nothing in the other fields it audits (``FICHE_FIELDS``, ``COMPONENT_FIELDS``,
``CASE_FIELDS``): a verification date, a sector, a funder or a figure that is not here fails.

Values, as the test reads them from the database:
- vocabularies (aid types, audiences, sizes, sectors, stages) as sorted lists of slugs,
  territories as sorted COG codes (``DEP-94``), a component's territory as one COG code;
- ``operator``, ``programme``: the name; ``funders``: sorted names; ``operator.website``;
  ``programme.funders`` (sorted names), ``programme.start_year``;
- ``covered_expenses``, ``project_examples``, ``call_checklist``: lists of lines (an empty
  ``call_checklist`` shows the guide's default list, not a fact of the fiche);
- ``contacts``: a list of (name, e-mail, phone) in the fiche's order, the phone as stored
  (international form: 06 19 91 84 62 is +33619918462);
- amounts and rates as numbers, dates as ``datetime.date``, ``conditions`` as a list of lines;
- ``components[i].field`` and ``cases[i].field`` for the i-th line (0 first).

The sources are copied, unchanged, in ``demo/sources`` (the shared seed documents).
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
# The GOSB article on 20 years of revitalisation; the prefecture's press release of 12 April
# 2023 on the Bouches-du-Rhône mutualised funds.
SOURCES = {
    "000": SOURCES_DIR / "000_611d39c5bc1e3dfb.txt",
    "002": SOURCES_DIR / "002_89c6bdb291d11b5e.txt",
}

# The fields the test audits; one absent from a fiche's facts must be empty.
FICHE_FIELDS = (
    "aid_types",
    "audiences",
    "company_sizes",
    "sectors",
    "project_stages",
    "territories",
    "staff_min",
    "staff_max",
    "min_years_in_business",
    "min_jobs_created",
    "opening_date",
    "closing_date",
    "recurrence",
    "manual_state",
    "operator",
    "operator.website",
    "funders",
    "programme",
    "programme.funders",
    "programme.start_year",
    "operator_url",
    "application_url",
    "last_verified",
    "covered_expenses",
    "project_examples",
    "call_checklist",
)
COMPONENT_FIELDS = (
    "aid_type",
    "amount",
    "unit",
    "rate",
    "duration_months",
    "ceiling",
    "max_share_percent",
    "max_share_basis",
    "advisory_days",
    "territory",
    "audience",
    "sector",
    "unit_share_count",
    "unit_share_total",
    "conditions",
)
CASE_FIELDS = (
    "territories",
    "audiences",
    "company_sizes",
    "sectors",
    "project_stages",
    "staff_min",
    "staff_max",
    "min_years_in_business",
    "min_jobs_created",
    "establishment",
)
# A field's value when the demo leaves it empty (the model's default where it has one).
EMPTY = {"recurrence": "ponctuelle", "unit": "beneficiaire"}


@dataclass(frozen=True)
class Fact:
    field: str
    value: object
    source: str  # the sentence of the source, verbatim
    note: str = ""


@dataclass(frozen=True)
class SeedFiche:
    source: str  # a key of SOURCES
    facts: tuple


# Source 000 (Grand-Orly Seine Bièvre) -------------------------------------------------------

OPEN_TO = (
    "Entreprises et structures ESS du Territoire, grâce au dispositif de revitalisation, "
    "plusieurs fonds sont aujourd’hui mobilisables"
)
ACTIONS = (
    "Sur le territoire, les conventions de revitalisation mises en place ont également permis "
    "de financer de nombreuses actions portées par les acteurs institutionnels ou des "
    "associations"
)
COMPANIES_PAY = (
    "Dans une logique réparatrice, ces entreprises se sont donc engagées, dans le cadre de "
    "conventions, à contribuer à recréer de l’activité et à développer des emplois sur le "
    "bassin d’emploi impacté."
)
PAYERS_NOTE = (
    "Les entreprises soumises à l'obligation financent ; l'État signe les conventions. La "
    "source ne nomme pas ces entreprises : aucun financeur enregistré, la description du "
    "programme le dit."
)
ENTREPRENEURSHIP = (
    "L’entrepreneuriat, à travers notamment les pépinières et hôtels d'entreprises Silver "
    "Innov’ à Ivry-sur-Seine et La Fabrique à Cachan ou encore le Bus de l’entreprenariat dans "
    "les quartiers à Orly."
)
EMPLOYMENT = (
    "L’emploi et l’insertion avec par exemple le dispositif 180 jours pour décrocher un emploi "
    "durable dans le secteur du BTP porté par le PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi "
    "ou les job meeting organisés par Orly International."
)
REBOOST = (
    "Le soutien aux entreprises comme avec le dispositif Reboost porté par la CCI du Val de "
    "Marne, et cofinancé par les trois Etablissment Public Territoriaux du Département."
)
HR_SUPPORT = (
    'Le soutien au dispositif "Appui RH des TPE/PME », porté par le Grand-Orly Seine Bièvre, '
    "qui s’adresse aux TPE/PME de moins de 50 salariés du territoire."
)
KATALYSE_WHO = (
    "Le Cabinet Katalyse propose un accompagnement destiné aux Petites & Moyennes Industries "
    "du Val-de-Marne ayant une idée ou un projet de développement."
)
KATALYSE_WHAT = (
    "Cette aide s’articule autour d’une prestation d’appui-projet dédié par un consultant de "
    "Katalyse (jusqu’à 10 jours d’accompagnement et de conseil) et d’un soutien financier à "
    "l’investissement plafonné à 60 000 €."
)
KATALYSE_CONTACT = (
    "Contact : KATALYSE - Jean Hespel : jhespel@katalyse.com (à contacter de la part du "
    "Grand-Orly Seine Bièvre) Plus d’info sur le Site Katalyse"
)
ALIXIO_WHO = (
    "Le Cabinet Alixio propose des fonds destinés aux PME/PMI du Val-de-Marne et aux PMI "
    "implantées ou en cours d’implantation en Essonne."
)
ALIXIO_JOBS = (
    "Pour en bénéficier, les entreprises doivent avoir des projets de développement générateurs "
    "d’au moins 3 créations nettes d’emplois en CDI dans les 2 ans."
)
ALIXIO_LOAN = (
    "Un prêt de 15 000 € par emploi créé à taux 0% sur une durée de 5 ans (plafonné à "
    "225 000€ et sans caution personnelle)."
)
ALIXIO_WORKING_CAPITAL = (
    "Il permet de financer le besoin en fonds de roulement (BFR) des entreprises car non affecté."
)
ALIXIO_GRANT = (
    "Une subvention de 5 000 € par emploi créé (plafonnée à 25 000 € et pouvant accompagner "
    "maximum un tiers du programme d’emplois. La subvention est indissociable du prêt."
)
ALIXIO_ADVICE = (
    "Pour les entreprises essonniennes, l’aide comprend également une subvention plafonnée à "
    "15 000 € pour financer une prestation de conseil."
)
ALIXIO_CONTACT = (
    "Contact : ALIXIO – Edith BLARD : edith.blard@alixio.fr – Tel 06 19 91 84 62 (à contacter "
    "de la part du Grand-Orly Seine Bièvre)."
)
# The loan's working capital, the Essonne grant's advice: one line each.
ALIXIO_EXPENSES = [
    "Le besoin en fonds de roulement (BFR) : le prêt n'est pas affecté à une dépense précise",
    "Une prestation de conseil (entreprises de l'Essonne)",
]
SMES = "PME ou PMI : moins de 250 salariés, microentreprises comprises (catégories MIC et PME)."

REVITALISATION = "Conventions de revitalisation du Grand-Orly Seine Bièvre"


def revitalisation(source):
    """The programme of every fiche of source 000, and its (absent) funders."""
    return (
        Fact("programme", REVITALISATION, source),
        Fact("programme.funders", [], COMPANIES_PAY, PAYERS_NOTE),
    )


def action_of_the_territory(operator, source, note=""):
    """The facts shared by the actions source 000 lists: operator, programme, the EPT."""
    return (
        Fact("operator", operator, source, note),
        *revitalisation(ACTIONS),
    )


EPT = "EPCI-200058014"

SEED_FACTS = {
    "katalyse-pmi-val-de-marne": SeedFiche(
        "000",
        (
            Fact("aid_types", ["accompagnement", "subvention"], KATALYSE_WHAT),
            Fact("components[0].aid_type", "accompagnement", KATALYSE_WHAT),
            Fact("components[0].advisory_days", 10, KATALYSE_WHAT),
            Fact(
                "components[1].aid_type",
                "subvention",
                KATALYSE_WHAT,
                "« soutien financier » sans forme précisée : rangé en subvention, le doute est "
                "écrit dans la description.",
            ),
            Fact("components[1].ceiling", 60000, KATALYSE_WHAT),
            Fact("audiences", ["pmi"], KATALYSE_WHO),
            Fact("company_sizes", ["mic", "pme"], KATALYSE_WHO, SMES),
            Fact("sectors", ["industrie"], KATALYSE_WHO, "Une PMI est une industrie."),
            Fact("project_stages", ["developpement", "investissement"], KATALYSE_WHO),
            Fact("project_stages", ["developpement", "investissement"], KATALYSE_WHAT),
            Fact("territories", ["DEP-94"], KATALYSE_WHO),
            Fact(
                "closing_date",
                datetime.date(2023, 12, 31),
                "Le dispositif est ouvert jusqu’à fin 2023.",
            ),
            Fact("operator", "Katalyse", KATALYSE_WHO),
            Fact(
                "operator.website",
                "https://www.katalyse.com/",
                KATALYSE_CONTACT,
                "Le site de Katalyse, dont l'adresse de contact porte le domaine.",
            ),
            Fact(
                "operator_url",
                "https://www.katalyse.com/",
                KATALYSE_CONTACT,
                "La source renvoie au site de Katalyse sans en donner l'adresse.",
            ),
            Fact("contacts", [("Jean Hespel", "jhespel@katalyse.com", "")], KATALYSE_CONTACT),
            Fact(
                "covered_expenses",
                ["Vos investissements (la source ne dit pas lesquels : à confirmer avec Katalyse)"],
                KATALYSE_WHAT,
                "« soutien financier à l'investissement » : la nature des dépenses n'est pas "
                "dite, la ligne le signale.",
            ),
            *revitalisation(OPEN_TO),
        ),
    ),
    "alixio-pme-pmi-val-de-marne-essonne": SeedFiche(
        "000",
        (
            Fact("aid_types", ["pret", "subvention"], ALIXIO_LOAN),
            Fact("aid_types", ["pret", "subvention"], ALIXIO_GRANT),
            Fact("components[0].aid_type", "pret", ALIXIO_LOAN),
            Fact("components[0].amount", 15000, ALIXIO_LOAN),
            Fact("components[0].unit", "emploi_cree", ALIXIO_LOAN),
            Fact("components[0].rate", 0, ALIXIO_LOAN),
            Fact("components[0].duration_months", 60, ALIXIO_LOAN),
            Fact("components[0].ceiling", 225000, ALIXIO_LOAN),
            Fact(
                "components[0].conditions",
                [
                    "Sans caution personnelle",
                    "Non affecté : finance notamment le besoin en fonds de roulement (BFR)",
                ],
                ALIXIO_WORKING_CAPITAL,
            ),
            Fact("components[1].aid_type", "subvention", ALIXIO_GRANT),
            Fact("components[1].amount", 5000, ALIXIO_GRANT),
            Fact("components[1].unit", "emploi_cree", ALIXIO_GRANT),
            Fact("components[1].ceiling", 25000, ALIXIO_GRANT),
            Fact(
                "components[1].unit_share_count",
                1,
                ALIXIO_GRANT,
                "Un emploi sur trois : les deux plafonds valent 15 emplois (15 × 15 000 €, "
                "5 × 5 000 €).",
            ),
            Fact("components[1].unit_share_total", 3, ALIXIO_GRANT),
            Fact("components[1].conditions", ["Indissociable du prêt"], ALIXIO_GRANT),
            Fact("components[2].aid_type", "subvention", ALIXIO_ADVICE),
            Fact("components[2].ceiling", 15000, ALIXIO_ADVICE),
            Fact("components[2].territory", "DEP-91", ALIXIO_ADVICE),
            Fact(
                "components[2].conditions",
                ["Réservée aux entreprises essonniennes"],
                ALIXIO_ADVICE,
            ),
            Fact("audiences", ["ess", "pme", "pmi"], ALIXIO_WHO),
            Fact(
                "audiences",
                ["ess", "pme", "pmi"],
                OPEN_TO,
                "Les structures de l'ESS : dans le Val-de-Marne, le fonds est ouvert à toute "
                "PME, donc à une structure de l'ESS de cette taille ; en Essonne, aux seules "
                "PMI (cas 2), ce que dit le public PMI.",
            ),
            Fact("company_sizes", ["mic", "pme"], ALIXIO_WHO, SMES),
            Fact("min_jobs_created", 3, ALIXIO_JOBS),
            Fact("project_stages", ["developpement", "recrutement"], ALIXIO_JOBS),
            Fact("territories", ["DEP-91", "DEP-94"], ALIXIO_WHO),
            Fact("cases[0].territories", ["DEP-94"], ALIXIO_WHO),
            Fact("cases[0].audiences", ["ess", "pme", "pmi"], ALIXIO_WHO),
            Fact("cases[0].audiences", ["ess", "pme", "pmi"], OPEN_TO),
            Fact("cases[1].territories", ["DEP-91"], ALIXIO_WHO),
            Fact("cases[1].audiences", ["pmi"], ALIXIO_WHO),
            Fact("cases[1].establishment", "implantee-ou-en-cours", ALIXIO_WHO),
            Fact("operator", "Alixio", ALIXIO_WHO),
            Fact(
                "contacts",
                [("Edith Blard", "edith.blard@alixio.fr", "+33619918462")],
                ALIXIO_CONTACT,
            ),
            Fact("covered_expenses", ALIXIO_EXPENSES, ALIXIO_WORKING_CAPITAL),
            Fact("covered_expenses", ALIXIO_EXPENSES, ALIXIO_ADVICE),
            *revitalisation(OPEN_TO),
        ),
    ),
    "silver-innov-ivry": SeedFiche(
        "000",
        (
            Fact(
                "aid_types",
                ["accompagnement", "hebergement"],
                ENTREPRENEURSHIP,
                "Une pépinière héberge et accompagne ; un hôtel d'entreprises héberge.",
            ),
            Fact(
                "project_stages",
                ["creation", "developpement"],
                ENTREPRENEURSHIP,
                "Pépinière : création ; hôtel d'entreprises : développement.",
            ),
            Fact("territories", [EPT], ACTIONS),
            *action_of_the_territory(
                "Silver Innov'",
                ENTREPRENEURSHIP,
                "Sa vocation (la silver économie) est un fait public que la description "
                "attribue à la Banque des Territoires et à Silver Valley ; pas de limite de "
                "secteur, la source n'en pose pas.",
            ),
        ),
    ),
    "la-fabrique-cachan": SeedFiche(
        "000",
        (
            Fact(
                "aid_types",
                ["accompagnement", "hebergement"],
                ENTREPRENEURSHIP,
                "Une pépinière héberge et accompagne ; un hôtel d'entreprises héberge.",
            ),
            Fact(
                "project_stages",
                ["creation", "developpement"],
                ENTREPRENEURSHIP,
                "Pépinière : création ; hôtel d'entreprises : développement.",
            ),
            Fact("territories", [EPT], ACTIONS),
            *action_of_the_territory(
                "La Fabrique – pépinière et hôtel d'entreprises de Cachan", ENTREPRENEURSHIP
            ),
        ),
    ),
    "bus-entrepreneuriat-orly": SeedFiche(
        "000",
        (
            Fact(
                "aid_types",
                ["accompagnement"],
                ENTREPRENEURSHIP,
                "Le domaine « entrepreneuriat » : ce que le bus propose n'est pas dit, la "
                "description le signale.",
            ),
            Fact("audiences", ["createurs"], ENTREPRENEURSHIP),
            Fact("project_stages", ["creation"], ENTREPRENEURSHIP),
            Fact("territories", ["COM-94054"], ENTREPRENEURSHIP),
            *action_of_the_territory(
                "Bus de l'entrepreneuriat d'Orly",
                ENTREPRENEURSHIP,
                "La source ne nomme pas le porteur : l'action tient lieu d'opérateur, la "
                "description le dit.",
            ),
        ),
    ),
    "plie-180-jours-btp": SeedFiche(
        "000",
        (
            Fact(
                "aid_types",
                ["mise-en-relation"],
                EMPLOYMENT,
                "Pour une entreprise, le dispositif est une source de candidats.",
            ),
            Fact("sectors", ["btp"], EMPLOYMENT),
            Fact("project_stages", ["recrutement"], EMPLOYMENT),
            Fact(
                "territories",
                ["COM-94022", "COM-94054", "COM-94077"],
                EMPLOYMENT,
                "Les trois communes du PLIE.",
            ),
            *action_of_the_territory("PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi", EMPLOYMENT),
        ),
    ),
    "orly-international-job-meetings": SeedFiche(
        "000",
        (
            Fact("aid_types", ["mise-en-relation"], EMPLOYMENT),
            Fact("project_stages", ["recrutement"], EMPLOYMENT),
            Fact("territories", [EPT], ACTIONS),
            *action_of_the_territory("Orly International", EMPLOYMENT),
        ),
    ),
    "reboost-cci-val-de-marne": SeedFiche(
        "000",
        (
            Fact(
                "aid_types",
                ["accompagnement"],
                REBOOST,
                "« Le soutien aux entreprises » : sa forme n'est pas dite, la description le "
                "signale.",
            ),
            Fact("territories", ["DEP-94"], REBOOST, "Le département de la CCI et des trois EPT."),
            Fact(
                "funders",
                ["Grand Paris Sud Est Avenir", "Grand-Orly Seine Bièvre", "Paris Est Marne & Bois"],
                REBOOST,
                "Les trois EPT du Val-de-Marne, fait public que la description nomme.",
            ),
            *action_of_the_territory("CCI du Val-de-Marne", REBOOST),
        ),
    ),
    "appui-rh-tpe-pme": SeedFiche(
        "000",
        (
            Fact("aid_types", ["accompagnement"], HR_SUPPORT, "Un appui : de l'accompagnement."),
            Fact("audiences", ["pme", "tpe"], HR_SUPPORT),
            Fact("company_sizes", ["mic", "pme"], HR_SUPPORT),
            Fact("staff_max", 49, HR_SUPPORT),
            Fact("territories", [EPT], HR_SUPPORT),
            *action_of_the_territory("Grand-Orly Seine Bièvre", HR_SUPPORT),
        ),
    ),
}

# Source 002 (Bouches-du-Rhône) ---------------------------------------------------------------

THREE_FUNDS = (
    "Ainsi, le dispositif Aix-Marseille Provence Amorçage (AMPA), conventionné par l'État "
    "depuis 2019 avec la Métropole Aix-Marseille Provence et Pays d'Aix Développement ; le fonds "
    "de revitalisation géré par Airbus Développement, ainsi que le fonds de revitalisation géré "
    "par l'Association pour le Droit à l'Initiative Économique – ADIE, ont pu mobiliser 1 325 "
    "millions d'euros"
)
FUNDS_FED_BY = (
    "Alimentés par les entreprises qui ont mis en place un plan de sauvegarde de l'emploi, "
    "soumises à l'obligation de revitalisation des territoires affectés par des licenciements "
    "collectifs, les fonds mutualisés ont pour objectif de contribuer à la création d'activités "
    "et au développement de l'emploi."
)
DEPARTEMENT_FUNDS = "a réuni le Copil annuel des fonds départementaux mutualisés"
LEVER = (
    "ces aides qui permettent un véritable effet levier auprès des banques, augmentent la "
    "capacité de trésorerie et d'emprunt"
)
LEVER_NOTE = "Des aides financières dont la forme n'est pas dite : lue comme un prêt."
AIMS = (
    "d'accompagner à la fois des projets émergents, de soutenir la création d'emplois des "
    "filières innovantes à forte valeur ajoutée et d'accompagner des publics éloignés des "
    "réponses « standards »"
)
MUTUALISED = "Fonds départementaux mutualisés de revitalisation des Bouches-du-Rhône"


def mutualised_funds():
    return (
        Fact("programme", MUTUALISED, DEPARTEMENT_FUNDS),
        Fact(
            "programme.funders",
            [],
            FUNDS_FED_BY,
            "La DDETS déploie les fonds ; les entreprises qui les alimentent ne sont pas nommées.",
        ),
    )


SEED_FACTS |= {
    "ampa-aix-marseille-provence-amorcage": SeedFiche(
        "002",
        (
            Fact("aid_types", ["pret"], LEVER, LEVER_NOTE),
            Fact("project_stages", ["creation"], AIMS, "Amorçage : des projets émergents."),
            Fact(
                "territories",
                ["EPCI-200054807"],
                THREE_FUNDS,
                "Le territoire de la Métropole, partenaire de la convention.",
            ),
            Fact(
                "operator",
                "Pays d'Aix Développement",
                THREE_FUNDS,
                "L'un des deux partenaires de la convention nommés ; la description les cite.",
            ),
            *mutualised_funds(),
        ),
    ),
    "fonds-revitalisation-airbus-developpement": SeedFiche(
        "002",
        (
            Fact("aid_types", ["pret"], LEVER, LEVER_NOTE),
            Fact(
                "project_stages",
                ["developpement"],
                "soutenir des projets de développement économique",
            ),
            Fact("territories", ["DEP-13"], DEPARTEMENT_FUNDS),
            Fact("operator", "Airbus Développement", THREE_FUNDS),
            *mutualised_funds(),
        ),
    ),
    "fonds-revitalisation-adie": SeedFiche(
        "002",
        (
            Fact(
                "aid_types",
                ["accompagnement", "pret"],
                THREE_FUNDS,
                "Le microcrédit accompagné de l'ADIE, fait public que la description attribue "
                "à l'ADIE.",
            ),
            Fact("audiences", ["createurs"], AIMS, "Des projets émergents, créateurs de l'ADIE."),
            Fact("project_stages", ["creation"], AIMS),
            Fact("territories", ["DEP-13"], DEPARTEMENT_FUNDS),
            Fact(
                "operator",
                "Association pour le droit à l'initiative économique",
                THREE_FUNDS,
            ),
            *mutualised_funds(),
        ),
    ),
}

# The fiches whose only contact is the territory's placeholder service: the source gives none.
# Its role says « coordonnées de démonstration » and its address ends in ".example".
DEMO_CONTACT_MARK = "coordonnées de démonstration"
DEMO_CONTACTS = (
    "silver-innov-ivry",
    "la-fabrique-cachan",
    "bus-entrepreneuriat-orly",
    "plie-180-jours-btp",
    "orly-international-job-meetings",
    "reboost-cci-val-de-marne",
    "appui-rh-tpe-pme",
    "ampa-aix-marseille-provence-amorcage",
    "fonds-revitalisation-airbus-developpement",
    "fonds-revitalisation-adie",
)
