"""The English version of the demo guide, made the way an editor makes it: through wagtail-localize.

Translated: the home page, the guide index, the site pages and the nine fiches of the source
documents (``FICHE_SLUGS``). Each page gets a ``TranslationSource`` (the French page, frozen),
a ``Translation`` into English, a ``StringTranslation`` for every translatable segment (the
English below, keyed by the French text of the segment), then ``save_target(publish=True)``
builds and publishes the English page. Only the prose is translated: the facts of a fiche
(amounts, dates, contacts, classification...) are synchronised from the French page by
wagtail-localize (``AidPage.translatable_fields``), so they are never written here.

Rich-text segments keep their inline tags (``<strong>``, ``<a id="a1">``) as they are; the lines
of a list (eligibility, conditions: ``core.fields.LinesField``) are one segment each.

Idempotent, like the French loader: the source is refreshed only when the French page changed,
a string translation is written only when missing or different, and the English page is saved
(a new revision) only when what wagtail-localize would build differs from what it holds.
"""

from contextlib import contextmanager

from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from demo.snapshots import snapshot
from guide.referral import DEFAULT_ENGLISH_REFERRAL_NOTE

LANGUAGE_CODE = "en"

# The fiches translated into English (French slugs), in the order of the source documents.
FICHE_SLUGS = [
    "katalyse-pmi-val-de-marne",
    "alixio-pme-pmi-val-de-marne-essonne",
    "silver-innov-ivry",
    "la-fabrique-cachan",
    "bus-entrepreneuriat-orly",
    "plie-180-jours-btp",
    "orly-international-job-meetings",
    "reboost-cci-val-de-marne",
    "appui-rh-tpe-pme",
]

REFERRAL_NOTE = DEFAULT_ENGLISH_REFERRAL_NOTE

HOME = {
    "Guide des aides aux entreprises": "Business aid guide",
    "guide-des-aides": "business-aid-guide",
    (
        "Prêts, subventions, accompagnement, locaux, recrutement : trouvez les aides mobilisables "
        "par votre entreprise sur le territoire du Grand-Orly Seine Bièvre, et la personne à "
        "appeler."
    ): (
        "Loans, grants, business support, premises, recruitment: find the aid your business can "
        "get in the Grand-Orly Seine Bièvre area, and the person to call."
    ),
    "Comment utiliser le guide": "How to use the guide",
    "Chaque fiche dit ce que vous pouvez obtenir, pour qui, jusqu'à quand, et qui contacter.": (
        "Each aid page tells you what you can get, who it is for, until when, and whom to contact."
    ),
    "La note de recommandation": "The referral note",
    (
        "Quand vous appelez un contact, précisez que vous venez <strong>de la part du "
        "Grand-Orly Seine Bièvre</strong> : l'opérateur sait ainsi que votre demande passe par le "
        "territoire, qui suit votre dossier avec lui."
    ): (
        "When you call a contact, say that you were referred <strong>by Grand-Orly Seine "
        "Bièvre</strong>: the organisation then knows that your request comes through the "
        "territory, which follows your application together with them."
    ),
}

GUIDE_INDEX = {
    "Les aides aux entreprises": "Aid for businesses",
    "aides": "business-aid",
    "Toutes les aides ouvertes aux entreprises du territoire.": (
        "All the aid open to businesses in the area."
    ),
}

