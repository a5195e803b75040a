"""How the dry run shows a changed cell: « ancienne valeur → nouvelle valeur », read as an
editor writes it (dates 31/03/2027, amounts 15 000,50, empty cells « (vide) »), long prose
shortened around what changed so that the change stays visible."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

CONTEXT = 40  # characters kept on each side of a change in long text
LONGEST = 160  # a text up to this length is shown whole


@dataclass(frozen=True)
class CellChange:
    column: str  # the header as the file spells it
    old: str
    new: str


def shown(value):
    """A cell's value (what the export writes) as the dry run shows it."""
    if value is None or value == "":
        return _("(vide)")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def shortened(old, new):
    """``(old, new)``, each cut to the part around their difference when it is long."""
    if len(old) <= LONGEST and len(new) <= LONGEST:
        return old, new
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old), len(new)) - prefix
        and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
    ):
        suffix += 1
    start = max(0, prefix - CONTEXT)
    return _window(old, start, len(old) - suffix), _window(new, start, len(new) - suffix)


def _window(text, start, change_end):
    end = min(len(text), change_end + CONTEXT)
    middle = text[start:end]
    if len(middle) > LONGEST + 2 * CONTEXT:
        middle = middle[: LONGEST + CONTEXT] + " […] " + middle[-CONTEXT:]
    return ("…" if start > 0 else "") + middle + ("…" if end < len(text) else "")


def cell_change(column, old, new):
    """The ``CellChange`` of a column whose cell goes from ``old`` to ``new`` (export values)."""
    old_text, new_text = shortened(shown(old), shown(new))
    return CellChange(column, old_text, new_text)
