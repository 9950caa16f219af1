"""A working group's history for the redline tests: the bundled corpus as draft wg-1, then commits by three
members and a draft wg-2, then a draft wg-3 that only changes how two files are encoded.

One shared repository for the diff, Word and blame tests (tests/test_redline_history.py), and the pair of drafts
the golden redlines are made from. Each edit names the text it replaces, so that a change to the bundled corpus
that removes it fails here, clearly, rather than quietly testing nothing.
"""

from __future__ import annotations

from pathlib import Path

import git

from hostile import copy_corpus

EN, AR, CKB = "sop/05-investigation.md", "sop/05-investigation.ar.md", "sop/05-investigation.ckb.md"
LAW = "laws/iq/law-28-2012/en.md"
SECRETARIAT = git.Actor("Working Group Secretariat", "secretariat@example.org")

# (author, message, [(path, old text, new text)]): each commit of the history between wg-1 and wg-2
COMMITS = [
    (git.Actor("Rana Aziz", "rana@example.org"), "Chapter 5: preventive approach and the lawyer check", [
        (EN, "| proactive | intelligence, analysis, inspections | lawfulness of covert methods |\n",
         "| proactive | intelligence, analysis, inspections | lawfulness of covert methods |\n"
         "| preventive | a pattern found in labour inspections | warning suspects before evidence is secured |\n"),
        (EN, "- [ ] every child has been referred to child protection;\n",
         "- [ ] every child has been referred to child protection;\n"
         "- [ ] every victim has been told, in their language, of the right to a lawyer;\n"),
        (EN, "Never delay bringing a suspect before the judge.",
         "Never delay bringing a suspect before the judge, even at night or on a holiday."),
    ]),
    (git.Actor("Karwan Ahmed", "karwan@example.org"), "Chapter 5 (ar, ckb): witnesses and the informer", [
        (CKB, "لێدوانی شایەتە فەرمییەکان بەو تۆمارانەوە دەبەسترێتەوە کە لە کاتی خۆیدا نووسیویانن.",
         "لێدوانی شایەتە فەرمییەکان بەو تۆمارانەوە دەبەسترێتەوە کە لە کاتی خۆیدا نووسیویانن، "
         "و کۆپییەکیان دەخرێتە دۆسیەکەوە."),
        # the informer's paragraph moves from "No coercion" to "The 24-hour rule", edited on the way
        (AR, "\n\nوقد يُعفى من العقوبة", "\n\nMOVED-AR وقد يُعفى من العقوبة"),
    ]),
    (git.Actor("Layla Hassan", "layla@example.org"), "Chapter 5: no threats; Law 28 Article 6 amended", [
        (EN, "### No coercion {#suspect-no-coercion}", "### No coercion or threats {#suspect-no-threats}"),
        (LAW, "the offender was a public official or a person charged with a public service;",
         "the offender was a public official, a member of the security forces, or a person charged with a "
         "public service;"),
    ]),
]


def _move_arabic(text: str) -> str:
    """The paragraph marked MOVED-AR cut from its section and put after the 24-hour rule, edited."""
    start = text.index("MOVED-AR ")
    end = text.index("\n\n", start)
    paragraph = text[start + len("MOVED-AR "):end].replace("والمحكمة وحدها هي التي تقرر ذلك.",
                                                            "والمحكمة وحدها هي التي تقرر الإعفاء أو التخفيف.")
    text = text[:start - 2] + text[end:]
    anchor = text.index("### حظر الإكراه")
    return text[:anchor] + paragraph + "\n\n" + text[anchor:]


def make_history(tmp: Path) -> Path:
    """The repository: wg-1 (the bundled corpus), three members' commits, wg-2, and wg-3 (encodings only)."""
    root = copy_corpus(tmp / "wg")
    repo = git.Repo.init(root, initial_branch="main")
    _commit.day = 0
    _commit(repo, SECRETARIAT, "Working group meeting 1", tag="wg-1")
    for author, message, edits in COMMITS:
        for path, old, new in edits:
            file = root / path
            text = file.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{path} no longer holds {old[:60]!r} once: update tests/redline_history.py"
            text = text.replace(old, new)
            if "MOVED-AR" in text:
                text = _move_arabic(text)
            file.write_bytes(text.encode("utf-8"))
        _commit(repo, author, message)
    _commit(repo, SECRETARIAT, "Working group meeting 2", tag="wg-2", allow_empty=True)
    en = root / "sop/01-general-provisions.md"
    en.write_bytes(en.read_bytes().replace(b"\n", b"\r\n"))
    ar = root / "sop/01-general-provisions.ar.md"
    ar.write_bytes(b"\xef\xbb\xbf" + ar.read_bytes())
    _commit(repo, SECRETARIAT, "Working group meeting 3: files saved on Windows", tag="wg-3")
    return root


def _commit(repo: git.Repo, author: git.Actor, message: str, tag: str | None = None, allow_empty=False) -> None:
    """A commit by `author` (the secretariat commits and tags), one day after the last: dates fixed, so that the
    golden redlines, which name who made each change and when, come out the same on every run."""
    _commit.day = getattr(_commit, "day", 0) + 1
    when = f"2026-11-{_commit.day:02d}T10:00:00Z"
    repo.git.update_environment(GIT_AUTHOR_NAME=author.name, GIT_AUTHOR_EMAIL=author.email,
                                GIT_COMMITTER_NAME=SECRETARIAT.name, GIT_COMMITTER_EMAIL=SECRETARIAT.email,
                                GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    repo.git.add(A=True)
    repo.git.commit("-m", message, *(["--allow-empty"] if allow_empty else []))
    if tag:
        repo.git.tag("-a", tag, "-m", message)


def critic_problems(body: str) -> list[str]:
    """What is wrong with a CriticMarkup redline as the site's Markdown (with pymdownx.critic) renders it: a mark
    opened in one paragraph, cell, item or heading and closed in another, or a heading id left as text."""
    import re

    import markdown

    # the site's extensions (mkdocs.yml, and MkDocs' own: toc, tables, fenced_code) with pymdownx.critic
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html", "pymdownx.tasklist",
                                       "pymdownx.critic"],
                           extension_configs={"pymdownx.critic": {"mode": "view"}})
    page = md.convert(body)
    problems = []
    for block in re.split(r"</?(?:p|li|td|th|h\d|ul|ol|table|tr|pre)\b[^>]*>", page):
        for tag in ("ins", "del", "span"):
            if block.count(f"<{tag}") != block.count(f"</{tag}>"):
                problems.append(f"<{tag}> not closed where it opens: {block[:200]}")
    if "{#" in re.sub(r"<code[^>]*>.*?</code>", "", page, flags=re.S):
        problems.append("a heading id shown as text")
    return problems