SITE_PAGES = {
    # Legal notice
    "Mentions légales": "Legal notice",
    "mentions-legales": "legal-notice",
    "Éditeur, directeur de la publication et hébergeur du site.": (
        "Publisher, publication director and host of the site."
    ),
    "Éditeur": "Publisher",
    (
        "Établissement public territorial Grand-Orly Seine Bièvre, SIREN 200 058 014, "
        "Vitry-sur-Seine."
    ): (
        "Grand-Orly Seine Bièvre, établissement public territorial (a French public body "
        "grouping 24 municipalities), SIREN 200 058 014, Vitry-sur-Seine."
    ),
    "Directeur de la publication": "Publication director",
    "À compléter.": "To be completed.",
    "Hébergeur": "Host",
    # Accessibility statement
    "Accessibilité : non conforme": "Accessibility: not compliant",
    "accessibilite": "accessibility",
    "Déclaration d'accessibilité du guide des aides (RGAA 4.1).": (
        "Accessibility statement of the aid guide (RGAA 4.1, the French accessibility standard)."
    ),
    (
        "Le Grand-Orly Seine Bièvre s'engage à rendre ce site accessible conformément à "
        "l'article 47 de la loi n° 2005-102 du 11 février 2005."
    ): (
        "Grand-Orly Seine Bièvre is committed to making this site accessible, in accordance with "
        "article 47 of French law no. 2005-102 of 11 February 2005."
    ),
    "État de conformité": "Compliance status",
    (
        "Le site n'a pas encore fait l'objet d'un audit de conformité : il est donc non conforme "
        "au sens du RGAA."
    ): (
        "The site has not been audited for compliance yet: it is therefore not compliant within "
        "the meaning of the RGAA."
    ),
    "Voies de recours": "Remedies",
    (
        "Si vous ne pouvez pas accéder à un contenu, écrivez-nous ; vous pouvez aussi saisir le "
        "Défenseur des droits."
    ): (
        "If you cannot access some content, write to us; you can also refer the matter to the "
        "Défenseur des droits (the French rights ombudsman)."
    ),
    # Personal data
    "Données personnelles": "Personal data",
    "donnees-personnelles": "personal-data",
    "Quelles données le guide traite, pourquoi, et vos droits.": (
        "What data the guide processes, why, and your rights."
    ),
    (
        "Le guide ne dépose aucun cookie de mesure d'audience et ne fait appel à aucun service "
        "tiers."
    ): "The guide sets no audience measurement cookie and uses no third-party service.",
    "Contacts des fiches": "Contacts on aid pages",
    (
        "Les coordonnées des contacts sont publiées pour permettre aux entreprises de les "
        "joindre, sur la base de la mission de service public du territoire. Les boîtes "
        "fonctionnelles (adresse d'un service) sont préférées ; une personne nommée n'est publiée "
        "qu'avec son accord, que l'équipe enregistre avec la date à laquelle la personne a "
        "confirmé ses coordonnées professionnelles."
    ): (
        "Contact details are published so that businesses can reach the people who handle each "
        "aid, as part of the territory's public service mission. Shared mailboxes (the address "
        "of a department) are preferred; a named person is published only with their consent, "
        "which the team records along with the date on which the person confirmed their work "
        "contact details."
    ),
    "Historique des fiches": "History of aid pages",
    (
        "Chaque modification d'une fiche est conservée dans son historique pour permettre la "
        "relecture. Les versions anciennes sont supprimées automatiquement au bout d'un an (sauf "
        "la version publiée et celles en cours de relecture), pour que d'anciennes coordonnées ne "
        "subsistent pas."
    ): (
        "Every change to an aid page is kept in its history so that it can be reviewed. Old "
        "versions are deleted automatically after one year (except the published version and "
        "those under review), so that outdated contact details do not linger."
    ),
    "Comptes de l'équipe": "Team accounts",
    (
        "Les comptes d'administration du guide contiennent le nom et l'adresse électronique "
        "professionnelle des agents qui rédigent et valident les fiches ; ils servent aux "
        "notifications de relecture et au récapitulatif quotidien."
    ): (
        "The guide's administration accounts hold the name and work email address of the staff "
        "who write and approve the aid pages; they are used for review notifications and the "
        "daily summary."
    ),
    "Alertes par e-mail": "Email alerts",
    (
        "Si vous créez une alerte, le guide conserve votre adresse électronique, les critères de "
        "la recherche ou du questionnaire enregistrés, la fréquence choisie, la langue des "
        "messages et les dates de création, de confirmation et du dernier envoi. Votre adresse ne "
        "sert qu'à vous envoyer cette alerte, jamais à autre chose, et n'est transmise à personne."
    ): (
        "If you create an alert, the guide keeps your email address, the saved search or "
        "questionnaire criteria, the frequency you chose, the language of the messages and the "
        "dates of creation, confirmation and last sending. Your address is only used to send you "
        "this alert, never for anything else, and is passed on to no one."
    ),
    (
        "Une alerte non confirmée est supprimée au bout de 7 jours. Une alerte confirmée est "
        "conservée jusqu'à votre désabonnement : chaque message contient un lien qui la supprime "
        "en un clic, avec toutes les données qui y sont liées."
    ): (
        "An alert that is not confirmed is deleted after 7 days. A confirmed alert is kept until "
        "you unsubscribe: every message contains a link that deletes it in one click, along with "
        "all the data linked to it."
    ),
    "Vos droits": "Your rights",
    (
        "Vous pouvez demander l'accès à vos données, leur rectification ou leur effacement auprès "
        "du service développement économique du territoire, dont les coordonnées figurent en "
        "pied de page."
    ): (
        "You can ask the territory's economic development department to give you access to your "
        "data, or to correct or delete it; its contact details are at the bottom of every page."
    ),
    # Site map
    "Plan du site": "Site map",
    "plan-du-site": "site-map",
    "Les pages principales du guide et ses entrées par besoin.": (
        "The guide's main pages and its ways in by need."
    ),
}

