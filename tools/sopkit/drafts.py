"""Working-group drafts: a git revision (a tag such as wg-3, a branch, a commit) or a folder holding a corpus.

Example:
    >>> corpus = load_draft(".", "wg-3")        # the draft tagged wg-3
    >>> corpus = load_draft(".", "../export")   # a folder with sop/ and laws/
    >>> [d.name for d in list_drafts(".")]
    ['wg-1', 'wg-2', 'wg-3']
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, UsageError
from .load import load_corpus
from .model import Corpus
from .revisions import commit_id, not_available, open_repository, run_git
from .visible import show


@dataclass(frozen=True)
class Revision:
    """Who made a draft's changes and when, as a Word redline shows them."""

    author: str
    date: str  # ISO 8601 in UTC, e.g. 2026-11-20T10:00:00Z

    @property
    def epoch(self) -> int:
        return int(_dt.datetime.fromisoformat(self.date.replace("Z", "+00:00")).timestamp())


@dataclass(frozen=True)
class Draft:
    name: str  # the tag
    commit: str
    date: str  # ISO date and time of the tag (annotated) or of its commit
    author: str
    message: str


def load_draft(root: str | Path, ref: str, memo: dict | None = None) -> Corpus:
    """The corpus of a draft: `ref` is a folder holding sop/ and laws/, or a git revision of `root`. Drafts
    loaded with one `memo` parse a file they share (the same git blob) once."""
    return read_draft(root, ref, memo)[0]


UNREAD = ("L001", "L003", "L005", "V007")  # see read_draft


def read_draft(root: str | Path, ref: str, memo: dict | None = None) -> tuple[Corpus, list[Diagnostic]]:
    """The corpus of a draft (as `load_draft`), and the diagnostics of the files it could not read completely.

    A draft is not completely read when a load diagnostic means that text or the identity of a chapter or law
    was lost, so that a comparison would show it as deleted or added when it was only unreadable (codes in
    `UNREAD`):

    - L001, YAML refused (broken or unclosed front matter, `law.yml`, `sop.yml`, nesting too deep): a chapter
      loses its id and is matched to nothing, a law its names, the corpus its languages;
    - L003, not UTF-8 (or saved as UTF-16): the file is not read at all;
    - L005, too large (the file or one of its lines): the file is not read or not parsed;
    - V007, a symbolic link in place of a file or folder: it is never followed, so what it stands for is missing.

    Other findings leave every file's text whole: layout (L004, a file that is not part of the corpus by its
    name or place), fields (L002, L006) and content (V..., C...); a comparison shows those files as they are.
    """
    if not ref.strip():  # Path("") is the current folder: an empty name must not quietly mean it
        raise UsageError("empty draft: name a tag, branch or commit, or a folder holding sop/ and laws/")
    folder = Path(ref)
    if _is_corpus_folder(folder):
        corpus, diagnostics = load_corpus(folder, memo=memo)
    else:
        try:
            corpus, diagnostics = load_corpus(root, ref, memo=memo)
        except UsageError as exc:
            if folder.is_dir():  # the user probably meant the folder
                chapters = sorted(p.name for p in folder.glob("*.md"))
                if chapters:  # the chapters themselves, without the corpus around them
                    raise UsageError(
                        f"{show(ref)} holds {len(chapters)} Markdown file(s) ({show(', '.join(chapters[:3]))}"
                        f"{', ...' if len(chapters) > 3 else ''}) but no sop/ folder: a draft given as a folder is a "
                        "whole corpus, with the chapters in sop/ and the laws in laws/ (copy a draft with "
                        "`git archive wg-2 | tar -x -C FOLDER`), or name a tag, branch or commit") from None
                raise UsageError(f"{show(ref)} is a folder without sop/ or laws/, and as a revision: {exc}") from None
            raise
    return corpus, [d for d in diagnostics if d.code in UNREAD]


def _is_corpus_folder(folder: Path) -> bool:
    return folder.is_dir() and ((folder / "sop").is_dir() or (folder / "laws").is_dir())


def chapters_selected(old: Corpus, new: Corpus, chapter: str | None,
                      lang: str | None) -> tuple[str | None, str | None]:
    """The id of the chapter `chapter` names in either draft and the language chosen (the filters of `sop
    diff`); a UsageError naming the choices when they select no chapter file: an empty comparison would read as
    "nothing changed". A chapter is named by its id (ch5), its number (5, 05) or its file (05-investigation,
    sop/05-investigation.md); a translation's file (05-investigation.ar.md) also names its language when `lang`
    is not given."""
    every = list(old.chapters) + list(new.chapters)
    if lang is None and chapter is not None:
        lang = next((c.lang for c in every if not c.is_source and PurePosixPath(c.path).name ==
                     PurePosixPath(chapter.replace("\\", "/")).name), None)
    langs = sorted({c.lang for c in every})
    if chapter is not None:
        found = chapter_id(every, chapter)
        if found is None:
            names = sorted({(c.number, c.id, f"{c.number:02d}-{c.slug}") for c in every if c.id})
            choices = ", ".join(f"{i} ({n}, {f})" for n, i, f in names) or "none"
            raise UsageError(f"no chapter {show(chapter)} in either draft; name one by id, number or file: "
                             f"{choices}")
        chapter = found
    if lang is not None and not any(c.lang == lang and chapter in (None, c.id) for c in every):
        which = f"chapter {chapter}" if chapter else "chapter"
        has = sorted({c.lang for c in every if chapter in (None, c.id)})
        raise UsageError(f"no {which} in '{lang}' in either draft (languages: {', '.join(has or langs) or 'none'})")
    return chapter, lang


