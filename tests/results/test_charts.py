"""The SVG bar charts of « La revitalisation en chiffres » (results/charts.py and
guide/templates/guide/results/bar_chart.html): geometry, ticks, French labels, and the data
table holding the very numbers the SVG draws."""

from decimal import Decimal
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from results.charts import (
    Bar,
    Series,
    bar_chart,
    format_compact,
    format_value,
    nice_ticks,
)
from tests.support.html_validation import validate

NNBSP, NBSP = "\u202f", "\u00a0"
TEMPLATE = "results/bar_chart.html"

SERIES = [
    Series("loans", "Prêts"),
    Series("grants", "Subventions"),
    Series("unsplit", "Non ventilé"),
]


def amounts_chart(chart_id="montants"):
    return bar_chart(
        "Montants engagés par année",
        [
            Bar("2021", {"loans": Decimal("300000.00"), "grants": Decimal("100000")}),
            Bar("2022", {"loans": 200000, "grants": None, "unsplit": Decimal("50000.50")}),
            Bar("2023", {"loans": None, "grants": None}),  # nothing known, "unsplit" missing
            Bar("2019–2022", {"loans": 1000000, "grants": 325000, "unsplit": 0}),
        ],
        SERIES,
        chart_id=chart_id,
    )


# A minimal DOM from the stdlib parser ----------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def iter(self, tag=None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own_text(self):
        """The text outside child elements (a rect's <title> is a child)."""
        return "".join(c for c in self.children if isinstance(c, str))


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", [])

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def number(text):
    """« 1 325 000 € » -> Decimal("1325000"); « 50 000,5 € » -> Decimal("50000.5")."""
    for char in (NNBSP, NBSP, " ", "€"):
        text = text.replace(char, "")
    return Decimal(text.replace(",", "."))


def table_cells(document):
    """{(column header, period): cell text} of the chart's data table."""
    table = next(document.iter("table"))
    headers = [th.text() for th in next(table.iter("thead")).iter("th")]
    cells = {}
    for row in next(table.iter("tbody")).iter("tr"):
        period = next(row.iter("th")).text()
        for header, cell in zip(headers[1:], row.iter("td"), strict=True):
            cells[(header, period)] = cell.text()
    return headers, cells


def bar_rects(document):
    return [rect for rect in document.iter("rect") if "data-series" in rect.attrs]


# Geometry --------------------------------------------------------------------------------------


def test_stacked_heights_are_proportional_to_the_values():
    chart = amounts_chart()
    bar_2021, bar_2022 = chart.bars[0], chart.bars[1]
    loans, grants, unsplit = bar_2021.segments
    assert loans.height == pytest.approx(3 * grants.height, abs=0.05)
    # The same scale for every bar: 300 000 against 200 000.
    assert loans.height == pytest.approx(1.5 * bar_2022.segments[0].height, abs=0.05)
    # Stacked bottom-up in the series' order, from the axis, without gap nor overlap.
    assert loans.y + loans.height == pytest.approx(chart.plot_bottom)
    assert grants.y + grants.height == pytest.approx(loans.y)
    assert not unsplit.drawn
    # The tallest bar (1 325 000) under the top tick (1 500 000), in proportion.
    tallest = chart.bars[3]
    plot_height = chart.plot_bottom - chart.plot_top
    stack_top = min(s.y for s in tallest.segments if s.drawn)
    assert chart.plot_bottom - stack_top == pytest.approx(plot_height * 1325000 / 1500000, abs=0.05)
    assert tallest.total_y < stack_top  # its label above it


def test_bars_sit_side_by_side_inside_the_plot():
    chart = amounts_chart()
    lefts = [bar.x for bar in chart.bars]
    assert lefts == sorted(lefts)
    drawn = [s for bar in chart.bars for s in bar.segments if s.drawn]
    assert all(chart.plot_left <= s.x and s.x + s.width <= chart.plot_right for s in drawn)
    by_bar = [[s for s in bar.segments if s.drawn] for bar in chart.bars]
    edges = [(seg[0].x, seg[0].x + seg[0].width) for seg in by_bar if seg]
    assert all(right < next_left for (_, right), (next_left, _) in pairwise(edges))


def test_many_long_periods_widen_the_view_box_and_its_css_class():
    bars = [Bar(f"{year}–{year + 3}", {"jobs": year - 1990}) for year in range(2000, 2014)]
    chart = bar_chart("Emplois", bars, [Series("jobs", "Emplois")], chart_id="emplois", unit="")
    assert chart.width > 640
    assert chart.size_class == f"chart__svg--w{chart.width}"
    slot = (chart.plot_right - chart.plot_left) / len(bars)
    assert slot >= len("2000–2003") * 8  # room for each period's label