FICHES = {
    # Every fiche's contact line
    "À contacter de la part du Grand-Orly Seine Bièvre": REFERRAL_NOTE,
    # Shared by several fiches
    "Conditions d'accueil à demander au contact": "Ask the contact about the admission conditions",
    # Katalyse
    "Katalyse – Accompagnement et soutien à l'investissement des PMI du Val-de-Marne": (
        "Katalyse – Support and investment aid for small manufacturers in Val-de-Marne"
    ),
    "katalyse-pmi-val-de-marne": "katalyse-support-for-manufacturers-val-de-marne",
    (
        "Développez votre PMI avec un consultant dédié et un soutien financier à l'investissement"
    ): "Grow your manufacturing business with a dedicated consultant and investment funding",
    (
        "Le cabinet Katalyse propose un accompagnement destiné aux petites et moyennes "
        "industries du Val-de-Marne ayant une idée ou un projet de développement."
    ): (
        "The consultancy Katalyse supports small and medium-sized manufacturers (PMI) in "
        "Val-de-Marne that have an idea or a development project."
    ),
    (
        "L'aide s'articule autour d'une prestation d'appui-projet dédiée par un consultant de "
        "Katalyse (jusqu'à 10 jours d'accompagnement et de conseil) et d'un soutien financier à "
        "l'investissement plafonné à 60 000 €."
    ): (
        "The aid combines project support from a dedicated Katalyse consultant (up to 10 days of "
        "support and advice) with investment funding of up to €60,000."
    ),
    "La source ne précise pas la forme du soutien financier : à confirmer avec Katalyse.": (
        "The source does not say what form the funding takes: to be confirmed with Katalyse."
    ),
    "Petite ou moyenne industrie (PMI) du Val-de-Marne": (
        "Small or medium-sized manufacturer (PMI) in Val-de-Marne"
    ),
    "Avoir une idée ou un projet de développement": "Have an idea or a development project",
    "Appui-projet par un consultant Katalyse": "Project support from a Katalyse consultant",
    "Soutien financier à l'investissement": "Investment funding",
    "Vos investissements (la source ne dit pas lesquels : à confirmer avec Katalyse)": (
        "Your investments (the source does not say which: to be confirmed with Katalyse)"
    ),
    # Alixio
    "Alixio – Accompagnement des PME-PMI du Val-de-Marne et de l'Essonne": (
        "Alixio – Loans and grants for SMEs in Val-de-Marne and Essonne"
    ),
    "alixio-pme-pmi-val-de-marne-essonne": "alixio-sme-loans-and-grants",
    (
        "Financez vos créations d'emplois en CDI avec un prêt à taux zéro et une subvention par "
        "emploi créé"
    ): "Fund new permanent jobs with an interest-free loan and a grant for each job created",
    (
        "Le cabinet Alixio propose des fonds destinés aux PME et PMI du Val-de-Marne et aux PMI "
        "implantées ou en cours d'implantation en Essonne, qui ont des projets de développement "
        "générateurs d'emplois. Les structures de l'ESS du territoire y ont accès aux mêmes "
        "conditions."
    ): (
        "The consultancy Alixio offers funding to small and medium-sized businesses and "
        "manufacturers (PME and PMI) in Val-de-Marne, and to manufacturers based in or moving to "
        "Essonne, whose development projects create jobs. Social economy organisations (ESS) of "
        "the area can apply on the same terms."
    ),
    (
        "Le prêt n'est pas affecté : il permet de financer le besoin en fonds de roulement (BFR) "
        "de l'entreprise. La subvention est indissociable du prêt et peut accompagner au plus un "
        "tiers du programme d'emplois. Pour les entreprises essonniennes, l'aide comprend "
        "également une subvention pour financer une prestation de conseil."
    ): (
        "The loan is not tied to a specific expense: it can fund your business's working capital "
        "needs. The grant comes only with the loan and covers at most one job in three of the "
        "jobs programme. Businesses in Essonne also get a grant to pay for consultancy services."
    ),
    (
        "Projet de développement générateur d'au moins 3 créations nettes d'emplois en CDI dans "
        "les 2 ans"
    ): "Development project creating at least 3 net new permanent jobs (CDI) within 2 years",
    "Prêt à taux zéro": "Interest-free loan",
    "Sans caution personnelle": "No personal guarantee",
    "Non affecté : finance notamment le besoin en fonds de roulement (BFR)": (
        "Not tied to a specific expense: can fund working capital needs, among other things"
    ),
    "Subvention à la création d'emplois": "Job creation grant",
    "Indissociable du prêt": "Only granted together with the loan",
    "Subvention pour une prestation de conseil": "Grant for consultancy services",
    "Réservée aux entreprises essonniennes": "For businesses in Essonne only",
    "Le besoin en fonds de roulement (BFR) : le prêt n'est pas affecté à une dépense précise": (
        "Working capital needs: the loan is not tied to a specific expense"
    ),
    "Une prestation de conseil (entreprises de l'Essonne)": (
        "Consultancy services (businesses in Essonne)"
    ),
    # Silver Innov'
    "Silver Innov' – Pépinière et hôtel d'entreprises à Ivry-sur-Seine": (
        "Silver Innov' – Business incubator and business centre in Ivry-sur-Seine"
    ),
    "silver-innov-ivry": "silver-innov-incubator-ivry",
    "Installez votre entreprise dans une pépinière et hôtel d'entreprises à Ivry": (
        "Set up your business in a business incubator and business centre in Ivry"
    ),
    (
        "Silver Innov' est une pépinière et un hôtel d'entreprises à Ivry-sur-Seine, l'une des "
        "actions d'entrepreneuriat financées par les conventions de revitalisation du "
        "territoire."
    ): (
        "Silver Innov' is a business incubator and business centre in Ivry-sur-Seine, one of the "
        "entrepreneurship initiatives funded by the area's revitalisation agreements."
    ),
    (
        "Selon la Banque des Territoires et le réseau Silver Valley, c'est une plateforme "
        "immobilière dédiée à la silver économie (produits et services pour les personnes "
        "âgées), ouverte par l'ancienne communauté d'agglomération Seine-Amont."
    ): (
        "According to the Banque des Territoires and the Silver Valley network, it is business "
        "premises dedicated to the silver economy (products and services for older people), "
        "opened by the former Seine-Amont conurbation authority."
    ),
    (
        "Les conditions d'accueil, les loyers et les services ne sont pas donnés par la source : "
        "le service développement économique du territoire vous renseigne."
    ): (
        "The source gives neither the admission conditions, nor the rents, nor the services: "
        "the area's economic development department can tell you."
    ),
    "S'installer dans la pépinière ou l'hôtel d'entreprises, à Ivry-sur-Seine": (
        "Move into the incubator or the business centre, in Ivry-sur-Seine"
    ),
    # La Fabrique
    "La Fabrique – Pépinière et hôtel d'entreprises à Cachan": (
        "La Fabrique – Business incubator and business centre in Cachan"
    ),
    "la-fabrique-cachan": "la-fabrique-incubator-cachan",
    "Trouvez des locaux et un accompagnement pour votre entreprise à Cachan": (
        "Find premises and support for your business in Cachan"
    ),
    (
        "La Fabrique est une pépinière et un hôtel d'entreprises à Cachan, l'une des actions "
        "d'entrepreneuriat financées par les conventions de revitalisation du territoire."
    ): (
        "La Fabrique is a business incubator and business centre in Cachan, one of the "
        "entrepreneurship initiatives funded by the area's revitalisation agreements."
    ),
    "S'installer dans la pépinière ou l'hôtel d'entreprises, à Cachan": (
        "Move into the incubator or the business centre, in Cachan"
    ),
    # Bus de l'entrepreneuriat
    "Bus de l'entrepreneuriat dans les quartiers d'Orly": (
        "The Entrepreneurship Bus in Orly's neighbourhoods"
    ),
    "bus-entrepreneuriat-orly": "entrepreneurship-bus-orly",
    "Parlez de votre projet d'entreprise au Bus de l'entrepreneuriat, dans votre quartier": (
        "Talk about your business project to the Entrepreneurship Bus, in your neighbourhood"
    ),
    (
        "Le Bus de l'entrepreneuriat va dans les quartiers d'Orly, au service des habitants qui "
        "veulent entreprendre. C'est l'une des actions d'entrepreneuriat financées par les "
        "conventions de revitalisation du territoire."
    ): (
        "The Entrepreneurship Bus (Bus de l'entrepreneuriat) goes to Orly's neighbourhoods for "
        "residents who want to start a business. It is one of the entrepreneurship initiatives "
        "funded by the area's revitalisation agreements."
    ),
    (
        "La source ne dit ni qui le porte, ni quand il passe, ni ce qu'il propose : le service "
        "développement économique du territoire vous renseigne."
    ): (
        "The source says neither who runs it, nor when it comes, nor what it offers: the area's "
        "economic development department can tell you."
    ),
    "Projet de création d'entreprise, à Orly": "A plan to start a business, in Orly",
    # 180 jours
    "180 jours pour décrocher un emploi durable dans le BTP": (
        "180 days to land a lasting job in construction"
    ),
    "plie-180-jours-btp": "180-days-construction-jobs",
    "Recrutez dans le BTP des candidats accompagnés vers un emploi durable": (
        "Hire construction candidates supported towards a lasting job"
    ),
    (
        "Porté par le PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi, le dispositif « 180 jours "
        "pour décrocher un emploi durable dans le secteur du BTP » est l'une des actions "
        "d'emploi et d'insertion financées par les conventions de revitalisation du territoire. "
        "Une entreprise du BTP qui recrute peut y trouver ses candidats."
    ): (
        "Run by the PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi (a local back-to-work "
        "programme), the “180 days to land a lasting job in construction” scheme is one of the "
        "employment and inclusion initiatives funded by the area's revitalisation agreements. A "
        "construction business that is hiring can find candidates there."
    ),
    (
        "La source ne détaille pas le déroulement du dispositif : le service développement "
        "économique du territoire vous renseigne."
    ): (
        "The source does not say how the scheme runs: the area's economic development "
        "department can tell you."
    ),
    "Entreprise du BTP qui recrute": "Construction business that is hiring",
    # Orly International
    "Job meetings d'Orly International": "Orly International job meetings",
    "orly-international-job-meetings": "orly-international-job-meetings",
    "Rencontrez des candidats pour vos postes à pourvoir lors d'un job meeting": (
        "Meet candidates for your vacancies at a job meeting"
    ),
    (
        "Orly International organise des job meetings, où des entreprises qui recrutent "
        "rencontrent des candidats. Ils font partie des actions d'emploi et d'insertion "
        "financées par les conventions de revitalisation du territoire."
    ): (
        "Orly International organises job meetings, where businesses that are hiring meet "
        "candidates. They are among the employment and inclusion initiatives funded by the "
        "area's revitalisation agreements."
    ),
    (
        "La source n'en donne ni les dates ni les modalités : le service développement "
        "économique du territoire vous renseigne."
    ): (
        "The source gives neither their dates nor how they work: the area's economic "
        "development department can tell you."
    ),
    "Entreprise qui recrute": "Business that is hiring",
    # Reboost
    "Reboost – Soutien aux entreprises de la CCI du Val-de-Marne": (
        "Reboost – Business support from the Val-de-Marne Chamber of Commerce"
    ),
    "reboost-cci-val-de-marne": "reboost-business-support-val-de-marne",
    "Faites-vous soutenir par la CCI du Val-de-Marne avec le dispositif Reboost": (
        "Get support from the Val-de-Marne Chamber of Commerce with the Reboost scheme"
    ),
    (
        "Reboost est un dispositif de soutien aux entreprises porté par la CCI du Val-de-Marne "
        "et cofinancé par les trois établissements publics territoriaux du département : "
        "Grand-Orly Seine Bièvre, Paris Est Marne &amp; Bois et Grand Paris Sud Est Avenir. C'est "
        "l'une des actions financées par les conventions de revitalisation du territoire."
    ): (
        "Reboost is a business support scheme run by the Val-de-Marne Chamber of Commerce and "
        "Industry (CCI) and co-funded by the three territorial public bodies of the département: "
        "Grand-Orly Seine Bièvre, Paris Est Marne &amp; Bois and Grand Paris Sud Est Avenir. It is "
        "one of the initiatives funded by the area's revitalisation agreements."
    ),
    (
        "La source ne précise ni le public ni le contenu du soutien : la CCI ou le service "
        "développement économique du territoire vous renseignent."
    ): (
        "The source says neither whom the support is for nor what it consists of: the CCI or "
        "the area's economic development department can tell you."
    ),
    "Entreprise du Val-de-Marne": "Business in Val-de-Marne",
    # Appui RH
    "Appui RH des TPE/PME": "HR support for small businesses",
    "appui-rh-tpe-pme": "hr-support-small-businesses",
    "Faites-vous aider sur vos questions de ressources humaines avec l'Appui RH": (
        "Get help with your human resources questions from HR Support"
    ),
    (
        "Porté par le Grand-Orly Seine Bièvre, l'Appui RH des TPE/PME s'adresse aux TPE et PME "
        "de moins de 50 salariés du territoire. Les conventions de revitalisation soutiennent ce "
        "dispositif."
    ): (
        "Run by Grand-Orly Seine Bièvre, HR Support for small businesses is for micro, small "
        "and medium-sized businesses of the area with fewer than 50 employees. The "
        "revitalisation agreements support the scheme."
    ),
    (
        "La source ne détaille pas le contenu de l'appui : le service développement économique "
        "du territoire vous renseigne."
    ): (
        "The source does not say what the support consists of: the area's economic development "
        "department can tell you."
    ),
    "TPE ou PME de moins de 50 salariés du territoire": (
        "Micro, small or medium-sized business of the area with fewer than 50 employees"
    ),
}

