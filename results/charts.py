"""Server-side SVG bar charts for « La revitalisation en chiffres »: amounts or counts per
period, each bar possibly stacked from several series (« Prêts », « Subventions »...).

Pure functions of plain data (no model, no request): ``bar_chart`` computes everything the
template ``results/bar_chart.html`` draws (the viewBox, each rect, the axis ticks, the
labels in French typography) and the rows of the data table shown beside the chart, from the
very same values. No JavaScript, no chart library; colours come from ``css/charts.css``.

A value of ``None`` is « not known »: shown as « n.c. » in the table, no rect drawn. A bar's
total adds up its known values (flagged ``partial`` when some are not known), like the sums of
``results.figures``.
"""

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from guide.formatting import NBSP, format_number

Number = Decimal | int

# The SVG's own coordinates (the viewBox); CSS scales it to the page's width.
HEIGHT = 320
PLOT_TOP = 28  # room for the total above the tallest bar
PLOT_BOTTOM = HEIGHT - 40  # room for the periods below the axis
MARGIN_RIGHT = 12
TICK_GAP = 8  # between a tick's label and the plot
# Text is 14 units high (css/charts.css); a generous estimate of a character's width.
CHAR_WIDTH = 8.5
MIN_SLOT = 56  # the horizontal room of one bar, at least
MAX_BAR_WIDTH = 80
BAR_RATIO = 0.6  # of its slot
# The viewBox widths, each with a CSS class (chart__svg--w640...) keeping its text >= 12px.
WIDTHS = (640, 960, 1280, 1920)

MAX_TICKS = 5  # 0 included
STEP_FACTORS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))

# Compact amounts on the axis and above the bars: « 250 k€ », « 1,3 M€ », « 2 Md€ ».
COMPACT_UNITS = {"€"}
PREFIXES = ((Decimal(10) ** 3, "k"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 9, "Md"))

# Colour and pattern of the series by position in the palette (css/charts.css: chart__color-N);
# the patterns tell the series apart without colour.
PATTERNS = ("", "hatch", "dots", "cross", "lines", "vlines")

ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class Series:
    """A kind of stacked segment. ``key`` names it in ``Bar.values`` and in the CSS class
    ``chart__bar--<key>``; ``label`` is already translated. ``style`` is its position in the
    palette (1 to 6: colour and pattern), by default its position in the chart: give it to keep
    a series' look when other charts of the page leave some series out."""

    key: str
    label: str
    style: int | None = None


@dataclass(frozen=True)
class Bar:
    """One period: its label (« 2021 », « 2019–2022 ») and its values by series key (``None``
    or a missing key: not known)."""

    label: str
    values: Mapping[str, Number | None]


@dataclass(frozen=True)
class SeriesStyle:
    series: Series
    color: int  # 1-based position in the palette
    pattern: str  # "" (plain), "hatch", "dots"...
    pattern_id: str  # the <pattern>'s id in the chart's <defs>, "" when plain

    @property
    def css_class(self):
        return f"chart__bar--{self.series.key} chart__color-{self.color}"

    @property
    def pattern_class(self):
        return f"chart__swatch--{self.pattern}" if self.pattern else ""


@dataclass(frozen=True)
class Segment:
    """One series' value for one period: a table cell, and a rect when the value is known."""

    style: SeriesStyle
    period: str
    value: Number | None
    label: str  # « 300 000 € », « n.c. »
    title: str  # « Prêts, 2021 : 300 000 € »
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0

    @property
    def series(self):
        return self.style.series

    @property
    def drawn(self):
        return self.value is not None

    @property
    def data_value(self):
        """The raw value for the ``data-value`` attribute (« 300000.00 », « 12 »)."""
        return "" if self.value is None else str(self.value)


@dataclass(frozen=True)
class ChartBar:
    label: str
    segments: tuple[Segment, ...]  # one per series, in the chart's order, stacked bottom-up
    total: Number | None  # the sum of the known values; None when none is known
    total_label: str  # « 1 325 000 € », « n.c. »
    total_short: str  # drawn above the bar: « 1,3 M€ », « n.c. »
    partial: bool  # some values known, some not
    x: float  # the centre of the bar
    total_y: float
    label_y: float


