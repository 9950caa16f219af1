"""Edits made to a .docx the way Word records them, for the import tests: tracked insertions and deletions
(`w:ins`, `w:del` with `w:delText`, each with its author and date), comments (a comments.xml part with its
relationship and content type, `w:commentRangeStart`/`End` and a `w:commentReference` run), and plain edits made
with tracking off (the run's text changed in place).

Example:
    >>> doc = WordFile(data)
    >>> doc.replace_tracked("investigating judge", "competent judge", "Layla Hassan")
    >>> doc.comment("victim", "Check with the shelters", "Karwan Aziz")
    >>> data = doc.save(last_modified_by="Layla Hassan")
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DATE = "2026-12-01T09:00:00Z"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class WordFile:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.parts = {i.filename: self.zip.read(i.filename) for i in self.zip.infolist()}
        self.doc = etree.fromstring(self.parts["word/document.xml"])
        self.comments = None
        self.next_id = 9000

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def _run_with(self, words: str, nth: int = 0):
        """The run whose text holds `words` (the nth such run), split so that `words` is a run of its own."""
        found = [t for t in self.doc.iter(w("t")) if words in (t.text or "")]
        if len(found) <= nth:
            raise AssertionError(f"no run holds {words!r}")
        t = found[nth]
        run = t.getparent()
        before, after = t.text.split(words, 1)
        parent = run.getparent()
        at = parent.index(run)
        pieces = []
        for text in (before, words, after):
            new = etree.SubElement(parent, w("r"))
            parent.remove(new)
            props = run.find(w("rPr"))
            if props is not None:
                new.append(etree.fromstring(etree.tostring(props)))
            tt = etree.SubElement(new, w("t"))
            tt.text = text
            tt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            pieces.append(new)
        parent.remove(run)
        for k, piece in enumerate(pieces):
            parent.insert(at + k, piece)
        if not before:
            parent.remove(pieces[0])
        if not after:
            parent.remove(pieces[2])
        return pieces[1]

    def delete_tracked(self, words: str, author: str, nth: int = 0):
        run = self._run_with(words, nth)
        wrapper = etree.Element(w("del"), {w("id"): self._id(), w("author"): author, w("date"): DATE})
        run.addprevious(wrapper)
        wrapper.append(run)
        for t in run.findall(w("t")):
            t.tag = w("delText")
        return wrapper

    def insert_tracked_after(self, element, words: str, author: str):
        wrapper = etree.Element(w("ins"), {w("id"): self._id(), w("author"): author, w("date"): DATE})
        run = etree.SubElement(wrapper, w("r"))
        t = etree.SubElement(run, w("t"))
        t.text = words
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        element.addnext(wrapper)
        return wrapper

    def insert_tracked(self, after_words: str, words: str, author: str):
        run = self._run_with(after_words)
        return self.insert_tracked_after(run, words, author)

    def replace_tracked(self, old: str, new: str, author: str, nth: int = 0):
        deleted = self.delete_tracked(old, author, nth)
        self.insert_tracked_after(deleted, new, author)

    def edit_untracked(self, old: str, new: str, nth: int = 0):
        found = [t for t in self.doc.iter(w("t")) if old in (t.text or "")]
        found[nth].text = found[nth].text.replace(old, new, 1)

    def insert_paragraph_tracked(self, after_words: str, words: str, author: str, style: str | None = None):
        """A new paragraph after the one holding `after_words`, inserted with tracking (its mark too)."""
        t = next(t for t in self.doc.iter(w("t")) if after_words in (t.text or ""))
        paragraph = next(t.iterancestors(w("p")))
        new = etree.Element(w("p"))
        props = etree.SubElement(new, w("pPr"))
        if style:
            etree.SubElement(props, w("pStyle"), {w("val"): style})
        mark = etree.SubElement(props, w("rPr"))
        etree.SubElement(mark, w("ins"), {w("id"): self._id(), w("author"): author, w("date"): DATE})
        wrapper = etree.SubElement(new, w("ins"), {w("id"): self._id(), w("author"): author, w("date"): DATE})
        t = etree.SubElement(etree.SubElement(wrapper, w("r")), w("t"))
        t.text = words
        paragraph.addnext(new)
        return new

    def insert_paragraph_untracked(self, after_words: str, words: str, style: str | None = None):
        t = next(t for t in self.doc.iter(w("t")) if after_words in (t.text or ""))
        paragraph = next(t.iterancestors(w("p")))
        new = etree.Element(w("p"))
        if style:
            etree.SubElement(etree.SubElement(new, w("pPr")), w("pStyle"), {w("val"): style})
        etree.SubElement(etree.SubElement(new, w("r")), w("t")).text = words
        paragraph.addnext(new)
        return new

    def remove_bookmark(self, name: str):
        for el in list(self.doc.iter(w("bookmarkStart"))):
            if el.get(w("name")) == name:
                el.getparent().remove(el)

    def comment(self, words: str, text: str, author: str):
        """A comment on the run holding `words`, as Word writes one."""
        run = self._run_with(words)
        cid = str(len(self._comments()))
        run.addprevious(etree.Element(w("commentRangeStart"), {w("id"): cid}))
        run.addnext(etree.Element(w("commentRangeEnd"), {w("id"): cid}))
        ref = etree.Element(w("r"))
        etree.SubElement(ref, w("commentReference"), {w("id"): cid})
        run.getnext().addnext(ref)
        c = etree.SubElement(self._comments(), w("comment"), {w("id"): cid, w("author"): author,
                                                              w("date"): DATE, w("initials"): author[:2]})
        etree.SubElement(etree.SubElement(etree.SubElement(c, w("p")), w("r")), w("t")).text = text

    def _comments(self):
        if self.comments is None:
            if "word/comments.xml" in self.parts:
                self.comments = etree.fromstring(self.parts["word/comments.xml"])
            else:
                self.comments = etree.Element(w("comments"), nsmap={"w": W})
                rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
                etree.SubElement(rels, f"{{{PR}}}Relationship", {"Id": "rIdSopComments", "Type": COMMENTS_REL,
                                                                 "Target": "comments.xml"})
                self.parts["word/_rels/document.xml.rels"] = etree.tostring(rels)
                types = etree.fromstring(self.parts["[Content_Types].xml"])
                etree.SubElement(types, f"{{{CT}}}Override", {"PartName": "/word/comments.xml",
                                                              "ContentType": COMMENTS_TYPE})
                self.parts["[Content_Types].xml"] = etree.tostring(types)
        return self.comments

    def save(self, last_modified_by: str | None = None) -> bytes:
        self.parts["word/document.xml"] = etree.tostring(self.doc, xml_declaration=True, encoding="UTF-8",
                                                          standalone=True)
        if self.comments is not None:
            self.parts["word/comments.xml"] = etree.tostring(self.comments, xml_declaration=True, encoding="UTF-8",
                                                              standalone=True)
        if last_modified_by and "docProps/core.xml" in self.parts:
            core = etree.fromstring(self.parts["docProps/core.xml"])
            cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
            el = core.find(f"{{{cp}}}lastModifiedBy")
            if el is None:
                el = etree.SubElement(core, f"{{{cp}}}lastModifiedBy")
            el.text = last_modified_by
            self.parts["docProps/core.xml"] = etree.tostring(core, xml_declaration=True, encoding="UTF-8",
                                                             standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in self.parts.items():
                z.writestr(name, data)
        return out.getvalue()
