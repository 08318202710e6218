"""Charts drawn on the server as inline SVG with pygal: nothing is fetched from a CDN, so the
pages work offline, and the SVG is serialised by lxml, so source text in a label is escaped.
pygal's scripts are left out: its tooltips come from a CDN, and its inline config would carry
source text into a script element."""

import pygal
from lxml import etree
from markupsafe import Markup
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="system-ui, sans-serif",
    colors=("#1f5fa8", "#e08a00", "#2a9d5c", "#b03a48"),
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=12,
    title_font_size=16,
)
# Hryvnias shown in the largest unit below the biggest value, so the axis stays readable.
SCALES = (
    (10**9, {"uk": "млрд грн", "en": "billion UAH"}),
    (10**6, {"uk": "млн грн", "en": "million UAH"}),
)
HRYVNIAS = (1, {"uk": "грн", "en": "UAH"})


def hryvnia_bars(
    title: str, labels: list[str], series: dict[str, list[int | None]], lang: str
) -> Markup:
    """Grouped bars of amounts given in kopiykas: one group per label, one colour per series.
    The SVG scales to its box (a phone's 390 px included)."""
    largest = max((abs(v) for values in series.values() for v in values if v), default=0) / 100
    divisor, units = next(((d, u) for d, u in SCALES if largest >= d), HRYVNIAS)
    unit = units[lang]
    chart = pygal.Bar(
        style=STYLE,
        js=(),
        disable_xml_declaration=True,
        width=900,
        height=380,
        title=title,
        y_title=unit,
        x_label_rotation=30 if len(labels) > 8 else 0,
        legend_at_bottom=True,
        show_minor_y_labels=False,
        y_labels_major_count=6,
        value_formatter=lambda value: f"{value:,.2f}".replace(",", " "),
    )
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, [None if v is None else v / 100 / divisor for v in values])
    svg = chart.render_tree()
    for script in svg.findall(".//{*}script"):
        script.getparent().remove(script)
    return Markup(etree.tostring(svg, encoding="unicode"))
