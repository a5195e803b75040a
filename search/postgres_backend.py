"""PostgreSQL only: Wagtail's database backend, with one text-search configuration per
language (``SEARCH_CONFIGS``, see ``search/languages.py``).

Each object is indexed with the configuration of its locale's language (objects without a
locale, and languages without a configuration, use ``SEARCH_CONFIG``); a search uses the
configuration of the language it is in. An English fiche is thus stemmed as English
(« companies » and « company » both give « compani ») and found by English words.
"""

from collections import defaultdict
from copy import copy

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.languages import LanguageQueries, locale_languages


class LanguagePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        languages = locale_languages()
        by_config = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config[self.backend.config_for(language)].append(obj)
        for config, group in by_config.items():
            index = copy(self)
            index.backend = copy(self.backend)
            index.backend.config = config  # what Wagtail's indexer reads
            PostgresIndex.add_items(index, model, group)


class LanguagePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    language = None

    def get_config(self, backend):
        return backend.config_for(self.language)


class MultilingualPostgresSearchBackend(LanguageQueries, PostgresSearchBackend):
    index_class = LanguagePostgresIndex
    query_compiler_class = LanguagePostgresSearchQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.configs = dict(params.get("SEARCH_CONFIGS") or {})
        self.default_config = self.config

    def config_for(self, language):
        return self.configs.get(language, self.default_config)
