"""Make the Word reference document of the print edition (templates/print/reference.docx), from pandoc's own.

pandoc takes a Word file's styles, page set-up, headers and footers from its reference document and nothing
else; the Word volumes (docx.py) are written with this one unless another is given. It is kept in
templates/print/ so that the layout can be changed in Word (open it, change a style, save) without touching
Python. This script makes it afresh from pandoc's default, and is the record of what was changed:

- fonts: Amiri for complex script (Arabic and Kurdish: `w:cs`), LATIN_FONT for Latin text (`w:ascii`,
  `w:hAnsi`), in the defaults and in every style that named a theme font (a theme font would win over both);
  complex-script text a little larger (Amiri's letters are small beside a Latin font of the same size);
- A4 paper with 2.5 cm margins, and a footer with the page number (a PAGE field) on every page;
- "Notice": a framed, shaded paragraph (the document's notices; consecutive paragraphs share one frame);
  "Status": a small italic line (the status of a text in the annex); "Title Page Line": the status, version,
  date and revision lines under the title; "Draft Mark": the word a draft prints at the top of every page;
- each chapter (Heading 1) and the table of contents start on a new page.

The file is the same bytes on every run (fixed zip dates), so regenerating it shows no change in git unless
this script changed.

Usage:
    python -m sopkit.edition.make_reference tools/sopkit/templates/print/reference.docx
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

from .. import pandoc as P

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LATIN_FONT = "Times New Roman"  # on every Windows and Mac; close in style to Amiri's Naskh
ARABIC_FONT = "Amiri"  # the print edition's Arabic-script font (the PDF embeds the same, see FINDINGS)
_NS = f'xmlns:w="{W}" xmlns:r="{R}"'
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)

# Styles added to pandoc's (paragraph styles; pandoc applies them through `custom-style`).
_STYLES = [f"""
<w:style {_NS} w:type="paragraph" w:customStyle="1" w:styleId="Notice">
  <w:name w:val="Notice"/><w:basedOn w:val="BodyText"/><w:qFormat/>
  <w:pPr>
    <w:keepLines/>
    <w:pBdr>
      <w:top w:val="single" w:sz="8" w:space="4" w:color="7F6000"/>
      <w:left w:val="single" w:sz="8" w:space="4" w:color="7F6000"/>
      <w:bottom w:val="single" w:sz="8" w:space="4" w:color="7F6000"/>
      <w:right w:val="single" w:sz="8" w:space="4" w:color="7F6000"/>
    </w:pBdr>
    <w:shd w:val="clear" w:color="auto" w:fill="FFF2CC"/>
    <w:spacing w:before="60" w:after="60"/>
    <w:ind w:left="170" w:right="170"/>
  </w:pPr>
</w:style>""", f"""
<w:style {_NS} w:type="paragraph" w:customStyle="1" w:styleId="Status">
  <w:name w:val="Status"/><w:basedOn w:val="BodyText"/><w:next w:val="BodyText"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:spacing w:before="0" w:after="120"/></w:pPr>
  <w:rPr><w:i/><w:iCs/><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="20"/></w:rPr>
</w:style>""", f"""
<w:style {_NS} w:type="paragraph" w:customStyle="1" w:styleId="TitlePageLine">
  <w:name w:val="Title Page Line"/><w:basedOn w:val="Normal"/><w:qFormat/>
  <w:pPr><w:spacing w:before="60" w:after="60"/><w:jc w:val="center"/></w:pPr>
  <w:rPr><w:sz w:val="24"/><w:szCs w:val="28"/></w:rPr>
</w:style>""", f"""
<w:style {_NS} w:type="paragraph" w:customStyle="1" w:styleId="DraftMark">
  <w:name w:val="Draft Mark"/><w:basedOn w:val="Normal"/><w:qFormat/>
  <w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="C00000"/><w:spacing w:val="40"/><w:sz w:val="28"/>
    <w:szCs w:val="32"/></w:rPr>
</w:style>"""]

_FOOTER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
</w:p></w:ftr>"""

