"""Text of the demo site's home page and editorial pages (placeholders to complete)."""

HOME = {
    "title": "Guide des aides aux entreprises",
    "intro": (
        "Prêts, subventions, accompagnement, locaux, recrutement : trouvez les aides mobilisables "
        "par votre entreprise sur le territoire du Grand-Orly Seine Bièvre, et la personne à appeler."
    ),
    "body": (
        "<h2>Comment utiliser le guide</h2>"
        "<p>Chaque fiche dit ce que vous pouvez obtenir, pour qui, jusqu'à quand, et qui contacter.</p>"
        "<h2>La note de recommandation</h2>"
        "<p>Quand vous appelez un contact, précisez que vous venez <strong>de la part du "
        "Grand-Orly Seine Bièvre</strong> : l'opérateur sait ainsi que votre demande passe par le "
        "territoire, qui suit votre dossier avec lui.</p>"
    ),
}

GUIDE_INDEX = {
    "slug": "aides",
    "title": "Les aides aux entreprises",
    "intro": "<p>Toutes les aides ouvertes aux entreprises du territoire.</p>",
}

CONTENT_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "intro": "Éditeur, directeur de la publication et hébergeur du site.",
        "body": (
            "<h2>Éditeur</h2><p>Établissement public territorial Grand-Orly Seine Bièvre, "
            "SIREN 200 058 014, Vitry-sur-Seine.</p>"
            "<h2>Directeur de la publication</h2><p>À compléter.</p>"
            "<h2>Hébergeur</h2><p>À compléter.</p>"
        ),
    },
    {
        "slug": "accessibilite",
        "title": "Accessibilité : non conforme",
        "intro": "Déclaration d'accessibilité du guide des aides (RGAA 4.1).",
        "body": (
            "<p>Le Grand-Orly Seine Bièvre s'engage à rendre ce site accessible conformément à "
            "l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>"
            "<h2>État de conformité</h2><p>Le site n'a pas encore fait l'objet d'un audit de "
            "conformité : il est donc non conforme au sens du RGAA.</p>"
            "<h2>Voies de recours</h2><p>Si vous ne pouvez pas accéder à un contenu, écrivez-nous ; "
            "vous pouvez aussi saisir le Défenseur des droits.</p>"
        ),
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "intro": "Quelles données le guide traite, pourquoi, et vos droits.",
        "body": (
            "<p>Le guide ne dépose aucun cookie de mesure d'audience et ne fait appel à aucun "
            "service tiers.</p>"
            "<h2>Contacts des fiches</h2><p>Les coordonnées des contacts sont publiées pour "
            "permettre aux entreprises de les joindre, sur la base de la mission de service public "
            "du territoire. Les boîtes fonctionnelles (adresse d'un service) sont préférées ; une "
            "personne nommée n'est publiée qu'avec son accord, que l'équipe enregistre avec la date "
            "à laquelle la personne a confirmé ses coordonnées professionnelles.</p>"
            "<h2>Historique des fiches</h2><p>Chaque modification d'une fiche est conservée dans "
            "son historique pour permettre la relecture. Les versions anciennes sont supprimées "
            "automatiquement au bout d'un an (sauf la version publiée et celles en cours de "
            "relecture), pour que d'anciennes coordonnées ne subsistent pas.</p>"
            "<h2>Comptes de l'équipe</h2><p>Les comptes d'administration du guide contiennent le "
            "nom et l'adresse électronique professionnelle des agents qui rédigent et valident les "
            "fiches ; ils servent aux notifications de relecture et au récapitulatif quotidien.</p>"
            "<h2>Alertes par e-mail</h2><p>Si vous créez une alerte, le guide conserve votre "
            "adresse électronique, les critères de la recherche ou du questionnaire enregistrés, "
            "la fréquence choisie, la langue des messages et les dates de création, de "
            "confirmation et du dernier envoi. Votre adresse ne sert qu'à vous envoyer cette "
            "alerte, jamais à autre chose, et n'est transmise à personne.</p>"
            "<p>Une alerte non confirmée est supprimée au bout de 7 jours. Une alerte confirmée "
            "est conservée jusqu'à votre désabonnement : chaque message contient un lien qui la "
            "supprime en un clic, avec toutes les données qui y sont liées.</p>"
            "<h2>Vos droits</h2><p>Vous pouvez demander l'accès à vos données, leur rectification "
            "ou leur effacement auprès du service développement économique du territoire, dont "
            "les coordonnées figurent en pied de page.</p>"
        ),
    },
]

SITEMAP = {
    "slug": "plan-du-site",
    "title": "Plan du site",
    "intro": "<p>Les pages principales du guide et ses entrées par besoin.</p>",
}
