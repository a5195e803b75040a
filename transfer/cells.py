"""Reading and writing one spreadsheet cell: text, rich text, numbers, dates, yes/no, codes.

Each codec turns a raw cell (a string from a CSV file; a string, number, date or boolean from
an XLSX cell) into the value the model stores, or raises ``CellError`` with a French message
that quotes the cell; and turns a stored value back into what the export writes.
"""

import datetime
import functools
import re
import uuid
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from django.db import DatabaseError
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.admin.rich_text import get_rich_text_editor_widget

from core.fields import lines_of

from .prose import html_to_text, looks_like_html, text_to_html

SEPARATOR = " | "


class CellError(Exception):
    """A cell that can't be read. The message is in French and quotes the value."""


def quoted(value):
    return f"« {value} »"


def cell_text(raw):
    """The text of a raw cell, without surrounding spaces and with ``\\n`` line endings."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "oui" if raw else "non"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        if raw.time() == datetime.time(0, 0):
            return raw.date().isoformat()
        return raw.isoformat(sep=" ")
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return normalise_text(str(raw))


def normalise_text(value):
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def split_values(raw):
    """The values of a multi-valued cell: ``a | b`` (a bare ``|`` is accepted too)."""
    return [part.strip() for part in cell_text(raw).split("|") if part.strip()]


class Codec:
    """How one kind of cell is read and written. ``blank`` is the stored empty value."""

    blank = None
    kind = ""

    def parse(self, raw, references):
        raise NotImplementedError

    def cell(self, value, references):
        return value

    def same(self, stored, given):
        return stored == given

    def is_blank(self, value):
        return value in (None, "", frozenset())


class TextCodec(Codec):
    blank = ""
    kind = "texte"

    def __init__(self, multiline=False):
        self.multiline = multiline
        if multiline:
            self.kind = "texte sur plusieurs lignes"

    def parse(self, raw, references):
        text = cell_text(raw)
        if not self.multiline:
            text = " ".join(text.split("\n"))
        return text

    def cell(self, value, references):
        return value or ""

    def same(self, stored, given):
        return normalise_text(stored) == normalise_text(given)


# A list mark a line may start with when a list is pasted from a document: « - », « • »...
LIST_MARK = re.compile(r"[-•*–] +")


def list_items(text):
    """The items of a list cell: its non-empty lines, stripped, without a leading list mark."""
    return [LIST_MARK.sub("", line, count=1).strip() for line in lines_of(text)]


class LinesCodec(TextCodec):
    """A list, one item per line (a ``LinesField``: dépenses couvertes, exemples de projets,
    préparez votre appel): the items are the cell's lines, written as ``eligibilite`` is.
    Empty lines, spaces around a line and a list mark starting it (« - », « • ») are dropped;
    the export writes the items one per line, which reads back into the same items. A cell in
    HTML (a list copied from rich text) is refused: its tags would show on the fiche."""

    kind = "liste, un élément par ligne"

    def __init__(self):
        super().__init__(multiline=True)

    def parse(self, raw, references):
        text = cell_text(raw)
        if looks_like_html(text):
            raise CellError(
                _(
                    "%(value)s est du HTML : écrivez un élément par ligne, en texte simple "
                    "(retour à la ligne dans la cellule)."
                )
                % {"value": quoted(Truncator(text).chars(80))}
            )
        return "\n".join(item for item in list_items(text) if item)

    def same(self, stored, given):
        return [item for item in list_items(stored) if item] == [
            item for item in list_items(given) if item
        ]


class HtmlCodec(TextCodec):
    """Rich text. The export writes it as readable text (``prose.py``: paragraphs, « - »
    lists, ``**gras**``, ``[lien](https://…)``) when that text reads back into the same rich
    text, else as Wagtail's stored HTML; the import reads both (a cell starting with a block
    tag such as ``<p>`` is HTML, as in exports made before 2026-12). A changed value goes
    through the rich-text editor's own conversion (the admin form's), which keeps only the
    field's features. HTML that the conversion can't read (a tag left open, ``<img>`` written
    without ``/>``, a page link without its id...) is a cell error, found when the cell is
    read."""

    kind = "texte enrichi"

    def __init__(self, features):
        super().__init__(multiline=True)
        self.features = features
        self._widget = None
        # A cell is converted when read, then again when compared and saved: the conversions
        # of the last few cells (one row's) are kept.
        self.canonical = functools.lru_cache(maxsize=8)(self._canonical)

    @property
    def widget(self):
        if self._widget is None:
            self._widget = get_rich_text_editor_widget(features=self.features)
        return self._widget

    def parse(self, raw, references):
        html = super().parse(raw, references)
        if html and not looks_like_html(html):
            html = text_to_html(html)
        if html:
            try:
                self.canonical(html)
            except DatabaseError:
                raise
            except Exception:  # the converter asserts, and raises KeyError, ValueError...
                raise CellError(unreadable_html(html)) from None
        return html

    def cell(self, value, references):
        """The readable text of ``value``, or its HTML when the text would not read back
        into the same rich text."""
        value = value or ""
        text = html_to_text(value)
        # The same check as the import's comparison (``same``): a round trip changes nothing.
        if text is None or looks_like_html(text) or not self.same(value, text_to_html(text)):
            return value
        return text

    def _canonical(self, html):
        """What the admin would store for this HTML (random block keys included)."""
        html = normalise_text(html)
        if not html:
            return ""
        converted = self.widget.value_from_datadict(
            {"html": self.widget.format_value(html)}, {}, "html"
        )
        # Keep the cell as written when the conversion only adds block keys: no churn, and an
        # exported value comes back byte for byte.
        return html if without_block_keys(converted) == without_block_keys(html) else converted

    def same(self, stored, given):
        stored, given = normalise_text(stored), normalise_text(given)
        if stored == given:
            return True
        if not given:
            return False
        return without_block_keys(self.canonical(given)) == without_block_keys(stored)


# Elements without content: the converter needs them closed by themselves (``<br/>``).
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _TagOrder(HTMLParser):
    """The first end tag that doesn't close the element opened last, as Wagtail's converter
    pairs them (it knows no void element: ``<br>`` stays open)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.opened = []
        self.mismatch = None

    def handle_starttag(self, tag, attrs):
        self.opened.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.mismatch is None and self.opened:
            expected = self.opened.pop()
            if expected != tag:
                self.mismatch = (expected, tag)


