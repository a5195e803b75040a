"""Dates and numbers typed in the admin the way a French person types them, or refused.

A value typed in a form is never silently changed: it is read the way a French editor means it,
or refused with a French message next to the field while the input keeps what was typed.

Dates (``parse_date``): « 31/03/2027 », « 31.03.2027 », « 31-03-2027 », « 31 mars 2027 »,
« 1er avril 2027 » (accents and case optional, « sept. » and the other usual abbreviations, an
optional day name that must match) and ISO « 2027-03-31 ». The year has four digits: « 31/03/27 »
is refused rather than guessed. Date and time (``parse_datetime``): a date, then optionally « à »
and a time written « 14:30 », « 14h30 », « 14 h » or « 14:30:15 »; ISO « 2027-03-31T14:30 ».
The admin's date picker shows and writes JJ/MM/AAAA (``WAGTAIL_DATE_FORMAT``), and no longer
replaces what it cannot read by today's date when the field loses focus
(``core/static/core/js/date-input.js``).

Numbers (``parse_number``): spaces (normal, no-break U+00A0, narrow no-break U+202F, thin
U+2009) separate thousands in groups of three; the comma is the decimal separator, and so is a
point (« 30.5 »). A point followed by exactly three digits and nothing else (« 1.500 ») reads as
1.5 to a computer and 1 500 to many French people: it is refused as ambiguous. Points that can
only group thousands (« 1.500,50 », « 1.500.000 ») are read as such. A comma before a point
(« 1,500.50 », the English way) is refused. Units and symbols (« 15 000 € », « 30 % ») are
refused: the unit is in the field's label, and a « % » in an amount field would be a mistake.
Exponents, « NaN », « Infinity » are refused; « -0 » is 0; the sign and the limits
(``max_digits``, ``decimal_places``, minimum and maximum) are the fields' validators', so that a
negative amount or a 13-digit one is refused, never rounded or cut.

A stored number is shown back the French way: a decimal comma, thousands grouped by a space
from five digits on (« 15 000 », « 1500,50 », and a year stays « 2027 »), no decimals when the
value is whole (« 30 »), else every stored decimal (« 1500,50 », « 33,33 »).

The admin's model forms get these fields from ``register`` (``CoreConfig.ready``) through
Wagtail's ``register_form_field_override``: pages, inline lines, snippets and settings alike.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

# Longer than any date or number anyone types: refused before any parsing.
MAX_LENGTH = 40

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

DATE_MESSAGE = _("Saisissez une date au format JJ/MM/AAAA, par exemple 31/03/2027.")
DATETIME_MESSAGE = _(
    "Saisissez une date et une heure au format JJ/MM/AAAA HH:MM, par exemple 31/03/2027 14:30."
)
NO_SUCH_DATE_MESSAGE = _("Cette date n'existe pas : vérifiez le jour et le mois (JJ/MM/AAAA).")
SHORT_YEAR_MESSAGE = _("Écrivez l'année sur quatre chiffres, par exemple 31/03/2027.")
DAY_NAME_MESSAGE = _("Le jour de la semaine ne correspond pas à la date.")
NUMBER_MESSAGE = _("Saisissez un nombre, par exemple 15 000 ou 1 500,50.")
INTEGER_MESSAGE = _("Saisissez un nombre entier, par exemple 12 ou 1 500.")
AMBIGUOUS_POINT_MESSAGE = _(
    "« %(value)s » peut se lire de deux façons : écrivez « %(thousands)s » ou « %(decimal)s »."
)
GROUPING_MESSAGE = _(
    "Les espaces séparent les milliers par groupes de trois chiffres : écrivez par exemple "
    "15 000 ou 1 500,50."
)
SYMBOL_MESSAGE = _(
    "Écrivez le nombre seul, sans unité ni symbole (€, %) : l'unité est dans le nom du champ."
)
ENGLISH_NUMBER_MESSAGE = _("La virgule sépare les décimales : écrivez par exemple 1 500,50.")
DATE_PLACEHOLDER = _("JJ/MM/AAAA")
DATETIME_PLACEHOLDER = _("JJ/MM/AAAA HH:MM")


def invalid(message, code="invalid", **params):
    return ValidationError(message, code=code, params=params or None)


# --- Dates ------------------------------------------------------------------------------------


def plain(text):
    """Lower case, without accents, with every kind of space as one normal space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.lower().split())


