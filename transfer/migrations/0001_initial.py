"""The staged imports, created by the guide app (guide 0008), become this app's: the model
changes app, the table stays."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    """The content types of the moved models follow them, so that their pages, revisions,
    permissions and search entries keep pointing at them."""
    rename_content_types(apps, "guide", "transfer")


def move_content_types_back(apps, schema_editor):
    rename_content_types(apps, "transfer", "guide")


def rename_content_types(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ('stagedimport',):
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("guide", "0014_gone_path_default_site"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay where the guide app created them (``db_table``): nothing moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StagedImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=64, unique=True)),
                        ('name', models.CharField(max_length=255, verbose_name='nom du fichier')),
                        ('extension', models.CharField(max_length=8)),
                        ('kind', models.CharField(max_length=20)),
                        ('data', models.BinaryField()),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'import en attente de confirmation',
                        'verbose_name_plural': 'imports en attente de confirmation',
                        'db_table': 'guide_stagedimport',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