def unreadable_html(html):
    """The French message for HTML the rich-text conversion refused: what is wrong when it is
    a tag left open, else what to check."""
    order = _TagOrder()
    order.feed(html)
    order.close()
    if order.mismatch is None:
        problem = _(
            "vérifiez que chaque balise ouverte est refermée, dans l'ordre, que chaque <li> est "
            "dans une liste <ul> ou <ol> et qu'un lien vers une page porte son numéro "
            '(<a linktype="page" id="12">).'
        )
    else:
        opened, closing = order.mismatch
        problem = _("la balise <%(tag)s> n'est pas refermée avant </%(closing)s>.") % {
            "tag": opened,
            "closing": closing,
        }
        if opened in VOID_TAGS:
            problem += " " + _(
                "Une balise sans contenu se referme elle-même : écrivez <br/> et non <br>, "
                "<img … /> et non <img …>."
            )
    return _("%(value)s n'est pas un texte enrichi lisible : %(problem)s") % {
        "value": quoted(Truncator(html).chars(80)),
        "problem": problem,
    }


BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def without_block_keys(html):
    return BLOCK_KEY.sub("", html or "")


class IntegerCodec(Codec):
    kind = "nombre entier"

    def parse(self, raw, references):
        if isinstance(raw, bool):
            raise CellError(_("%(value)s n'est pas un nombre entier.") % {"value": quoted(raw)})
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        text = cell_text(raw)
        if not text:
            return None
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise CellError(
            _("%(value)s n'est pas un nombre entier. Écrivez par exemple 49.")
            % {"value": quoted(text)}
        )