NUMERIC_DATE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)", re.ASCII)
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
# « 1er avril 2027 », « 31 mars 2027 », « 1 er avril », « 5 sept. 2027 ».
WORDED_DATE = re.compile(r"(\d{1,2})\s*(?:er|re)?\s+([a-z]+)\.?\s+(\d+)", re.ASCII)
TIME = re.compile(r"(\d{1,2})\s*(?::|h)\s*(?:(\d{2})(?:\s*:\s*(\d{2}))?)?\s*(?:min)?", re.ASCII)


def make_date(year_text, month, day):
    if len(year_text) != 4:
        raise invalid(SHORT_YEAR_MESSAGE if len(year_text) <= 2 else DATE_MESSAGE)
    try:
        return datetime.date(int(year_text), int(month), int(day))
    except ValueError:
        raise invalid(NO_SUCH_DATE_MESSAGE) from None


def split_day_name(text):
    """``text`` without a leading day name (« lundi 31 mars 2027 »), and that name."""
    first, _space, rest = text.partition(" ")
    if first.rstrip(",") in DAY_NAMES:
        return rest.strip(), first.rstrip(",")
    return text, None


def parse_date_part(text, message):
    """The date at the start of ``text`` (plain) and what follows it."""
    text, day_name = split_day_name(text)
    if match := ISO_DATE.match(text):
        year, month, day = match.groups()
        value = make_date(year, month, day)
    elif match := NUMERIC_DATE.match(text):
        day, _separator, month, year = match.groups()
        value = make_date(year, month, day)
    elif match := WORDED_DATE.match(text):
        day, month_name, year = match.groups()
        if month_name not in MONTHS:
            raise invalid(message)
        value = make_date(year, MONTHS[month_name], day)
    else:
        raise invalid(message)
    if day_name and DAY_NAMES[value.weekday()] != day_name:
        raise invalid(DAY_NAME_MESSAGE)
    return value, text[match.end() :].strip()


def parse_date(text):
    """The date ``text`` means (see the module's docstring), or a ``ValidationError``."""
    if len(text) > MAX_LENGTH:
        raise invalid(DATE_MESSAGE)
    value, rest = parse_date_part(plain(text), DATE_MESSAGE)
    if rest:
        raise invalid(DATE_MESSAGE)
    return value


def parse_datetime(text):
    """The naive date and time ``text`` means (midnight when no time is given)."""
    if len(text) > MAX_LENGTH:
        raise invalid(DATETIME_MESSAGE)
    text = plain(text)
    # ISO's « T » between the date and the time.
    text = re.sub(r"^(\d{4}-\d{1,2}-\d{1,2})t", r"\1 ", text)
    day, rest = parse_date_part(text, DATETIME_MESSAGE)
    rest = re.sub(r"^(?:a|,)\s*", "", rest)
    if not rest:
        return datetime.datetime.combine(day, datetime.time())
    match = TIME.fullmatch(rest)
    if not match:
        raise invalid(DATETIME_MESSAGE)
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    try:
        return datetime.datetime.combine(day, datetime.time(hours, minutes, seconds))
    except ValueError:
        raise invalid(DATETIME_MESSAGE) from None


# --- Numbers ----------------------------------------------------------------------------------

SPACES = re.compile(r"\s+")  # \s: every Unicode space, U+00A0 and U+202F included
NUMBER_CHARS = re.compile(r"[+\-\u2212]?[0-9 ,.]+")
GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+|[0-9]{1,3}(?:\.[0-9]{3})+")
AMBIGUOUS_WHOLE = re.compile(r"[1-9][0-9]{0,2}")
DIGITS = re.compile(r"[0-9]+")


def split_number(digits, text):
    """``digits`` (no sign) as its whole part and its decimals, by the module's rules."""
    if digits.count(",") > 1:
        raise invalid(NUMBER_MESSAGE)
    if "," in digits:
        whole, _comma, decimals = digits.partition(",")
        if "." in decimals:
            raise invalid(ENGLISH_NUMBER_MESSAGE, code="english")
        return whole, decimals
    if digits.count(".") == 1:
        whole, _point, decimals = digits.partition(".")
        if len(decimals) == 3 and AMBIGUOUS_WHOLE.fullmatch(whole):
            raise invalid(
                AMBIGUOUS_POINT_MESSAGE,
                code="ambiguous",
                value=text,
                thousands=format_number(Decimal(whole + decimals)),
                decimal=format_number(Decimal(f"{whole}.{decimals}").normalize()),
            )
        return whole, decimals
    # No separator, or several points: they can only group thousands.
    return digits, ""


