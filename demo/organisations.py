"""Organisations, programmes and contacts of the demo guide.

Real organisations, the revitalisation programme and the named contacts come from the two
source documents (``demo/sources``); ``demo/seed_facts.py`` gives each fact its sentence. Where a
source gives no contact, the line points to the territory's own business service, whose
coordinates are placeholders (".example" domain, a number from ARCEP's range reserved for
fiction, « coordonnées de démonstration »). Fictional organisations carry "(fictif)" in their
name, and so does the fictional programme.

Who pays for revitalisation: the companies under the obligation (source 000: « ces entreprises
se sont donc engagées, dans le cadre de conventions, à contribuer à recréer de l'activité »);
the State signs the agreements with them and is not their funder. The sources name none of
these companies, so the programme has no funder organisation: its description says who pays.
"""

ORGANISATIONS = [
    # key, name, acronym, SIREN, website
    ("gosb", "Grand-Orly Seine Bièvre", "GOSB", "200058014", ""),
    ("katalyse", "Katalyse", "", "", "https://www.katalyse.com/"),
    ("alixio", "Alixio", "", "", ""),
    ("silver-innov", "Silver Innov'", "", "", ""),
    ("la-fabrique", "La Fabrique – pépinière et hôtel d'entreprises de Cachan", "", "", ""),
    ("plie", "PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi", "PLIE", "", ""),
    ("orly-international", "Orly International", "", "", ""),
    ("cci-94", "CCI du Val-de-Marne", "CCI 94", "", ""),
    ("pemb", "Paris Est Marne & Bois", "", "", ""),
    ("gpsea", "Grand Paris Sud Est Avenir", "GPSEA", "", ""),
    # Source 000 names the action, not who runs it: the action stands for its own operator.
    ("bus-entrepreneuriat", "Bus de l'entrepreneuriat d'Orly", "", "", ""),
    # Fictional organisations
    ("initiative-bievre", "Initiative Bièvre Avenir (fictif)", "", "", ""),
    ("garantie-seine-amont", "Fonds de garantie Seine-Amont (fictif)", "", "", ""),
    ("orge-innovation", "Agence Orge Innovation (fictif)", "", "", ""),
    ("commerce-proximite", "Réseau Commerce de proximité Grand-Orly (fictif)", "", "", ""),
    ("export-sud", "Export Sud francilien (fictif)", "", "", ""),
    ("transition-bievre", "Fonds Transition Bièvre (fictif)", "", "", ""),
    ("atelier-ess", "Atelier ESS Val-de-Seine (fictif)", "", "", ""),
    ("campus-aero", "Campus des métiers aéroportuaires (fictif)", "", "", ""),
    ("club-orly-rungis", "Club d'entreprises Orly-Rungis (fictif)", "", "", ""),
    ("incubateur-villejuif", "Incubateur numérique de Villejuif (fictif)", "", "", ""),
    ("bpi-sud", "Banque du développement Sud-Île-de-France (fictif)", "", "", ""),
    ("independants-connect", "Indépendants connectés (fictif)", "", "", ""),
    ("tiers-lieu-athis", "Tiers-lieu des Portes de l'Essonne (fictif)", "", "", ""),
    ("reprise-transmission", "Cédants et repreneurs du Val-de-Marne (fictif)", "", "", ""),
    ("rungis-agro", "Accélérateur agroalimentaire de Rungis (fictif)", "", "", ""),
    ("emploi-bievre", "Mission emploi Bièvre (fictif)", "", "", ""),
    ("rebond-94", "Fonds de rebond du Val-de-Marne (fictif)", "", "", ""),
    ("living-lab-grand-age", "Living lab du grand âge (fictif)", "", "", ""),
]

PROGRAMMES = [
    # key, name, kind, funders, start year, description
    (
        "revitalisation-gosb",
        "Conventions de revitalisation du Grand-Orly Seine Bièvre",
        "revitalisation",
        [],
        None,
        "Conventions signées entre l'État et des entreprises de plus de 1 000 salariés qui ont "
        "restructuré leurs effectifs sur le territoire (loi du 17 janvier 2002 de modernisation "
        "sociale). Ces entreprises financent les mesures : aides directes aux entreprises, "
        "prestations d'accompagnement réalisées par des cabinets, actions menées par des "
        "associations, des collectivités ou des acteurs institutionnels. L'État signe les "
        "conventions ; il n'en est pas le financeur.",
    ),
    (
        "fonds-bievre-fictif",
        "Fonds territorial Bièvre Avenir (fictif)",
        "territorial",
        ["gosb"],
        2024,
        "Programme fictif de démonstration.",
    ),
]

