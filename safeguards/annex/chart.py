"""The chart of breaches per safeguard: SVG for HTML and Markdown, PNG for Word.

Both are sized for print: the SVG spans the text width of an A4 page with 2 cm margins
(``PRINT_WIDTH_PT``) and the PNG is placed 16 cm wide in Word (``WORD_WIDTH_PT``), so their text
prints at about 9 pt. Word cannot embed SVG portably, which is why the PNG (and Pillow) stays. The
PNG is drawn in DejaVu Sans where it is installed (it has Cyrillic), else in Pillow's own font.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

BAR = "#b00020"
PRINT_WIDTH_PT = 170 / 25.4 * 72
WORD_WIDTH_PT = 160 / 25.4 * 72
SVG_WIDTH, SVG_FONT = 620, 12
PNG_WIDTH, PNG_FONT = 1800, 36  # pixels: 36 px of 1800 at 16 cm print at 9 pt


def breaches_svg(counts: dict[str, int], title: str = "Cases with a breach, by safeguard",
                 empty: str = "no breaches recorded") -> str:
    """A horizontal bar chart as accessible inline SVG (``title`` and the ``empty`` label in the annex's language)."""
    items = list(counts.items()) or [(empty, 0)]
    top = max(1, max(v for _, v in items))
    left, width, row = 260, SVG_WIDTH, 22
    height = 20 + row * len(items)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" '
             f'viewBox="0 0 {width} {height}" width="100%" class="chart">',
             f'<title id="chart-title">{escape(title)}</title>']
    for i, (name, value) in enumerate(items):
        y = 10 + i * row
        w = round((width - left - 40) * value / top, 1)
        parts.append(f'<text x="{left - 8}" y="{y + 14}" font-size="{SVG_FONT}" text-anchor="end" fill="#111">'
                     f'{escape(name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{w}" height="14" fill="{BAR}"/>')
        parts.append(f'<text x="{left + w + 5}" y="{y + 14}" font-size="{SVG_FONT}" fill="#111">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def breaches_png(counts: dict[str, int], empty: str = "no breaches recorded") -> bytes:
    """The same chart as a PNG (Word cannot embed SVG portably)."""
    from PIL import Image, ImageDraw, ImageFont

    items = list(counts.items()) or [(empty, 0)]
    top = max(1, max(v for _, v in items))
    try:  # DejaVu Sans covers Cyrillic and Kazakh letters; Pillow's own font draws them as boxes
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype("DejaVuSans.ttf", PNG_FONT)
    except OSError:
        font = ImageFont.load_default(size=PNG_FONT)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    left = min(PNG_WIDTH // 2, int(max(probe.textlength(name, font=font) for name, _ in items)) + 30)
    row = int(PNG_FONT * 1.5)
    height = 20 + row * len(items)
    image = Image.new("RGB", (PNG_WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    for i, (name, value) in enumerate(items):
        y = 10 + i * row
        w = int((PNG_WIDTH - left - 3 * PNG_FONT) * value / top)
        tw = draw.textlength(name, font=font)
        draw.text((left - 15 - tw, y), name, fill="black", font=font)
        draw.rectangle([left, y + 4, left + max(w, 1), y + PNG_FONT], fill=BAR)
        draw.text((left + w + 10, y), str(value), fill="black", font=font)
    out = io.BytesIO()
    # Fixed parameters and no metadata, so the bytes are the same on every run.
    image.save(out, format="PNG", optimize=False, compress_level=9)
    return out.getvalue()
