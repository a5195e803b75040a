"""PostgreSQL: the pg_trgm extension, for the spelling correction of a search that finds nothing
(``search/typos.py``: « subvension » -> « subvention »).

pg_trgm is in PostgreSQL's contrib (shipped with Debian's server package) and a trusted extension
since PostgreSQL 13: a role with CREATE on the database may create it. The correction compares
the typed words with the words of the guide's titles, operators and programmes, cut out of
those texts by the query itself; migration 0008 adds the trigram index that keeps only the
titles near a typed word. Nothing happens on other databases.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as error:
        raise RuntimeError(
            "The PostgreSQL 'pg_trgm' extension is required for the search's spelling "
            "correction. Ask a database superuser to run: CREATE EXTENSION pg_trgm; then "
            "migrate again."
        ) from error


class Migration(migrations.Migration):
    dependencies = [("site_search", "0006_default_everyday_words")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
