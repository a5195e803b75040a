"""The three roles may translate (wagtail-localize's "submit_translation" permission, created by
its migration 0006): ``sync_roles`` adds what is missing."""

from django.db import migrations

from guide.roles import sync_roles


def grant_translation(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0006_guide_settings_english_referral_note"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant_translation, migrations.RunPython.noop)]