# The French text of a segment (as wagtail-localize extracts it) -> its English.
RESULTS_PAGE = {
    "La revitalisation en chiffres": "Revitalisation in figures",
    "revitalisation-en-chiffres": "revitalisation-in-figures",
    (
        "Ce que les conventions de revitalisation et les programmes du territoire ont permis : "
        "entreprises soutenues, emplois créés et montants engagés, année par année."
    ): (
        "What the revitalisation agreements and the area's programmes have achieved: "
        "businesses supported, jobs created and amounts committed, year by year."
    ),
}

ENGLISH = {**HOME, **GUIDE_INDEX, **RESULTS_PAGE, **SITE_PAGES, **FICHES}


def english_locale():
    return Locale.objects.get_or_create(language_code=LANGUAGE_CODE)[0]


@contextmanager
def on_commit_callbacks_run_now(using=DEFAULT_DB_ALIAS):
    """Run at once the on-commit callbacks registered inside the block, instead of at commit.

    ``save_target(publish=True)`` creates the English revision and defers its publication to the
    end of the transaction (``transaction.on_commit``). The loader runs in one transaction, and
    the tests' ``demo_guide`` fixture in one that is rolled back, never committed: the English
    pages must be live when the loader returns, as the French ones are (published at once).
    Outside a transaction Django runs the callbacks at once anyway and nothing is left to do.
    """
    connection = connections[using]
    start = len(connection.run_on_commit)
    yield
    while len(connection.run_on_commit) > start:
        pending = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for entry in pending:
            entry[1]()  # (savepoint ids, callback, robust)


