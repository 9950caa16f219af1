"""`sop build`: check the corpus, then build the site with mkdocs into site/ (or the folder given), with the
print edition (sopkit.edition: sop.<lang>.pdf and SHA256SUMS) under print/, linked from every home page.

Nothing is written unless the whole build succeeds: a check error stops it before mkdocs runs, and mkdocs builds
into a new folder beside the target that takes the target's place only when mkdocs reported no warning (a
broken link or anchor, a link the plugin could not follow). A target that exists must be a site built before
(or an empty folder): anything else is refused rather than emptied, as are the corpus's own folders.

The corpus's mkdocs.yml is used when it has one, else the one shipped with sopkit (the same as the
repository's). It is read as plain YAML first: mkdocs reads it with PyYAML's full loader, where a
`!!python/...` tag runs code, and a `hooks:` entry runs Python files from the corpus folder.

The build is byte-identical for the same revision: mkdocs dates pages (the sitemap) from SOURCE_DATE_EPOCH,
set here to the time of the git commit checked out when the caller has not set it.

Example:
    >>> built = build_site(".", "public")
    >>> built.report.errors, built.warnings, built.site
    (0, [], PosixPath('public'))
"""

from __future__ import annotations

import logging
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..check import check
from ..diagnostics import UsageError
from ..report import Report
from ..visible import show
from ..writing import check_replaceable_folder, new_folder_beside, put_in_place
from ..yamldoc import YamlProblem, load_yaml
from .offline import zip_copy

CONFIG = "mkdocs.yml"
PACKAGED_CONFIG = Path(__file__).resolve().parent / CONFIG
SITE = "site"
# What a folder built by mkdocs with this theme holds: a folder holding these may be replaced by a new build.
SITE_MARKERS = ("index.html", "sitemap.xml", "search/search_index.json")


@dataclass
class Built:
    report: Report  # the check's findings
    site: Path | None  # where the site was written; None when nothing was
    warnings: list[str] = field(default_factory=list)  # what mkdocs warned about (then nothing was written)
    pages: int = 0


def build_site(root: str | Path, output: str | Path | None = None, progress=None) -> Built:
    """Check the corpus at `root` and, if it has no error, build its site into `output` (default root/site),
    with the print edition's PDFs under print/ (`progress` is told as each volume is set)."""
    root = Path(root)
    target = Path(output) if output is not None else root / SITE
    _check_target(target, root)
    config_file = _config_file(root)
    result = check(root)
    if result.report.errors:
        return Built(result.report, None)
    staging = new_folder_beside(target)
    copy = new_folder_beside(target)  # the edition read from a folder, zipped into the site (offline.py)
    try:
        warnings = _mkdocs_build(config_file, root, copy, result.corpus, directory_urls=False)
        if warnings:
            return Built(result.report, None, warnings)
        with _source_date(root):
            download = zip_copy(copy)
        printed, pages = _print_edition(root, result.corpus, progress)
        warnings = _mkdocs_build(config_file, root, staging, result.corpus, download=download, printed=printed,
                                 printed_pages=pages)
        if warnings:
            return Built(result.report, None, warnings)
        pages = sum(1 for _ in staging.rglob("index.html"))
        put_in_place(staging, target)
    finally:
        for folder in (staging, copy):
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
    return Built(result.report, target, [], pages)


def _check_target(target: Path, root: Path) -> None:
    """Refuse a target folder that is the corpus's, or that holds something other than a site built before."""
    check_replaceable_folder(target, root, "build into", SITE_MARKERS, "a site built before",
                             "build the site elsewhere, e.g. -o site")


def _config_file(root: Path) -> Path:
    """The mkdocs.yml to build with, read as plain YAML first (UsageError if it holds a tag or hooks)."""
    path = root / CONFIG
    if not path.is_file():
        return PACKAGED_CONFIG
    try:
        data = load_yaml(path.read_text(encoding="utf-8")).data
    except YamlProblem as p:
        raise UsageError(f"{show(str(path))}:{p.line}:{p.column}: {p.message}; mkdocs would read it with PyYAML's "
                         "full loader, where a tag such as !!python/name runs code: write plain YAML") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {show(str(path))}: {exc}") from None
    if isinstance(data, dict) and data.get("hooks"):
        raise UsageError(f"{show(str(path))} lists hooks, Python files mkdocs would run from the corpus folder; "
                         "sop build does not run them (build with mkdocs itself if you trust them)")
    return path


def _print_edition(root: Path, corpus, progress) -> tuple[dict[str, bytes], dict[str, int]]:
    """The print edition's PDFs and their manifest, for the site's print/ folder (sopkit.edition)."""
    from ..edition.build import page_count, render_volumes
    from ..edition.info import edition_info
    from ..edition.manifest import MANIFEST, manifest_text

    volumes = render_volumes(corpus, edition_info(root, None, corpus), root, progress=progress)
    pages = {name: page_count(data) for name, data in volumes.items()}
    return {**volumes, MANIFEST: manifest_text(volumes).encode("utf-8")}, pages


def _mkdocs_build(config_file: Path, root: Path, site: Path, corpus, directory_urls: bool = True,
                  download: bytes | None = None, printed: dict[str, bytes] | None = None,
                  printed_pages: dict[str, int] | None = None) -> list[str]:
    """Build with mkdocs into `site`; the warnings it logged. `directory_urls=False`: the edition read from a
    folder (links name files); `download`: the zip of that edition, put in the site and linked from home."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        with _source_date(root):
            try:
                # site_dir absolute: mkdocs reads a relative one from the config file's folder (the package's own
                # mkdocs.yml when the corpus has none), not from where sop build was called
                config = load_config(str(config_file), docs_dir=str((root / "sop").resolve()),
                                     site_dir=str(site.resolve()), use_directory_urls=directory_urls)
            except ConfigurationError as exc:
                raise UsageError(f"{show(str(config_file))}: {show(str(exc))}") from None
            plugin = config.plugins.get("sop")
            if plugin is None:
                raise UsageError(f"{show(str(config_file))} does not list the sop plugin: add `- sop` before `- i18n` "
                                 "under plugins")
            plugin.corpus = corpus  # checked already: the plugin does not load it again
            plugin.download = download
            plugin.printed = printed or {}
            plugin.printed_pages = printed_pages or {}
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            except (Abort, PluginError) as exc:  # mkdocs has logged why
                warnings.messages.append(show(str(exc)))
            except Exception as exc:  # a plugin's own refusal (i18n raises plain exceptions): a failed build
                warnings.messages.append(show(f"mkdocs failed: {type(exc).__name__}: {exc}"))
            finally:
                config.plugins.on_shutdown()
    finally:
        logger.removeHandler(warnings)
    return warnings.messages


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(show(record.getMessage()))


@contextmanager
def _source_date(root: Path):
    """SOURCE_DATE_EPOCH, for mkdocs's dates, from the commit checked out at `root` (unless already set)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = _commit_time(root)
    if epoch is None:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _commit_time(root: Path) -> int | None:
    from ..revisions import open_repository, resolve_commit

    try:
        return resolve_commit(open_repository(root, "no commit to date the site from"), "HEAD").committed_date
    except UsageError:  # not a repository, or one without commits: mkdocs dates the site today
        return None
