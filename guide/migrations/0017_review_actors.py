"""Contacts, organisations and programmes are reviewed like fiches (0016 gave them drafts). Their
"publish", "lock" and "unlock" permissions and the teams' rights are granted after every migrate
(``guide/roles.py``: ``ensure_all_teams``); their review is their territory's workflow
(``guide/models/reviewed.py``): nothing left to do here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("guide", "0016_reviewed_snippets")]

    operations = []
