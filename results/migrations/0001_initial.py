"""The results page type, created by the guide app (guide 0010), becomes this app's: the model
changes app, the table stays."""

import core.routes
import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """The content types of the moved models follow them, so that their pages, revisions,
    permissions and search entries keep pointing at them."""
    rename_content_types(apps, "guide", "results")


def move_content_types_back(apps, schema_editor):
    rename_content_types(apps, "results", "guide")


def rename_content_types(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ('resultspage',):
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("guide", "0014_gone_path_default_site"),
        ("contenttypes", "0002_remove_content_type_name"),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        # The tables stay where the guide app created them (``db_table``): nothing moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ResultsPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'page des résultats',
                        'verbose_name_plural': 'pages des résultats',
                        'db_table': 'guide_resultspage',
                    },
                    bases=(core.routes.RoutesAddedElsewhere, 'wagtailcore.page'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
