"""Prose eligibility lines that an eligibility case could hold, for the editors' coverage panel.

Before cases existed, Alixio's eligibility read « PME ou PMI du Val-de-Marne, ou PMI implantée
ou en cours d'implantation en Essonne »: a condition that differs by territory, which the
questionnaire can only show « à vérifier avec le contact » while a case would let it decide.
A line of a fiche without any case is flagged when it names a public (PME, PMI, créateurs...)
and either
- two territories or more, with an alternative between them (« ou », « et aux », « sauf »,
  « ; »), as Alixio's;
- or one territory that covers only a part of the fiche's (« PMI de l'Essonne » on a fiche of
  the Val-de-Marne and the Essonne).
A line naming the fiche's whole territory (« PMI du Val-de-Marne » on a Val-de-Marne fiche),
or territories without a public (« Entreprise implantée à Orly, Rungis, Thiais ou
Chevilly-Larue »), describes the fiche's territory, not a case. Pure functions: the caller
gives the territories' names and which of them are a part of the fiche's territory.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

ALTERNATIVE = re.compile(r"\bou\b|\bet aux?\b|\bsauf\b|;")


def plain(text):
    """Lower case, without accents and with straight apostrophes: « l’Haÿ » → « l'hay »."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def territories_named(line, places):
    """The codes of the territories ``line`` names, in the order of ``places`` ((name, code)
    pairs), each once. A name is matched whole, the longest first: « Villeneuve-le-Roi » is not
    also « Villeneuve », « Orly » is not in « Orlyval »."""
    text = plain(line)
    found = []
    for name, code in sorted(places, key=lambda place: -len(place[0])):
        pattern = re.compile(rf"(?<![\w-]){re.escape(plain(name))}(?![\w-])")
        if pattern.search(text):
            text = pattern.sub(" ", text)
            found.append(code)
    return found


def audience_words(audiences):
    """A pattern matching a public in prose, from the audiences' slugs (``Term``s):
    « commercants-artisans » gives « commerçant(s) » and « artisan(s) »."""
    words = sorted({word for term in audiences for word in term.slug.split("-") if word})
    if not words:
        return None
    stems = "|".join(re.escape(word.removesuffix("s")) for word in words)
    return re.compile(rf"\b(?:{stems})s?\b")


def prose_case_hints(facts, places, audiences, partial):
    """Hints for the prose lines of ``facts`` (``FicheFacts``) that a case could hold.

    ``places``: (name, code) of every territory; ``audiences``: the audiences (``Term``s);
    ``partial``: the codes of the territories named that cover only a part of the fiche's
    territory. A fiche with cases gets no hint: its editor knows them."""
    if facts.cases:
        return []
    publics = audience_words(audiences)
    hints = []
    for line in facts.prose_conditions:
        named = territories_named(line, places)
        if not named or publics is None or not publics.search(plain(line)):
            continue
        alternatives = len(named) >= 2 and ALTERNATIVE.search(plain(line))
        if alternatives or any(code in partial for code in named):
            hints.append(
                _(
                    "« %(line)s » semble dépendre du territoire : ajoutez un cas d'éligibilité "
                    "par territoire (plus bas, « Conditions qui varient selon le territoire ou "
                    "le public ») pour que le questionnaire en décide."
                )
                % {"line": line}
            )
    return hints
