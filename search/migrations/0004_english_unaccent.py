"""PostgreSQL: the english_unaccent text-search configuration (unaccent + english_stem), with
which English fiches are indexed and English searches parsed (``search/postgres_backend.py``).
Needs the unaccent extension, created by 0003. Nothing happens on other databases.
"""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'english_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION english_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0003_french_unaccent")]

    operations = [migrations.RunPython(create, drop)]