class DecimalCodec(Codec):
    kind = "nombre (point décimal)"

    def parse(self, raw, references):
        if isinstance(raw, bool):
            raise CellError(_("%(value)s n'est pas un nombre.") % {"value": quoted(raw)})
        if isinstance(raw, int | float | Decimal):
            return Decimal(str(raw))
        text = cell_text(raw)
        if not text:
            return None
        # A decimal comma (French spreadsheets) is read as a decimal point; "15,000" then has
        # three decimals and the model's own check refuses it, rather than guessing.
        candidate = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
        if re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", candidate):
            try:
                return Decimal(candidate)
            except InvalidOperation:
                pass
        raise CellError(
            _(
                "%(value)s n'est pas un nombre. Écrivez les chiffres seuls, avec un point pour "
                "les décimales : 15000 ou 33.33."
            )
            % {"value": quoted(text)}
        )

    def cell(self, value, references):
        if value is None:
            return None
        # 15000.00 is written 15000; 33.30 is written 33.3.
        normalised = value.normalize()
        if normalised == normalised.to_integral():
            return normalised.quantize(Decimal(1))
        return normalised


FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class DateCodec(Codec):
    kind = "date AAAA-MM-JJ"

    def parse(self, raw, references):
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = cell_text(raw)
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        match = FRENCH_DATE.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                pass
        raise CellError(
            _("%(value)s n'est pas une date. Écrivez-la AAAA-MM-JJ, par exemple 2026-12-31.")
            % {"value": quoted(text)}
        )


TRUE_WORDS = {"oui", "o", "vrai", "true", "1", "x"}
FALSE_WORDS = {"non", "n", "faux", "false", "0", ""}


class BooleanCodec(Codec):
    blank = False
    kind = "oui / non"

    def parse(self, raw, references):
        if isinstance(raw, bool):
            return raw
        text = cell_text(raw).casefold()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise CellError(_("%(value)s : écrivez oui ou non.") % {"value": quoted(cell_text(raw))})

    def cell(self, value, references):
        return "oui" if value else "non"

    def is_blank(self, value):
        return not value


class ChoiceCodec(Codec):
    """One of a model field's choices, written as its code; the French label is accepted too."""

    blank = ""
    kind = "code"

    def __init__(self, choices, default=""):
        self.choices = choices
        self.default = default

    def parse(self, raw, references):
        text = cell_text(raw)
        if not text:
            return self.default
        folded = text.casefold()
        for code, label in self.choices:
            if folded in (str(code).casefold(), str(label).casefold()):
                return code
        codes = " ; ".join(f"{code or _('(vide)')} = {label}" for code, label in self.choices)
        raise CellError(
            _("%(value)s n'est pas une valeur possible. Valeurs possibles : %(codes)s.")
            % {"value": quoted(text), "codes": codes}
        )

    def cell(self, value, references):
        return value or ""


class ReferenceCodec(Codec):
    """A row of a shared table (vocabulary, territory, organisation...) by its stable key."""

    def __init__(self, vocabulary, many=False):
        self.vocabulary = vocabulary
        self.many = many
        self.blank = frozenset() if many else None
        self.kind = "clés séparées par « | »" if many else "clé"

    def parse(self, raw, references):
        vocabulary = references.vocabulary(self.vocabulary)
        if self.many:
            return frozenset(vocabulary.resolve(part).pk for part in split_values(raw))
        text = cell_text(raw)
        return vocabulary.resolve(text).pk if text else None

    def cell(self, value, references):
        vocabulary = references.vocabulary(self.vocabulary)
        if self.many:
            return SEPARATOR.join(vocabulary.sorted_keys(value or ()))
        return vocabulary.key(value) if value is not None else ""


class UuidCodec(Codec):
    kind = "UUID"

    def parse(self, raw, references):
        text = cell_text(raw)
        if not text:
            return None
        try:
            return uuid.UUID(text)
        except ValueError:
            raise CellError(
                _(
                    "%(value)s n'est pas un identifiant UUID valide. Laissez la cellule vide "
                    "pour créer une nouvelle fiche."
                )
                % {"value": quoted(text)}
            ) from None

    def cell(self, value, references):
        return str(value) if value else ""
