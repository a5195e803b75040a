"""PostgreSQL: the simple_unaccent text-search configuration (unaccent, no stemming), for the
suggestions' prefixes.

Wagtail's PostgreSQL backend completes prefixes in the « simple » configuration, which folds no
accent: « pret » completed no « Prêt » (Elasticsearch and SQLite do). The backend
(``search/postgres_backend.py``) indexes and queries its autocomplete vectors with this
configuration instead; a database indexed before needs one ``update_index``. Needs the unaccent
extension (migration 0003). Nothing happens on other databases.
"""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION simple_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0008_folded_title_trigram_index")]

    operations = [migrations.RunPython(create, drop)]
