"""Charts as SVG, written at build time: a grid of labelled rows and columns whose cells are shaded and may be
links. Two uses (overview.py): the citation map (chapters × laws, each cell a number of citations) and the
translation status (chapters × languages, each cell a state).

No script, no font of its own (the text takes the page's font), no third-party request. Every word is escaped
(xml.sax.saxutils), so a law's title can never become markup. Numbers are whole pixels, so the same chart is
the same bytes on every build. For a right-to-left page the grid is mirrored (row labels on the right, the
first column on the right) and each label carries its own language and direction, which may differ from the
page's (an English chapter title standing in on the Arabic page).

The chart is a picture (role="img", with <title> and <desc>); the page gives the same facts as a table, which
is what keyboard and screen-reader users read: the links inside the picture are left out of the tab order.

Example:
    >>> svg = grid_chart(Grid(rows=[Label("5. Investigation", "en")], columns=[Label("Penal Code", "en")],
    ...                       cells={(0, 0): Cell("12", Shade.DARK, "#cites-ch5", "Penal Code: 12")},
    ...                       title="Citations", desc="Chapters in rows", lang="en", id="map"))
    >>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from xml.sax.saxutils import escape, quoteattr

from ..model import RTL_LANGUAGES

FONT_SIZE = 13
CHAR_WIDTH = 6.6  # an estimate of a character's width at FONT_SIZE: there is no font to measure with
LABEL_CHARS = 44  # longer labels are shortened in the picture (the table and the <title> keep them whole)
GAP = 8
SLANT = 45  # degrees: column labels written on a slant, so that long names fit above narrow columns


class Shade(Enum):
    """A cell's fill, and the colour of the words on it. Shades only repeat what the cell's words say."""

    NONE = ("#f4f5f7", "#5f6b7a")
    LIGHTEST = ("#dceaf7", "#102a43")
    LIGHT = ("#a9cbea", "#102a43")
    MEDIUM = ("#6fa3d6", "#0b1f33")
    DARK = ("#3b78b8", "#ffffff")
    DARKEST = ("#1d4f86", "#ffffff")
    SOURCE = ("#d9e2ec", "#243b53")
    DONE = ("#b7e4c7", "#0b3d20")
    STALE = ("#ffd58a", "#5c3b00")
    MISSING = ("#ffffff", "#52606d")

    @property
    def fill(self) -> str:
        return self.value[0]

    @property
    def ink(self) -> str:
        return self.value[1]


COUNT_SHADES = (Shade.LIGHTEST, Shade.LIGHT, Shade.MEDIUM, Shade.DARK, Shade.DARKEST)


def count_shade(count: int, most: int) -> Shade:
    """The shade of a count, in five steps up to the largest count of the chart."""
    if count <= 0 or most <= 0:
        return Shade.NONE
    step = math.ceil(count * len(COUNT_SHADES) / most) - 1
    return COUNT_SHADES[min(max(step, 0), len(COUNT_SHADES) - 1)]


@dataclass(frozen=True)
class Label:
    text: str
    lang: str  # the language of the words


@dataclass(frozen=True)
class Cell:
    text: str  # what the cell shows: a number, a mark
    shade: Shade
    href: str | None = None  # where the cell leads (already relative to the page)
    title: str = ""  # what it says in full (a tooltip): "chapter 5 — Penal Code: 12"
    dashed: bool = False  # a dashed border: a state told by the outline too, not by colour alone


@dataclass(frozen=True)
class Grid:
    rows: list[Label]
    columns: list[Label]
    cells: dict[tuple[int, int], Cell]
    title: str
    desc: str
    lang: str  # the page's language: the grid is mirrored for a right-to-left one
    id: str  # unique in the page: the ids of <title> and <desc> derive from it
    cell_width: int = 44
    cell_height: int = 30
    slanted: bool = True  # column labels on a slant (many narrow columns) or level (a few wide ones)
    legend: list[tuple[Cell, Label]] = field(default_factory=list)  # a sample cell and what it means


def direction(lang: str) -> str:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


def shortened(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` on one line, cut to `limit` characters at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:،؛-") + "…"


def _width(text: str) -> int:
    return math.ceil(len(text) * CHAR_WIDTH)


def grid_chart(grid: Grid) -> str:
    """The grid as an SVG element (a string), ready to stand in an HTML page."""
    rtl = direction(grid.lang) == "rtl"
    rows = [shortened(r.text) for r in grid.rows]
    columns = [shortened(c.text, 30 if grid.slanted else LABEL_CHARS) for c in grid.columns]
    cw, ch = grid.cell_width, grid.cell_height
    row_label = max((_width(r) for r in rows), default=0) + 2 * GAP
    slant = math.radians(SLANT)
    if grid.slanted:
        longest = max((_width(c) for c in columns), default=0)
        header = math.ceil(longest * math.sin(slant)) + 2 * GAP
        overhang = max((math.ceil((j + 0.5) * cw + _width(c) * math.cos(slant)) - len(columns) * cw
                        for j, c in enumerate(columns)), default=0)
    else:
        cw = max([cw] + [_width(c) + 2 * GAP for c in columns])
        header = ch
        overhang = 0
    left = row_label
    top = header + GAP
    grid_width = len(columns) * cw
    width = left + grid_width + max(overhang, 0) + GAP
    legend_top = top + len(rows) * ch + 2 * GAP
    legend_rows = len(grid.legend)
    height = legend_top + (legend_rows * (ch + GAP) if legend_rows else 0)

    def x(at: float, span: float = 0) -> int:
        """A left edge (or a point, span 0) in the picture: mirrored for a right-to-left page."""
        return round(width - at - span) if rtl else round(at)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" lang={quoteattr(grid.lang)} '
           f'direction="{direction(grid.lang)}" font-size="{FONT_SIZE}" class="sop-chart__svg" '
           f'aria-labelledby="{grid.id}-title {grid.id}-desc">',
           f'<title id="{grid.id}-title">{escape(grid.title)}</title>',
           f'<desc id="{grid.id}-desc">{escape(grid.desc)}</desc>']
    for i, (label, words) in enumerate(zip(grid.rows, rows)):
        y = top + i * ch + ch // 2
        out.append(_text(words, label, x(left - GAP), y, grid.lang, title=label.text if words != label.text else ""))
    for j, (label, words) in enumerate(zip(grid.columns, columns)):
        cx = left + j * cw + cw // 2
        if grid.slanted:
            angle = SLANT if rtl else -SLANT
            out.append(_text(words, label, x(cx), top - GAP, grid.lang, rotate=angle, anchor_start=True,
                             title=label.text if words != label.text else ""))
        else:
            out.append(_text(words, label, x(cx), top - GAP - 2, grid.lang, middle=True))
    for (i, j), cell in sorted(grid.cells.items()):
        out.append(_cell(cell, x(left + j * cw, cw), top + i * ch, cw, ch))
    for n, (cell, label) in enumerate(grid.legend):
        y = legend_top + n * (ch + GAP)
        out.append(_cell(cell, x(0, cw), y, cw, ch))
        out.append(_text(label.text, label, x(cw + GAP), y + ch // 2, grid.lang, anchor_start=True))
    out.append("</svg>")
    return "\n".join(out)


def _text(words: str, label: Label, at_x: int, at_y: int, page_lang: str, rotate: int = 0,
          anchor_start: bool = False, middle: bool = False, title: str = "") -> str:
    """A label. Its anchor is its end that faces the grid: which end that is depends on its own direction and
    the page's, since SVG's start and end follow the direction of the text."""
    own = direction(label.lang)
    same = own == direction(page_lang)
    if middle:
        anchor = "middle"
    elif anchor_start:
        anchor = "start" if same else "end"
    else:
        anchor = "end" if same else "start"
    turn = f' transform="rotate({rotate} {at_x} {at_y})"' if rotate else ""
    tip = f"<title>{escape(title)}</title>" if title else ""
    return (f'<text x="{at_x}" y="{at_y}" dominant-baseline="middle" text-anchor="{anchor}" '
            f'lang={quoteattr(label.lang)} direction="{own}" unicode-bidi="embed"{turn}>'
            f"{tip}{escape(words)}</text>")


def _cell(cell: Cell, at_x: int, at_y: int, w: int, h: int) -> str:
    dash = ' stroke-dasharray="4 3"' if cell.dashed else ""
    shape = (f'<rect x="{at_x + 1}" y="{at_y + 1}" width="{w - 2}" height="{h - 2}" rx="3" fill="{cell.shade.fill}" '
             f'stroke="#9aa5b1" stroke-width="1"{dash}/>')
    words = (f'<text x="{at_x + w // 2}" y="{at_y + h // 2}" dominant-baseline="middle" text-anchor="middle" '
             f'fill="{cell.shade.ink}">{escape(cell.text)}</text>') if cell.text else ""
    tip = f"<title>{escape(cell.title)}</title>" if cell.title else ""
    if cell.href:
        return f"<a href={quoteattr(cell.href)} tabindex=\"-1\">{tip}{shape}{words}</a>"
    return f"<g>{tip}{shape}{words}</g>"