# Ticks -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "maximum, expected",
    [
        (7, (0, 2, 4, 6, 8)),
        (8, (0, 2, 4, 6, 8)),
        (10, (0, 5, 10)),  # no 2.5 step for whole numbers
        (250, (0, 100, 200, 300)),
        (Decimal("0.4"), (0, 1)),
        (1_325_000, (0, 500_000, 1_000_000, 1_500_000)),
        (Decimal("9000000.00"), (0, 2_500_000, 5_000_000, 7_500_000, 10_000_000)),
        (0, (0,)),
    ],
)
def test_nice_ticks(maximum, expected):
    assert nice_ticks(maximum) == expected


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10) ** 12, places=2))
def test_ticks_are_few_round_and_just_cover_the_maximum(maximum):
    ticks = nice_ticks(maximum)
    assert ticks[0] == 0 and 2 <= len(ticks) <= 5
    assert ticks[-1] >= maximum > ticks[-2]
    step = ticks[1]
    assert all(b - a == step for a, b in pairwise(ticks))
    mantissa = Decimal(step).scaleb(-Decimal(step).adjusted()).normalize()
    assert mantissa in {1, 2, Decimal("2.5"), 5}


def test_tick_labels_are_compact_amounts_or_plain_counts():
    amounts = amounts_chart()
    assert [t.label for t in amounts.ticks] == [
        f"0{NBSP}€",
        f"500{NBSP}k€",
        f"1{NBSP}M€",
        f"1,5{NBSP}M€",
    ]
    # Higher on the screen for higher values, the top tick at the top of the plot.
    assert [t.y for t in amounts.ticks] == sorted((t.y for t in amounts.ticks), reverse=True)
    assert amounts.ticks[-1].y == amounts.plot_top and amounts.ticks[0].y == amounts.plot_bottom
    counts = bar_chart(
        "Emplois", [Bar("2021", {"jobs": 7})], [Series("jobs", "Emplois")], chart_id="e", unit=""
    )
    assert [t.label for t in counts.ticks] == ["0", "2", "4", "6", "8"]
    assert counts.bars[0].total_label == counts.bars[0].total_short == "7"


def test_french_number_formatting():
    assert format_value(Decimal("1325000"), "€") == f"1{NNBSP}325{NNBSP}000{NBSP}€"
    assert format_value(Decimal("300000.00"), "€") == f"300{NNBSP}000{NBSP}€"
    assert format_value(12345, "") == f"12{NNBSP}345"
    assert format_value(None, "€") == "n.c."
    assert format_compact(Decimal("1325000"), "€") == f"1,3{NBSP}M€"
    assert format_compact(250_000, "€") == f"250{NBSP}k€"
    assert format_compact(1_500, "€") == f"1,5{NBSP}k€"
    assert format_compact(999_950, "€") == f"1{NBSP}M€"  # not « 1 000 k€ »
    assert format_compact(2_400_000_000, "€") == f"2,4{NBSP}Md€"
    assert format_compact(640, "€") == f"640{NBSP}€"
    assert format_compact(1_250_000, "€", exact=True) == f"1,25{NBSP}M€"
    assert format_compact(1_325_000, "") == f"1{NNBSP}325{NNBSP}000"  # counts in full


# The rendered chart and its table --------------------------------------------------------------


def test_each_rect_holds_the_number_of_its_table_cell():
    chart = amounts_chart()
    document = parse(render_to_string(TEMPLATE, {"chart": chart}))
    headers, cells = table_cells(document)
    assert headers == ["Période", "Prêts", "Subventions", "Non ventilé", "Total"]
    labels = {s.key: s.label for s in SERIES}
    rects = bar_rects(document)
    drawn = {(labels[r.attrs["data-series"]], r.attrs["data-period"]): r for r in rects}
    assert len(drawn) == len(rects) == 7
    known = {key: text for key, text in cells.items() if key[0] != "Total" and text != "n.c."}
    assert drawn.keys() == known.keys()
    for (label, period), rect in drawn.items():
        assert Decimal(rect.attrs["data-value"]) == number(known[label, period])
        assert next(rect.iter("title")).text() == f"{label}, {period} : {known[label, period]}"
    assert known["Non ventilé", "2022"] == f"50{NNBSP}000,5{NBSP}€"
    assert drawn["Prêts", "2021"].attrs["data-value"] == "300000.00"
    # Unlocalised coordinates: a French decimal comma would break the SVG.
    for rect in rects:
        for name in ("x", "y", "width", "height"):
            float(rect.attrs[name])
    svg = next(document.iter("svg"))
    assert svg.attrs["viewbox"] == "0 0 640 320"
    assert [t.text() for t in svg.iter("text") if "chart__tick" in t.attrs["class"]] == [
        tick.label for tick in chart.ticks
    ]


