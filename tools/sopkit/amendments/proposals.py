"""Proposals: make one from a drafter's text, list them, find the ones that touch the same section, and record
the working group's decision.

A proposal is the branch `proposal/<name>`: a commit that starts from the revision the drafter worked on, with
the drafter as its author and the record (record.py) beside the text. When that revision is not the current
one (a Word file exported weeks ago), the commit is replayed onto the current revision with a three-way merge
(git's); when both changed the same paragraph the merge is refused, the proposal stays on the revision it was
made from, and its record lists each conflicting section with the three texts (the common base, the current
text, the proposed text), so that the meeting sees it. Nothing is resolved silently and nothing is dropped.

Deciding writes the record again on the branch. Accepting merges the branch into the target (main) with a merge
commit, so that every line of the proposal keeps its drafter as its author; a proposal that no longer merges
cleanly is refused, with the conflicting sections named, and neither branch changes. After an acceptance the
other open proposals are merged again in thought (`recheck`): one that touched the same sections learns whether
it still applies and what its check now finds.

Example:
    >>> made = make_proposal(".", "ch5-rooms", base, {"sop/05-investigation.md": text}, record, author)
    >>> [p.name for p in open_proposals(".")]
    ['ch5-rooms']
    >>> decide(".", "ch5-rooms", "accepted", meeting="wg-4")
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import UsageError
from ..load import chapter_from_text
from ..model import OPENING, Chapter, Settings
from ..visible import show
from .gitstore import PROPOSALS, Merge, Person, Store, check_proposal_name
from .record import OPEN, STATUSES, Record, record_path


@dataclass(frozen=True)
class Proposal:
    name: str
    branch: str  # proposal/<name>
    tip: str
    record: Record

    @property
    def base(self) -> str:
        return self.record.base


@dataclass(frozen=True)
class Made:
    proposal: Proposal
    replayed: bool  # the drafter's revision was not the current one, and the change was merged onto it


@dataclass(frozen=True)
class Overlap:
    """Two open proposals that change the same section: shown side by side against their common base."""

    first: str
    second: str
    section: str  # chapter#section (lang)
    base: str  # the section's text at the common base
    texts: tuple[str, str]  # each proposal's text of the section


@dataclass(frozen=True)
class Decision:
    proposal: Proposal
    merged: str | None  # the merge commit, when accepted
    rechecked: tuple["Recheck", ...] = ()


@dataclass(frozen=True)
class Recheck:
    name: str
    applies: bool
    conflicts: tuple[str, ...]
    sections: tuple[str, ...]  # the sections it shares with the proposal accepted
    findings: tuple[str, ...] = ()  # what `sop check` finds in it merged with the new text, and not in the new text


def today() -> str:
    return _dt.date.today().isoformat()


# -- what a change touches ---------------------------------------------------------------------------------------

def section_texts(chapter: Chapter) -> dict[str, str]:
    """Each section of a chapter (OPENING for the text before the first heading, `_title` for the title) with
    the text that decides whether it changed: its heading and its text."""
    texts = {"_title": chapter.title or "", OPENING: chapter.intro.strip()}
    for s in chapter.sections:
        texts[s.id or f"line-{s.line}"] = f"{'#' * s.level} {s.label}\n{s.text.strip()}"
    return texts


def chapter_at(store: Store, commit: str, path: str, settings: Settings | None = None) -> Chapter | None:
    """The chapter file `path` at `commit` (None for another file, or none there); `settings`, the corpus's at
    that commit, when the caller has read them already."""
    data = store.read(commit, path)
    if data is None or not path.startswith("sop/"):
        return None
    return chapter_from_text(path, data.decode("utf-8", "replace"), settings or _settings(store, commit))


def _settings(store: Store, commit: str) -> Settings:
    """The corpus's settings (languages) at `commit`: what tells a translation's file from a source's."""
    from ..load import settings_from_text

    return settings_from_text(store.read(commit, "sop.yml"))


