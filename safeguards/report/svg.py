"""The custody timeline picture: events placed by hours after apprehension, limits drawn as lines.

Imprecise times are drawn as bars covering every hour the record allows, so a reader sees how much
(or how little) the file pins down. The axis has ticks at round, distinct values (hours up to three
days, then days). The picture is hand-written SVG: a few dozen elements need no library, the HTML
stays self-contained, and the same timeline gives the same bytes.

Text sizes are chosen for print: the picture spans the text width of an A4 page with 2 cm margins
(``PRINT_WIDTH_PT``), where ``WIDTH`` user units are drawn, so the smallest text, ``SMALL`` units,
prints at ``SMALL * PRINT_WIDTH_PT / WIDTH`` points (about 9 pt).
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from safeguards.i18n import translator
from safeguards.publish.catalog import N_
from safeguards.publish.view import TimelineView as EpisodeTimeline

WIDTH, LEFT, RIGHT, ROW, TOP = 620, 190, 24, 24, 40
SMALL, TEXT = 11.5, 12.5  # font sizes in user units
PRINT_WIDTH_PT = 170 / 25.4 * 72
COLOURS = {"ill_treatment": "#b00020", "interrogation": "#8a4b00", "confession": "#8a4b00",
           "lawyer_access": "#1b5e20", "family_notification": "#1b5e20", "medical_examination": "#0d47a1",
           "court_appearance": "#4a148c", "registration": "#37474f", "release": "#000000", "death": "#000000"}
LEGEND = {"#b00020": N_("ill-treatment"), "#8a4b00": N_("questioning, statements"), "#1b5e20": N_("lawyer, family"),
          "#0d47a1": N_("medical"), "#4a148c": N_("court"), "#37474f": N_("registration"),
          "#000000": N_("release, death"), "#455a64": N_("other")}
# Tick steps in hours: hours up to three days, then days and weeks.
HOUR_STEPS = (1, 2, 3, 4, 6, 12, 24)
DAY_STEPS = (1, 2, 3, 7, 14, 28, 56, 91, 182, 364)
MAX_TICKS = 8


def ticks(span_hours: float) -> tuple[list[float], str]:
    """Tick positions in hours (from 0, evenly spaced, distinct round values) and the unit, ``h`` or ``d``."""
    span_hours = max(span_hours, 1.0)
    steps: tuple[int, ...]
    if span_hours <= 72:
        unit, steps, size = "h", HOUR_STEPS, 1.0
    else:
        unit, steps, size = "d", DAY_STEPS, 24.0
    step = next((s for s in steps if span_hours / (s * size) <= MAX_TICKS), None)
    if step is None:  # longer than the longest step allows: a round multiple of a year
        step = 364 * math.ceil(span_hours / (364 * 24 * MAX_TICKS))
    count = math.ceil(span_hours / (step * size) - 1e-9)
    return [i * step * size for i in range(count + 1)], unit


def tick_label(hours: float, unit: str, lang: str = "en") -> str:
    """An axis label: "12 h", "3 d" ("12 ч", "3 дн." in Russian)."""
    value = f"{hours / (24.0 if unit == 'd' else 1.0):.0f}"
    t = translator(lang)
    return (t.gettext("{n} h") if unit == "h" else t.gettext("{n} d")).format(n=value)


def timeline_svg(tl: EpisodeTimeline, lang: str = "en") -> str:
    """An accessible inline SVG (role=img, title, description) for one episode, its text in ``lang``."""
    _ = translator(lang).gettext
    placed = [e for e in tl.events if e.from_hours is not None and e.to_hours is not None and e.status == "happened"]
    limits = tl.limits
    span = max([e.to_hours or 0.0 for e in placed] + [lim.hours * 1.05 for lim in limits] + [1.0])
    marks, unit = ticks(span)
    span = marks[-1]
    colours = list(dict.fromkeys(COLOURS.get(e.type, "#455a64") for e in placed))
    legend_rows = math.ceil(len(colours) / 3) if colours else 0
    axis_y = TOP + ROW * max(len(placed), 1) + 4
    height = axis_y + 22 + legend_rows * 18 + (8 if legend_rows else 0)
    scale = (WIDTH - LEFT - RIGHT) / span

    def x(hours: float) -> float:
        return round(LEFT + hours * scale, 1)

    ep = escape(tl.episode)
    title = _("Custody timeline of episode {episode}").format(episode=tl.episode)
    desc = (_("Events placed by days after the actual apprehension; bars show the range an imprecise or "
              "approximate time allows; dashed lines are the profile's limits.") if unit == "d" else
            _("Events placed by hours after the actual apprehension; bars show the range an imprecise or "
              "approximate time allows; dashed lines are the profile's limits."))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t-{ep} d-{ep}" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" class="timeline" font-family="sans-serif">',
             f'<title id="t-{ep}">{escape(title)}</title>',
             f'<desc id="d-{ep}">{escape(desc)}</desc>']
    for hours in marks:
        parts.append(f'<line x1="{x(hours)}" y1="{TOP - 6}" x2="{x(hours)}" y2="{axis_y}" stroke="#ddd"/>')
        parts.append(f'<text x="{x(hours)}" y="{axis_y + 15}" font-size="{SMALL}" text-anchor="middle" '
                     f'fill="#333">{escape(tick_label(hours, unit, lang))}</text>')
    ends = [0.0, 0.0]  # where the limit labels of each of two rows end, so labels never overlap
    for lim in limits:
        label = escape(lim.label)
        width = len(lim.label) * SMALL * 0.6
        row = 0 if x(lim.hours) + 3 > ends[0] else 1
        ends[row] = x(lim.hours) + 3 + width
        anchor, lx = ("end", x(lim.hours) - 3) if x(lim.hours) + 3 + width > WIDTH else ("start", x(lim.hours) + 3)
        parts.append(f'<line x1="{x(lim.hours)}" y1="{TOP - 30 + row * 13}" x2="{x(lim.hours)}" y2="{axis_y}" '
                     f'stroke="#c62828" stroke-dasharray="5,3" stroke-width="1.5"/>')
        parts.append(f'<text x="{lx}" y="{TOP - 21 + row * 13}" font-size="{SMALL}" text-anchor="{anchor}" '
                     f'fill="#c62828">{label}</text>')
    if not placed:
        none = _("No event has a time that can be placed relative to the apprehension.")
        parts.append(f'<text x="{LEFT}" y="{TOP + 14}" font-size="{SMALL}" fill="#333">{escape(none)}</text>')
    for row, ev in enumerate(placed):
        y = TOP + row * ROW
        colour = COLOURS.get(ev.type, "#455a64")
        lo, hi = ev.from_hours or 0.0, ev.to_hours or 0.0
        label = _("{label} (approx.)").format(label=ev.label) if ev.approximate else ev.label
        parts.append(f'<text x="{LEFT - 8}" y="{y + 13}" font-size="{TEXT}" text-anchor="end" fill="#111">'
                     f'{escape(label)}</text>')
        if hi - lo < span / 200:
            parts.append(f'<circle cx="{x(lo)}" cy="{y + 9}" r="5" fill="{colour}"/>')
        else:
            parts.append(f'<rect x="{x(lo)}" y="{y + 3}" width="{max(x(hi) - x(lo), 2)}" height="12" rx="3" '
                         f'fill="{colour}" fill-opacity="0.35" stroke="{colour}"/>')
    for i, colour in enumerate(colours):
        lx, ly = 10 + (i % 3) * 200, axis_y + 34 + (i // 3) * 18
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 18}" y="{ly}" font-size="{SMALL}" fill="#333">{escape(_(LEGEND[colour]))}</text>')
    parts.append("</svg>")
    return "".join(parts)