@dataclass(frozen=True)
class Tick:
    value: int
    label: str  # « 0 € », « 250 k€ », « 1,25 M€ »
    y: float


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str  # the SVG's <desc>: the total of each period
    note: str  # after the title in the <figcaption> (a source, a date), may be empty
    unit: str
    period_label: str  # the header of the table's first column
    styles: tuple[SeriesStyle, ...]
    bars: tuple[ChartBar, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    size_class: str  # chart__svg--w640...

    @property
    def series(self):
        return tuple(style.series for style in self.styles)

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def is_empty(self):
        return not self.bars

    @property
    def title_id(self):
        return f"{self.chart_id}-title"

    @property
    def desc_id(self):
        return f"{self.chart_id}-desc"

    @property
    def caption_id(self):
        return f"{self.chart_id}-caption"

    @property
    def tick_label_x(self):
        return self.plot_left - TICK_GAP

    @property
    def patterns(self):
        """The styles whose pattern the chart's <defs> define, one per pattern."""
        seen, patterns = set(), []
        for style in self.styles:
            if style.pattern and style.pattern not in seen:
                seen.add(style.pattern)
                patterns.append(style)
        return tuple(patterns)

    @property
    def show_legend(self):
        """Always, one series included: a single patterned bar (« Non ventilé ») must say what
        it is as much as a stack does."""
        return bool(self.styles)

    @property
    def show_totals(self):
        """A « Total » column in the table: only when bars are stacked."""
        return len(self.styles) > 1

    @property
    def has_unknown(self):
        return any(not segment.drawn for bar in self.bars for segment in bar.segments)


def bar_chart(
    title: str,
    bars: Sequence[Bar],
    series: Sequence[Series],
    *,
    chart_id: str,
    unit: str = "€",
    period_label: str | None = None,
    note: str = "",
) -> BarChart:
    """The chart of ``bars``, stacked by ``series`` (bottom-up, in their order).

    ``chart_id`` prefixes every id of the markup: unique on the page. ``unit``: « € » for
    amounts (compact labels on the axis), "" for counts. Raises ValueError on a negative value,
    a duplicate or ill-formed key or id, or a known value whose key is not one of ``series``.
    """
    if not ID_RE.match(chart_id):
        raise ValueError(f"Invalid chart id: {chart_id!r}")
    if not series:
        raise ValueError("A chart needs at least one series.")
    keys = [s.key for s in series]
    if len(set(keys)) != len(keys) or not all(KEY_RE.match(key) for key in keys):
        raise ValueError(f"Series keys must be distinct CSS class suffixes: {keys!r}")
    styles = tuple(_style(s, position, chart_id) for position, s in enumerate(series, 1))

    values = [[_value(bar, s.key) for s in series] for bar in bars]
    for bar in bars:
        stray = [k for k, v in bar.values.items() if k not in keys and v is not None]
        if stray:
            raise ValueError(f"Values for unknown series {stray!r} in {bar.label!r}")
    totals = [_total(row) for row in values]

    ticks = nice_ticks(max((t for t in totals if t is not None), default=0))
    scale = ticks[-1] or 1
    plot_height = PLOT_BOTTOM - PLOT_TOP

    def y_of(value):
        return round(PLOT_BOTTOM - float(Decimal(value) / scale) * plot_height, 2)

    tick_labels = [format_compact(tick, unit, exact=True) for tick in ticks]
    short_totals = [_("n.c.") if total is None else format_compact(total, unit) for total in totals]
    longest_tick = max(len(label) for label in tick_labels)
    plot_left = max(40, math.ceil(longest_tick * CHAR_WIDTH) + TICK_GAP + 4)
    longest_text = max(
        (len(text) for text in [bar.label for bar in bars] + short_totals), default=0
    )
    slot_needed = max(MIN_SLOT, longest_text * CHAR_WIDTH + 12)
    needed = plot_left + len(bars) * slot_needed + MARGIN_RIGHT
    width = next((w for w in WIDTHS if w >= needed), math.ceil(needed))
    size_class = f"chart__svg--w{width if width in WIDTHS else WIDTHS[-1]}"
    plot_right = width - MARGIN_RIGHT
    slot = (plot_right - plot_left) / len(bars) if bars else 0
    bar_width = round(min(slot * BAR_RATIO, MAX_BAR_WIDTH), 2)

    chart_bars = []
    for index, (bar, row, total) in enumerate(zip(bars, values, totals, strict=True)):
        centre = plot_left + slot * (index + 0.5)
        x = round(centre - bar_width / 2, 2)
        segments, stacked = [], Decimal(0)
        for style, value in zip(styles, row, strict=True):
            label = format_value(value, unit)
            title_text = _("%(series)s, %(period)s : %(value)s") % {
                "series": style.series.label,
                "period": bar.label,
                "value": label,
            }
            if value is None:
                segments.append(Segment(style, bar.label, None, label, title_text))
                continue
            bottom, stacked = y_of(stacked), stacked + Decimal(value)
            top = y_of(stacked)
            segments.append(
                Segment(
                    style,
                    bar.label,
                    value,
                    label,
                    title_text,
                    x=x,
                    y=top,
                    width=bar_width,
                    height=round(bottom - top, 2),
                )
            )
        top = y_of(total or 0)
        chart_bars.append(
            ChartBar(
                label=bar.label,
                segments=tuple(segments),
                total=total,
                total_label=format_value(total, unit),
                total_short=short_totals[index],
                partial=total is not None and any(v is None for v in row),
                x=round(centre, 2),
                total_y=round(top - 6, 2),
                label_y=PLOT_BOTTOM + 22,
            )
        )

    return BarChart(
        chart_id=chart_id,
        title=title,
        description=_describe(title, chart_bars),
        note=note,
        unit=unit,
        period_label=period_label or _("Période"),
        styles=styles,
        bars=tuple(chart_bars),
        ticks=tuple(Tick(t, label, y_of(t)) for t, label in zip(ticks, tick_labels, strict=True)),
        width=width,
        height=HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=PLOT_TOP,
        plot_bottom=PLOT_BOTTOM,
        size_class=size_class,
    )


def nice_ticks(maximum: Number) -> tuple[int, ...]:
    """0, then round steps (1, 2, 2.5 or 5 × 10^n, whole numbers) up to the first tick >=
    ``maximum``; at most MAX_TICKS ticks. Only (0,) when ``maximum`` is 0."""
    maximum = Decimal(maximum)
    if maximum <= 0:
        return (0,)
    exponent = max(0, (maximum / (MAX_TICKS - 1)).adjusted())
    while True:
        for factor in STEP_FACTORS:
            step = factor.scaleb(exponent)
            if step != step.to_integral_value():
                continue  # 2.5: no fractional step
            count = math.ceil(maximum / step)
            if count <= MAX_TICKS - 1:
                return tuple(int(step * n) for n in range(count + 1))
        exponent += 1


def format_value(value: Number | None, unit: str) -> str:
    """« 1 325 000 € » (French grouping, as everywhere on the site), « 12 », « n.c. »."""
    if value is None:
        return _("n.c.")
    number = format_number(value)
    return f"{number}{NBSP}{unit}" if unit else number


def format_compact(value: Number, unit: str, exact: bool = False) -> str:
    """« 250 k€ », « 1,3 M€ » for amounts (rounded to two significant digits at least, unless
    ``exact``, for the axis' round ticks: « 1,25 M€ »); counts and other units in full."""
    if unit not in COMPACT_UNITS:
        return format_value(value, unit)
    value = Decimal(value)
    position = None
    for index, (scale, _prefix) in enumerate(PREFIXES):
        if abs(value) >= scale:
            position = index
    while True:
        scale, prefix = PREFIXES[position] if position is not None else (Decimal(1), "")
        number = value / scale
        if not exact:
            places = Decimal(1) if abs(number) >= 10 or position is None else Decimal("0.1")
            number = number.quantize(places, rounding=ROUND_HALF_UP)
        next_position = 0 if position is None else position + 1
        if abs(number) < 1000 or next_position >= len(PREFIXES):
            break
        position = next_position  # 999 950 € reads « 1 M€ », not « 1 000 k€ »
    return f"{format_number(number)}{NBSP}{prefix}{unit}"


def _style(series, position, chart_id):
    if series.style is not None and not 1 <= series.style <= len(PATTERNS):
        raise ValueError(f"Series style must be 1 to {len(PATTERNS)}: {series!r}")
    color = series.style or (position - 1) % len(PATTERNS) + 1
    pattern = PATTERNS[color - 1]
    return SeriesStyle(series, color, pattern, f"{chart_id}-{pattern}" if pattern else "")


def _value(bar, key):
    value = bar.values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise TypeError(f"{bar.label!r}, {key!r}: not a number: {value!r}")
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{bar.label!r}, {key!r}: {value!r}")
    if value < 0:
        raise ValueError(f"{bar.label!r}, {key!r}: negative values cannot be stacked: {value}")
    return value


def _total(row):
    known = [value for value in row if value is not None]
    return sum(known) if known else None


def _describe(title, bars):
    """« Montants engagés par année : 2021 : 300 000 € ; 2022 : n.c. »"""
    if not bars:
        return ""
    items = []
    for bar in bars:
        params = {"period": bar.label, "total": bar.total_label}
        if bar.partial:
            items.append(_("%(period)s : %(total)s (hors données non communiquées)") % params)
        else:
            items.append(_("%(period)s : %(total)s") % params)
    return _("%(title)s : %(items)s.") % {"title": title, "items": " ; ".join(items)}
