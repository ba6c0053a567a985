"""Where a PDF draws its text: every glyph's box, read from the content streams (parsed by pikepdf).

For layout tests on any PDF lfjb writes (board packs, the comparison): `glyphs(pdf)` walks each page's
content stream and the form XObjects it paints (WeasyPrint draws SVG charts as form XObjects), keeping
the graphics state (q/Q/cm) and the text state (Tm, Td, TD, T*, Tf, Tc, Tw, Tz, TL, Ts), and measures
each glyph with its font's widths (/W of a CID font, /Widths of a simple font), as PDF 1.7 section 9.4
says a viewer places it. `text_outside(pdf, margins)` lists the lines of text that stick out of the
text area: a printer would cut them off.

Coordinates are PDF points (1/72 in) from the page's bottom-left corner.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pikepdf

MM = 72 / 25.4  # points per millimetre

# Glyph heights as a share of the font size: most glyphs sit between the descender and the cap height.
ASCENT, DESCENT = 0.76, -0.24


@dataclass(frozen=True)
class Glyph:
    page: int  # 1-based
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float = 0.0  # the printed font size in points: the font size scaled by every matrix it is drawn through


@dataclass(frozen=True)
class Overflow:
    """One line of text (glyphs sharing a baseline) that leaves the text area, and by how much."""

    page: int
    text: str
    left: float  # points beyond the left edge of the text area (0 when inside)
    right: float  # points beyond the right edge
    top: float  # points beyond the top or bottom of the printable area
    bottom: float

    def __str__(self) -> str:
        sides = ", ".join(f"{side} {getattr(self, side):.1f} pt" for side in ("left", "right", "top", "bottom") if getattr(self, side) > 0)
        return f"page {self.page}: {self.text[:60]!r} ({sides})"


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The product a × b of two PDF matrices [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _point(m: list[float], x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


class _Font:
    """Widths (in 1/1000 of the font size) and Unicode text of a font's character codes."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        self.two_byte = font.get("/Subtype") == "/Type0"
        self.widths: dict[int, float] = {}
        if self.two_byte:
            descendant = font.DescendantFonts[0]
            self.default = float(descendant.get("/DW", 1000))
            w = list(descendant.get("/W", []))
            i = 0
            while i < len(w):
                first = int(w[i])
                if isinstance(w[i + 1], pikepdf.Array):
                    for k, width in enumerate(w[i + 1]):
                        self.widths[first + k] = float(width)
                    i += 2
                else:
                    for code in range(first, int(w[i + 1]) + 1):
                        self.widths[code] = float(w[i + 2])
                    i += 3
        else:
            self.default = float(font.FontDescriptor.get("/MissingWidth", 500)) if "/FontDescriptor" in font else 500.0
            first = int(font.get("/FirstChar", 0))
            for k, width in enumerate(font.get("/Widths", []) or []):
                self.widths[first + k] = float(width)
        self.unicode = self._to_unicode(font)

    @staticmethod
    def _to_unicode(font) -> dict[int, str]:
        if "/ToUnicode" not in font:
            return {}
        cmap = font.ToUnicode.read_bytes().decode("latin-1")
        found: dict[int, str] = {}

        def text(hexes: str) -> str:
            raw = bytes.fromhex(hexes)
            return raw.decode("utf-16-be", errors="replace")

        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                found[int(code, 16)] = text(value)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for low, high, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                start = int(value, 16)
                for k, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    found[code] = chr(start + k)
        return found

    def codes(self, data: bytes) -> list[int]:
        if self.two_byte:
            return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
        return list(data)


