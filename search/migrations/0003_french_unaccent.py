"""PostgreSQL: the french_unaccent text-search configuration (unaccent + french_stem).

« pret a taux zero » then finds « prêt à taux zéro », « entreprises » finds « entreprise ».
Needs the unaccent extension (in PostgreSQL's contrib, shipped with Debian's server package);
creating it needs a role allowed to create extensions. Nothing happens on other databases.
"""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception as error:
        raise RuntimeError(
            "The PostgreSQL 'unaccent' extension is required for French search. Ask a "
            "database superuser to run: CREATE EXTENSION unaccent; then migrate again."
        ) from error
    schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_default_synonyms")]

    operations = [migrations.RunPython(create, drop)]
