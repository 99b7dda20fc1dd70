"""The custody timeline picture: events placed by hours after apprehension, limits drawn as lines.

Imprecise times are drawn as bars covering every hour the record allows, so
a reader sees how much (or how little) the file pins down.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from safeguards.publish.view import TimelineView as EpisodeTimeline

WIDTH, LEFT, RIGHT, ROW, TOP = 860, 170, 20, 22, 34
COLOURS = {"ill_treatment": "#b00020", "interrogation": "#8a4b00", "confession": "#8a4b00",
           "lawyer_access": "#1b5e20", "family_notification": "#1b5e20", "medical_examination": "#0d47a1",
           "court_appearance": "#4a148c", "registration": "#37474f", "release": "#000000", "death": "#000000"}


def timeline_svg(tl: EpisodeTimeline) -> str:
    """An accessible inline SVG (role=img, title, description) for one episode."""
    placed = [e for e in tl.events if e.from_hours is not None and e.to_hours is not None and e.status == "happened"]
    limits = tl.limits
    span = max([e.to_hours or 0.0 for e in placed] + [lim.hours * 1.1 for lim in limits] + [1.0])
    days = span > 96
    unit = 24.0 if days else 1.0
    height = TOP + ROW * max(len(placed), 1) + 30
    scale = (WIDTH - LEFT - RIGHT) / span

    def x(hours: float) -> float:
        return round(LEFT + hours * scale, 1)

    title = f"Custody timeline of episode {tl.episode}"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t-{escape(tl.episode)} '
             f'd-{escape(tl.episode)}" viewBox="0 0 {WIDTH} {height}" width="100%" class="timeline">',
             f'<title id="t-{escape(tl.episode)}">{escape(title)}</title>',
             f'<desc id="d-{escape(tl.episode)}">Events placed by {"days" if days else "hours"} after the actual '
             f'apprehension; bars show the range an imprecise time allows; dashed lines are the profile\'s '
             f'limits.</desc>']
    ticks = 8
    for i in range(ticks + 1):
        hours = span * i / ticks
        label = f"{hours / unit:.0f} {'d' if days else 'h'}"
        parts.append(f'<line x1="{x(hours)}" y1="{TOP - 8}" x2="{x(hours)}" y2="{height - 24}" stroke="#ddd"/>')
        parts.append(f'<text x="{x(hours)}" y="{height - 8}" font-size="11" text-anchor="middle" '
                     f'fill="#333">{escape(label)}</text>')
    for lim in limits:
        parts.append(f'<line x1="{x(lim.hours)}" y1="{TOP - 14}" x2="{x(lim.hours)}" y2="{height - 24}" '
                     f'stroke="#c62828" stroke-dasharray="5,3" stroke-width="1.5"/>')
        parts.append(f'<text x="{x(lim.hours) + 3}" y="{TOP - 16}" font-size="11" fill="#c62828">'
                     f'{escape(lim.label)}</text>')
    if not placed:
        parts.append(f'<text x="{LEFT}" y="{TOP + 14}" font-size="12" fill="#333">No event has a time that can be '
                     f'placed relative to the apprehension.</text>')
    for row, ev in enumerate(placed):
        y = TOP + row * ROW
        colour = COLOURS.get(ev.type, "#455a64")
        lo, hi = ev.from_hours or 0.0, ev.to_hours or 0.0
        parts.append(f'<text x="{LEFT - 8}" y="{y + 12}" font-size="12" text-anchor="end" fill="#111">'
                     f'{escape(ev.label)}</text>')
        if hi - lo < span / 200:
            parts.append(f'<circle cx="{x(lo)}" cy="{y + 8}" r="5" fill="{colour}"/>')
        else:
            parts.append(f'<rect x="{x(lo)}" y="{y + 3}" width="{max(x(hi) - x(lo), 2)}" height="10" rx="3" '
                         f'fill="{colour}" fill-opacity="0.35" stroke="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)
