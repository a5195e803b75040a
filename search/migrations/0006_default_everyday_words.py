"""A starting list of everyday words; editors maintain it afterwards in the admin
(« Recherche › Mots du quotidien »).

Each row: the words people type, the guide's terms they should also find (one way), a note.
The guide's terms are words of the fiches and of the shared vocabularies (sectors, audiences,
project stages, aid types), so that they find fiches on every guide, not only the demo's.
"""

from django.db import migrations

ROWS = [
    (
        "four, machine, machine-outil, matériel, outil, outillage, équipement professionnel, "
        "chambre froide, frigo, caisse enregistreuse, équiper, s'équiper, acheter du matériel",
        "équipement, équiper, investissement, matériel",
        "Équipement",
    ),
    (
        "acheter, achat, acquérir, investir",
        "achat, investissement, équipement",
        "Acheter",
    ),
    (
        "usine, atelier de production, fabrication, fabriquer, production, sous-traitance, "
        "mécanique, métallurgie, chaudronnerie, usinage, plasturgie",
        "industrie, industriel, PMI, production",
        "Industrie",
    ),
    (
        "véhicule, camion, camionnette, utilitaire, voiture, scooter, vélo, triporteur, "
        "livraison, livreur, coursier",
        "véhicule, livraison, logistique, transport",
        "Véhicules et livraison",
    ),
    (
        "vitrine, devanture, enseigne, travaux, rénover, rénovation, accessibilité, "
        "refaire ma boutique",
        "modernisation, rénovation, travaux, investissement",
        "Travaux",
    ),
    (
        "boutique, magasin, épicerie, supérette, fleuriste, librairie, pressing, caviste",
        "commerce, commerçant, commerces de proximité",
        "Commerce",
    ),
    (
        "boulangerie, boulanger, pâtisserie, pâtissier, boucherie, boucher, charcuterie, "
        "charcutier, traiteur, fromagerie, poissonnerie, chocolatier",
        "artisanat, artisan, commerce, commerces de proximité",
        "Métiers de bouche",
    ),
    (
        "coiffure, coiffeur, coiffeuse, salon de coiffure, esthéticienne, institut de beauté, "
        "onglerie, barbier, cordonnier, couturière, retouches, garage, garagiste, mécanicien",
        "artisanat, artisan, commerce, services",
        "Artisans et services de proximité",
    ),
    (
        "plombier, plomberie, électricien, maçon, maçonnerie, peintre en bâtiment, menuisier, "
        "menuiserie, couvreur, carreleur, chauffagiste, serrurier",
        "BTP, bâtiment, artisanat, artisan",
        "Artisans du bâtiment",
    ),
    (
        "restaurant, restauration, café, bar, brasserie, snack, food truck",
        "restauration, hôtellerie, commerce, commerces de proximité",
        "Restauration",
    ),
    (
        "nettoyage, ménage, entretien, propreté, aide à domicile, services à la personne, "
        "garde d'enfants, jardinage, conciergerie",
        "services, indépendants, micro-entrepreneur, créateurs",
        "Services à la personne",
    ),
    (
        "auto-entrepreneur, autoentrepreneur, micro-entreprise, freelance, à mon compte, "
        "me mettre à mon compte, me mettre à son compte",
        "micro-entrepreneur, indépendant, création, créateurs",
        "Statut",
    ),
    (
        "apprenti, apprentie, apprentissage, alternant, alternante, alternance, "
        "contrat de professionnalisation, contrat pro, stagiaire",
        "recrutement, embauche, emploi, salarié",
        "Apprentis et alternants",
    ),
    (
        "salarié, personnel, main-d'œuvre, main d'oeuvre, employé, employer, CDI, CDD, "
        "trouver du personnel, poste à pourvoir",
        "recrutement, embauche, emploi, candidats",
        "Embaucher",
    ),
    (
        "démarrer, démarrage, lancer, lancement, lancer mon activité, lancer ma boîte, "
        "monter ma boîte, monter mon entreprise, débuter, se lancer, ouvrir, ouverture, "
        "devenir patron, devenir indépendant, nouvelle entreprise",
        "création, créer, créateurs, entreprendre, entrepreneuriat",
        "Créer son entreprise",
    ),
    (
        "chômage, chômeur, demandeur d'emploi, France Travail, Pôle emploi, RSA",
        "création, créateurs, entreprendre, entrepreneuriat",
        "Créer en sortant du chômage",
    ),
    ("ma boîte, boîte, société, business, activité", "entreprise, activité", "Entreprise"),
    (
        "argent, sous, fric, financer, financement, fonds, apport, capital, budget",
        "financement, financer, prêt, subvention, prêt d'honneur, fonds propres, avance",
        "Financement",
    ),
    (
        "emprunt, emprunter, crédit, banque, banquier",
        "prêt, prêt bancaire, garantie, prêt d'honneur",
        "Emprunter",
    ),
    (
        "trésorerie difficile, problème de trésorerie, manque de trésorerie, impayé, "
        "retard de paiement, dette, découvert, fin de mois difficile, payer les salaires, "
        "payer mes fournisseurs, faillite, dépôt de bilan, liquidation, baisse d'activité, "
        "perte de chiffre d'affaires",
        "difficulté, rebond, trésorerie, redressement",
        "Difficultés",
    ),
    (
        "local, local commercial, pas de porte, bail, loyer, louer, bureau, entrepôt",
        "locaux, hébergement, loyer, bureaux, pépinière",
        "Locaux",
    ),
    (
        "site internet, site web, internet, ordinateur, logiciel, informatique, "
        "réseaux sociaux, vendre en ligne, e-commerce",
        "numérique, en ligne, site web",
        "Numérique",
    ),
    (
        "piratage, virus, rançongiciel, hacker, sécurité informatique",
        "cybersécurité, cyberattaques",
        "Cybersécurité",
    ),
    (
        "facture d'électricité, électricité, chauffage, isolation, panneaux solaires, "
        "économies d'énergie, gaz",
        "énergie, transition écologique",
        "Énergie",
    ),
    (
        "vendre à l'étranger, exporter, clients étrangers, salon international",
        "export, international",
        "International",
    ),
    (
        "racheter, rachat, céder, cession, vendre mon entreprise, départ à la retraite, "
        "retraite, succession",
        "reprise, reprendre, repreneur, transmission",
        "Reprendre ou transmettre",
    ),
    (
        "nouveau produit, prototype, invention, brevet, idée nouvelle",
        "innovation, innovant",
        "Innover",
    ),
    (
        "personnes âgées, grand âge, seniors, maison de retraite, EHPAD",
        "silver économie, santé",
        "Silver économie",
    ),
    (
        "réseau, réseauter, rencontrer des chefs d'entreprise, patrons, dirigeants, club",
        "mise en relation, réseau, club, dirigeants",
        "Réseau",
    ),
    (
        "coach, mentor, parrain, expert, consultant, conseiller",
        "accompagnement, conseil, parrainage, mentorat",
        "Conseil",
    ),
]


def load(apps, schema_editor):
    EverydayWords = apps.get_model("site_search", "EverydayWords")
    for words, guide_terms, note in ROWS:
        EverydayWords.objects.get_or_create(
            words=words, defaults={"guide_terms": guide_terms, "note": note}
        )


def unload(apps, schema_editor):
    EverydayWords = apps.get_model("site_search", "EverydayWords")
    EverydayWords.objects.filter(words__in=[words for words, _terms, _note in ROWS]).delete()


class Migration(migrations.Migration):
    dependencies = [("site_search", "0005_everyday_words")]

    operations = [migrations.RunPython(load, unload)]
