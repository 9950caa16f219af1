"""What a published page may load and run: a Content-Security-Policy in every page, and a last look at the
markup the text produced.

The policy is a `<meta http-equiv>` in the page (the site is static: it may be served by any server, or opened
from a folder, where no header can be set). Scripts, styles, fonts, images and the search worker come from
the site only; no plugin, object or frame of another site; no inline script except the theme's own, each
allowed by its SHA-256 hash (Material's templates have a few: the palette and the local-storage helpers), so a
`<script>` or an `onerror=` that reached a page some other way does not run. The hashes are taken from the page
with its content (the text's HTML) cut out: a script in the text is never allowed by them.

The check of the rendered text (`markup_problems`) is the second line behind `sop check` (V013, V014): the
check reads the text as CommonMark, the site renders it with Python-Markdown, and the two disagree on corner
cases. Whatever the renderer made of the text, a page whose content holds a script, an element that loads or
runs something, an event handler or a link to another scheme is reported, and the build fails.

Example:
    >>> page = "<html><head><meta charset=utf-8><script>x=1</script></head><body>TEXT</body></html>"
    >>> "sha256-" in with_policy(page, "TEXT")
    True
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

# Python-Markdown's tables write a column's alignment as a style attribute: these three, and no other, may stand.
TABLE_ALIGNMENT = ("text-align: left;", "text-align: right;", "text-align: center;")
ALLOWED_SCHEMES = ("https", "mailto")  # law: and sop: are made into the site's own links by the plugin

_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")
# Elements the text has no business making: they run, load or embed something, or change how the page is read.
# (Inline SVG, the site's own pictures, and the task list's check boxes are fine: a script or a handler inside them
# is found as anywhere else.)
_FORBIDDEN = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "meta", "base",
              "form", "template", "portal", "noscript", "foreignobject"}
_LINK_ATTRIBUTES = {"href", "cite", "longdesc"}  # followed only when the reader chooses to
# Fetched as the page loads: from the site only, whatever the scheme (an https image elsewhere tells its site who
# reads what, and is missing offline).
_LOAD_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "action", "formaction", "xlink:href", "ping",
                    "manifest", "codebase", "usemap", "imagesrcset"}


def policy(page: str) -> str:
    """The Content-Security-Policy for `page` (its inline scripts allowed by hash)."""
    scripts = sorted({_sha256(body) for attributes, body in _INLINE_SCRIPT.findall(page)
                      if _executable(attributes) and "src=" not in attributes.lower()})
    styles = " ".join(f"'{_sha256(s)}'" for s in TABLE_ALIGNMENT)
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'" + "".join(f" '{h}'" for h in scripts),
        f"style-src 'self' 'unsafe-hashes' {styles}",
        "img-src 'self' data:",  # the theme's icons are data: SVGs in its stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "frame-src 'self'",  # the search worker runs in a frame of the site when the copy is opened from a folder
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(output: str, content: str = "") -> str:
    """The page `output` with its Content-Security-Policy as the first thing its <head> says after the charset;
    the inline scripts of `content` (the text's HTML, found in the page) are not allowed by hash."""
    theme_only = output.replace(content, "") if content else output
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme_only)}">'
    charset = _CHARSET.search(output)
    if charset:
        return output[:charset.end()] + meta + output[charset.end():]
    head = _HEAD.search(output)
    if head:
        return output[:head.end()] + meta + output[head.end():]
    return output


def markup_problems(content: str) -> list[str]:
    """What in `content` (a page's HTML made from the text) would run, load or embed something, or lead to a
    scheme other than https and mailto (links within the site have none)."""
    finder = _Finder()
    finder.feed(content)
    finder.close()
    return finder.problems


def url_problem(url: str) -> str:
    """Why a page may not link to `url`, or '' when it may (https, mailto, or within the site)."""
    url = _URL_NOISE.sub("", url).lstrip("\x00- ")
    m = _SCHEME.match(url)
    if m:
        return "" if m.group(1).lower() in ALLOWED_SCHEMES else f"a link to the scheme '{m.group(1).lower()}:'"
    if re.match(r"[/\\]{2}", url):
        return "a link to another site without a scheme (//host)"
    return ""


def _from_site(url: str) -> bool:
    """A URL without a scheme or a host: a file of the site."""
    url = _URL_NOISE.sub("", url).lstrip("\x00- ")
    return not _SCHEME.match(url) and not re.match(r"[/\\]{2}", url)


def _executable(attributes: str) -> bool:
    m = re.search(r"""\btype\s*=\s*["']?([^"'\s>]*)""", attributes, re.I)
    return (m.group(1).lower() if m else "") in _SCRIPT_TYPES


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _FORBIDDEN:
            self.problems.append(f"a <{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"an event handler {name}= on <{tag}>")
            elif name == "style" and value.strip() not in TABLE_ALIGNMENT:
                self.problems.append(f"a style attribute on <{tag}>")
            elif name in _LINK_ATTRIBUTES:
                problem = url_problem(value)
                if problem:
                    self.problems.append(f"{problem} in {name}= of <{tag}>: {value.strip()[:60]}")
            elif name in _LOAD_ATTRIBUTES:
                for url in re.split(r"[,\s]+", value) if name in ("srcset", "imagesrcset", "ping") else [value]:
                    if not _from_site(url):
                        self.problems.append(f"{name}= of <{tag}> loads from outside the site: {url.strip()[:60]}")

    handle_startendtag = handle_starttag
