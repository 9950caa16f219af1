"""Safe to publish: no raw HTML and no other link schemes in the text (V013, V014), a Content-Security-Policy on
every page, nothing loaded from outside the site, and builds that fail (writing nothing) on any of it.

The check's cases read the text as `sop check` does; the built-site cases read the pages `sop build` wrote for the
bundled corpus (one build for the module); the hostile cases run `sop build` and `mkdocs build --strict` in the
sandbox (the bundled corpus in a git repository) and assert the exit code, the message, and that no corpus byte
changed.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from conftest import REPO, findings
from hostile import CH5
from sopkit.check import check
from sopkit.model import TextFile
from sopkit.publishable import scan_markup
from sopkit.site.policy import markup_problems, policy, with_policy

LAW28_EN = "laws/iq/law-28-2012/en.md"


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in scan_markup(TextFile("sop/05-x.md", text, "en"))]


# -- raw HTML in the text is refused, at its line and column (V013) -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("a <span onclick=x>b</span>\n", [("V013", 1, 3)]),  # one finding per element, not per tag
    ("para\n\n<div>\nx\n</div>\n", [("V013", 3, 1)]),
    ("| a | b |\n|---|---|\n| <b>x</b> | y |\n", [("V013", 3, 3)]),
    ("> quoted <img src=x onerror=alert(1)>\n", [("V013", 1, 10)]),
    ("x \\<script>alert(1)\n", [("V013", 1, 3)]),
    ("See <b/onmouseover=alert(1)> here.\n", [("V013", 1, 5)]),  # malformed to CommonMark, an element to the site
    ('para\n{: onclick="alert(1)" }\n', [("V013", 2, 1)]),  # attr_list would write the attribute
    ('## Scope {#scope onmouseover="x"}\n', [("V013", 1, 10)]),
    ("<!-- a --!> <script>x</script> -->\n", [("V013", 1, 1)]),  # browsers end a comment at --!>
    ("<!-- note --> <script>alert(1)</script>\n", [("V013", 1, 1)]),
    ("> " * 120 + "<script>x</script>\n", [("V013", 1, 241), ("V013", 1, 250)]),  # deeper than the parser goes
])
def test_raw_html_is_refused(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    "a <!-- a drafter's note --> b\n\n<!-- a note on its own -->\n",
    "Write `TIP-<governorate>-<year>` as the number.\n",
    "    <b>indented code</b>\n",
    "```\n<b>fenced code</b>\n```\n",
    "Write a \\< b, or 3 &lt; 4.\n",
    "## Scope {#scope .wide}\n",
])
def test_what_is_not_raw_html_passes(text):
    assert codes(text) == []


def test_front_matter_keeps_the_file_lines():
    text = "---\nid: ch5\ntitle: X\n---\n\nText <b>bold</b>.\n"
    assert codes(text) == [("V013", 6, 6)]


# -- links only to https, mailto, law:, sop: and the site (V014) --------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("[x](http://example.org)\n", [("V014", 1, 5)]),
    ("[x](javascript:alert(1))\n", [("V014", 1, 5)]),
    ("[x](JavaScript:alert(1))\n", [("V014", 1, 5)]),
    ("text\n\n[x](jav&#x61;script:alert(1))\n", [("V014", 3, 1)]),  # entities decoded, as a browser does
    ("[x](java&#9;script:alert(1))\n", [("V014", 1, 1)]),  # a tab inside the scheme: browsers drop it
    ("<javascript:alert(1)>\n", [("V014", 1, 2)]),
    ("[x]\n\n[x]: vbscript:msgbox\n", [("V014", 3, 6)]),
    ("![chart](data:image/png;base64,AAAA)\n", [("V014", 1, 10)]),
    ("[x](file:///etc/passwd)\n", [("V014", 1, 5)]),
    ("<ftp://example.org/x>\n", [("V014", 1, 2)]),
    ("[x](//evil.example/a)\n", [("V014", 1, 5)]),
    ("![logo](https://example.org/logo.png)\n", [("V014", 1, 9)]),  # an image from elsewhere: a request out
])
def test_other_schemes_are_refused(text, expected):
    assert codes(text) == expected


def test_https_mailto_law_sop_and_the_site_pass():
    text = ("[a](https://example.org) [b](mailto:unit@example.org) [c](law:iq/law-28-2012#6) [d](sop:scope) "
            "[e](../05-investigation/#scope) [f](#scope) ![g](assets/chart.png) <https://example.org>\n")
    assert codes(text) == []


def test_the_bundled_corpus_is_clean():
    found = [d for d in check(REPO).report.diagnostics if d.code in ("V013", "V014")]
    assert found == []


def test_law_texts_are_checked_too(corpus_dir):
    from conftest import LAW_EN

    root = corpus_dir({"laws/iq/law-9-2000/en.md": LAW_EN.replace("Text of Article 1.", "Text <u>of</u> it.")})
    assert ("V013", "laws/iq/law-9-2000/en.md", 5, 6) in findings(root)


# -- the Content-Security-Policy ----------------------------------------------------------------------------

def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_policy_allows_the_theme_scripts_by_hash_and_not_the_text_ones():
    page = ("<html><head><meta charset=utf-8><script>theme()</script></head><body><article>"
            "<p>text</p><script>evil()</script></article><script id=c type=application/json>{}</script></body></html>")
    content = "<p>text</p><script>evil()</script>"
    out = with_policy(page, content)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', out).group(1)
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert _sha("theme()") in script_src
    assert _sha("evil()") not in script_src
    assert _sha("{}") not in script_src  # JSON is data, not a script
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert out.index("Content-Security-Policy") < out.index("<script>")


@pytest.mark.parametrize("content, problem", [
    ("<p><script>x()</script></p>", "a <script> element"),
    ("<p><img src=x onerror=alert(1)></p>", "event handler onerror="),
    ('<p><a href="javascript:alert(1)">x</a></p>', "scheme 'javascript:'"),
    ('<p><a href="http://example.org">x</a></p>', "scheme 'http:'"),
    ('<p><img src="https://example.org/a.png"></p>', "loads from outside the site"),
    ('<p><iframe src="../x.html"></iframe></p>', "a <iframe> element"),
    ('<p style="background:url(https://example.org/t)">x</p>', "a style attribute"),
    ('<svg><a xlink:href="https://example.org/x"><text>t</text></a></svg>', "loads from outside the site"),
])
def test_rendered_text_that_would_run_or_load_something_is_found(content, problem):
    assert any(problem in p for p in markup_problems(content)), markup_problems(content)


def test_rendered_text_of_the_site_passes():
    content = ('<p><a href="https://example.org">x</a> <a href="../laws/iq/law-28-2012/#6">y</a>'
               '<bdi lang="en" dir="ltr">z</bdi></p><table><tr><th style="text-align: left;">a</th></tr></table>'
               '<ul><li class="task-list-item"><input type="checkbox" disabled></li></ul><svg><rect/></svg>')
    assert markup_problems(content) == []


def test_policy_names_no_other_site():
    csp = policy("")
    assert "http" not in csp and "*" not in csp and "object-src 'none'" in csp


# -- the built site ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site  # the bundled corpus built once for the session (conftest.py): read, never changed


def _pages(root: Path):
    for path in sorted(root.rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")


def test_every_page_has_a_policy_before_any_script_and_every_inline_script_is_allowed(site):
    for path, text in _pages(site):
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        assert len(metas) == 1, path
        assert text.index("Content-Security-Policy") < text.find("<script"), path
        script_src = next(d for d in metas[0].split("; ") if d.startswith("script-src"))
        assert "unsafe-inline" not in script_src, path
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            if "src=" in attributes or "application/json" in attributes:
                continue
            assert _sha(body) in script_src, (path, body[:60])


_LOADS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "video": "src",
          "audio": "src", "embed": "src", "object": "data", "track": "src", "image": "href", "use": "href"}
_CSS_URL = re.compile(r"""(?:@import\s+|url\(\s*)["']?([^"')\s]+)""")


def test_no_page_loads_anything_from_outside_the_site(site):
    outside = []
    for path, text in _pages(site):
        tree = lxml.html.fromstring(text)
        for element in tree.iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            attribute = _LOADS.get(tag.split("}")[-1])
            if tag == "link" and (element.get("rel") or "") in ("canonical", "alternate", "prev", "next"):
                continue  # not fetched
            if attribute and re.match(r"\s*(https?:)?//", element.get(attribute) or ""):
                outside.append((path.name, tag, element.get(attribute)))
            if element.get("srcset") and re.search(r"(https?:)?//", element.get("srcset")):
                outside.append((path.name, tag, element.get("srcset")))
            if element.get("style") and _CSS_URL.search(element.get("style")):
                outside.append((path.name, tag, element.get("style")))
        for css in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S):
            outside += [(path.name, "style", u) for u in _CSS_URL.findall(css) if re.match(r"(https?:)?//", u)]
    for css in site.rglob("*.css"):
        outside += [(css.name, "css", u) for u in _CSS_URL.findall(css.read_text(encoding="utf-8"))
                    if re.match(r"(https?:)?//", u)]
    assert outside == []


def test_links_out_of_the_site_are_https_only(site):
    for path, text in _pages(site):
        for href in lxml.html.fromstring(text).xpath("//a/@href"):
            scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", href)
            assert scheme is None or scheme.group(1) in ("https", "mailto"), (path, href)
            assert not href.startswith("//"), (path, href)


# -- sop build and mkdocs build --strict fail on the new codes, writing nothing -----------------------------

@pytest.mark.parametrize("text, code, line", [
    ("See <img src=x onerror=alert(1)> here.", "V013", 9),
    ("See [the guide](http://example.org/guide).", "V014", 9),
    ("See [here](javascript:alert(document.cookie)).", "V014", 9),
])
def test_build_refuses_unsafe_text_and_writes_nothing(sandbox, text, code, line):
    ch5 = sandbox.root / CH5
    lines = ch5.read_text(encoding="utf-8").split("\n")
    lines.insert(line - 1, text + "\n")
    ch5.write_text("\n".join(lines), encoding="utf-8")
    sandbox.snapshot()
    r = sandbox.sop("build", "-o", "public")
    assert r.code == 1, r.both
    assert f"{CH5}:{line}:" in r.both and code in r.both
    assert not (sandbox.root / "public").exists()
    sandbox.assert_corpus_unchanged()


def test_build_refuses_a_tag_only_the_site_reads_as_html(sandbox):
    # CommonMark reads `<b/onmouseover=...>` as text; the site's Python-Markdown (and a browser) as an element
    # with an event handler. The check reads it as the site does.
    ch5 = sandbox.root / CH5
    ch5.write_text(ch5.read_text(encoding="utf-8") + "\nSee <b/onmouseover=alert(1)> here.\n", encoding="utf-8")
    line = ch5.read_text(encoding="utf-8").count("\n")
    sandbox.snapshot()
    r = sandbox.sop("build", "-o", "public")
    assert r.code == 1, r.both
    assert f"{CH5}:{line}:5: V013" in r.both
    assert not (sandbox.root / "public").exists()
    sandbox.assert_corpus_unchanged()


def test_mkdocs_strict_fails_with_file_and_line(sandbox, tmp_path):
    shutil.copy(REPO / "mkdocs.yml", sandbox.root / "mkdocs.yml")
    ch5 = sandbox.root / CH5
    ch5.write_text(ch5.read_text(encoding="utf-8") + "\nSee [x](http://example.org).\n", encoding="utf-8")
    line = ch5.read_text(encoding="utf-8").count("\n")
    sandbox.snapshot()
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                       cwd=sandbox.root, capture_output=True, text=True, timeout=600)
    assert r.returncode == 1, r.stdout + r.stderr
    log = r.stdout + r.stderr
    assert f"{CH5}:{line}:9: V014 error" in log
    assert "Aborted with" in log and "in strict mode" in log
    sandbox.assert_corpus_unchanged()
