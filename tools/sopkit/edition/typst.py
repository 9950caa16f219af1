"""A volume as a PDF: the volume's pandoc document written as typst markup by pandoc, with the layout of the
template templates/print/sop.typ, then compiled by typst with the fonts pinned.

The document's own elements (ast.py) become calls of functions the template defines: a page reference
`#sop-pageref(label("…"))`, a notice `#sop-notice(kind: …)[…]`, text in another language
`#sop-foreign(lang: …, dir: …)[…]` (typst does not set right-to-left for Kurdish by itself, and a
left-to-right chapter inside an Arabic volume needs its direction set as much), an annex status line
`#sop-status[…]`; suggested changes (edition/suggested.py) underlined, struck through, a comment boxed.

Fonts come from the project's dependencies, never from the machine: Amiri from PyPI (fontpkg-amiri) and the
fonts built into typst (Libertinus Serif, DejaVu Sans Mono); typst is told to ignore the system's fonts. The
PDF's timestamps are the edition's date (typst ignores SOURCE_DATE_EPOCH), so the same revision gives the same
bytes.

Example:
    >>> pdf = render_pdf(volume_document(corpus, "ar", info), "ar", info.epoch)
    >>> pdf[:5]
    b'%PDF-'
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from .. import pandoc as P
from ..diagnostics import UsageError
from . import ast as A
from .templates import template_path


def font_paths() -> list[str]:
    """The folders of the fonts the volumes are set in (Amiri, installed from PyPI with sopkit)."""
    try:
        import fontpkg
    except ImportError:
        raise UsageError("the print edition needs its fonts: install fontpkg-amiri (`make check` does)") from None
    try:
        return [str(Path(fontpkg.path("amiri")).parent)]
    except Exception:  # noqa: BLE001 - fontpkg says nothing precise when a font package is missing
        raise UsageError("the Amiri font was not found: install fontpkg-amiri (`pip install fontpkg-amiri`)") from None


def typst_source(doc: dict, root: Path | None = None) -> str:
    """The volume as typst markup, laid out by the template."""
    lowered = dict(doc, blocks=lower(doc["blocks"]))
    meta = dict(lowered["meta"])
    if meta.get("dir", {}).get("c") == "rtl":
        meta["rtl"] = {"t": "MetaBool", "c": True}
    lowered["meta"] = meta
    template = template_path("sop.typ", root)
    return P.run(["-f", "json", "-t", "typst", "--template", str(template), "--wrap=none", "-o", "-"],
                 json.dumps(lowered).encode("utf-8"), "write the volume as typst").decode("utf-8")


def render_pdf(doc: dict, lang: str, epoch: int, root: Path | None = None) -> bytes:
    """The volume as the bytes of a PDF, dated `epoch`."""
    import typst

    source = typst_source(doc, root)
    when = _dt.datetime.fromtimestamp(epoch, _dt.timezone.utc)
    try:
        compiler = typst.Compiler(source.encode("utf-8"), font_paths=font_paths(), ignore_system_fonts=True)
        return compiler.compile(format="pdf", timestamp=int(when.timestamp()))
    except typst.TypstError as exc:
        raise UsageError(f"typst could not set the {lang} volume: {exc}; if the template was changed "
                         f"({template_path('sop.typ', root)}), check it") from None


def lower(blocks: list) -> list:
    """The document's own elements as calls of the template's functions (raw typst)."""

    def inline(item: dict):
        if item["t"] != "Span":
            return None
        (_, classes, attrs), content = item["c"]
        if A.PAGEREF in classes:
            target = dict(attrs).get("target", "")
            return [{"t": "RawInline", "c": ["typst", f"#sop-pageref(label({_string(target)}))"]}]
        if A.ADDED in classes and dict(attrs).get("dir"):
            # in another direction than the line (Arabic words after an English citation): isolated, so that
            # its brackets and page number stay in their own order (FSI … PDI)
            inner = A.replace_inlines(content, inline)
            space = [inner.pop(0)] if inner and inner[0]["t"] == "Space" else []
            return [*space, P.text("\u2068"), *inner, P.text("\u2069")]
        if A.CITE in classes or A.ADDED in classes:
            return A.replace_inlines(content, inline)
        for name, (opens, closes) in _SUGGESTED.items():  # suggested changes (suggested.py)
            if name in classes:
                return [_raw_inline(opens), *A.replace_inlines(content, inline), _raw_inline(closes)]
        return None

    def block_list(items: list) -> list:
        out: list = []
        for item in items:
            if item.get("t") == "Div":
                (_, classes, attrs), content = item["c"]
                attrs = dict(attrs)
                inner = block_list(content)
                if A.NOTICE in classes:
                    out += [_raw(f"#sop-notice(kind: {_string(attrs.get('kind', 'note'))})["), *inner, _raw("]")]
                    continue
                if A.FOREIGN in classes:
                    direction = "rtl" if attrs.get("dir") == "rtl" else "ltr"
                    out += [_raw(f"#sop-foreign(lang: {_string(attrs.get('lang', 'en'))}, dir: {direction})["),
                            *inner, _raw("]")]
                    continue
                if A.STATUS in classes:
                    out += [_raw("#sop-status["), *inner, _raw("]")]
                    continue
                item = {"t": "Div", "c": [item["c"][0], inner]}
            out.append(item)
        return out

    return A.replace_inlines(block_list(blocks), inline)


# A suggested change as pandoc's docx writer makes it a tracked change or a comment; in the PDF: inserted words
# underlined, deleted words struck through, a comment's words in a small framed box where it stands (a box has no
# start side to draw a bar on in typst, so it is framed all round: the same in Arabic and English).
_SUGGESTED = {
    "insertion": ("#underline(offset: 2.5pt)[", "]"),
    "deletion": ("#strike[", "]#h(0.25em, weak: true)"),  # apart from the words put in their place
    "comment-start": ('#h(0.25em, weak: true)#box(stroke: 0.5pt + rgb("#f9a825"), inset: (x: 2pt), outset: (y: 2pt), '
                      'fill: luma(245))[#text(size: 0.85em, style: "italic")[', "]]"),
    "comment-end": ("", ""),
}


def _raw_inline(code: str) -> dict:
    return {"t": "RawInline", "c": ["typst", code]}


def _raw(code: str) -> dict:
    return {"t": "RawBlock", "c": ["typst", code]}


def _string(value: str) -> str:
    """`value` as a typst string literal."""
    return json.dumps(value, ensure_ascii=False)
