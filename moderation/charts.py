"""Server-rendered bar charts for queue health: plain SVG, no script, no third party.

The content security policy allows nothing but Sanad's own origin, and staff must be
able to read the figures without JavaScript: every chart is drawn here as coordinates
for a small SVG template, with a title, a description and the same figures in a table.
Right-to-left pages get the mirror image, bars growing from the right.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config import humanize

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 90
ROW_HEIGHT = 28
BAR_HEIGHT = 16
PADDING = 10
BAR_SPACE = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING


@dataclass
class Bar:
    label: str
    display: str
    kind: str
    label_x: float
    label_anchor: str
    bar_x: float
    bar_width: float
    value_x: float
    value_anchor: str
    y: float
    text_y: float


@dataclass
class Chart:
    id: str
    title: str
    description: str
    height: int
    direction: str = "ltr"
    width: int = WIDTH
    bars: list[Bar] = field(default_factory=list)


def minutes_display(value: float | None) -> str:
    if value is None:
        return _("no data")
    # Whole minutes, hours or days in words that agree with the number ("24 hours",
    # "٢٤ ساعة"), never "24,0 h".
    return humanize.duration(round(value))


def bar_chart(*, chart_id: str, title: str, description: str, rows, rtl: bool) -> Chart:
    """rows: (label, value, display, kind); bars are scaled to the largest value."""
    rows = list(rows)
    largest = max((value or 0 for _label, value, _display, _kind in rows), default=0) or 1
    chart = Chart(
        id=chart_id,
        title=title,
        description=description,
        height=PADDING * 2 + ROW_HEIGHT * max(len(rows), 1),
        direction="rtl" if rtl else "ltr",
    )
    for index, (label, value, display, kind) in enumerate(rows):
        width = round(BAR_SPACE * (value or 0) / largest, 1)
        y = PADDING + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        text_y = PADDING + index * ROW_HEIGHT + ROW_HEIGHT / 2 + 5
        if rtl:
            # In right-to-left text "start" is the right-hand edge: the label ends (on
            # its left) just right of the bars, the figure starts just left of its bar.
            bar_start = WIDTH - PADDING - LABEL_WIDTH
            bar = Bar(
                label=label,
                display=display,
                kind=kind,
                label_x=bar_start + 8,
                label_anchor="end",
                bar_x=bar_start - width,
                bar_width=width,
                value_x=bar_start - width - 6,
                value_anchor="start",
                y=y,
                text_y=text_y,
            )
        else:
            bar_start = PADDING + LABEL_WIDTH
            bar = Bar(
                label=label,
                display=display,
                kind=kind,
                label_x=bar_start - 8,
                label_anchor="end",
                bar_x=bar_start,
                bar_width=width,
                value_x=bar_start + width + 6,
                value_anchor="start",
                y=y,
                text_y=text_y,
            )
        chart.bars.append(bar)
    return chart


def health_charts(health: dict, *, rtl: bool) -> list[Chart]:
    charts = [
        bar_chart(
            chart_id="chart-waiting",
            title=_("Items waiting now, by lane"),
            description=_("How many open items each lane of the queue holds right now."),
            rows=[
                (lane.label, lane.waiting, number_format(lane.waiting), lane.key)
                for lane in health["waiting"]
            ],
            rtl=rtl,
        )
    ]
    for days, lanes in health["windows"].items():
        rows = []
        for lane in lanes:
            rows.append(
                (
                    _("%(lane)s: median") % {"lane": lane.label},
                    lane.median_minutes,
                    minutes_display(lane.median_minutes),
                    lane.key,
                )
            )
            rows.append(
                (
                    _("%(lane)s: 90th percentile") % {"lane": lane.label},
                    lane.p90_minutes,
                    minutes_display(lane.p90_minutes),
                    f"{lane.key}-p90",
                )
            )
        charts.append(
            bar_chart(
                chart_id=f"chart-response-{days}",
                title=ngettext(
                    "Time to first action over the last %(days)s day",
                    "Time to first action over the last %(days)s days",
                    days,
                )
                % {"days": days},
                description=_(
                    "Median and 90th percentile of the minutes from an item entering the "
                    "queue to a moderator's first claim or action, per lane."
                ),
                rows=rows,
                rtl=rtl,
            )
        )
        charts.append(
            bar_chart(
                chart_id=f"chart-missed-{days}",
                title=ngettext(
                    "Response targets missed over the last %(days)s day",
                    "Response targets missed over the last %(days)s days",
                    days,
                )
                % {"days": days},
                description=_(
                    "Items first acted on after their lane's target, or still waiting past it."
                ),
                rows=[
                    (
                        lane.label,
                        lane.missed,
                        _("%(missed)s of %(total)s") % {"missed": lane.missed, "total": lane.total},
                        lane.key,
                    )
                    for lane in lanes
                ],
                rtl=rtl,
            )
        )
    return charts
