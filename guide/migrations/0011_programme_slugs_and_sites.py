"""Existing programmes get a slug and the default site (a migration of its own: on PostgreSQL,
rows updated in a migration that then alters the table fail with "pending trigger events")."""

from django.db import migrations
from django.utils.text import slugify


def fill_slugs_and_sites(apps, schema_editor):
    """Existing programmes get a slug from their name (numbered on a clash) and belong to the
    default site, the only territory there was."""
    FundingProgramme = apps.get_model("guide", "FundingProgramme")
    Site = apps.get_model("wagtailcore", "Site")
    default_site = Site.objects.filter(is_default_site=True).first()
    taken = set()
    for programme in FundingProgramme.objects.order_by("pk"):
        base = slugify(programme.name)[:90] or "programme"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        programme.slug = slug
        if programme.site_id is None and default_site is not None:
            programme.site = default_site
        programme.save(update_fields=["slug", "site"])


class Migration(migrations.Migration):
    dependencies = [("guide", "0010_programme_results")]

    operations = [migrations.RunPython(fill_slugs_and_sites, migrations.RunPython.noop)]
