"""The three roles may translate (wagtail-localize's "submit_translation" permission, created by
its migration 0006). Since migration 0019 the teams' rights are granted after every migrate
(``guide/roles.py``: ``ensure_team``): nothing left to do here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0006_guide_settings_english_referral_note"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = []
