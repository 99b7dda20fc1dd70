"""The chart of breaches per safeguard: SVG for HTML and Markdown, PNG for Word."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

BAR = "#b00020"


def breaches_svg(counts: dict[str, int]) -> str:
    """A horizontal bar chart as accessible inline SVG."""
    items = list(counts.items()) or [("no breaches recorded", 0)]
    top = max(1, max(v for _, v in items))
    left, width, row = 290, 760, 22
    height = 30 + row * len(items)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
             f'viewBox="0 0 {width} {height}" width="100%" class="chart">',
             '<title id="chart-title">Cases with a breach, by safeguard</title>']
    for i, (name, value) in enumerate(items):
        y = 10 + i * row
        w = round((width - left - 40) * value / top, 1)
        parts.append(f'<text x="{left - 8}" y="{y + 14}" font-size="12" text-anchor="end" fill="#111">'
                     f'{escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{w}" height="14" fill="{BAR}"/>')
        parts.append(f'<text x="{left + w + 5}" y="{y + 14}" font-size="12" fill="#111">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def breaches_png(counts: dict[str, int]) -> bytes:
    """The same chart as a PNG (Word cannot embed SVG portably)."""
    from PIL import Image, ImageDraw, ImageFont

    items = list(counts.items()) or [("no breaches recorded", 0)]
    top = max(1, max(v for _, v in items))
    scale = 2
    left, width, row = 330 * scale, 900 * scale, 26 * scale
    height = 20 * scale + row * len(items)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=14 * scale)
    for i, (name, value) in enumerate(items):
        y = 10 * scale + i * row
        w = int((width - left - 60 * scale) * value / top)
        tw = draw.textlength(name, font=font)
        draw.text((left - 10 * scale - tw, y), name, fill="black", font=font)
        draw.rectangle([left, y + 2 * scale, left + max(w, 1), y + 18 * scale], fill=BAR)
        draw.text((left + w + 6 * scale, y), str(value), fill="black", font=font)
    out = io.BytesIO()
    # Fixed parameters and no metadata, so the bytes are the same on every run.
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()
