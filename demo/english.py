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
    "Petite ou moyenne industrie (PMI) implantée dans le Val-de-Marne": (
        "Small or medium-sized manufacturer (PMI) based in Val-de-Marne"
    ),
    "Avoir une idée ou un projet de développement": "Have an idea or a development project",
    "Appui-projet par un consultant Katalyse": "Project support from a Katalyse consultant",
    # What a financial line's maximum share is of
    "du programme d'emplois": "of the jobs programme",
    "Soutien financier à l'investissement": "Investment funding",
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
        "générateurs d'emplois."
    ): (
        "The consultancy Alixio offers funding to small and medium-sized businesses and "
        "manufacturers (PME and PMI) in Val-de-Marne, and to manufacturers based in or moving to "
        "Essonne, whose development projects create jobs."
    ),
    (
        "Le prêt n'est pas affecté : il permet de financer le besoin en fonds de roulement (BFR) "
        "de l'entreprise. La subvention est indissociable du prêt. Pour les entreprises "
        "essonniennes, l'aide comprend également une subvention pour financer une prestation de "
        "conseil."
    ): (
        "The loan is not tied to a specific expense: it can fund your business's working capital "
        "needs. The grant comes only with the loan. Businesses in Essonne also get a grant to pay "
        "for consultancy services."
    ),
    "PME ou PMI du Val-de-Marne, ou PMI implantée ou en cours d'implantation en Essonne": (
        "Small or medium-sized business or manufacturer in Val-de-Marne, or manufacturer based "
        "in or moving to Essonne"
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
    # Silver Innov'
    "Silver Innov' – Pépinière et hôtel d'entreprises à Ivry-sur-Seine": (
        "Silver Innov' – Business incubator and business centre in Ivry-sur-Seine"
    ),
    "silver-innov-ivry": "silver-innov-incubator-ivry",
    "Installez votre jeune entreprise de la silver économie dans une pépinière dédiée": (
        "Set up your young silver economy business in a dedicated incubator"
    ),
    (
        "Silver Innov' est une pépinière et un hôtel d'entreprises situé à Ivry-sur-Seine, "
        "consacré aux entreprises de la silver économie (services et produits pour les personnes "
        "âgées). Elle offre des bureaux, des services partagés et un accompagnement des jeunes "
        "entreprises."
    ): (
        "Silver Innov' is a business incubator and business centre in Ivry-sur-Seine for "
        "businesses of the silver economy (services and products for older people). It offers "
        "offices, shared services and support for young businesses."
    ),
    "Son développement a été soutenu par les conventions de revitalisation du territoire.": (
        "Its development was funded by the territory's revitalisation agreements."
    ),
    "Entreprise en création ou jeune entreprise de la silver économie": (
        "New or young business in the silver economy"
    ),
    "Projet d'implantation à Ivry-sur-Seine": "Plans to set up in Ivry-sur-Seine",
    # La Fabrique
    "La Fabrique – Pépinière et hôtel d'entreprises à Cachan": (
        "La Fabrique – Business incubator and business centre in Cachan"
    ),
    "la-fabrique-cachan": "la-fabrique-incubator-cachan",
    "Trouvez un bureau et un accompagnement pour lancer votre entreprise à Cachan": (
        "Find an office and support to launch your business in Cachan"
    ),
    (
        "La Fabrique, à Cachan, accueille des entreprises en création et en développement : "
        "bureaux à loyer progressif, services partagés et suivi par une équipe dédiée."
    ): (
        "La Fabrique, in Cachan, hosts businesses that are starting up or growing: offices whose "
        "rent rises step by step, shared services and follow-up by a dedicated team."
    ),
    (
        "Elle fait partie des actions d'entrepreneuriat soutenues par les conventions de "
        "revitalisation du territoire."
    ): (
        "It is one of the entrepreneurship initiatives funded by the territory's revitalisation "
        "agreements."
    ),
    "Entreprise de moins de 3 ans ou en cours de création": (
        "Business less than 3 years old, or being set up"
    ),
    # Bus de l'entrepreneuriat
    "Bus de l'entrepreneuriat dans les quartiers d'Orly": (
        "The Entrepreneurship Bus in Orly's neighbourhoods"
    ),
    "bus-entrepreneuriat-orly": "entrepreneurship-bus-orly",
    "Rencontrez des conseillers en bas de chez vous pour lancer votre projet": (
        "Meet advisers on your doorstep to get your business project started"
    ),
    (
        "Le Bus de l'entrepreneuriat se déplace dans les quartiers d'Orly pour informer et "
        "orienter les habitants qui veulent créer leur entreprise : premiers conseils, mise en "
        "relation avec les réseaux d'accompagnement et de financement."
    ): (
        "The Entrepreneurship Bus (Bus de l'entrepreneuriat) tours Orly's neighbourhoods to "
        "inform and guide residents who want to start a business: first advice, and "
        "introductions to support and funding networks."
    ),
    "Porteur de projet de création d'entreprise": "You plan to start a business",
    "Habitant ou projet implanté à Orly, en particulier dans les quartiers prioritaires": (
        "You live in Orly, or your project is based there, especially in the priority "
        "neighbourhoods"
    ),
    # 180 jours
    "180 jours pour décrocher un emploi durable dans le BTP": (
        "180 days to land a lasting job in construction"
    ),
    "plie-180-jours-btp": "180-days-construction-jobs",
    "Recrutez dans le BTP des candidats préparés et suivis pendant six mois": (
        "Hire construction workers who have been trained and are supported for six months"
    ),
    (
        "Porté par le PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi, le dispositif « 180 jours » "
        "prépare des demandeurs d'emploi aux métiers du BTP et les accompagne jusqu'à un emploi "
        "durable. Les entreprises du secteur y trouvent des candidats formés et un suivi dans "
        "l'emploi."
    ): (
        "Run by the PLIE Choisy-le-Roi / Orly / Villeneuve-le-Roi (a local back-to-work "
        "programme), the “180 days” scheme prepares jobseekers for construction trades and "
        "supports them until they find a lasting job. Construction businesses get trained "
        "candidates and follow-up once the new recruits are in post."
    ),
    "Entreprise du BTP qui recrute sur le territoire du PLIE": (
        "Construction business hiring in the PLIE's area"
    ),
    # Orly International
    "Job meetings d'Orly International": "Orly International job meetings",
    "orly-international-job-meetings": "orly-international-job-meetings",
    "Rencontrez en une matinée des candidats pour vos postes à pourvoir": (
        "Meet candidates for your vacancies in a single morning"
    ),
    (
        "Orly International organise des job meetings qui réunissent des entreprises du pôle "
        "d'Orly et des candidats présélectionnés : entretiens courts, sur place, pour des postes "
        "à pourvoir rapidement."
    ): (
        "Orly International organises job meetings that bring together businesses of the Orly "
        "business hub and shortlisted candidates: short interviews, on site, for jobs to be "
        "filled quickly."
    ),
    "Entreprise du pôle Orly-Rungis qui recrute": (
        "Business in the Orly-Rungis hub that is hiring"
    ),
    # Reboost
    "Reboost – Rebondir après une difficulté avec la CCI du Val-de-Marne": (
        "Reboost – Bounce back from hard times with the Val-de-Marne Chamber of Commerce"
    ),
    "reboost-cci-val-de-marne": "reboost-business-recovery-val-de-marne",
    (
        "Faites le point sur votre entreprise en difficulté et construisez votre plan de rebond"
    ): "Take stock of your struggling business and build your recovery plan",
    (
        "Reboost, porté par la CCI du Val-de-Marne et cofinancé par les trois établissements "
        "publics territoriaux du département, accompagne les dirigeants d'entreprises "
        "fragilisées : diagnostic, plan d'action, orientation vers les solutions de financement "
        "et de prévention."
    ): (
        "Reboost, run by the Val-de-Marne Chamber of Commerce and Industry (CCI) and co-funded "
        "by the three territorial public bodies of the département, supports the managers of "
        "struggling businesses: a review of the business, an action plan, and referral to "
        "funding and early-warning services."
    ),
    "Entreprise implantée dans le Val-de-Marne qui traverse une difficulté": (
        "Business based in Val-de-Marne that is going through a difficult time"
    ),
    # Appui RH
    "Appui RH des TPE/PME": "HR support for small businesses",
    "appui-rh-tpe-pme": "hr-support-small-businesses",
    "Structurez vos recrutements et votre gestion du personnel avec un appui RH": (
        "Organise your hiring and staff management with HR support"
    ),
    (
        "Porté par le Grand-Orly Seine Bièvre, l'Appui RH aide les dirigeants des petites "
        "entreprises du territoire sur leurs questions de ressources humaines : définir un "
        "poste, recruter, intégrer, organiser le travail."
    ): (
        "Run by Grand-Orly Seine Bièvre, HR Support helps the managers of small businesses in "
        "the area with their human resources questions: defining a job, recruiting, welcoming "
        "new staff, organising work."
    ),
    "TPE ou PME de moins de 50 salariés implantée sur le territoire": (
        "Micro, small or medium-sized business with fewer than 50 employees, based in the area"
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
