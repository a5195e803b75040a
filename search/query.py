"""Turn what a business owner types into a search query both database backends understand.

1. Words are folded (case, accents), elisions removed (« l'industrie »), stop words dropped.
2. Editor-managed synonyms widen the query: each word or phrase found in a synonym group
   becomes "any of the group's terms".
3. Every concept is required ("and"); when that finds nothing the caller may retry with
   ``require_all=False`` ("or"), which forgives a misspelt or unknown word.

Stemming is the backend's job: PostgreSQL's ``french_unaccent`` configuration stems both the
index and the query; on SQLite our backend turns each word into a light-stemmed prefix.
"""

from dataclasses import dataclass, field

from modelsearch.query import And, MatchAll, Or, PlainText

from search.text import words

MAX_WORDS = 12  # a longer query is cut: nobody types more, and it bounds the SQL


@dataclass(frozen=True)
class Concept:
    """One idea of the query, and the ways of saying it (each a list of words)."""

    alternatives: tuple

    def as_query(self):
        options = [PlainText(" ".join(words_), operator="and") for words_ in self.alternatives]
        return options[0] if len(options) == 1 else Or(options)


@dataclass
class ParsedQuery:
    text: str
    concepts: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.concepts

    def as_query(self, require_all=True):
        if not self.concepts:
            return MatchAll()
        parts = [concept.as_query() for concept in self.concepts]
        if len(parts) == 1:
            return parts[0]
        return And(parts) if require_all else Or(parts)

    @property
    def expanded_terms(self):
        """Every alternative, for display ("recherche élargie à : ...")."""
        return [" ".join(alt) for concept in self.concepts for alt in concept.alternatives[1:]]


def synonym_groups():
    """The editor-managed synonym groups, each as a list of folded word lists."""
    from search.models import SynonymGroup

    groups = []
    for group in SynonymGroup.objects.all():
        phrases = [tuple(words(term)) for term in group.term_list()]
        phrases = [phrase for phrase in phrases if phrase]
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


def parse_query(text, groups=None):
    """Parse a query into concepts, matching the longest synonym phrase first."""
    groups = synonym_groups() if groups is None else groups
    query_words = words(text or "")[:MAX_WORDS]
    phrases = {}
    for group in groups:
        for phrase in group:
            phrases.setdefault(phrase, group)
    longest = max((len(p) for p in phrases), default=1)
    concepts, position = [], 0
    while position < len(query_words):
        for size in range(min(longest, len(query_words) - position), 0, -1):
            candidate = tuple(query_words[position : position + size])
            if candidate in phrases:
                group = phrases[candidate]
                alternatives = [candidate] + [p for p in group if p != candidate]
                concepts.append(Concept(tuple(alternatives)))
                position += size
                break
        else:
            concepts.append(Concept(((query_words[position],),)))
            position += 1
    return ParsedQuery(text=text or "", concepts=_deduplicate(concepts))


def _deduplicate(concepts):
    seen, unique = set(), []
    for concept in concepts:
        if concept.alternatives not in seen:
            seen.add(concept.alternatives)
            unique.append(concept)
    return unique
