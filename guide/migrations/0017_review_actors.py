"""Contacts, organisations and programmes are reviewed like fiches (0016 gave them drafts):
their "publish", "lock" and "unlock" permissions (which Wagtail creates only after all
migrations) are created here, given to Valideurs and Administrateurs, and the workflow
"Relecture" is attached to them (``guide/roles.py``)."""

from django.db import migrations

from guide.roles import GUIDE_ACTORS, sync_roles


def review_actors(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in GUIDE_ACTORS:
        content_type, _ = ContentType.objects.get_or_create(app_label="guide", model=model)
        verbose = apps.get_model("guide", model)._meta.verbose_name_raw
        for action in ("publish", "lock", "unlock"):
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose}"},
            )
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("guide", "0016_reviewed_snippets")]

    operations = [migrations.RunPython(review_actors, migrations.RunPython.noop)]