def page_state(page):
    """What a page says (see ``snapshots.snapshot``), SEO fields included."""
    return {
        **snapshot(page),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
    }


def write_string_translations(source, locale, user=None):
    """Write the English of each segment of ``source``; return how many were written or changed.

    A segment without English here is left untranslated (``save_target`` then falls back to the
    French text); ``missing_segments`` lists them, and the tests require that there be none.
    """
    written = 0
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        english = ENGLISH.get(segment.string.data)
        if english is None:
            continue
        translation, created = StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": english,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )
        if created:
            written += 1
        elif translation.data != english or translation.has_error:
            translation.data = english
            translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            translation.tool_name = ""
            translation.last_translated_by = user
            translation.has_error = False
            translation.field_error = ""
            translation.save()
            written += 1
    return written


def missing_segments(source, locale):
    """The string segments of ``source`` with no usable translation into ``locale``."""
    return [
        segment
        for segment in StringSegment.objects.filter(source=source)
        .annotate_translation(locale)
        .select_related("string", "context")
        if not segment.translation
    ]


def is_up_to_date(source, target, locale):
    """Whether ``target`` is live and says what wagtail-localize would build from ``source`` now."""
    if target.alias_of_id or not target.live or target.has_unpublished_changes:
        return False
    expected = source.get_ephemeral_translated_instance(locale, fallback=True)
    return page_state(expected) == page_state(target)


def translate_page(page, locale, user=None):
    """Translate one French page into ``locale``.

    Returns ("created" | "updated" | "unchanged", the translated page).
    """
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    write_string_translations(source, locale, user=user)
    try:
        target = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        target = None
    if target is not None and is_up_to_date(source, target, locale):
        return "unchanged", target
    with on_commit_callbacks_run_now():
        translation.save_target(user=user, publish=True)
    outcome = "created" if target is None or target.alias_of_id else "updated"
    return outcome, source.get_translated_instance(locale)


def translate_demo(pages, user=None):
    """Translate ``pages`` (French, parents before children) into English through
    wagtail-localize; return a list of (outcome, English page)."""
    locale = english_locale()
    return [translate_page(page.specific, locale, user=user) for page in pages]