def parse_number(text):
    """The ``Decimal`` ``text`` means (see the module's docstring), or a ``ValidationError``."""
    if len(text) > MAX_LENGTH:
        raise invalid(NUMBER_MESSAGE)
    text = SPACES.sub(" ", text).strip()
    if not NUMBER_CHARS.fullmatch(text):
        if re.search(r"[€%$£]|eur", text, re.IGNORECASE):
            raise invalid(SYMBOL_MESSAGE, code="symbol")
        raise invalid(NUMBER_MESSAGE)
    sign, digits = "", text
    if digits[0] in "+-\u2212":
        sign, digits = ("" if digits[0] == "+" else "-"), digits[1:].lstrip()
    whole, decimals = split_number(digits, text)
    if " " in whole or "." in whole:
        if not GROUPED.fullmatch(whole):
            raise invalid(GROUPING_MESSAGE, code="grouping")
        whole = whole.replace(" ", "").replace(".", "")
    if not DIGITS.fullmatch(whole + decimals):
        raise invalid(NUMBER_MESSAGE)
    value = Decimal(f"{sign}{whole or '0'}.{decimals}" if decimals else f"{sign}{whole}")
    # « -0 » is 0.
    return abs(value) if value == 0 else value


def format_number(value):
    """``value`` the French way: « 15 000 », « 1500,50 », « 33,33 » (see the docstring)."""
    if isinstance(value, float):
        value = Decimal(str(value))
    value = Decimal(value)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    sign = "-" if value < 0 else ""
    whole, _point, decimals = f"{abs(value):f}".partition(".")
    groups = []
    while len(whole) > 4 or groups and len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    text = " ".join([whole, *groups])
    return f"{sign}{text},{decimals}" if decimals else f"{sign}{text}"


# --- Widgets and form fields ------------------------------------------------------------------


class FrenchNumberInput(forms.TextInput):
    """A text input (a browser's number input would turn « 1 500,50 » into 150050) with the
    keyboard of figures on phones; a stored value shown the French way, a typed one as typed."""

    input_type = "text"

    def __init__(self, attrs=None, inputmode="decimal"):
        super().__init__(attrs={"inputmode": inputmode, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_number(value)
        return super().format_value(value)


class FrenchDateInput(AdminDateInput):
    """Wagtail's date picker, with the format shown as the input's placeholder."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": DATE_PLACEHOLDER, **(attrs or {})}, format=format)


class FrenchDateTimeInput(AdminDateTimeInput):
    """Wagtail's date and time picker, with the format shown as the input's placeholder."""

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"placeholder": DATETIME_PLACEHOLDER, **(attrs or {})}, **kwargs)


class FrenchDateField(forms.DateField):
    widget = FrenchDateInput

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_date(str(value))


class FrenchDateTimeField(forms.DateTimeField):
    widget = FrenchDateTimeInput

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return from_current_timezone(value)
        if isinstance(value, datetime.date):
            return from_current_timezone(datetime.datetime.combine(value, datetime.time()))
        return from_current_timezone(parse_datetime(str(value)))


class FrenchDecimalField(forms.DecimalField):
    widget = FrenchNumberInput

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return Decimal(value)
        return parse_number(str(value))


class FrenchIntegerField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", FrenchNumberInput(inputmode="numeric"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        number = parse_number(str(value))
        if number != number.to_integral_value():
            raise invalid(INTEGER_MESSAGE, code="integer")
        return int(number)


def register():
    """Make the admin's model forms (pages, inline lines, snippets, settings) use these fields.

    Only ``form_class`` is overridden: Django drops it for a field with choices, which keeps its
    select."""
    register_form_field_override(models.DateField, override={"form_class": FrenchDateField})
    register_form_field_override(models.DateTimeField, override={"form_class": FrenchDateTimeField})
    register_form_field_override(models.DecimalField, override={"form_class": FrenchDecimalField})
    register_form_field_override(models.IntegerField, override={"form_class": FrenchIntegerField})