def touched(store: Store, old: str, new: str) -> tuple[list[str], list[str], dict[str, tuple[str, str]]]:
    """What changed from commit `old` to `new`: the chapter ids, the sections (`ch5#id (lang)`, or a law's
    file), and each section's text before and after."""
    chapters: list[str] = []
    sections: dict[str, tuple[str, str]] = {}
    settings = {commit: _settings(store, commit) for commit in (old, new)}
    for path in store.changed_paths(old, new):
        if path.startswith("amendments/"):
            continue
        if not path.startswith("sop/"):
            sections[path] = ("", "")
            continue
        before, after = chapter_at(store, old, path, settings[old]), chapter_at(store, new, path, settings[new])
        chapter = after or before
        key = chapter.id or path
        if key not in chapters:
            chapters.append(key)
        a = section_texts(before) if before else {}
        b = section_texts(after) if after else {}
        for sid in list(a) + [k for k in b if k not in a]:
            if a.get(sid) != b.get(sid):
                sections[f"{key}#{sid} ({chapter.lang})"] = (a.get(sid, ""), b.get(sid, ""))
    return chapters, list(sections), sections


# -- making one ------------------------------------------------------------------------------------------------

def make_proposal(root: str | Path, name: str, base: str, files: dict[str, bytes | None], record: Record,
                  author: Person, onto: str = "HEAD", trailers: str = "") -> Made:
    """The proposal `name`: `files` (corpus paths -> new content, None to delete) on top of commit `base`,
    authored by `author`, replayed onto `onto` when `base` is older. The record's chapters, sections, base and
    conflicts are filled in here. Refused (UsageError) when the proposal exists or changes nothing."""
    store = Store(root)
    check_proposal_name(name)
    branch = PROPOSALS + name
    if store.branch_tip(branch):
        raise UsageError(f"a proposal named '{name}' exists already (branch proposal/{name}): choose another "
                         "--name, or see it with: sop amendments show " + name)
    base = store.resolve(base)
    target = store.resolve(onto)
    message = _message(record) + trailers
    draft = store.commit(base, files, message, author)
    record.chapters, record.sections, _ = touched(store, base, draft)
    if not record.sections and not record.comments:
        raise UsageError("the proposal changes nothing: its text is the same as the revision it starts from")
    record.base = base
    tip = store.commit(base, {**files, record_path(name): record.to_yaml().encode()}, message, author)
    replayed = False
    if target != base and store.merge_base(target, base) is not None:
        merged = store.merge(target, tip)
        if merged.clean:
            tip = store.commit_tree(merged.tree, (target, tip), f"Replay proposal {name} onto the current text\n\n"
                                    f"Made on {base[:10]}, merged onto {target[:10]}.", author)
            replayed = True
        else:
            record.conflicts = conflicts(store, base, target, tip, merged)
            tip = store.commit(base, {**files, record_path(name): record.to_yaml().encode()}, message, author)
    store.create_branch(branch, tip)
    return Made(Proposal(name, branch[len("refs/heads/"):], tip, record), replayed)


def _message(record: Record) -> str:
    first = record.rationale.strip().splitlines()[0] if record.rationale.strip() else "amendment"
    return f"Proposal {record.name}: {first[:60]}\n\nProposed by {record.proposer} ({record.source}).\n"


def conflicts(store: Store, base: str, current: str, proposed: str, merged: Merge) -> list[dict]:
    """Each section both lines of work changed, differently, in a file git could not merge: its three texts."""
    _, _, theirs = touched(store, base, proposed)
    _, _, ours = touched(store, base, current)
    in_conflict = [_section_prefix(store, (proposed, base), p) for p in merged.conflicts]
    found = []
    for key, (was, new) in theirs.items():
        conflicted = any(key.startswith(prefix) and key.endswith(suffix) for prefix, suffix in in_conflict)
        if conflicted and key in ours and ours[key][1] != new:
            found.append({"section": key, "base": was, "current": ours[key][1], "proposed": new})
    if not found:  # a conflict git found outside any one section: the files themselves
        found = [{"section": path, "base": "", "current": "", "proposed": ""} for path in merged.conflicts]
    return found


def _section_prefix(store: Store, commits: tuple[str, ...], path: str) -> tuple[str, str]:
    """How the sections of the file `path` are named in `touched` (`ch5#…`, `… (ar)`); a law's file is its own."""
    for commit in commits:
        chapter = chapter_at(store, commit, path)
        if chapter is not None:
            return f"{chapter.id or path}#", f"({chapter.lang})"
    return path, ""


# -- reading them ------------------------------------------------------------------------------------------------

