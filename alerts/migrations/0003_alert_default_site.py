"""Alerts subscribed before sites were recorded belong to the default site (so that sending
them reads their site without a query per alert)."""

from django.db import migrations


def backfill(apps, schema_editor):
    Alert = apps.get_model("alerts", "Alert")
    Site = apps.get_model("wagtailcore", "Site")
    default_site = Site.objects.filter(is_default_site=True).first()
    if default_site is not None:
        Alert.objects.filter(site__isnull=True).update(site=default_site)


class Migration(migrations.Migration):
    dependencies = [("alerts", "0002_alert_site")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