def chapter_id(chapters, name: str) -> str | None:
    """The id of the chapter `name` names among `chapters`: its id, its number, or its file name with or without
    folder, language and extension; None when none does."""
    wanted = name.strip()
    by_id = {c.id: c.id for c in chapters if c.id}
    if wanted in by_id:
        return wanted
    stem = PurePosixPath(wanted.replace("\\", "/")).name
    stem = stem[:-3] if stem.endswith(".md") else stem
    for c in chapters:
        if not c.id:
            continue
        file_stem = PurePosixPath(c.path).name[:-3]
        base = f"{c.number:02d}-{c.slug}"
        if stem in (file_stem, base, c.slug) or (wanted.isdigit() and int(wanted) == c.number):
            return c.id
    return None


_TAG_FIELDS = ("%(refname:strip=2)", "%(objecttype)", "%(*objectname)", "%(objectname)", "%(taggername)",
               "%(taggeremail)", "%(taggerdate:unix)", "%(taggerdate:iso-strict)", "%(authorname)", "%(authoremail)",
               "%(committerdate:unix)", "%(committerdate:iso-strict)", "%(contents)")


def list_drafts(root: str | Path) -> list[Draft]:
    """Every tag of the repository in the order of the history (a tag on an earlier commit first, whenever it
    was made; tags of one commit, and of commits on separate branches, by date), with its date, author and
    message: an annotated tag's tagger and date, a lightweight tag's commit's author and commit date. Read with
    one `git for-each-ref` (and one `git rev-list` for the order), without GitPython, whose import alone costs
    more: `sop diff` asks for the drafts to credit each change."""
    if run_git(root, "rev-parse", "--git-dir").returncode:  # no repository: GitPython says why, in its words
        open_repository(root, "drafts are its tags")
    listed = run_git(root, "for-each-ref", "refs/tags", "--format=" + "%00".join(_TAG_FIELDS) + "%01")
    if listed.returncode:
        raise UsageError(not_available("the drafts (tags)"))
    drafts = []
    for record in listed.stdout.decode("utf-8", "replace").split("\x01")[:-1]:
        (name, kind, target, obj, tagger, tagger_mail, tagged, tag_date, author, author_mail, committed,
         commit_date, message) = record.lstrip("\n").split("\0")
        annotated = kind == "tag"
        commit = target if annotated else obj
        if not commit or (annotated and not tagged):
            raise UsageError(not_available(f"draft {name}"))
        who = f"{tagger} {tagger_mail}" if annotated else f"{author} {author_mail}"
        when = int(tagged if annotated else committed)
        drafts.append((when, Draft(name, commit, tag_date if annotated else commit_date, who, message.strip())))
    order = _history_order(root, {d.commit for _, d in drafts})
    # by history (a draft tagged late still comes after the drafts its commit descends from), then by time
    return [d for when, d in sorted(drafts, key=lambda item: (order.get(item[1].commit, 0), item[0]))]


def _history_order(root: str | Path, commits: set[str]) -> dict[str, int]:
    """Each of `commits` with its place in the history, ancestors first (git's topological order); nothing when
    the history cannot be read (a shallow clone, a missing object): the dates alone then order the drafts."""
    if not commits:
        return {}
    listed = run_git(root, "rev-list", "--topo-order", "--reverse", *sorted(commits))
    if listed.returncode:
        return {}
    return {sha: n for n, sha in enumerate(listed.stdout.decode("ascii").split()) if sha in commits}


def draft_revision(root: str | Path, ref: str) -> Revision:
    """The author and date of a draft: its annotated tag's tagger, else its commit's author; for a folder, the
    folder's name and the newest time a chapter in it was modified. Asked of plain git (`sop diff` credits its
    changes to it, and GitPython's import alone costs more than both questions)."""
    folder = Path(ref)
    if _is_corpus_folder(folder):
        times = [p.lstat().st_mtime for p in (folder / "sop").rglob("*.md")] or [folder.stat().st_mtime]
        return Revision(folder.resolve().name, iso_utc(max(times)))
    commit = commit_id(root, ref, f"{show(ref)} is neither a folder with sop/ nor a revision")
    tagged = _fields(root, "for-each-ref", "--format=%(refname)%00%(objecttype)%00%(taggername)%00%(taggerdate:unix)",
                     "refs/tags/")  # every tag, compared here: git is handed only names it made itself
    for name, kind, tagger, when in (t for t in tagged if len(t) == 4):
        if name == f"refs/tags/{ref}" and kind == "tag" and when:  # an annotated tag whose object this clone holds
            return Revision(tagger, iso_utc(int(when)))
    author, when = _fields(root, "show", "-s", "--format=%an%x00%at", commit)[0]
    return Revision(author, iso_utc(int(when)))


def _fields(root: str | Path, *args: str) -> list[list[str]]:
    """The lines git prints for `args` (nothing when it fails), each cut at its NUL characters."""
    done = run_git(root, *args)
    if done.returncode:
        return []
    return [line.split("\0") for line in done.stdout.decode("utf-8", "replace").splitlines()]


def iso_utc(timestamp: float) -> str:
    return _dt.datetime.fromtimestamp(int(timestamp), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
