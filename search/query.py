"""Turn what a business owner types into a search query both database backends understand.

1. Words are folded (case, accents), elisions removed (« l'industrie »), stop words dropped.
2. Editor-managed synonyms widen the query: each word or phrase found in a synonym group
   becomes "any of the group's terms".
3. Every concept is required ("and"); when that finds nothing the caller may retry with
   ``require_all=False`` ("or"), which forgives a misspelt or unknown word.

Stemming is the backend's job, per language (``search/languages.py``): PostgreSQL's
``french_unaccent`` and ``english_unaccent`` configurations stem both the index and the query,
Elasticsearch its French fields and their English sub-fields; on SQLite our backend turns each
word into a light-stemmed prefix.
"""

from dataclasses import dataclass, field

from modelsearch.query import And, MatchAll, Or, PlainText

from search.models import SynonymGroup
from search.text import words

MAX_WORDS = 12  # a longer query is cut: nobody types more, and it bounds the SQL


@dataclass(frozen=True)
class Concept:
    """One idea of the query, and the ways of saying it (each a tuple of folded words).

    ``labels`` are the same alternatives as the editors wrote them, for display.
    """

    alternatives: tuple
    labels: tuple = ()

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
        """The synonyms added to the query, as written by the editors, for display."""
        return [label for concept in self.concepts for label in concept.labels[1:]]


def synonym_groups():
    """The editor-managed synonym groups: lists of (folded words, term as written)."""
    groups = []
    for group in SynonymGroup.objects.all():
        phrases = [(tuple(words(term)), term) for term in group.term_list()]
        phrases = [(folded, term) for folded, term in phrases if folded]
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


def _with_labels(group):
    """Accept groups of plain word tuples too (their label is the words joined)."""
    return [item if isinstance(item[0], tuple) else (item, " ".join(item)) for item in group]


def parse_query(text, groups=None, language="fr"):
    """Parse a query into concepts, matching the longest synonym phrase first.

    ``language`` chooses the stop words (and possessives or elisions) dropped from the text;
    the editors' synonym groups apply in every language.
    """
    groups = synonym_groups() if groups is None else [_with_labels(g) for g in groups]
    query_words = words(text or "", language=language)[:MAX_WORDS]
    phrases = {}
    for group in groups:
        for phrase, _label in group:
            phrases.setdefault(phrase, group)
    longest = max((len(p) for p in phrases), default=1)
    concepts, position = [], 0
    while position < len(query_words):
        for size in range(min(longest, len(query_words) - position), 0, -1):
            candidate = tuple(query_words[position : position + size])
            if candidate in phrases:
                group = phrases[candidate]
                ordered = sorted(group, key=lambda item: item[0] != candidate)  # typed one first
                concepts.append(
                    Concept(tuple(p for p, _l in ordered), tuple(label for _p, label in ordered))
                )
                position += size
                break
        else:
            word = query_words[position]
            concepts.append(Concept(((word,),), (word,)))
            position += 1
    return ParsedQuery(text=text or "", concepts=_deduplicate(concepts))


def _deduplicate(concepts):
    seen, unique = set(), []
    for concept in concepts:
        if concept.alternatives not in seen:
            seen.add(concept.alternatives)
            unique.append(concept)
    return unique
