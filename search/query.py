"""Turn what a business owner types into a search query both database backends understand.

1. Words are folded (case, accents), elisions removed (« l'industrie »), stop words dropped.
2. Editor-managed vocabularies widen the query: each word or phrase found in a synonym group
   becomes "any of the group's terms"; each everyday word (« four », « ma boîte », French
   searches only) becomes "itself or any of the guide's terms it stands for" (« équipement »,
   « investissement »), one way only: the guide's terms do not bring the everyday words back.
3. Every concept is required ("and"); when that finds nothing the caller may retry with
   ``require_all=False`` ("or"), which forgives a misspelt or unknown word; when even that
   finds nothing, Elasticsearch may retry with ``fuzzy=True`` (typos forgiven), a database
   backend with a corrected text (``search/typos.py``).

Stemming is the backend's job, per language (``search/languages.py``): PostgreSQL's
``french_unaccent`` and ``english_unaccent`` configurations stem both the index and the query,
Elasticsearch its French fields and their English sub-fields; on SQLite our backend turns each
word into a light-stemmed prefix.
"""

from dataclasses import dataclass, field

from django.db.models import TextField, Value
from modelsearch.query import And, Fuzzy, MatchAll, Or, PlainText

from core.shared_cache import shared
from search.models import EverydayWords, SynonymGroup, split_terms
from search.text import singular, words

MAX_WORDS = 12  # a longer query is cut: nobody types more, and it bounds the SQL


@dataclass(frozen=True)
class Concept:
    """One idea of the query, and the ways of saying it (each a tuple of folded words).

    ``labels`` are the same alternatives as the editors wrote them, for display.
    """

    alternatives: tuple
    labels: tuple = ()

    def as_query(self, fuzzy=False):
        kind = Fuzzy if fuzzy else PlainText
        options = [kind(" ".join(words_), operator="and") for words_ in self.alternatives]
        return options[0] if len(options) == 1 else Or(options)


@dataclass
class ParsedQuery:
    text: str
    concepts: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.concepts

    def as_query(self, require_all=True, fuzzy=False):
        """The backend query; ``fuzzy``: each word may be misspelt (modelsearch's ``Fuzzy``,
        which only Elasticsearch runs: a match with ``fuzziness: AUTO``)."""
        if not self.concepts:
            return MatchAll()
        parts = [concept.as_query(fuzzy) for concept in self.concepts]
        if len(parts) == 1:
            return parts[0]
        return And(parts) if require_all else Or(parts)

    @property
    def expanded_terms(self):
        """The synonyms and guide terms added to the query, as the editors wrote them, for
        display (« Recherche élargie à : équipement, investissement »)."""
        return [label for concept in self.concepts for label in concept.labels[1:]]


def _phrases(terms):
    """(folded words, term as written) for each term that keeps a meaningful word."""
    phrases = [(tuple(words(term)), term) for term in terms]
    return [(folded, term) for folded, term in phrases if folded]


def _empty_text():
    return Value("", output_field=TextField())


def stored_vocabulary():
    """The editors' synonym groups and everyday words, read in one query and shared by every
    process until one is saved or deleted (``core/shared_cache.py``, ``search/signals.py``):
    no query on most requests.

    Returns (groups, everyday): each group a list of (folded words, term as written); each
    everyday row a pair (its everyday phrases, its guide terms), both lists of the same pairs.
    """
    return shared("search:vocabulary", _read_vocabulary)


def _read_vocabulary():
    synonyms = SynonymGroup.objects.order_by().values_list("terms", _empty_text(), _empty_text())
    everyday = EverydayWords.objects.order_by().values_list(_empty_text(), "words", "guide_terms")
    groups, rows = [], []
    for terms, lay_words, guide_terms in synonyms.union(everyday, all=True):
        if terms:
            group = _phrases(split_terms(terms))
            if len(group) > 1:
                groups.append(group)
        else:
            lay, guide = _phrases(split_terms(lay_words)), _phrases(split_terms(guide_terms))
            if lay and guide:
                rows.append((lay, guide))
    return groups, rows


def synonym_groups():
    """The editor-managed synonym groups: lists of (folded words, term as written)."""
    return stored_vocabulary()[0]


def _with_labels(group):
    """Accept groups of plain word tuples too (their label is the words joined)."""
    return [item if isinstance(item[0], tuple) else (item, " ".join(item)) for item in group]


def _everyday_pairs(pairs):
    """Everyday rows given as the editors write them: ("four, machine", "équipement, ...")."""
    rows = [(_phrases(split_terms(lay)), _phrases(split_terms(guide))) for lay, guide in pairs]
    return [(lay, guide) for lay, guide in rows if lay and guide]


def phrase_key(folded):
    """What a typed phrase and an editor's phrase are compared by: their words, singular."""
    return tuple(singular(word) for word in folded)


def expansions(groups, everyday):
    """{phrase key: its alternatives, [(folded words, label)]}.

    A synonym group's phrases each stand for the whole group (the first group naming a phrase
    wins). An everyday phrase stands for itself, its synonyms if it has some, and its rows'
    guide terms; the guide terms are not keys, so they find only themselves (one way).
    """
    table = {}
    for group in groups:
        for phrase, _label in group:
            table.setdefault(phrase_key(phrase), list(group))
    for lay, guide in everyday:
        for phrase, label in lay:
            key = phrase_key(phrase)
            table[key] = _first_of_each(table.get(key, [(phrase, label)]) + guide)
    return table


def _first_of_each(phrases):
    """The (folded words, label) pairs without a repeated folded phrase, in order."""
    seen = {}
    for folded, label in phrases:
        seen.setdefault(folded, label)
    return list(seen.items())


def stored_expansions(language):
    """``expansions`` of the stored vocabulary for ``language`` (the everyday words in French
    only), shared as the vocabulary is: folding every phrase of it (``phrase_key``) cost more
    than the rest of the parsing."""

    def compute():
        groups, everyday = stored_vocabulary()
        return expansions(groups, [] if language == "en" else everyday)

    return shared(f"search:expansions:{language}", compute)


def parse_query(text, groups=None, language="fr", everyday=None):
    """Parse a query into concepts, matching the longest vocabulary phrase first.

    ``language`` chooses the stop words (and possessives or elisions) dropped from the text;
    the editors' synonym groups apply in every language, their everyday words in French only
    (the guide's terms they point to are French).

    Without ``groups`` nor ``everyday`` both vocabularies are read from the database (one
    query); given either, the other defaults to none: ``groups`` as lists of (folded words,
    label) or of word tuples, ``everyday`` as pairs of comma-separated texts.
    """
    query_words = words(text or "", language=language)[:MAX_WORDS]
    if not query_words:
        return ParsedQuery(text=text or "")
    if groups is None and everyday is None:
        phrases = stored_expansions(language)
    else:
        groups = [_with_labels(g) for g in groups or []]
        everyday = _everyday_pairs(everyday or [])
        phrases = expansions(groups, [] if language == "en" else everyday)
    longest = max((len(p) for p in phrases), default=1)
    concepts, position = [], 0
    while position < len(query_words):
        for size in range(min(longest, len(query_words) - position), 0, -1):
            candidate = tuple(query_words[position : position + size])
            key = phrase_key(candidate)
            if key in phrases:
                alternatives = _first_of_each(
                    [(candidate, " ".join(candidate))]
                    + [item for item in phrases[key] if phrase_key(item[0]) != key]
                )
                concepts.append(
                    Concept(
                        tuple(p for p, _l in alternatives),
                        tuple(label for _p, label in alternatives),
                    )
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
