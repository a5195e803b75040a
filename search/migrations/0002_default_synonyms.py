"""A starting list of synonyms; editors maintain it afterwards in the admin."""

from django.db import migrations

GROUPS = [
    ("embauche, embaucher, recrutement, recruter, emploi", "Recruter"),
    ("prêt d'honneur, prêt à taux zéro, prêt sans intérêt", "Prêts sans intérêts"),
    ("TPE, très petite entreprise, microentreprise", "Taille"),
    ("PME, petite et moyenne entreprise", "Taille"),
    ("PMI, petite et moyenne industrie", "Taille"),
    ("ESS, économie sociale et solidaire, association, coopérative", "ESS"),
    ("BFR, besoin en fonds de roulement, trésorerie", "Financement"),
    ("locaux, hébergement, pépinière, bureau, hôtel d'entreprises, coworking", "Locaux"),
    ("export, international, étranger", "International"),
    ("créer, création, créateur, lancer son entreprise", "Création"),
    ("reprise, reprendre, repreneur, transmission", "Reprise"),
    ("startup, start-up, jeune pousse, entreprise innovante", "Innovation"),
    ("rebond, rebondir, difficulté, redressement", "Difficultés"),
    ("BTP, bâtiment, construction", "Secteur"),
    ("transition écologique, environnement, énergie, décarbonation", "Transition"),
    ("subvention, aide financière", "Financement"),
]


def load(apps, schema_editor):
    SynonymGroup = apps.get_model("site_search", "SynonymGroup")
    for terms, note in GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


def unload(apps, schema_editor):
    SynonymGroup = apps.get_model("site_search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _note in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_synonym_group")]

    operations = [migrations.RunPython(load, unload)]
