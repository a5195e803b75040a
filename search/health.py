"""The health of the search index: is every document of a model in it (the fiches: the
``SEARCH_INDEX_HEALTH_MODEL`` setting), and does its schema match the code?

Read by ``manage.py search_index_health`` (for operators and monitoring: it exits with 1 when
something is wrong). Wagtail logs and swallows indexing errors (an unreachable Elasticsearch
while an editor publishes), so a fiche can be missing from the index without anybody knowing;
the nightly ``update_index`` repairs it, this check tells.

- Documents: the objects the index holds against those in the database, all of them and the
  published ones (the index keeps drafts too, for the admin's search; the public search filters
  on ``live``).
- Schema (Elasticsearch only): every field of the code's mapping of the model is in the index with
  the same type, and the index analyzes French (the settings of
  ``search/elasticsearch_backend.py``). A difference means the code changed since the last full
  ``update_index``.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry


@dataclass
class IndexHealth:
    backend: str
    engine: str
    index: str
    label: str  # what the documents are, plural (the model's verbose name: "fiches d'aide")
    documents: int  # in the database
    indexed: int  # documents in the index
    live: int  # published objects in the database
    indexed_live: int  # published documents in the index
    schema_problems: list = field(default_factory=list)

    @property
    def healthy(self):
        return (
            self.indexed == self.documents
            and self.indexed_live == self.live
            and not self.schema_problems
        )

    def lines(self):
        state = "OK" if self.healthy else "À RÉPARER"
        lines = [
            f"[{state}] {self.backend} : {self.engine}, index {self.index}",
            f"  {self.label} indexées : {self.indexed} / {self.documents} en base",
            f"  {self.label} publiées indexées : {self.indexed_live} / {self.live} publiées",
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


def checked_model():
    """The model whose documents are counted: ``SEARCH_INDEX_HEALTH_MODEL`` ("app.Model")."""
    return apps.get_model(settings.SEARCH_INDEX_HEALTH_MODEL)


def check(backend_name="default", model=None):
    model = model or checked_model()
    backend = get_search_backend(backend_name)
    objects = model.objects.all()
    if hasattr(backend, "es"):
        return elasticsearch_health(backend_name, backend, objects)
    return database_health(backend_name, objects)


def database_health(backend_name, objects):
    content_type = ContentType.objects.get_for_model(objects.model)
    entries = IndexEntry.objects.filter(content_type=content_type)
    live_ids = [str(pk) for pk in objects.live().values_list("pk", flat=True)]
    return IndexHealth(
        backend=backend_name,
        engine="base de données",
        index=IndexEntry._meta.db_table,
        label=str(objects.model._meta.verbose_name_plural),
        documents=objects.count(),
        indexed=entries.count(),
        live=len(live_ids),
        indexed_live=entries.filter(object_id__in=live_ids).count(),
    )


def elasticsearch_health(backend_name, backend, objects):
    index = backend.get_index_for_model(objects.model)
    mapping = backend.mapping_class(objects.model)
    content_type = {"match": {"_django_content_type": mapping.get_content_type()}}
    live = {"term": {mapping.get_field_column_name(_filter_field(objects.model, "live")): True}}
    engine = f"Elasticsearch ({backend.__class__.__name__})"
    # (Wagtail's ``index.exists()`` passes the name positionally, which client 8+ refuses.)
    if not backend.es.indices.exists(index=index.name):
        return IndexHealth(
            backend=backend_name,
            engine=engine,
            index=index.name,
            label=str(objects.model._meta.verbose_name_plural),
            documents=objects.count(),
            indexed=0,
            live=objects.live().count(),
            indexed_live=0,
            schema_problems=["l'index n'existe pas"],
        )
    return IndexHealth(
        backend=backend_name,
        engine=engine,
        index=index.name,
        label=str(objects.model._meta.verbose_name_plural),
        documents=objects.count(),
        indexed=_count(backend, index, content_type),
        live=objects.live().count(),
        indexed_live=_count(backend, index, {"bool": {"filter": [content_type, live]}}),
        schema_problems=schema_problems(backend, index, mapping),
    )


def _filter_field(model, name):
    return next(f for f in model.get_filterable_search_fields() if f.field_name == name)


def _count(backend, index, query):
    if backend.use_new_elasticsearch_api:
        return backend.es.count(index=index.name, query=query)["count"]
    # The 7.x clients before 7.15 (the 7.10 node of ``make elasticsearch``) take a body.
    return backend.es.count(index=index.name, body={"query": query})["count"]


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
