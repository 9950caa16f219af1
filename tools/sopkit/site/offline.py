"""The site without a connection: a service worker for readers who have visited it once, and a copy to download
and open from a folder (file://).

**Service worker** (`sw.js` at the site's root, registered by assets/javascripts/offline.js on every page). On
its first visit a page caches the theme's files and the search index; once the page has loaded, every page of
the reader's language is fetched into the cache, in the background, unless the browser says the reader saves
data (then each page is kept as it is read). Measured on the bundled corpus: a language is 19-20 pages, about
1 MB of HTML (about 185 KB as servers usually compress it), the theme and search about 1.8 MB (about 310 KB
compressed). The first page alone costs about 80 KB compressed, so the whole language costs about three times
what the first page did, once, and then every chapter and law opens on a phone that has lost its connection.
Within one build nothing changes, so the cache answers first; `VERSION` is a hash of every file the build
wrote, so a new build installs a new worker, which fetches the new files and deletes the old caches.

**Downloadable copy** (`sop build` puts it in the site as download/<name>.zip, linked from the home page of
each language): the same site built with `use_directory_urls: false`, so that links name files
(`05-investigation.html#5.3`) and work from a folder; the search index as a script (browsers refuse to fetch
JSON from file://), and the search worker run in a frame of the page (assets/javascripts/frame-worker.js:
browsers refuse `new Worker()` from file://). The zip is byte-identical for the same revision: entries sorted,
dated from SOURCE_DATE_EPOCH, with fixed permissions.

Example:
    >>> write_service_worker(Path("site"), {"en": "", "ar": "ar/", "ckb": "ckb/"})
    PosixPath('site/sw.js')
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
import zipfile
from pathlib import Path, PurePosixPath

SERVICE_WORKER = "sw.js"
REGISTER = "assets/javascripts/offline.js"  # in overrides/: registers the worker, asks for the language's pages
FRAME_WORKER = "assets/javascripts/frame-worker.js"  # in overrides/: the search worker in a frame, under file://
PRINT = "assets/stylesheets/print.css"  # in overrides/: how a page prints
DOWNLOAD_FOLDER = "download"
DOWNLOAD_NAME = "sop-offline"  # download/sop-offline.zip; inside it, the folder sop-offline/ with index.html
SEARCH_JSON = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"  # what Material's bundle loads instead of the JSON under file://

# Not cached ahead: source maps (for developers), the zip itself, the sitemap (for search engines), the lunr
# language files the search index is not configured with (its own are: the worker imports them on every page).
_NOT_AHEAD = (".map", ".zip", ".gz")
_NOT_AHEAD_FILES = ("sitemap.xml", SERVICE_WORKER, SEARCH_SCRIPT)  # the script: for file:// only
# The print edition's PDFs (printed.py) are megabytes a reader fetches when asked, never ahead.
_NOT_AHEAD_FOLDERS = ("assets/javascripts/lunr/", "print/")
# Not in the downloadable copy: what works only from a server, or serves no reader.
_NOT_IN_COPY = (".map", ".zip", ".gz")
_NOT_IN_COPY_FILES = ("sitemap.xml", SERVICE_WORKER, "404.html")  # 404: a server's page, addresses from its root


def configure(config) -> None:
    """The site's offline and print files in the mkdocs configuration: the print stylesheet, the script that
    registers the service worker, and the search worker's frame shim (a polyfill: it must run before Material's
    bundle creates the worker)."""
    if PRINT not in config.extra_css:
        config.extra_css.append(PRINT)
    if REGISTER not in config.extra_javascript:
        config.extra_javascript.append(REGISTER)
    polyfills = config.extra.setdefault("polyfills", [])
    if FRAME_WORKER not in polyfills:
        polyfills.append(FRAME_WORKER)


def download_file(config, content: bytes):
    """The downloadable copy as a file of the site (so that the home pages' links to it resolve)."""
    from mkdocs.structure.files import File

    return File.generated(config, download_path(), content=content)


def download_note(lang: str, page_src: str, size: int) -> str:
    """Markdown for the home page `page_src`: a notice that links to the downloadable copy of `size` bytes."""
    from mkdocs.utils import get_relative_url

    from .pages import admonition_markdown
    from .strings import say
    from .text import markdown_text

    megabytes = size_words(lang, size)
    link = f"[{markdown_text(say(lang, 'download', 'link'))}]({get_relative_url(download_path(), page_src)})"
    body = f"{markdown_text(say(lang, 'download', 'text', size=megabytes))} {link}"
    return "\n".join(["", *admonition_markdown("info", say(lang, "download", "title"), body)])


def size_words(lang: str, size: int) -> str:
    """A file's size for a reader of `lang`: "1.7 MB", in the language's digits (never less than 0.1)."""
    from ..labels import numerals
    from .strings import say

    return say(lang, "download", "size", n=numerals(f"{max(size / 1_000_000, 0.1):.1f}", lang))


def site_files(site: Path) -> list[str]:
    """Every file of the built site, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def version(site: Path, files: list[str]) -> str:
    """A hash of the paths and bytes of `files`: another build, another version."""
    h = hashlib.sha256()
    for rel in files:
        h.update(rel.encode("utf-8") + b"\0" + hashlib.sha256((site / rel).read_bytes()).digest())
    return h.hexdigest()[:16]


def manifest(files: list[str], folders: dict[str, str], directory_urls: bool = True,
             search_languages: list[str] = ("en",)) -> tuple[list[str], dict]:
    """The shared files (theme, search, pictures) and each language's pages, as URLs relative to the root.

    `folders` maps a language to its folder in the site ("" for the default language, "ar/", "ckb/").
    """
    shared: list[str] = [f for f in search_scripts(search_languages) if f in files]
    pages: dict[str, list[str]] = {lang: [] for lang in folders}
    by_depth = sorted(folders.items(), key=lambda item: -len(item[1]))  # "ar/" before ""
    for rel in files:
        if rel.endswith(_NOT_AHEAD) or rel in _NOT_AHEAD_FILES or rel.startswith(_NOT_AHEAD_FOLDERS):
            continue
        if not rel.endswith(".html") or rel == "404.html":
            shared.append(rel)
            continue
        lang = next(lang for lang, folder in by_depth if rel.startswith(folder))
        pages[lang].append(_page_url(rel) if directory_urls else rel)
    return shared, pages


def write_service_worker(site: Path, folders: dict[str, str], directory_urls: bool = True) -> Path:
    """Write sw.js at the root of the built site `site` (every other file written already)."""
    files = [f for f in site_files(site) if f != SERVICE_WORKER]
    shared, pages = manifest(files, folders, directory_urls, _index_languages(site))
    data = json.dumps({"version": version(site, files), "shared": shared, "pages": pages},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path = site / SERVICE_WORKER
    path.write_text(_WORKER.replace("/*MANIFEST*/null", data), encoding="utf-8")
    return path


def search_scripts(languages: list[str]) -> list[str]:
    """The lunr files Material's search worker imports for the index's `languages` (as its setup does)."""
    base = "assets/javascripts/lunr"
    extra = [f"{base}/tinyseg.js" for lang in languages if lang == "ja"]
    extra += [f"{base}/wordcut.js" for lang in languages if lang in ("hi", "th")]
    extra += [f"{base}/min/lunr.{lang}.min.js" for lang in languages if lang != "en"]
    extra += [f"{base}/min/lunr.multi.min.js"] if len(languages) > 1 else []
    return [f"{base}/min/lunr.stemmer.support.min.js", *extra] if extra else []


def _index_languages(site: Path) -> list[str]:
    try:
        return list(json.loads((site / SEARCH_JSON).read_text(encoding="utf-8"))["config"]["lang"])
    except (OSError, ValueError, KeyError, TypeError):
        return ["en"]


def write_search_script(site: Path) -> None:
    """search/search_index.js from the JSON index, as Material's bundle loads it under file://, unless the
    site's search (search.py) wrote it already."""
    source, script = site / SEARCH_JSON, site / SEARCH_SCRIPT
    if source.is_file() and not script.is_file():
        script.write_text("var __index = " + source.read_text(encoding="utf-8"), encoding="utf-8")


def zip_copy(site: Path, name: str = DOWNLOAD_NAME) -> bytes:
    """The site built for file:// as a zip whose files stand in the folder `name`/ (byte-identical for the same
    files and SOURCE_DATE_EPOCH)."""
    write_search_script(site)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # default: 1980-01-01, zip's first date
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for rel in site_files(site):
            if rel.endswith(_NOT_IN_COPY) or rel in _NOT_IN_COPY_FILES:
                continue
            info = zipfile.ZipInfo(f"{name}/{rel}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            archive.writestr(info, (site / rel).read_bytes(), compresslevel=9)
    return buffer.getvalue()


def download_path() -> str:
    return f"{DOWNLOAD_FOLDER}/{DOWNLOAD_NAME}.zip"


def _page_url(rel: str) -> str:
    path = PurePosixPath(rel)
    if path.name == "index.html":
        return "" if str(path.parent) == "." else f"{path.parent}/"
    return rel


# The service worker. Plain ES2017, no library. Cache first: within one version every file is what the server
# has; anything not in the cache goes to the network and is kept. Only this site's own GET requests are
# answered; a request elsewhere is not touched (the site makes none).
_WORKER = """\
/* The SOP site offline: generated by sopkit (tools/sopkit/site/offline.py) at build time. */
"use strict";
const MANIFEST = /*MANIFEST*/null;
const CACHE = "sop-" + MANIFEST.version;
const ROOT = new URL("./", self.location).href;

function key(url) {
  const u = new URL(url, ROOT);
  u.hash = "";
  u.search = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

async function missing(cache, urls) {
  const have = new Set((await cache.keys()).map((request) => request.url));
  return urls.map((url) => key(url)).filter((url) => !have.has(url));
}

async function fill(urls) {
  const cache = await caches.open(CACHE);
  for (const url of await missing(cache, urls)) {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok && !response.redirected) await cache.put(url, response);
    } catch (error) {
      return; /* the connection went: the rest another time */
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(MANIFEST.shared.map(key))));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith("sop-") && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "precache" && Object.prototype.hasOwnProperty.call(MANIFEST.pages, data.language)) {
    event.waitUntil(fill(MANIFEST.pages[data.language]));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT) || request.url.endsWith(".zip")) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(key(request.url));
    if (hit) return hit;
    try {
      const response = await fetch(request);
      if (response.ok && response.type === "basic" && !response.redirected) await cache.put(key(request.url), response.clone());
      return response;
    } catch (error) {
      if (request.mode === "navigate") {
        const page = await cache.match(key("404.html"));
        if (page) return page;
      }
      throw error;
    }
  })());
});
"""