def proposals(root: str | Path) -> list[Proposal]:
    """Every proposal of the repository, oldest first; a branch without a readable record is listed with a
    record that says so, never skipped."""
    store = Store(root)
    found = []
    for name, tip in store.proposal_branches().items():
        data = store.read(tip, record_path(name))
        if data is None:
            record = Record(name=name, proposer="(unknown)", date="", rationale="(no record on the branch: made "
                            "with git, e.g. a pull request)", source="pull-request")
            record.base = store.merge_base(tip, "HEAD") or ""
            record.chapters, record.sections, _ = touched(store, record.base, tip) if record.base else ([], [], {})
        else:
            record = Record.from_yaml(data, f"the record of proposal {name}")
        found.append(Proposal(name, (PROPOSALS + name)[len("refs/heads/"):], tip, record))
    return sorted(found, key=lambda p: (p.record.date, p.name))


def redline_base(root: str | Path, proposal: Proposal) -> str:
    """Where a proposal's own changes start: the revision it was replayed onto (its merge base with the branch
    checked out), or the revision it was made on when it could not be replayed. Comparing with that shows what
    the drafter changed and nothing the working group changed meanwhile."""
    return Store(root).merge_base(proposal.tip, "HEAD") or proposal.record.base or proposal.tip


def find(root: str | Path, name: str) -> Proposal:
    for p in proposals(root):
        if p.name == name:
            return p
    names = ", ".join(p.name for p in proposals(root)) or "none yet"
    raise UsageError(f"no proposal named '{show(name)}' (proposals: {names}); list them with: sop amendments list")


def open_proposals(root: str | Path) -> list[Proposal]:
    return [p for p in proposals(root) if p.record.status in OPEN]


def overlaps(root: str | Path, among: list[Proposal] | None = None) -> list[Overlap]:
    """Every pair of open proposals that change the same section, with the section's text at their common base
    and in each."""
    store = Store(root)
    among = open_proposals(root) if among is None else among
    changed = {}
    for p in among:
        changed[p.name] = touched(store, store.merge_base(p.tip, "HEAD") or p.base, p.tip)[2]
    found = []
    for i, a in enumerate(among):
        for b in among[i + 1:]:
            shared = [k for k in changed[a.name] if k in changed[b.name] and not k.startswith("laws/")]
            if not shared:
                continue
            common = store.merge_base(a.tip, b.tip) or a.base
            _, _, base_texts = touched(store, common, a.tip)
            for key in shared:
                base = base_texts.get(key, changed[a.name][key])[0]
                found.append(Overlap(a.name, b.name, key, base, (changed[a.name][key][1], changed[b.name][key][1])))
    return found


# -- deciding ------------------------------------------------------------------------------------------------------

def decide(root: str | Path, name: str, status: str, meeting: str | None = None, note: str = "",
           into: str | None = None, by: Person | None = None) -> Decision:
    """Record the working group's decision on proposal `name`; `accepted` also merges it into `into` (the branch
    checked out, else main). Refused, with nothing changed, when the proposal is decided already or no longer
    merges cleanly."""
    if status not in STATUSES[1:]:
        raise UsageError(f"a decision is one of {', '.join(STATUSES[1:])}, not '{show(status)}'")
    store = Store(root)
    proposal = find(root, name)
    if not proposal.record.is_open:
        raise UsageError(f"proposal {name} was {proposal.record.status} already"
                         f"{' at ' + proposal.record.meeting if proposal.record.meeting else ''}: a decided "
                         "proposal is not decided again; make a new proposal for a new change")
    target = into or store.head_branch() or "main"
    target_tip = store.branch_tip(f"refs/heads/{target}")
    if status == "accepted":
        if target_tip is None:
            raise UsageError(f"no branch '{show(target)}' to accept the proposal into: name it with --into")
        merged = store.merge(target_tip, proposal.tip)
        if not merged.clean:
            found = conflicts(store, store.merge_base(target_tip, proposal.tip) or proposal.base, target_tip,
                              proposal.tip, merged)
            raise UsageError(f"proposal {name} no longer merges cleanly into {target}: "
                             f"{', '.join(c['section'] for c in found)} changed there since it was made. Nothing "
                             "was changed. Decide between the texts (sop amendments show " + name + "), then "
                             "propose the merged text again")
    record = replace(proposal.record, status=status, meeting=meeting, decided=today(), note=note,
                     decided_by=str(by) if by else store.ident("COMMITTER") or "sop")
    tip = store.commit(proposal.tip, {record_path(name): record.to_yaml().encode()},
                       f"Proposal {name}: {status}{' at ' + meeting if meeting else ''}\n\n{note}".strip() + "\n",
                       by)
    merged_commit = None
    if status == "accepted":
        merged_commit = _merge_into(store, target, target_tip, tip, name, record)
    store.move_branch("refs/heads/" + proposal.branch, tip, proposal.tip)
    decided = Proposal(name, proposal.branch, tip, record)
    rechecked = tuple(recheck(root, decided, target)) if merged_commit else ()
    return Decision(decided, merged_commit, rechecked)


