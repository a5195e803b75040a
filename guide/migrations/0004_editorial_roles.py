"""The groups Rédacteurs, Valideurs and Administrateurs, and the workflow "Relecture"."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from guide.roles import ADMINISTRATORS, EDITORS, REVIEWERS, WORKFLOW_NAME, TASK_NAME

# Permissions are normally created after all migrations (post_migrate): create the ones the
# roles need now, on a fresh database.
APPS_WITH_PERMISSIONS = [
    "auth",
    "wagtailcore",
    "wagtailadmin",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
    "guide",
    "site_search",
]


def create_roles(apps, schema_editor):
    for label in APPS_WITH_PERMISSIONS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)
    remove_unused_wagtail_defaults(apps)
    # The groups themselves are each site's team now (guide/roles.py: ensure_team, run after
    # every migrate); a database migrated before has the three global groups, which migration
    # 0019 gives to the default site's team.


def remove_unused_wagtail_defaults(apps):
    """Wagtail's own "Editors" and "Moderators" groups (page rights on the whole tree) and the
    "Moderators approval" workflow would sit beside our three roles and grant more than they
    do: removed when no user belongs to them (a fresh install), kept otherwise."""
    Group = apps.get_model("auth", "Group")
    defaults = Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True)
    if defaults.count() != 2:
        return
    Task = apps.get_model("wagtailcore", "GroupApprovalTask")
    tasks = Task.objects.filter(name="Moderators approval")
    apps.get_model("wagtailcore", "Workflow").objects.filter(
        name="Moderators approval", workflow_tasks__task__in=tasks
    ).delete()
    for task in tasks:
        apps.get_model("wagtailcore", "Task").objects.filter(pk=task.pk).delete()
    defaults.delete()


def remove_roles(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()
    apps.get_model("auth", "Group").objects.filter(
        name__in=[EDITORS, REVIEWERS, ADMINISTRATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0003_contact_personal_data_follow_up"),
        ("site_search", "0003_french_unaccent"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
