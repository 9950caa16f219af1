"""A volume of the print edition as a Word file, for the ministries that work in Word.

pandoc writes the document (styles, page set-up and footer from the reference document,
templates/print/reference.docx, made by make_reference.py), and gives most of what Word needs: Heading 1..6 for
the headers, Title and Subtitle from the metadata, a table of contents field titled with `toc-title`, bookmarks
at the headers, `w:bidi` on paragraphs and `w:rtl` on runs for `dir: rtl`, and a Div in another language set in
that language's direction. What pandoc does not do, this module adds to the parts of the file afterwards (lxml):

- directions where pandoc leaves them out: the title, subtitle and contents (written from the metadata, and
  left-to-right by pandoc even with `dir: rtl`) take the volume's, and so do headers and footers; runs without
  words (fields, note references) take their paragraph's. Every other paragraph and run keeps what pandoc
  gave it from its block and inline context, so a chapter in English inside an Arabic volume stays
  left-to-right. A table whose words are right-to-left is mirrored (`w:bidiVisual`);
- languages as Word names them: `ar-IQ` and `ku-Arab-IQ` as the complex-script language (`w:lang w:bidi`), `en-US`
  for Latin script, in the defaults and on the runs of text in another language;
- the title page: the status, version, date and revision lines under the title ("Title Page Line"), the
  working-summary notice on the back of it ("Notice", from a new page), then the table of contents (pandoc
  puts it straight under the title), its field in one run per field character as Word writes fields (pandoc's
  single run reads back, in pandoc's own docx reader, as a field that never ends);
- a page reference (`sop-pageref` span) as a Word PAGEREF field to the bookmark pandoc made for its target,
  showing a placeholder number until Word updates the fields, which it offers to do when the file opens
  (`w:updateFields`) and does before printing;
- a running header on every page: the title of the chapter the page is in (a STYLEREF field to Heading 1),
  and a draft's mark ("DRAFT", "مسودة", "ڕەشنووس") in the "Draft Mark" style: added to the reference
  document's header, or in a header of its own.
Notices (`sop-notice`) take the "Notice" style (a framed, shaded paragraph; its title is bold already) and the
status lines of the annex (`sop-status`) the "Status" style, both through pandoc's `custom-style`.

The same AST, language and epoch give the same bytes: pandoc's timestamps come from `epoch`
(SOURCE_DATE_EPOCH), and the file is zipped again with that date on every entry, in pandoc's order.

Example:
    >>> data = render_docx(volume_document(corpus, "ar", info), "ar", info.epoch)
    >>> Path("sop.ar.docx").write_bytes(data)
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import time
import zipfile
from importlib import resources
from pathlib import Path

from lxml import etree

from .. import pandoc as P
from ..diagnostics import UsageError
from ..labels import numerals
from ..model import RTL_LANGUAGES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"

# what w:lang says for each language: Word names Central Kurdish as Windows does (ku-Arab-IQ, LCID 0x0492)
WORD_LANGUAGE = {"en": "en-US", "ar": "ar-IQ", "ckb": "ku-Arab-IQ"}
TOC_DEPTH = 2  # chapters and sections, the annex's laws; not every provision of the annex
REFERENCE = "templates/print/reference.docx"
NOTICE, STATUS, PAGEREF = "sop-notice", "sop-status", "sop-pageref"


# The order CT_PPr, CT_RPr, CT_TblPr and CT_Settings give their children (Word refuses some files that break it).
_PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
        "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
        "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
_RPR = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
        "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
        "cs em lang eastAsianLayout specVanish oMath").split()
_TBLPR = ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
          "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange").split()
_AFTER_UPDATE_FIELDS = set(("hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
                            "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
                            "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
                            "doNotEmbedSmartTags decimalSymbol listSeparator").split())


def default_reference() -> Path:
    """The reference document shipped with the package (templates/print/reference.docx)."""
    return Path(str(resources.files("sopkit").joinpath(REFERENCE)))


def render_docx(ast: dict, lang: str, epoch: int, reference: Path | None = None) -> bytes:
    """The volume `ast` (the print edition's document in `lang`, see volume.py) as the bytes of a .docx file.

    `epoch` (seconds since 1970, the revision's date) is the date inside the file, so that the same volume
    gives the same bytes; `reference` is the Word file whose styles, page set-up, headers and footers the
    volume takes (default: the package's templates/print/reference.docx).
    """
    reference = default_reference() if reference is None else Path(reference)
    if not reference.is_file():
        raise UsageError(f"the Word reference document {reference} does not exist: make it with "
                         f"`python -m sopkit.edition.make_reference {reference}`")
    rtl = lang in RTL_LANGUAGES
    try:
        markers = _Markers(ast)
        doc, targets = _prepared(ast, lang, rtl, markers)
    except RecursionError:
        raise UsageError("a chapter is nested too deeply (lists or quotes inside each other hundreds of levels "
                         "deep) to be written to Word; flatten it") from None
    data = P.convert(doc, "docx", ["--toc", f"--toc-depth={TOC_DEPTH}", f"--reference-doc={reference}"], epoch)
    mark = _meta_text(ast.get("meta", {}), "draft-mark") if _is_draft(ast) else None
    return _finished(data, lang, rtl, targets, mark, epoch, markers)


class _Markers:
    """Words pandoc carries through as text, found again in word/document.xml: where the contents go, where the
    back of the title page starts, each page reference. Each holds a hash of the volume, which no text of the
    volume can hold, so that no text can pass for one."""

    def __init__(self, ast: dict) -> None:
        digest = hashlib.sha256(json.dumps(ast, sort_keys=True).encode("utf-8")).hexdigest()[:24]
        self.start, self.end = f"\ue000SOPKIT-{digest}-", "\ue001"
        self.pageref = re.compile(re.escape(self.start) + r"pageref-(\d+)" + re.escape(self.end))

    def word(self, name: str) -> str:
        return f"{self.start}{name}{self.end}"

    def paragraph(self, name: str) -> dict:
        return P.para(self.word(name))

    def name(self, el) -> str | None:
        """The name of the marker paragraph `el`, None if it is not one."""
        if el.tag != _w("p"):
            return None
        words = "".join(el.itertext())
        if words.startswith(self.start) and words.endswith(self.end):
            return words[len(self.start):-len(self.end)]
        return None


# -- the document pandoc is given --------------------------------------------------------------------------------

def _prepared(ast: dict, lang: str, rtl: bool, markers: _Markers) -> tuple[dict, list[str]]:
    """The AST pandoc writes: the title page in front, the document's own elements lowered to what pandoc's docx
    writer knows, page references as markers; and the targets of the page references, in marker order."""
    meta = ast.get("meta", {})
    targets: list[str] = []
    blocks = _title_page(meta, markers) + _lowered(json.loads(json.dumps(ast.get("blocks", []))), targets, markers)  # a copy, 5x faster than deepcopy
    kept = {k: v for k, v in meta.items() if k in ("title", "subtitle", "toc-title", "version", "revision",
                                                    "status")}
    # pandoc writes its own Date, Author and Abstract paragraphs for those keys: the title page is written here
    kept |= {"lang": {"t": "MetaString", "c": lang}, "dir": {"t": "MetaString", "c": "rtl" if rtl else "ltr"}}
    return {"pandoc-api-version": ast["pandoc-api-version"], "meta": kept, "blocks": blocks}, targets


def _title_page(meta: dict, markers: _Markers) -> list:
    """The lines under the title, the notice on the back of the title page, and where the contents go."""
    out = []
    for key in ("status", "version", "date", "revision"):
        value = _meta_inlines(meta.get(key))
        if not value:
            continue
        label = _meta_inlines(meta.get(f"{key}-label"))
        line = label + [P.text(":"), {"t": "Space"}] + value if label else value
        out.append(_styled("Title Page Line", [{"t": "Para", "c": line}]))
    notice = _meta_blocks(meta.get("notice"))
    if notice:
        title = _meta_inlines(meta.get("notice-title"))
        out.append(markers.paragraph("back"))
        out.append(_styled("Notice", ([{"t": "Para", "c": [{"t": "Strong", "c": title}]}] if title else [])
                           + notice))
    return out + [markers.paragraph("contents")]


def _lowered(node, targets: list[str], markers: _Markers):
    """Notices and status lines with their Word styles, text in another language with its direction, page
    references as markers (`targets` collects what they point at)."""
    if isinstance(node, list):
        return [_lowered(x, targets, markers) for x in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("t")
    if kind == "Span" and PAGEREF in node["c"][0][1]:
        targets.append(dict(node["c"][0][2]).get("target", ""))
        return P.text(markers.word(f"pageref-{len(targets) - 1}"))
    if kind == "Div":
        (ident, classes, attrs), content = node["c"]
        attrs = [list(a) for a in attrs if a[0] != "custom-style"]
        keys = dict(attrs)
        if NOTICE in classes:
            attrs.append(["custom-style", "Notice"])
        elif STATUS in classes:
            attrs.append(["custom-style", "Status"])
        if "lang" in keys and "dir" not in keys:  # pandoc never infers the direction from the language
            attrs.append(["dir", "rtl" if keys["lang"] in RTL_LANGUAGES else "ltr"])
        return {"t": "Div", "c": [[ident, classes, attrs], _lowered(content, targets, markers)]}
    return {k: _lowered(v, targets, markers) for k, v in node.items()}


def _styled(style: str, blocks: list) -> dict:
    return P.div(blocks, [["custom-style", style]])


def _meta_inlines(value) -> list:
    if not value:
        return []
    if value["t"] == "MetaInlines":
        return value["c"]
    if value["t"] == "MetaString":
        return [P.text(value["c"])] if value["c"] else []
    if value["t"] == "MetaBlocks":
        return [i for b in value["c"] if b["t"] in ("Para", "Plain") for i in b["c"]]
    return []


def _meta_blocks(value) -> list:
    if not value:
        return []
    if value["t"] == "MetaBlocks":
        return value["c"]
    inlines = _meta_inlines(value)
    return [{"t": "Para", "c": inlines}] if inlines else []


def _meta_text(meta: dict, key: str) -> str:
    def words(inlines):
        out = []
        for i in inlines:
            if i["t"] == "Str":
                out.append(i["c"])
            elif i["t"] in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif isinstance(i.get("c"), list):
                out.append(words([x for x in i["c"] if isinstance(x, dict) and "t" in x]))
        return "".join(out)

    return words(_meta_inlines(meta.get(key))).strip()


def _is_draft(ast: dict) -> bool:
    draft = ast.get("meta", {}).get("draft")
    return bool(draft and draft.get("t") == "MetaBool" and draft.get("c"))


# -- what pandoc does not write ------------------------------------------------------------------------------------

def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _finished(docx: bytes, lang: str, rtl: bool, targets: list[str], mark: str | None, epoch: int,
              markers: _Markers) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    names = source.namelist()
    parts: dict[str, bytes] = {}
    document = etree.fromstring(source.read("word/document.xml"))
    body = document.find(_w("body"))
    _arrange_title_page(body, markers)
    _one_field_character_per_run(document)
    _page_references(document, targets, lang, markers)
    rels = etree.fromstring(source.read("word/_rels/document.xml.rels"))
    types = etree.fromstring(source.read("[Content_Types].xml"))
    settings = etree.fromstring(source.read("word/settings.xml"))
    headers = _running_header(body, rels, types, settings, source, mark, parts)
    for name in _header_footer_parts(rels, source):
        root = headers.get(name)
        if root is None:
            root = etree.fromstring(source.read(name))
        _set_directions(root, rtl, fixed=True)
        parts[name] = _xml(root)
    _set_directions(document, rtl)
    parts["word/document.xml"] = _xml(document)
    if "word/footnotes.xml" in names:
        footnotes = etree.fromstring(source.read("word/footnotes.xml"))
        _set_directions(footnotes, rtl)
        parts["word/footnotes.xml"] = _xml(footnotes)
    styles = etree.fromstring(source.read("word/styles.xml"))
    _default_language(styles, lang)
    parts["word/styles.xml"] = _xml(styles)
    _update_fields_on_open(settings)
    parts["word/settings.xml"] = _xml(settings)
    parts["word/_rels/document.xml.rels"] = _xml(rels)
    parts["[Content_Types].xml"] = _xml(types)
    order = names + sorted(n for n in parts if n not in names)
    return _zipped([(n, parts[n] if n in parts else source.read(n)) for n in order], epoch)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _arrange_title_page(body, markers: _Markers) -> None:
    """The notice on a page of its own after the title page, then the table of contents (pandoc writes the
    contents straight after the title; its heading's style starts a new page)."""
    found = {markers.name(el): el for el in body if markers.name(el) is not None}
    back = found.get("back")
    if back is not None:
        following = back.getnext()
        if following is not None and following.tag == _w("p"):
            _put(_ppr(following), "pageBreakBefore", _PPR)
        body.remove(back)
    contents = found.get("contents")
    if contents is None:
        return
    for sdt in body.iter(_w("sdt")):
        gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
        if gallery is not None and gallery.get(_w("val")) == "Table of Contents":
            contents.addprevious(sdt)
            break
    body.remove(contents)


def _one_field_character_per_run(document) -> None:
    """The table of contents field in runs of one field character each, as Word writes fields: pandoc writes
    it in one run, which pandoc's own docx reader takes for a field that never ends (everything after it
    would read as its result)."""
    for run in list(document.iter(_w("r"))):
        pieces = [c for c in run if c.tag != _w("rPr")]
        if len(pieces) < 2 or not any(c.tag in (_w("fldChar"), _w("instrText")) for c in pieces):
            continue
        rpr = run.find(_w("rPr"))
        for piece in pieces:
            single = etree.Element(_w("r"))
            if rpr is not None:
                single.append(copy.deepcopy(rpr))
            single.append(piece)
            run.addprevious(single)
        run.getparent().remove(run)


def _page_references(document, targets: list[str], lang: str, markers: _Markers) -> None:
    """Each page-reference marker as a PAGEREF field to its target's bookmark, with a placeholder number."""
    bookmarks = {b.get(_w("name")) for b in document.iter(_w("bookmarkStart"))}
    placeholder = numerals("0", lang)
    for t in list(document.iter(_w("t"))):
        words = t.text or ""
        if not markers.pageref.search(words):
            continue
        run = t.getparent()
        rpr = run.find(_w("rPr"))
        pieces = []
        last = 0
        for m in markers.pageref.finditer(words):
            if m.start() > last:
                pieces.append(_run(rpr, text=words[last:m.start()]))
            name = _bookmark_name(targets[int(m.group(1))])
            if name in bookmarks:
                pieces += [_run(rpr, field="begin"), _run(rpr, instr=f" PAGEREF {name} \\h "),
                           _run(rpr, field="separate"), _run(rpr, text=placeholder), _run(rpr, field="end")]
            else:  # no such element in the volume (volume.py makes none): a visible gap, not a broken field
                pieces.append(_run(rpr, text="?"))
            last = m.end()
        if last < len(words):
            pieces.append(_run(rpr, text=words[last:]))
        others = [c for c in run if c.tag not in (_w("rPr"), _w("t"))]
        if others:  # not a run pandoc writes for words; keep what else it holds after the pieces
            t.getparent().remove(t)
            for piece in reversed(pieces):
                run.addnext(piece)
            continue
        for piece in pieces:
            run.addprevious(piece)
        run.getparent().remove(run)


def _bookmark_name(ident: str) -> str:
    """The bookmark pandoc writes for the element with id `ident` (its toBookmarkName: Word takes at most 40
    characters, starting with a letter; any other id becomes X and the SHA-1 of the id less its first digit)."""
    if ident and ident[0].isalpha() and len(ident) <= 40:
        return ident
    return "X" + hashlib.sha1(ident.encode("utf-8")).hexdigest()[1:]


def _run(rpr, text: str | None = None, field: str | None = None, instr: str | None = None):
    run = etree.Element(_w("r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    if text is not None:
        t = etree.SubElement(run, _w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    elif field is not None:
        etree.SubElement(run, _w("fldChar"), {_w("fldCharType"): field} | (
            {_w("dirty"): "true"} if field == "begin" else {}))
    else:
        t = etree.SubElement(run, _w("instrText"))
        t.text = instr
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _set_directions(root, rtl: bool, fixed: bool = False) -> None:
    """Paragraphs and runs of `root` in their direction. pandoc sets a paragraph's direction from the block it
    stands in (the volume, or a Div in another language) and a run's from its inline context, and both stay;
    the paragraphs pandoc writes from the metadata (title, subtitle) and the table of contents, and all of them
    when `fixed` (headers, footers), take the volume's direction. Runs without words (fields, note references)
    take their paragraph's; a run's language goes where Word reads it for its direction. Tables whose words are
    right-to-left are mirrored."""
    for p in root.iter(_w("p")):
        ppr = _ppr(p)
        if fixed or _outside_blocks(p):
            if rtl:
                _put(ppr, "bidi", _PPR)
            else:
                _drop(ppr, "bidi")
        right = ppr.find(_w("bidi")) is not None
        for r in (r for r in p.iter(_w("r")) if _owner(r) is p):
            rpr = r.find(_w("rPr"))
            if fixed or not any((t.text or "").strip() for t in r.iter(_w("t"))):
                if right:
                    if rpr is None:
                        rpr = etree.Element(_w("rPr"))
                        r.insert(0, rpr)
                    _put(rpr, "rtl", _RPR)
                elif rpr is not None:
                    _drop(rpr, "rtl")
            if rpr is not None:
                _word_language(rpr, rpr.find(_w("rtl")) is not None)
    for tbl in root.iter(_w("tbl")):
        first = next((p for p in tbl.iter(_w("p")) if "".join(p.itertext()).strip()), None)
        tblpr = tbl.find(_w("tblPr"))
        if tblpr is None:
            tblpr = etree.Element(_w("tblPr"))
            tbl.insert(0, tblpr)
        if first is not None and first.find(f"{_w('pPr')}/{_w('bidi')}") is not None:
            _put(tblpr, "bidiVisual", _TBLPR)
        else:
            _drop(tblpr, "bidiVisual")


def _outside_blocks(p) -> bool:
    """Whether pandoc wrote the paragraph from the metadata (title, subtitle, the contents) rather than from a
    block, and so without the direction of the volume."""
    style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    if style is not None and style.get(_w("val")) in ("Title", "Subtitle", "TOCHeading"):
        return True
    el = p.getparent()
    while el is not None:
        if el.tag == _w("sdt"):
            return True
        el = el.getparent()
    return False


def _owner(run):
    """The paragraph a run belongs to."""
    el = run.getparent()
    while el is not None and el.tag != _w("p"):
        el = el.getparent()
    return el


def _word_language(rpr, right: bool) -> None:
    """A run's language as Word names it: a right-to-left run's in `w:bidi`, a left-to-right run's in `w:val`."""
    lang = rpr.find(_w("lang"))
    if lang is None:
        return
    code = lang.get(_w("val")) or lang.get(_w("bidi"))
    if code is None:
        return
    tag = WORD_LANGUAGE.get(code.split("-")[0], code)
    for attr in ("val", "bidi"):
        lang.attrib.pop(_w(attr), None)
    lang.set(_w("bidi" if right else "val"), tag)


def _default_language(styles, lang: str) -> None:
    """The document's languages: Latin script in English, complex script in the volume's language (Arabic in an
    English volume, for its Arabic-script passages)."""
    rpr = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    if rpr is None:
        return
    language = _put(rpr, "lang", _RPR)
    language.set(_w("val"), WORD_LANGUAGE["en"])
    language.set(_w("bidi"), WORD_LANGUAGE[lang] if lang in RTL_LANGUAGES else WORD_LANGUAGE["ar"])


def _update_fields_on_open(settings) -> None:
    """Word offers to update the fields (contents, page references) when the file opens."""
    if settings.find(_w("updateFields")) is not None:
        settings.find(_w("updateFields")).set(_w("val"), "true")
        return
    element = etree.Element(_w("updateFields"), {_w("val"): "true"})
    later = [c for c in settings if etree.QName(c).localname in _AFTER_UPDATE_FIELDS]
    if later:
        later[0].addprevious(element)
    else:
        settings.append(element)


def _header_footer_parts(rels, source) -> list[str]:
    names = set(source.namelist())
    out = []
    for rel in rels:
        if rel.get("Type", "").endswith(("/header", "/footer")):
            name = "word/" + rel.get("Target").lstrip("/").removeprefix("word/")
            if name in names or rel.get("Id", "").startswith("rIdSopHeader"):
                out.append(name)
    return sorted(set(out))


def _running_header(body, rels, types, settings, source, mark: str | None, parts: dict) -> dict:
    """The running header of every page: the title of the chapter the page is in (a STYLEREF field to the
    Heading 1 style, which Word fills in page by page), and a draft's mark. Added to each header the section
    shows (the reference document's), and a header made for each kind of page that has none. Returns the
    headers, parsed."""
    sect = body.find(_w("sectPr"))
    if sect is None:
        sect = etree.SubElement(body, _w("sectPr"))
    kinds = ["default"]
    if sect.find(_w("titlePg")) is not None:
        kinds.append("first")
    if settings.find(_w("evenAndOddHeaders")) is not None:
        kinds.append("even")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    out = {}
    for kind in kinds:
        ref = next((h for h in sect.findall(_w("headerReference")) if h.get(_w("type")) == kind), None)
        if ref is not None and ref.get(f"{{{R}}}id") in targets:
            name = "word/" + targets[ref.get(f"{{{R}}}id")].lstrip("/").removeprefix("word/")
            root = out.get(name)
            if root is None:
                root = etree.fromstring(source.read(name))
            root.extend(_header_paragraphs(mark))
            out[name] = root
            continue
        n = 1
        while f"word/header{n}.xml" in source.namelist() or f"word/header{n}.xml" in out:
            n += 1
        name, rid = f"word/header{n}.xml", f"rIdSopHeader{kind.capitalize()}"
        root = etree.Element(_w("hdr"), nsmap={"w": W, "r": R})
        root.extend(_header_paragraphs(mark))
        out[name] = root
        ns = rels.nsmap[None]
        etree.SubElement(rels, f"{{{ns}}}Relationship", Id=rid, Type=_HEADER_REL, Target=name.removeprefix("word/"))
        etree.SubElement(types, f"{{{types.nsmap[None]}}}Override", PartName="/" + name, ContentType=_HEADER_TYPE)
        if ref is not None:
            sect.remove(ref)
        sect.insert(0, etree.Element(_w("headerReference"), {_w("type"): kind, f"{{{R}}}id": rid}))
    for name, root in out.items():
        parts[name] = _xml(root)
    return out


def _header_paragraphs(mark: str | None) -> list:
    """The header's lines: the title of the chapter the page is in (a STYLEREF field to Heading 1, which Word
    fills in page by page), then, for a draft, its mark."""
    title = etree.Element(_w("p"))
    etree.SubElement(etree.SubElement(title, _w("pPr")), _w("pStyle"), {_w("val"): "Header"})
    title.extend([_run(None, field="begin"), _run(None, instr=' STYLEREF "Heading 1" '),
                  _run(None, field="separate"), _run(None, text=""), _run(None, field="end")])
    if not mark:
        return [title]
    p = etree.Element(_w("p"))
    etree.SubElement(etree.SubElement(p, _w("pPr")), _w("pStyle"), {_w("val"): "DraftMark"})
    p.append(_run(None, text=mark))
    return [title, p]


def _ppr(p):
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    return ppr


def _put(parent, name: str, order: list[str]):
    """The child `name` of `parent`, added where the schema's `order` puts it if it is not there."""
    found = parent.find(_w(name))
    if found is not None:
        return found
    element = etree.Element(_w(name))
    rank = order.index(name)
    for k, child in enumerate(parent):
        local = etree.QName(child).localname
        if local in order and order.index(local) > rank:
            parent.insert(k, element)
            return element
    parent.append(element)
    return element


def _drop(parent, name: str) -> None:
    for child in parent.findall(_w(name)):
        parent.remove(child)


def _zipped(entries: list[tuple[str, bytes]], epoch: int) -> bytes:
    """The parts as a zip file, every entry dated `epoch` (zip dates run from 1980 to 2107)."""
    date = time.gmtime(min(max(epoch, 315532800), 4354819199))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, data)
    return out.getvalue()
