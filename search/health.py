"""The health of the search index: is every fiche in it, and does its schema match the code?

Read by ``manage.py search_index_health`` (for operators and monitoring: it exits with 1 when
something is wrong). Wagtail logs and swallows indexing errors (an unreachable Elasticsearch
while an editor publishes), so a fiche can be missing from the index without anybody knowing;
the nightly ``update_index`` repairs it, this check tells.

- Documents: the fiches the index holds against the fiches in the database, all of them and the
  published ones (the index keeps drafts too, for the admin's search; the public search filters
  on ``live``).
- Schema (Elasticsearch only): every field of the code's ``AidPage`` mapping is in the index with
  the same type, and the index analyzes French (the settings of
  ``search/elasticsearch_backend.py``). A difference means the code changed since the last full
  ``update_index``.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.search.backends import get_search_backend

from guide.models import AidPage


@dataclass
class IndexHealth:
    backend: str
    engine: str
    index: str
    fiches: int  # in the database
    indexed: int  # fiche documents in the index
    live: int  # published fiches in the database
    indexed_live: int  # published fiche documents in the index
    schema_problems: list = field(default_factory=list)

    @property
    def healthy(self):
        return (
            self.indexed == self.fiches
            and self.indexed_live == self.live
            and not self.schema_problems
        )

    def lines(self):
        state = "OK" if self.healthy else "À RÉPARER"
        lines = [
            f"[{state}] {self.backend} : {self.engine}, index {self.index}",
            f"  fiches indexées : {self.indexed} / {self.fiches} en base",
            f"  fiches publiées indexées : {self.indexed_live} / {self.live} publiées",
        ]
        if self.engine.startswith("Elasticsearch"):
            lines.append(
                "  schéma : "
                + ("conforme au code" if not self.schema_problems else "DIFFÉRENT du code")
            )
        lines += [f"    - {problem}" for problem in self.schema_problems]
        if not self.healthy:
            lines.append(
                f"  → lancez « manage.py update_index --backend {self.backend} » "
                "(reconstruction atomique : le site garde l'ancien index jusqu'à la fin)."
            )
        return lines


def check(backend_name="default"):
    backend = get_search_backend(backend_name)
    fiches = AidPage.objects.all()
    if hasattr(backend, "es"):
        return elasticsearch_health(backend_name, backend, fiches)
    return database_health(backend_name, fiches)


def database_health(backend_name, fiches):
    from wagtail.search.models import IndexEntry

    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(AidPage))
    live_ids = [str(pk) for pk in fiches.live().values_list("pk", flat=True)]
    return IndexHealth(
        backend=backend_name,
        engine="base de données",
        index=IndexEntry._meta.db_table,
        fiches=fiches.count(),
        indexed=entries.count(),
        live=len(live_ids),
        indexed_live=entries.filter(object_id__in=live_ids).count(),
    )


def elasticsearch_health(backend_name, backend, fiches):
    index = backend.get_index_for_model(AidPage)
    mapping = backend.mapping_class(AidPage)
    content_type = {"match": {"_django_content_type": mapping.get_content_type()}}
    live = {"term": {mapping.get_field_column_name(_filter_field("live")): True}}
    engine = f"Elasticsearch ({backend.__class__.__name__})"
    # (Wagtail's ``index.exists()`` passes the name positionally, which client 8+ refuses.)
    if not backend.es.indices.exists(index=index.name):
        return IndexHealth(
            backend=backend_name,
            engine=engine,
            index=index.name,
            fiches=fiches.count(),
            indexed=0,
            live=fiches.live().count(),
            indexed_live=0,
            schema_problems=["l'index n'existe pas"],
        )
    return IndexHealth(
        backend=backend_name,
        engine=engine,
        index=index.name,
        fiches=fiches.count(),
        indexed=_count(backend, index, content_type),
        live=fiches.live().count(),
        indexed_live=_count(backend, index, {"bool": {"filter": [content_type, live]}}),
        schema_problems=schema_problems(backend, index, mapping),
    )


def _filter_field(name):
    return next(f for f in AidPage.get_filterable_search_fields() if f.field_name == name)


def _count(backend, index, query):
    return backend.es.count(index=index.name, query=query)["count"]


def schema_problems(backend, index, mapping):
    """What differs between the index and the code: missing fields, other types, analysis."""
    problems = []
    expected = mapping.get_mapping()["properties"]
    answer = backend.es.indices.get_mapping(index=index.name)
    actual = next(iter(dict(answer).values()), {}).get("mappings", {}).get("properties", {})
    for name, definition in sorted(expected.items()):
        if name not in actual:
            problems.append(f"champ absent de l'index : {name}")
        elif actual[name].get("type", "object") != definition.get("type", "object"):
            problems.append(
                f"champ {name} : {actual[name].get('type', 'object')} dans l'index, "
                f"{definition.get('type', 'object')} dans le code"
            )
    answer = backend.es.indices.get_settings(index=index.name)
    settings = next(iter(dict(answer).values()), {}).get("settings", {})
    analyzer = settings.get("index", {}).get("analysis", {}).get("analyzer", {})
    expected_filters = backend.settings["settings"]["analysis"]["analyzer"]["default"]["filter"]
    if analyzer.get("default", {}).get("filter") != expected_filters:
        problems.append(
            "l'analyseur par défaut de l'index n'est pas l'analyseur français du code "
            f"({', '.join(expected_filters)})"
        )
    return problems
