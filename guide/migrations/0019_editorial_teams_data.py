"""Each territory its own team (``guide/roles.py``).

- The three global groups (Rédacteurs, Valideurs, Administrateurs) and the workflow
  « Relecture » of a database migrated before become the default site's team, members kept;
  their rights are emptied here and granted again, scoped to that site, by ``ensure_team``
  after the migration (the other sites get new teams there too).
- Contacts and organisations get the site of the first fiche (in tree order) that uses them,
  else the default site's; programmes keep theirs.
- The workflow the contacts', organisations' and programmes' content types had (migration 0017
  of a database migrated before) is removed: their review is their territory's workflow.
"""

from django.db import migrations

LEGACY_GROUPS = {
    "editors": "Rédacteurs",
    "reviewers": "Valideurs",
    "administrators": "Administrateurs",
}
LEGACY_WORKFLOW = "Relecture"
ACTORS = ("organisation", "contact", "fundingprogramme")


def _default_site(apps):
    Site = apps.get_model("wagtailcore", "Site")
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def _site_roots(apps):
    """[(root path, site id)] for each site's root page and its translations."""
    Page = apps.get_model("wagtailcore", "Page")
    roots = []
    for site in apps.get_model("wagtailcore", "Site").objects.all():
        key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        for path in Page.objects.filter(translation_key__in=key).values_list("path", flat=True):
            roots.append((path, site.pk))
    return roots


def adopt_legacy_roles(apps, site):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Team = apps.get_model("guide", "EditorialTeam")
    groups = {
        field: Group.objects.filter(name=name).first() for field, name in LEGACY_GROUPS.items()
    }
    workflow = Workflow.objects.filter(name=LEGACY_WORKFLOW).first()
    if site is None or None in groups.values() or workflow is None:
        return  # a fresh database: ensure_team creates the teams after the migration
    if Team.objects.filter(site=site).exists():
        return
    for group in groups.values():
        group.permissions.clear()
        apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=group).delete()
        apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
            group=group
        ).delete()
    Team.objects.create(site=site, workflow=workflow, **groups)


def assign_sites(apps, default):
    roots = _site_roots(apps)

    def site_of(path):
        return next((site for root, site in roots if path.startswith(root)), default)

    AidContact = apps.get_model("guide", "AidContact")
    AidPage = apps.get_model("guide", "AidPage")
    for model, uses in (
        (
            "contact",
            lambda: AidContact.objects.order_by("page__path").values_list(
                "contact_id", "page__path"
            ),
        ),
        (
            "organisation",
            lambda: AidPage.objects.order_by("path").values_list("operator_id", "path"),
        ),
    ):
        Model = apps.get_model("guide", model)
        chosen = {}
        for pk, path in uses():
            if pk is not None and pk not in chosen:
                chosen[pk] = site_of(path)
        for record in Model.objects.filter(site__isnull=True):
            record.site_id = chosen.get(record.pk, default)
            record.save(update_fields=["site"])


def forward(apps, schema_editor):
    site = _default_site(apps)
    adopt_legacy_roles(apps, site)
    assign_sites(apps, site.pk if site else None)
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__app_label="guide", content_type__model__in=ACTORS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("guide", "0018_editorial_teams")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
