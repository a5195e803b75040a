"""Spelling correction for a search that found nothing: « subvension » -> « subvention ».

``corrected_text(text, vocabulary)`` replaces each word of ``text`` by the closest word of a
vocabulary (the words of the texts a queryset returns: the guide's titles, operators and
programmes, ``guide/listing/search.py``) when the two are close enough, and returns the
corrected text, or ``None`` when no word changes. A word of the vocabulary is its own closest
word: a correctly spelt word is never replaced.

Closeness is pg_trgm's trigram similarity: the share of the three-letter sequences the two
folded words have in common (« subvension » and « subvention »: 8 of 14, 0.57), at least
``MIN_SIMILARITY``; ties go to the word the vocabulary uses most often.

- **PostgreSQL** computes it in the database with the ``pg_trgm`` extension (migrations
  ``0007_pg_trgm``, ``0008_folded_title_trigram_index``): one query keeps the vocabulary's texts
  holding a word close to a typed one (``search_fold(text) %> word``, served by the trigram
  index on folded titles), cuts them into words, folds them and keeps the closest to each
  typed word.
- **Other databases** (SQLite: no trigram function, and FTS5 has no fuzzy match) read the
  vocabulary's texts in one query and compute the same similarity in Python. It costs one pass
  over the texts, only when a search finds nothing; fine for development and small guides.

Elasticsearch does not need this: it forgives typos itself (fuzzy matching, see
``FicheSearch.fuzzy_ids``).
"""

import logging
import re

from django.db import OperationalError, connection, transaction

from search.text import fold, words

MIN_SIMILARITY = 0.4  # « reboots » / « reboost » 0.45; « bonjour » / « jour » 0.3 is refused
MIN_LENGTH = 3  # shorter words are left as typed
# An anonymous visitor chooses the text: its cost is bounded. Only the first MAX_WORDS words
# are corrected (each is one index scan and one comparison with every close word), words
# longer than MAX_WORD_LENGTH are left as typed, and PostgreSQL gives up (no correction) after
# TIMEOUT_MS.
MAX_WORDS = 5
MAX_WORD_LENGTH = 30
TIMEOUT_MS = 1500
TOKEN = re.compile(r"\w+", re.UNICODE)
logger = logging.getLogger(__name__)

# PostgreSQL: the vocabulary's texts (``{texts}``) cut into words at spaces and punctuation,
# folded, and for each typed word the closest one with the spelling its texts use most.
CLOSEST_SQL = """
WITH texts(text) AS (
    SELECT text FROM ({texts}) AS vocabulary_texts(text) WHERE {near}
),
tokens(raw) AS (
    SELECT regexp_split_to_table(lower(text), '[[:space:][:punct:]’‘«»–—…]+') FROM texts
),
vocabulary(word, spelling, uses) AS (
    SELECT lower(unaccent(raw)), mode() WITHIN GROUP (ORDER BY raw), count(*)
    FROM tokens WHERE char_length(raw) >= %s GROUP BY 1
),
typed(word) AS (SELECT unnest(%s::text[]))
SELECT DISTINCT ON (typed.word) typed.word, vocabulary.word, vocabulary.spelling
FROM typed CROSS JOIN vocabulary
WHERE similarity(vocabulary.word, typed.word) >= %s
ORDER BY typed.word, similarity(vocabulary.word, typed.word) DESC, vocabulary.uses DESC,
    vocabulary.word
"""


def trigrams(word):
    """pg_trgm's trigrams of one word: « ab » -> {"  a", " ab", "ab "}."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(first, second):
    """pg_trgm's ``similarity()`` of two words (shared trigrams / all their trigrams)."""
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a or b else 0.0


def typed_words(text, language="fr"):
    """The folded words of ``text`` worth correcting, each once: the first ``MAX_WORDS`` of
    ``MIN_LENGTH`` to ``MAX_WORD_LENGTH`` letters."""
    found = dict.fromkeys(
        w for w in words(text, language=language) if MIN_LENGTH <= len(w) <= MAX_WORD_LENGTH
    )
    return list(found)[:MAX_WORDS]


def closest_in_python(typed, texts):
    """{typed word: (closest folded word, its spelling)} over the words of ``texts``."""
    uses, spellings = {}, {}
    for text in texts:
        for token in TOKEN.findall((text or "").lower()):
            folded = fold(token).replace("_", "")
            if len(folded) >= MIN_LENGTH:
                uses[folded] = uses.get(folded, 0) + 1
                spellings.setdefault(folded, {}).setdefault(token, 0)
                spellings[folded][token] += 1
    found = {}
    for word in typed:
        scored = [
            (similarity(candidate, word), count, candidate) for candidate, count in uses.items()
        ]
        scored = [item for item in scored if item[0] >= MIN_SIMILARITY]
        if scored:
            _score, _count, best = min(scored, key=lambda item: (-item[0], -item[1], item[2]))
            spelling = max(spellings[best].items(), key=lambda item: (item[1], item[0]))[0]
            found[word] = (best, spelling)
    return found


def closest_in_postgres(typed, vocabulary):
    """The same as ``closest_in_python``, computed by pg_trgm in one query."""
    texts_sql, params = vocabulary.query.sql_with_params()
    # A text may hold a close word only if the word is close to one of its extents (pg_trgm's
    # word_similarity is at least the similarity to any of its words): one condition per
    # typed word, each an index scan; ``%>`` compares with this threshold.
    # The threshold and the time limit are the transaction's own (``set_config(..., true)``):
    # behind PgBouncer's transaction pooling a session setting could reach another client's
    # connection, or miss this query.
    near = " OR ".join(["search_fold(text) %%> %s"] * len(typed))
    sql = CLOSEST_SQL.replace("{near}", f"({near})").replace("{texts}", texts_sql)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true), "
                "set_config('statement_timeout', %s, true)",
                [str(MIN_SIMILARITY), str(TIMEOUT_MS)],
            )
            cursor.execute(sql, [*params, *typed, MIN_LENGTH, list(typed), MIN_SIMILARITY])
            return {word: (best, spelling) for word, best, spelling in cursor.fetchall()}
    except OperationalError:  # the time limit: no correction rather than a slow page
        logger.warning("Spelling correction given up after %s ms: %s", TIMEOUT_MS, typed)
        return {}


def closest_words(typed, vocabulary):
    if not typed:
        return {}
    if connection.vendor == "postgresql":
        return closest_in_postgres(typed, vocabulary)
    return closest_in_python(typed, (row[0] for row in vocabulary))


def corrected_text(text, vocabulary, language="fr"):
    """``text`` with its misspelt words replaced by the vocabulary's closest ones, or None.

    ``vocabulary``: a queryset of one text column (``values_list("title")``, or a ``union``
    of such). Words, spaces and punctuation that need no correction are kept as typed.
    """
    return with_closest_words(text, closest_words(typed_words(text, language), vocabulary))


def with_closest_words(text, closest):
    """``text`` with each word that ``closest`` corrects replaced, or None when none is."""
    replacements = {word: spelling for word, (best, spelling) in closest.items() if best != word}
    if not replacements:
        return None
    return TOKEN.sub(lambda match: replacements.get(fold(match[0]), match[0]), text)
