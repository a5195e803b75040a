"""Four models leave the guide app for apps of their own (their tables stay, ``db_table``):
``PermanentLink`` and ``GonePath`` for ``permalinks``, ``ResultsPage`` for ``results``,
``StagedImport`` for ``transfer``. Their 0001 migrations take them into their state and move
their content types; this one takes them out of the guide's state. No SQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0014_gone_path_default_site"),
        ("permalinks", "0001_initial"),
        ("results", "0001_initial"),
        ("transfer", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='gonepath',
                    name='link',
                ),
                migrations.RemoveField(
                    model_name='gonepath',
                    name='site',
                ),
                migrations.RemoveField(
                    model_name='resultspage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='stagedimport',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='PermanentLink',
                ),
                migrations.DeleteModel(
                    name='GonePath',
                ),
                migrations.DeleteModel(
                    name='ResultsPage',
                ),
                migrations.DeleteModel(
                    name='StagedImport',
                ),
            ],
            database_operations=[],
        ),
    ]