_FOOTER_STYLE = f"""
<w:style {_NS} w:type="paragraph" w:styleId="Footer">
  <w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
  <w:pPr><w:tabs><w:tab w:val="center" w:pos="4513"/><w:tab w:val="right" w:pos="9026"/></w:tabs>
    <w:spacing w:after="0"/></w:pPr>
</w:style>"""

_FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_FOOTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def reference_docx() -> bytes:
    """The reference document's bytes: pandoc's default with the print edition's layout (see the module)."""
    source = zipfile.ZipFile(io.BytesIO(P.run(["--print-default-data-file", "reference.docx"], b"",
                                              "give its default reference document")))
    parts = {name: source.read(name) for name in source.namelist()}
    parts["word/styles.xml"] = _styles(parts["word/styles.xml"])
    parts["word/document.xml"] = _page(parts["word/document.xml"])
    parts["word/footer1.xml"] = _FOOTER.encode("utf-8")
    parts["word/_rels/document.xml.rels"] = _add_relation(parts["word/_rels/document.xml.rels"])
    parts["[Content_Types].xml"] = _add_content_type(parts["[Content_Types].xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ["[Content_Types].xml", *sorted(n for n in parts if n != "[Content_Types].xml")]:
            target.writestr(zipfile.ZipInfo(name, _FIXED_DATE), parts[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _styles(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for fonts in root.iter(_w("rFonts")):
        if fonts.get(_w("ascii")) == "Consolas":  # code keeps its monospaced font
            continue
        for theme in ("asciiTheme", "hAnsiTheme", "cstheme"):
            fonts.attrib.pop(_w(theme), None)
        fonts.set(_w("ascii"), LATIN_FONT)
        fonts.set(_w("hAnsi"), LATIN_FONT)
        fonts.set(_w("cs"), ARABIC_FONT)
    defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    defaults.find(_w("szCs")).set(_w("val"), "28")
    for style in root.iter(_w("style")):
        if style.get(_w("styleId")) in ("Heading1", "TOCHeading"):
            ppr = style.find(_w("pPr"))
            before = [c for c in ppr if c.tag in (_w("keepNext"), _w("keepLines"))]  # the schema's order
            ppr.insert(ppr.index(before[-1]) + 1 if before else 0, etree.Element(_w("pageBreakBefore")))
    for text in _STYLES + [_FOOTER_STYLE]:
        root.append(etree.fromstring(text))
    return _xml(root)


def _page(data: bytes) -> bytes:
    """The document's only section: A4, its margins, and the footer."""
    root = etree.fromstring(data)
    sect = root.find(f"{_w('body')}/{_w('sectPr')}")
    for child in list(sect):
        if child.tag != _w("footnotePr"):
            sect.remove(child)
    sect.insert(0, etree.Element(_w("footerReference"), {_w("type"): "default", f"{{{R}}}id": "rIdSopFooter"}))
    sect.append(etree.Element(_w("pgSz"), {_w("w"): "11906", _w("h"): "16838"}))
    sect.append(etree.Element(_w("pgMar"), {_w(k): v for k, v in (
        ("top", "1418"), ("right", "1418"), ("bottom", "1418"), ("left", "1418"), ("header", "709"),
        ("footer", "709"), ("gutter", "0"))}))
    return _xml(root)


def _add_relation(data: bytes) -> bytes:
    root = etree.fromstring(data)
    ns = root.nsmap[None]
    etree.SubElement(root, f"{{{ns}}}Relationship", Id="rIdSopFooter", Type=_FOOTER_REL, Target="footer1.xml")
    return _xml(root)


def _add_content_type(data: bytes) -> bytes:
    root = etree.fromstring(data)
    ns = root.nsmap[None]
    etree.SubElement(root, f"{{{ns}}}Override", PartName="/word/footer1.xml", ContentType=_FOOTER_TYPE)
    return _xml(root)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sopkit.edition.make_reference OUT.docx", file=sys.stderr)
        return 2
    Path(args[0]).write_bytes(reference_docx())
    return 0


if __name__ == "__main__":
    sys.exit(main())
