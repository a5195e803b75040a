"""Reference data: the territory of Grand-Orly Seine Bièvre and the guide's vocabularies.

Frozen in this migration on purpose (later changes come as new migrations). Codes are those of
the Code officiel géographique (INSEE): communes, départements, région; the EPT by its SIREN.
"""

from django.db import migrations
from django.utils.text import slugify

EPT = ("EPCI", "200058014", "Grand-Orly Seine Bièvre", "")
REGION = ("REG", "11", "Île-de-France", "")
COUNTRY = ("PAYS", "99100", "France", "")
DEPARTEMENTS = {
    "94": "Val-de-Marne",
    "91": "Essonne",
}
# (INSEE code, name, postal codes)
COMMUNES = [
    ("94001", "Ablon-sur-Seine", "94480"),
    ("94003", "Arcueil", "94110"),
    ("94016", "Cachan", "94230"),
    ("94021", "Chevilly-Larue", "94550"),
    ("94022", "Choisy-le-Roi", "94600"),
    ("94034", "Fresnes", "94260"),
    ("94037", "Gentilly", "94250"),
    ("94038", "L'Haÿ-les-Roses", "94240"),
    ("94041", "Ivry-sur-Seine", "94200"),
    ("94043", "Le Kremlin-Bicêtre", "94270"),
    ("94054", "Orly", "94310,94390"),
    ("94065", "Rungis", "94150"),
    ("94073", "Thiais", "94320"),
    ("94074", "Valenton", "94460"),
    ("94076", "Villejuif", "94800"),
    ("94077", "Villeneuve-le-Roi", "94290"),
    ("94078", "Villeneuve-Saint-Georges", "94190"),
    ("94081", "Vitry-sur-Seine", "94400"),
    ("91027", "Athis-Mons", "91200"),
    ("91326", "Juvisy-sur-Orge", "91260"),
    ("91432", "Morangis", "91420"),
    ("91479", "Paray-Vieille-Poste", "91550"),
    ("91589", "Savigny-sur-Orge", "91600"),
    ("91687", "Viry-Châtillon", "91170"),
]

# (slug, French, English, national type, is financial)
AID_TYPES = [
    ("subvention", "Subvention", "Grant", "financement", True),
    ("pret", "Prêt", "Loan", "prêt", True),
    ("avance-remboursable", "Avance remboursable", "Recoverable advance", "financement", True),
    ("garantie", "Garantie", "Guarantee", "financement", True),
    ("accompagnement", "Accompagnement / conseil", "Advisory support", "conseil", False),
    ("hebergement", "Hébergement / locaux", "Premises and incubation", "assistance", False),
    ("formation", "Formation", "Training", "formation", False),
    ("mise-en-relation", "Mise en relation", "Introductions and networking", "information", False),
]
AUDIENCES = [
    ("tpe", "TPE (moins de 10 salariés)", "Micro-businesses (under 10 staff)"),
    ("pme", "PME", "SMEs"),
    ("pmi", "PMI (petites et moyennes industries)", "Small and medium-sized manufacturers"),
    ("eti", "ETI", "Mid-sized companies"),
    ("ess", "Structures de l'ESS et associations", "Social economy and non-profits"),
    ("createurs", "Créateurs et repreneurs", "Founders and business buyers"),
    ("commercants-artisans", "Commerçants et artisans", "Shopkeepers and craftspeople"),
    ("startups", "Startups et entreprises innovantes", "Start-ups and innovative companies"),
    ("independants", "Indépendants et micro-entrepreneurs", "Self-employed and sole traders"),
]
COMPANY_SIZES = [
    ("MIC", "mic", "Microentreprise (MIC)", "Micro-enterprise"),
    ("PME", "pme", "Petite et moyenne entreprise (PME)", "Small and medium-sized enterprise"),
    ("ETI", "eti", "Entreprise de taille intermédiaire (ETI)", "Mid-sized enterprise"),
    ("GE", "ge", "Grande entreprise (GE)", "Large enterprise"),
]
SECTORS = [
    ("industrie", "Industrie", "Manufacturing"),
    ("btp", "BTP et construction", "Construction"),
    ("commerce", "Commerce", "Retail and trade"),
    ("artisanat", "Artisanat", "Crafts"),
    ("services", "Services aux entreprises", "Business services"),
    ("numerique", "Numérique", "Digital"),
    ("logistique", "Transport et logistique", "Transport and logistics"),
    ("agroalimentaire", "Agroalimentaire", "Food industry"),
    ("hotellerie-restauration", "Hôtellerie, restauration, tourisme", "Hospitality and tourism"),
    ("sante-silver", "Santé et silver économie", "Health and ageing economy"),
    ("aeronautique", "Aéronautique et aéroportuaire", "Aviation and airport activities"),
    ("environnement", "Environnement et économie circulaire", "Environment and circular economy"),
]
PROJECT_STAGES = [
    ("creation", "Création ou reprise", "Starting or buying a business"),
    ("developpement", "Développement", "Growth"),
    ("investissement", "Investissement", "Investment"),
    ("recrutement", "Recrutement", "Hiring"),
    ("innovation", "Innovation", "Innovation"),
    ("transition-ecologique", "Transition écologique", "Ecological transition"),
    ("international", "International", "Exporting"),
    ("difficulte-rebond", "Difficulté / rebond", "Getting through difficulties"),
]


def load(apps, schema_editor):
    Territory = apps.get_model("guide", "Territory")

    def territory(kind, code, name, postal_codes=""):
        obj, _ = Territory.objects.update_or_create(
            kind=kind,
            code=code,
            defaults={"name": name, "slug": slugify(name), "postal_codes": postal_codes},
        )
        return obj

    country = territory(*COUNTRY)
    region = territory(*REGION)
    region.parents.add(country)
    ept = territory(*EPT)
    ept.parents.add(region)
    departements = {}
    for code, name in DEPARTEMENTS.items():
        departements[code] = territory("DEP", code, name)
        departements[code].parents.add(region)
    for insee, name, postal_codes in COMMUNES:
        commune = territory("COM", insee, name, postal_codes)
        commune.parents.add(departements[insee[:2]], ept)

    def vocabulary(model_name, rows, **extra_by_slug):
        Model = apps.get_model("guide", model_name)
        for order, row in enumerate(rows):
            slug, name, name_en, *rest = row
            defaults = {"name": name, "name_en": name_en, "sort_order": order}
            defaults.update(extra_by_slug.get(slug, {}))
            Model.objects.update_or_create(slug=slug, defaults=defaults)

    vocabulary(
        "AidType",
        AID_TYPES,
        **{
            slug: {"national_type": national, "is_financial": financial}
            for slug, _fr, _en, national, financial in AID_TYPES
        },
    )
    vocabulary("Audience", AUDIENCES)
    vocabulary("Sector", SECTORS)
    vocabulary("ProjectStage", PROJECT_STAGES)
    vocabulary(
        "CompanySize",
        [(slug, name, name_en) for _code, slug, name, name_en in COMPANY_SIZES],
        **{slug: {"code": code} for code, slug, _n, _e in COMPANY_SIZES},
    )


def unload(apps, schema_editor):
    for model_name in ("Territory", "AidType", "Audience", "Sector", "ProjectStage", "CompanySize"):
        apps.get_model("guide", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