def test_totals_add_up_the_known_values():
    chart = amounts_chart()
    _, cells = table_cells(parse(render_to_string(TEMPLATE, {"chart": chart})))
    for bar in chart.bars:
        parts = [cells[s.label, bar.label] for s in SERIES]
        known = [number(p) for p in parts if p != "n.c."]
        if known:
            assert number(cells["Total", bar.label]) == sum(known) == bar.total
        else:
            assert cells["Total", bar.label] == "n.c."
    assert [bar.partial for bar in chart.bars] == [True, True, False, False]
    assert chart.bars[3].total_label == f"1{NNBSP}325{NNBSP}000{NBSP}€"
    assert chart.bars[3].total_short == f"1,3{NBSP}M€"
    assert chart.description == (
        "Montants engagés par année : "
        f"2021 : 400{NNBSP}000{NBSP}€ (hors données non communiquées) ; "
        f"2022 : 250{NNBSP}000,5{NBSP}€ (hors données non communiquées) ; "
        "2023 : n.c. ; "
        f"2019–2022 : 1{NNBSP}325{NNBSP}000{NBSP}€."
    )


def test_unknown_values_read_nc_and_draw_nothing():
    html = render_to_string(TEMPLATE, {"chart": amounts_chart()})
    document = parse(html)
    _, cells = table_cells(document)
    assert [cells[s.label, "2023"] for s in SERIES] == ["n.c.", "n.c.", "n.c."]
    assert cells["Total", "2023"] == "n.c."
    assert not [r for r in bar_rects(document) if r.attrs["data-period"] == "2023"]
    # Above the empty slot, « n.c. » rather than nothing (which would read as 0).
    totals = [t.text() for t in document.iter("text") if "chart__total" in t.attrs["class"]]
    assert totals[2] == "n.c."
    assert "n.c. : non communiqué." in html
    # A known 0 is drawn (flat), not taken for unknown.
    zero = [r for r in bar_rects(document) if r.attrs["data-value"] == "0"]
    assert len(zero) == 1 and float(zero[0].attrs["height"]) == 0


def test_a_chart_of_unknown_values_only_still_renders():
    chart = bar_chart(
        "Emplois créés",
        [Bar("2021", {"jobs": None}), Bar("2022", {})],
        [Series("jobs", "Emplois créés")],
        chart_id="emplois",
        unit="",
    )
    document = parse(render_to_string(TEMPLATE, {"chart": chart}))
    assert next(document.iter("svg"))
    assert bar_rects(document) == []
    headers, cells = table_cells(document)
    assert headers == ["Période", "Emplois créés"]  # one series: no « Total » column
    assert set(cells.values()) == {"n.c."}
    assert [t.label for t in chart.ticks] == ["0"]


def test_all_zero_values_render_without_dividing_by_zero():
    chart = bar_chart(
        "Montants",
        [Bar("2021", {"loans": 0}), Bar("2022", {"loans": Decimal("0.00")})],
        SERIES[:1],
        chart_id="zero",
    )
    assert [t.value for t in chart.ticks] == [0]
    assert all(s.height == 0 and s.y == chart.plot_bottom for b in chart.bars for s in b.segments)
    rects = bar_rects(parse(render_to_string(TEMPLATE, {"chart": chart})))
    assert [r.attrs["data-value"] for r in rects] == ["0", "0.00"]


def test_no_bars_prints_only_a_message():
    chart = bar_chart("Montants", [], SERIES, chart_id="vide")
    html = render_to_string(TEMPLATE, {"chart": chart})
    document = parse(html)
    assert [node.tag for node in document.iter()] == ["p"]
    assert document.text().strip() == "Aucun chiffre publié pour le moment."


def test_two_charts_on_a_page_have_distinct_ids():
    html = render_to_string(TEMPLATE, {"chart": amounts_chart("programme-1-montants")})
    html += render_to_string(TEMPLATE, {"chart": amounts_chart("programme-2-montants")})
    document = parse(html)
    ids = [node.attrs["id"] for node in document.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids)) > 2
    assert all(i.startswith(("programme-1-", "programme-2-")) for i in ids if "-" in i)
    # Every reference points to an element of its own chart.
    for figure in document.iter("figure"):
        own = {node.attrs["id"] for node in figure.iter() if "id" in node.attrs}
        references = [
            ref
            for node in figure.iter()
            for name in ("aria-labelledby",)
            if name in node.attrs
            for ref in node.attrs[name].split()
        ]
        references += [
            node.attrs["fill"][5:-1] for node in figure.iter("rect") if "fill" in node.attrs
        ]
        assert references and set(references) <= own


