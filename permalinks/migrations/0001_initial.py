"""The permanent links and gone paths, created by the guide app (guide 0005, 0006, 0013),
become this app's: the models change app, the tables stay."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """The content types of the moved models follow them, so that their pages, revisions,
    permissions and search entries keep pointing at them."""
    rename_content_types(apps, "guide", "permalinks")


def move_content_types_back(apps, schema_editor):
    rename_content_types(apps, "permalinks", "guide")


def rename_content_types(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ('permanentlink', 'gonepath'):
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
                    name='PermanentLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(editable=False, max_length=5, unique=True, verbose_name='code')),
                        ('aid_uuid', models.UUIDField(editable=False, unique=True, verbose_name='identifiant national')),
                        ('title', models.CharField(blank=True, help_text="Affiché quand la fiche n'existe plus.", max_length=255, verbose_name='dernier titre')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='créé le')),
                    ],
                    options={
                        'verbose_name': 'lien permanent',
                        'verbose_name_plural': 'liens permanents',
                        'db_table': 'guide_permanentlink',
                    },
                ),
                migrations.CreateModel(
                    name='GonePath',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('path', models.CharField(max_length=255, verbose_name='chemin')),
                        ('deleted_at', models.DateTimeField(auto_now_add=True, verbose_name='supprimée le')),
                        ('site', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='site')),
                        ('link', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='permalinks.permanentlink', verbose_name='lien permanent')),
                    ],
                    options={
                        'verbose_name': "adresse d'une fiche supprimée",
                        'verbose_name_plural': 'adresses de fiches supprimées',
                        'db_table': 'guide_gonepath',
                        'constraints': [models.UniqueConstraint(fields=('site', 'path'), name='unique_gone_path')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
