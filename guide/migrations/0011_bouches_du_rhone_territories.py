"""Reference data for the second territory on the instance: the Bouches-du-Rhône, its région and
the Métropole d'Aix-Marseille-Provence (COG and SIREN codes)."""

from django.db import migrations
from django.utils.text import slugify

COUNTRY = ("PAYS", "99100")
REGION = ("REG", "93", "Provence-Alpes-Côte d'Azur")
DEPARTEMENT = ("DEP", "13", "Bouches-du-Rhône")
METROPOLE = ("EPCI", "200054807", "Métropole d'Aix-Marseille-Provence")


def load(apps, schema_editor):
    Territory = apps.get_model("guide", "Territory")

    def territory(kind, code, name):
        obj, _ = Territory.objects.update_or_create(
            kind=kind, code=code, defaults={"name": name, "slug": slugify(name)}
        )
        return obj

    region = territory(*REGION)
    country = Territory.objects.filter(kind=COUNTRY[0], code=COUNTRY[1]).first()
    if country is not None:
        region.parents.add(country)
    departement = territory(*DEPARTEMENT)
    departement.parents.add(region)
    metropole = territory(*METROPOLE)
    metropole.parents.add(departement)


def unload(apps, schema_editor):
    Territory = apps.get_model("guide", "Territory")
    for kind, code, _name in (METROPOLE, DEPARTEMENT, REGION):
        Territory.objects.filter(kind=kind, code=code, aids__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("guide", "0010_programme_results")]

    operations = [migrations.RunPython(load, unload)]