def test_markup_for_assistive_technologies():
    chart = amounts_chart()
    document = parse(render_to_string(TEMPLATE, {"chart": chart}))
    figure = next(document.iter("figure"))
    svg = next(figure.iter("svg"))
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-labelledby"] == "montants-title montants-desc"
    assert next(svg.iter("title")).attrs["id"] == "montants-title"
    assert next(svg.iter("desc")).text() == chart.description
    # The legend above, the table in a <details> below the SVG, the caption last.
    order = [n.tag for n in figure.children if isinstance(n, Node)]
    assert order == ["ul", "div", "details", "figcaption"]
    summary = next(figure.iter("summary"))
    assert summary.own_text() == "Voir les données du graphique (tableau)"
    table = next(figure.iter("table"))
    assert next(table.iter("caption")).text() == chart.title
    assert {th.attrs.get("scope") for th in next(table.iter("thead")).iter("th")} == {"col"}
    assert {th.attrs.get("scope") for th in next(table.iter("tbody")).iter("th")} == {"row"}
    assert all("chart__num" in td.attrs["class"] for td in table.iter("td"))
    # No colour in the markup: CSS classes, and a pattern on the second series.
    legend = [li.text() for li in next(figure.iter("ul")).iter("li")]
    assert legend == ["Prêts", "Subventions", "Non ventilé"]
    assert all("fill" not in r.attrs for r in bar_rects(document))
    grants = [r for r in bar_rects(document) if r.attrs["data-series"] == "grants"]
    assert all("chart__bar--grants" in r.attrs["class"] for r in grants)
    patterned = [r for r in svg.iter("rect") if r.attrs.get("fill") == "url(#montants-hatch)"]
    assert len(patterned) == len(grants)


def test_a_series_keeps_its_style_when_others_are_left_out():
    chart = bar_chart(
        "Subventions",
        [Bar("2021", {"grants": 10})],
        [Series("grants", "Subventions", style=2)],
        chart_id="subventions",
    )
    style = chart.styles[0]
    assert style.css_class == "chart__bar--grants chart__color-2"
    assert style.pattern_id == "subventions-hatch"


@pytest.mark.parametrize(
    "bars, series, chart_id",
    [
        ([Bar("2021", {"loans": -1})], SERIES, "c"),
        ([Bar("2021", {"loans": "12"})], SERIES, "c"),
        ([Bar("2021", {"typo": 12})], SERIES, "c"),
        ([Bar("2021", {"loans": 1})], [Series("loans", "A"), Series("loans", "B")], "c"),
        ([Bar("2021", {"a b": 1})], [Series("a b", "A")], "c"),
        ([Bar("2021", {"loans": 1})], SERIES, "1 chart"),
        ([Bar("2021", {"loans": 1})], [], "c"),
    ],
)
def test_invalid_input_is_refused(bars, series, chart_id):
    with pytest.raises((ValueError, TypeError)):
        bar_chart("Titre", bars, series, chart_id=chart_id)


def test_unused_series_keys_without_values_are_accepted():
    """As the views build them: every key in the values, the series of unknown ones left out."""
    chart = bar_chart(
        "Montants", [Bar("2021", {"loans": 5, "unsplit": None})], SERIES[:1], chart_id="c"
    )
    assert chart.bars[0].total == 5


def test_a_page_of_charts_is_valid_html(tmp_path):
    counts = bar_chart(
        "Emplois par période",
        [Bar("2021", {"created": 12, "maintained": None}), Bar("2022", {})],
        [Series("created", "Emplois créés"), Series("maintained", "Emplois maintenus")],
        chart_id="emplois",
        unit="",
        note="Source : rapport annuel 2022.",
    )
    charts = [
        amounts_chart("a"),
        amounts_chart("b"),
        counts,
        bar_chart("V", [], SERIES, chart_id="v"),
    ]
    body = "".join(render_to_string(TEMPLATE, {"chart": chart}) for chart in charts)
    page = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Chiffres</title>'
        f"</head><body><main>{body}</main></body></html>"
    )
    assert validate({"charts": page.encode()}, tmp_path) == []