def _merge_into(store: Store, target: str, target_tip: str, tip: str, name: str, record: Record) -> str:
    """Merge the decided proposal into `target` with a merge commit. A target checked out here is merged by
    `git merge` itself, which also updates the files on disk (refused when they hold changes of their own); any
    other branch is moved with update-ref."""
    message = (f"Accept proposal {name} ({record.proposer})" + (f" at {record.meeting}" if record.meeting else "")
               + f"\n\n{record.rationale}".rstrip() + "\n")
    merged = store.merge(target_tip, tip)
    if store.head_branch() == target:
        touched_paths = store.changed_paths(target_tip, merged.tree)
        dirty = store.dirty(touched_paths)
        if dirty:
            raise UsageError(f"the working tree has changes of its own in {', '.join(show(d) for d in dirty)}, "
                             f"which the accepted text would overwrite: commit or put them aside, then accept "
                             "again. The decision was not recorded")
        store.git("merge", "--no-ff", "--no-edit", "-m", message, tip, doing=f"merge proposal {name}")
        return store.resolve("HEAD")
    commit = store.commit_tree(merged.tree, (target_tip, tip), message, None)
    store.move_branch(f"refs/heads/{target}", commit, target_tip)
    return commit


def recheck(root: str | Path, accepted: Proposal, target: str) -> list[Recheck]:
    """The other open proposals that share a section with `accepted`, merged again with `target` as it is now:
    whether each still applies, and the files that would conflict."""
    store = Store(root)
    tip = store.branch_tip(f"refs/heads/{target}")
    mine = set(accepted.record.sections)
    checked: dict = {}  # the accepted text is checked once, however many proposals share its sections
    found = []
    for other in open_proposals(root):
        if other.name == accepted.name:
            continue
        shared = tuple(s for s in other.record.sections if s in mine)
        if not shared:
            continue
        merged = store.merge(tip, other.tip)
        findings = ()
        if merged.clean:  # checked as a trial merge: an unnamed commit, never on a branch
            trial = store.commit_tree(merged.tree, (tip,), "sop: trial merge for a re-check (on no branch)", None)
            findings = new_findings(root, tip, trial, checked=checked)
        found.append(Recheck(other.name, merged.clean, merged.conflicts, shared, findings))
    return found


def new_findings(root: str | Path, before: str, after: str, paths: set[str] | None = None,
                 checked: dict | None = None) -> tuple[str, ...]:
    """What `sop check` finds at revision `after` and not at `before` (the same file, code and message), in
    `paths` when given, each as a report line; `checked` keeps each revision's findings between calls."""
    from ..check import check

    checked = {} if checked is None else checked
    for rev in (before, after):
        if rev not in checked:
            checked[rev] = check(root, rev).report.diagnostics
    known = {(d.path, d.code, d.message) for d in checked[before]}
    return tuple(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity.value}: {d.message}" for d in checked[after]
                 if (d.path, d.code, d.message) not in known and (not paths or d.path in paths))


def changed_words(old: str, new: str, context: int = 40) -> str:
    """The changes from `old` to `new` word by word, `[-deleted-] {+inserted+}`, with a little text around
    each: what a conflict or an overlap shows of each side."""
    from ..redline.words import tokenize, word_ops

    parts = []
    ops = word_ops(tokenize(old), tokenize(new))
    for k, op in enumerate(ops):
        if op.op == "equal":
            text = " ".join(op.old.split())
            first, last = k == 0, k == len(ops) - 1
            if len(text) > 2 * context + 5:
                head = "" if first else text[:context]
                tail = "" if last else text[-context:]
                text = f"{head} … {tail}".strip()
            parts.append(text)
            continue
        if op.old.strip():
            parts.append(f"[-{' '.join(op.old.split())}-]")
        if op.new.strip():
            parts.append(f"{{+{' '.join(op.new.split())}+}}")
    return " ".join(p for p in parts if p).strip() or "(no change)"