CONTACTS = [
    # key, kind, name, organisation, role, e-mail, phone
    (
        "gosb-entreprises",
        "service",
        "Service développement économique",
        "gosb",
        "Accueil des entreprises (coordonnées de démonstration)",
        "entreprises@gosb.example",
        "01 99 00 10 00",
    ),
    ("katalyse-hespel", "personne", "Jean Hespel", "katalyse", "", "jhespel@katalyse.com", ""),
    (
        "alixio-blard",
        "personne",
        "Edith Blard",
        "alixio",
        "",
        "edith.blard@alixio.fr",
        "06 19 91 84 62",
    ),
    (
        "initiative-bievre",
        "service",
        "Équipe prêts d'honneur",
        "initiative-bievre",
        "",
        "contact@initiative-bievre.example",
        "01 99 00 10 01",
    ),
    (
        "garantie-seine-amont",
        "service",
        "Chargés d'affaires",
        "garantie-seine-amont",
        "",
        "garantie@seine-amont.example",
        "01 99 00 10 02",
    ),
    (
        "orge-innovation",
        "personne",
        "Camille Martin",
        "orge-innovation",
        "Chargée d'innovation",
        "camille.martin@orge-innovation.example",
        "01 99 00 10 03",
    ),
    (
        "commerce-proximite",
        "service",
        "Animation commerce",
        "commerce-proximite",
        "",
        "commerce@grand-orly-commerce.example",
        "01 99 00 10 04",
    ),
    (
        "export-sud",
        "personne",
        "Karim Benali",
        "export-sud",
        "Conseiller international",
        "karim.benali@export-sud.example",
        "01 99 00 10 05",
    ),
    (
        "transition-bievre",
        "service",
        "Pôle transition",
        "transition-bievre",
        "",
        "transition@bievre.example",
        "01 99 00 10 06",
    ),
    (
        "atelier-ess",
        "personne",
        "Sophie Durand",
        "atelier-ess",
        "Chargée de mission ESS",
        "sophie.durand@atelier-ess.example",
        "",
    ),
    (
        "campus-aero",
        "service",
        "Relations entreprises",
        "campus-aero",
        "",
        "entreprises@campus-aero.example",
        "01 99 00 10 08",
    ),
    (
        "club-orly-rungis",
        "service",
        "Secrétariat du club",
        "club-orly-rungis",
        "",
        "club@orly-rungis.example",
        "",
    ),
    (
        "incubateur-villejuif",
        "personne",
        "Léa Nguyen",
        "incubateur-villejuif",
        "Responsable de l'incubateur",
        "lea.nguyen@incubateur-villejuif.example",
        "01 99 00 10 10",
    ),
    (
        "bpi-sud",
        "service",
        "Direction régionale",
        "bpi-sud",
        "",
        "sud-idf@banque-developpement.example",
        "01 99 00 10 11",
    ),
    (
        "independants-connect",
        "service",
        "Accueil",
        "independants-connect",
        "",
        "bonjour@independants-connectes.example",
        "",
    ),
    (
        "tiers-lieu-athis",
        "personne",
        "Thomas Leroy",
        "tiers-lieu-athis",
        "Gestionnaire du tiers-lieu",
        "thomas.leroy@tiers-lieu-essonne.example",
        "01 99 00 10 13",
    ),
    (
        "reprise-transmission",
        "service",
        "Bourse des entreprises",
        "reprise-transmission",
        "",
        "reprise@cedants-repreneurs.example",
        "01 99 00 10 14",
    ),
    (
        "rungis-agro",
        "personne",
        "Nadia Haddad",
        "rungis-agro",
        "Directrice des programmes",
        "nadia.haddad@rungis-agro.example",
        "01 99 00 10 15",
    ),
    (
        "emploi-bievre",
        "service",
        "Accueil des employeurs",
        "emploi-bievre",
        "",
        "employeurs@mission-emploi-bievre.example",
        "01 99 00 10 16",
    ),
    (
        "rebond-94",
        "service",
        "Cellule rebond",
        "rebond-94",
        "",
        "rebond@fonds-rebond-94.example",
        "01 99 00 10 17",
    ),
    (
        "living-lab-grand-age",
        "service",
        "Équipe des appels à projets",
        "living-lab-grand-age",
        "",
        "appels@living-lab-grand-age.example",
        "01 99 00 10 18",
    ),
]
