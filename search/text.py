"""Text normalisation shared by query parsing and the SQLite backend, per language.

French is the guide's language; English (the translated guide) has its own stop words,
possessives and light stemmer. Any other language code is treated as French.
"""

import re
import unicodedata

# Elided articles and pronouns: « l'industrie » -> « industrie ».
ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
WORD = re.compile(r"[\w]+(?:-[\w]+)*", re.UNICODE)

# French function words that carry no meaning in a query (PostgreSQL's french stop list drops
# them too; SQLite keeps them, and an "and" query would then require them).
STOP_WORDS = frozenset(
    """
    a à au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma
    mais me mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous y est sont être ai as avons avez ont été comment quel
    quelle quels quelles ça cela cet cette
    c d j l m n s t
    veux voudrais vouloir souhaite souhaiterais aimerais cherche chercher besoin faut peux
    puis dois pourrais svp merci
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# The lone letters are those of PostgreSQL's and Elasticsearch's French stop lists (an elision
# typed without its apostrophe, the « s » of an English possessive, « (s) »): SQLite would
# otherwise search them as a prefix, « s » matching every fiche with a word in s.
# The last block: what people type around their need (« je veux », « j'ai besoin d' »,
# « je cherche ») says nothing of it, and an "and" query would require it.


def fold(text):
    """Lowercase and strip accents: « Prêt à Taux Zéro » -> « pret a taux zero »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


FOLDED_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)

# English function words (PostgreSQL's and Elasticsearch's english stop lists drop them too).
ENGLISH_STOP_WORDS = frozenset(
    """
    a an and any are as at be been but by can do does for from had has have how i if in into is
    it its me my no not of on or our so such than that the their them then there these they this
    those to was we were what when where which who whom why will with you your
    """.split()  # noqa: SIM905
)
# « the company's loan » -> « the company loan ».
ENGLISH_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


def words(text, keep_stop_words=False, language="fr"):
    """The meaningful words of a text, folded, without elisions (possessives in English),
    stop words or punctuation.

    « L'aide aux PME-PMI » -> ["aide", "pme", "pmi"]; in English, « The company's loans »
    -> ["company", "loans"].
    """
    if language == "en":
        text, stop_words = ENGLISH_POSSESSIVE.sub("", text), ENGLISH_STOP_WORDS
    else:
        text, stop_words = ELISION.sub("", text), FOLDED_STOP_WORDS
    found = []
    for token in WORD.findall(text):
        for part in fold(token).replace("_", " ").replace("-", " ").split():
            if keep_stop_words or part not in stop_words:
                found.append(part)
    return found


def singular(word):
    """A folded French word without its plural mark, to compare what is typed with the editors'
    vocabularies: « fours » -> « four », « chevaux » -> « cheval ». Only a key to compare
    phrases, never searched for."""
    if len(word) > 3 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word


# Suffixes removed by the light stemmer, longest first.
SUFFIXES = (
    "issements",
    "issement",
    "ements",
    "ement",
    "ations",
    "ation",
    "atrices",
    "atrice",
    "ateurs",
    "ateur",
    "euses",
    "euse",
    "eurs",
    "eur",
    "iques",
    "ique",
    "ables",
    "able",
    "ances",
    "ance",
    "ences",
    "ence",
    "ites",
    "ite",
    "ees",
    "ee",
    "es",
    "er",
    "e",
)
MIN_STEM = 4


def light_stem(word, language="fr"):
    """A light French stemmer for prefix matching: « recrutement », « recruter » -> « recrut ».

    Used only where the search backend cannot stem (SQLite FTS5): the stem becomes a prefix
    query, so « entreprises » finds « entreprise » and « recruter » finds « recrutement ».
    """
    if language == "en":
        return light_stem_english(word)
    if len(word) <= MIN_STEM:
        return word
    if word.endswith("aux") and len(word) > 5:
        word = word[:-3] + "al"
    elif word.endswith(("s", "x")):
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


# English: plurals first, then one suffix, keeping at least three letters.
ENGLISH_SUFFIXES = ("ation", "ment", "ing", "ed", "er", "e", "y")
MIN_ENGLISH_STEM = 3


def light_stem_english(word):
    """A light English stemmer for prefix matching: « companies », « company » -> « compan »;
    « hiring », « hired », « hire » -> « hir »; « loans » -> « loan »."""
    if len(word) > 3:
        if word.endswith("ies"):
            word = word[:-3]
        elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    for suffix in ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ENGLISH_STEM:
            return word[: -len(suffix)]
    return word
