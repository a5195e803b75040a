"""Gone paths recorded before there were several sites belong to the default site (a migration of
its own, after the schema change: see 0011)."""

from django.db import migrations


def backfill(apps, schema_editor):
    GonePath = apps.get_model("guide", "GonePath")
    Site = apps.get_model("wagtailcore", "Site")
    default_site = Site.objects.filter(is_default_site=True).first()
    if default_site is not None:
        GonePath.objects.filter(site__isnull=True).update(site=default_site)


class Migration(migrations.Migration):
    dependencies = [("guide", "0013_gone_path_site")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