def _walk(stream, resources: pikepdf.Dictionary | None, ctm: list[float], page: int, out: list[Glyph], depth: int = 0) -> None:
    """Append the glyphs drawn by one content stream (and the form XObjects it paints) to `out`."""
    if depth > 8:  # forms nested deeper than anything lfjb writes
        return
    fonts = resources.get("/Font", pikepdf.Dictionary()) if resources is not None else pikepdf.Dictionary()
    xobjects = resources.get("/XObject", pikepdf.Dictionary()) if resources is not None else pikepdf.Dictionary()
    loaded: dict[str, _Font] = {}
    stack: list[list[float]] = []
    tm = lm = [1.0, 0, 0, 1.0, 0, 0]
    font: _Font | None = None
    size = char_space = word_space = rise = leading = 0.0
    scale = 1.0

    def show(data: bytes) -> None:
        nonlocal tm
        if font is None:
            return
        for code in font.codes(data):
            width = font.widths.get(code, font.default) / 1000
            advance = (width * size + char_space + (word_space if (not font.two_byte and code == 32) else 0)) * scale
            render = _multiply([size * scale, 0, 0, size, 0, rise], _multiply(tm, ctm))
            x0, y0 = _point(render, 0, DESCENT)
            x1, y1 = _point(render, width, ASCENT)
            char = font.unicode.get(code, "?")
            if char.strip() and width > 0:
                # The glyph's em square is the unit square under `render` (scaled by the font size):
                # its printed height is the length of the image of its vertical side.
                printed = (render[2] ** 2 + render[3] ** 2) ** 0.5
                out.append(Glyph(page, char, min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1), printed))
            tm = _multiply([1, 0, 0, 1, advance, 0], tm)

    for operands, operator in pikepdf.parse_content_stream(stream):
        op = bytes(operator)
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm":
            ctm = _multiply([float(v) for v in operands], ctm)
        elif op == b"BT":
            tm = lm = [1.0, 0, 0, 1.0, 0, 0]
        elif op == b"Tm":
            tm = lm = [float(v) for v in operands]
        elif op in (b"Td", b"TD"):
            if op == b"TD":
                leading = -float(operands[1])
            tm = lm = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], lm)
        elif op == b"T*":
            tm = lm = _multiply([1, 0, 0, 1, 0, -leading], lm)
        elif op == b"Tf":
            name = str(operands[0])
            if name not in loaded and name in fonts:
                loaded[name] = _Font(fonts[name])
            font, size = loaded.get(name), float(operands[1])
        elif op == b"Tc":
            char_space = float(operands[0])
        elif op == b"Tw":
            word_space = float(operands[0])
        elif op == b"Tz":
            scale = float(operands[0]) / 100
        elif op == b"TL":
            leading = float(operands[0])
        elif op == b"Ts":
            rise = float(operands[0])
        elif op == b"Tj":
            show(bytes(operands[0]))
        elif op in (b"'", b'"'):
            if op == b'"':
                word_space, char_space = float(operands[0]), float(operands[1])
            tm = lm = _multiply([1, 0, 0, 1, 0, -leading], lm)
            show(bytes(operands[-1]))
        elif op == b"TJ":
            for item in operands[0]:
                if not isinstance(item, pikepdf.String):
                    tm = _multiply([1, 0, 0, 1, -float(item) / 1000 * size * scale, 0], tm)
                else:
                    show(bytes(item))
        elif op == b"Do" and str(operands[0]) in xobjects:
            form = xobjects[str(operands[0])]
            if form.get("/Subtype") == "/Form":
                matrix = [float(v) for v in form.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                _walk(form, form.get("/Resources", resources), _multiply(matrix, ctm), page, out, depth + 1)


def glyphs(pdf: bytes) -> tuple[list[Glyph], list[tuple[float, float]]]:
    """Every visible glyph of the PDF, and each page's size (width, height) in points."""
    found: list[Glyph] = []
    sizes = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            sizes.append((x1 - x0, y1 - y0))
            _walk(page, page.obj.get("/Resources"), [1.0, 0, 0, 1.0, -x0, -y0], number, found)
    return found, sizes


def text_outside(pdf: bytes, left_mm: float, right_mm: float, edge_mm: float = 5.0, tolerance_pt: float = 0.75) -> list[Overflow]:
    """Lines of text that a printer would cut: any glyph left of the text area's left edge (`left_mm`
    from the paper's left), right of its right edge (`right_mm` from the paper's right), or within
    `edge_mm` of the top or bottom of the paper.

    The running header and footer live in the top and bottom margins, so only the paper's printable
    band is checked there; across the page every glyph must lie within the text area's width."""
    found, sizes = glyphs(pdf)
    lines: dict[tuple[int, int], list[Glyph]] = {}
    for g in found:
        lines.setdefault((g.page, round(g.y0)), []).append(g)
    overflows = []
    for (page, _), row in sorted(lines.items()):
        width, height = sizes[page - 1]
        left = left_mm * MM - min(g.x0 for g in row)
        right = max(g.x1 for g in row) - (width - right_mm * MM)
        top = max(g.y1 for g in row) - (height - edge_mm * MM)
        bottom = edge_mm * MM - min(g.y0 for g in row)
        if max(left, right, top, bottom) > tolerance_pt:
            text = "".join(g.text for g in sorted(row, key=lambda g: g.x0))
            overflows.append(Overflow(page, text, max(left, 0), max(right, 0), max(top, 0), max(bottom, 0)))
    return overflows


def page_fill(pdf: bytes, top_mm: float, bottom_mm: float) -> list[float]:
    """For each page, the share (0-1) of the text area's height that holds text: from the top margin
    down to the lowest glyph above the bottom margin (the running header and footer are left out).
    Charts count by their labels, which reach their lower edge."""
    found, sizes = glyphs(pdf)
    lowest: dict[int, float] = {}
    for g in found:
        height = sizes[g.page - 1][1]
        if g.y0 > bottom_mm * MM and g.y1 < height - top_mm * MM:
            lowest[g.page] = min(lowest.get(g.page, height), g.y0)
    fills = []
    for page, (_, height) in enumerate(sizes, start=1):
        top, bottom = height - top_mm * MM, bottom_mm * MM
        fills.append((top - lowest[page]) / (top - bottom) if page in lowest else 0.0)
    return fills


def small_text(pdf: bytes, least_pt: float) -> list[tuple[int, float, str]]:
    """(page, printed size in points, text) for each run of glyphs printed smaller than `least_pt`:
    glyphs on one line of one page at one size are joined into one run."""
    found, _ = glyphs(pdf)
    runs: dict[tuple[int, int, float], list[Glyph]] = {}
    for g in found:
        if g.size < least_pt - 0.05:
            runs.setdefault((g.page, round(g.y0), round(g.size, 1)), []).append(g)
    return [(page, size, "".join(g.text for g in sorted(row, key=lambda g: g.x0)))
            for (page, _, size), row in sorted(runs.items())]
