"""The one way to make a PDF: a Jinja print template, WeasyPrint, bundled static files only, cached.

    data = pdf.render_pdf("pdf/pace_band.html", race=race, bands=bands)
    return pdf.pdf_response(data, pdf.filename("pace band", race.name))

Print templates
    live under templates/pdf/, end in .html (so Jinja autoescapes every value: text people typed
    prints as text, never as markup) and do not extend base.html. They refer to bundled files
    *relative to static/*, e.g. ``<link rel="stylesheet" href="css/print.css">``: the document's
    base URL is the static folder. ``url_for('static', ...)`` gives "/static/..." paths that the
    fetcher refuses, so do not use it in print templates.

URL fetcher
    WeasyPrint asks `StaticOnlyFetcher` for every stylesheet, image and font the document
    names. It serves regular files inside the static folder and refuses everything else:
    other file:// paths, http(s):// (no network, no cloud metadata address), data:, ftp:, ...
    A refused resource is left out of the PDF (WeasyPrint logs a warning) and never read.

Cache
    The output is cached in process, keyed by the SHA-256 of the rendered HTML (and the static
    folder), in a small LRU of `CACHE_SIZE` documents: the same page asked twice renders once.
    Static files are part of the deployment, so they do not change under a running process.

Cost
    WeasyPrint is imported on the first PDF (about 1 s) and renders a page in a few tenths of
    a second: render in a warm worker, never in a fresh process per request.

Documents of many pages (the training calendar): `render_pdf_pages`
    One small HTML document per page (a month), each rendered on its own and cached on disk by
    the SHA-256 of its HTML, then joined with pypdf. Pages not in the cache render in parallel in
    a long-lived pool of worker processes (created on first use, 'forkserver' start method with
    WeasyPrint preloaded; COACHSITE_PDF_WORKERS, default the number of cores; 0 or 1 renders in
    this process). The joined document is cached too, keyed by all its pages' HTML, so a PDF
    whose content did not change costs its HTML and one file read. Any change to what a page
    shows changes its HTML and so its key: nothing needs invalidating.

    The disk cache lives in the instance folder (instance/pdf-cache/<sha>.pdf), shared by every
    worker process, and is bounded (COACHSITE_PDF_CACHE_MAX_FILES, COACHSITE_PDF_CACHE_MAX_MB):
    the least recently used files go first.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import mimetypes
import multiprocessing
import os
import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, has_app_context, render_template
from werkzeug.wrappers import Response

log = logging.getLogger(__name__)

CACHE_SIZE = 32
TEMPLATE_FOLDER = "pdf/"

_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = threading.Lock()


class RefusedURL(ValueError):
    """The print template asked for something that is not a bundled static file."""


def static_path(url: str, static_folder: str | Path) -> Path:
    """The file a URL names inside the static folder; RefusedURL for anything else.

    Only file: URLs (no host) whose resolved path (after "..", percent-escapes and symlinks) is a
    regular file inside the static folder pass.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"not a bundled static file: {url[:200]!r}")
    root = Path(static_folder).resolve()
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise RefusedURL(f"not a bundled static file: {url[:200]!r}")
    return path


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files under the static folder; refuses everything else, never opens a connection."""

        def __init__(self, static_folder: str | Path) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.static_folder = Path(static_folder)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
            path = static_path(url, self.static_folder)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime_type})

    return StaticOnlyFetcher


def url_fetcher(static_folder: str | Path) -> Any:
    """The WeasyPrint URL fetcher for this static folder (callable: url -> response)."""
    return _fetcher_class()(static_folder)


def _static_folder() -> Path:
    folder = current_app.static_folder
    if folder is None:
        raise RuntimeError("the app has no static folder")
    return Path(folder).resolve()


def _check_template(template_name: str) -> None:
    if not (template_name.startswith(TEMPLATE_FOLDER) and template_name.endswith(".html")):
        raise ValueError(f"print templates are templates/{TEMPLATE_FOLDER}*.html, got {template_name!r}")


def render_pdf(template_name: str, **context: Any) -> bytes:
    """Render a print template under templates/pdf/ to PDF bytes (cached by content hash)."""
    _check_template(template_name)
    html = render_template(template_name, **context)
    static_folder = _static_folder()
    base_url = static_folder.as_uri() + "/"
    key = hashlib.sha256(f"{base_url}\0{html}".encode()).hexdigest()
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    from weasyprint import HTML

    data: bytes = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher(static_folder)).write_pdf()
    with _cache_lock:
        _cache[key] = data
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def clear_cache() -> None:
    """Forget every cached PDF: in this process, and (inside an app) the instance's disk cache."""
    with _cache_lock:
        _cache.clear()
    if has_app_context():
        _disk_cache().clear()


def filename(*parts: str, extension: str = "pdf") -> str:
    """A download name safe on every system: filename("Pace band", "Berlin Marathon") ->
    "pace-band-berlin-marathon.pdf" (accents folded, anything else dropped)."""
    text = unicodedata.normalize("NFKD", " ".join(parts)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")
    return f"{slug or 'document'}.{extension}"


def pdf_response(data: bytes, download_name: str) -> Response:
    """application/pdf as an attachment, never stored by browsers or proxies."""
    response = Response(data, mimetype="application/pdf")
    response.headers.set("Content-Disposition", "attachment", filename=download_name)
    response.headers["Cache-Control"] = "no-store"
    return response


# --------------------------------------------------------------------------
# Documents of many pages: a page per HTML document, cached, rendered in parallel, joined
# --------------------------------------------------------------------------

DISK_CACHE_FOLDER = "pdf-cache"
DEFAULT_CACHE_MAX_FILES = 5000
DEFAULT_CACHE_MAX_MB = 500
PROGRESS_TICK_S = 5.0  # progress is reported at least this often while pages render, even unchanged

Progress = Callable[[int, int], None]  # (pages done, pages in all); also called as a heartbeat


@cache
def _font_config() -> Any:
    """One font configuration per process, reused by every page: WeasyPrint otherwise sets up
    fontconfig and Pango's font map again for each document (a good part of a small page's cost)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_html(html: str, static_folder: str) -> bytes:
    """One HTML document to PDF bytes, with bundled static files only: what a pool worker runs.
    Pages render one at a time in a process (the pool's workers, or under _inline_lock).

    A page makes a few hundred thousand short-lived objects: the cycle collector is paused while
    it renders and collects the page's garbage once, after (about 10% less CPU, less memory),
    instead of scanning the whole heap (WeasyPrint, fonts) every few thousand allocations."""
    from weasyprint import HTML

    folder = Path(static_folder)
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=url_fetcher(folder))
        return document.write_pdf(font_config=_font_config())  # type: ignore[no-any-return]
    finally:
        if collecting:
            gc.enable()
            gc.collect(0)


def render_pdf_pages(template_name: str, contexts: Sequence[Mapping[str, Any]], *,
                     progress: Progress | None = None) -> bytes:
    """One document of a page (or a few) per context: each rendered from the print template on
    its own, cached by its HTML, rendered in parallel when not cached, joined in order."""
    _check_template(template_name)
    return render_html_pages([render_template(template_name, **context) for context in contexts], progress=progress)


def page_keys(htmls: Sequence[str]) -> list[str]:
    """The cache key of each page: the SHA-256 of its HTML and the static folder it reads."""
    base_url = _static_folder().as_uri() + "/"
    return [hashlib.sha256(f"{base_url}\0{html}".encode()).hexdigest() for html in htmls]


def document_key(htmls: Sequence[str]) -> str:
    """The cache key of the joined document: changes when any page's HTML changes."""
    return hashlib.sha256("\n".join(["document", *page_keys(htmls)]).encode()).hexdigest()


def cached_document(key: str) -> bytes | None:
    """A joined document from the disk cache by its document_key, or None when it is not there."""
    return _disk_cache().get("doc-" + key)


def render_html_pages(htmls: Sequence[str], *, progress: Progress | None = None,
                      cache_document: bool = True) -> bytes:
    """PDF bytes of the HTML documents joined in order (see the module notes on caching)."""
    if not htmls:
        raise ValueError("a document needs at least one page")
    disk = _disk_cache()
    document = "doc-" + document_key(htmls) if cache_document else None
    if document and (data := disk.get(document)) is not None:
        if progress:
            progress(len(htmls), len(htmls))
        return data
    pages = _pages(htmls, disk, progress)
    data = join(pages)
    if document:
        disk.put(document, data)
    disk.prune()
    return data


def join(pages: Sequence[bytes]) -> bytes:
    """One PDF of the given PDFs' pages, in order."""
    if len(pages) == 1:
        return pages[0]
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in pages:
        writer.append(PdfReader(BytesIO(page)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _pages(htmls: Sequence[str], disk: _DiskCache, progress: Progress | None) -> list[bytes]:
    keys = page_keys(htmls)
    copies = Counter(keys)  # the same page twice (two blank months) renders once
    found: dict[str, bytes] = {}
    for key in copies:
        if (data := disk.get(key)) is not None:
            found[key] = data
    done = sum(copies[key] for key in found)
    if progress:
        progress(done, len(htmls))
    missing = {key: html for key, html in zip(keys, htmls) if key not in found}

    def finished(key: str, data: bytes) -> None:
        nonlocal done
        found[key] = data
        disk.put(key, data)
        done += copies[key]
        if progress:
            progress(done, len(htmls))

    static_folder = str(_static_folder())
    workers = pool_size()
    if missing and workers > 1:
        try:
            futures: dict[Future[bytes], str] = {
                _pool(workers).submit(render_html, html, static_folder): key for key, html in missing.items()}
            pending = set(futures)
            while pending:
                ready, pending = wait(pending, timeout=PROGRESS_TICK_S, return_when=FIRST_COMPLETED)
                for future in ready:
                    finished(futures[future], future.result())
                if not ready and progress:
                    progress(done, len(htmls))  # still at work (a queue behind other documents): say so
        except BrokenProcessPool:
            log.warning("the PDF worker pool broke; rendering the rest in this process")
            shutdown_pool()
    for key, html in missing.items():
        if key not in found:
            with _inline_lock:  # WeasyPrint (Pango) is not made for threads: one page at a time here
                finished(key, render_html(html, static_folder))
    return [found[key] for key in keys]


# ---- the worker pool: created on first use, kept for the life of the process

_pool_lock = threading.Lock()
_inline_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_executor_size = 0


def pool_size() -> int:
    """COACHSITE_PDF_WORKERS (default: the number of cores); 0 or 1 renders in this process."""
    configured = current_app.config.get("PDF_WORKERS")
    if configured is None or configured == "":
        return os.cpu_count() or 1
    return max(0, int(configured))


def _warm_worker() -> None:
    """Pay WeasyPrint's start (fonts, first layout) once per worker, not on the first request."""
    try:
        render_html("<p>warm</p>", str(Path(__file__).resolve().parent.parent / "static"))
    except Exception:  # pragma: no cover - warming is an optimisation only
        log.exception("could not warm a PDF worker")


def _pool(size: int) -> ProcessPoolExecutor:
    global _executor, _executor_size
    with _pool_lock:
        if _executor is None or _executor_size != size:
            if _executor is not None:
                _executor.shutdown(wait=False, cancel_futures=True)
            # forkserver: workers fork from a clean server that imported WeasyPrint once, never from
            # this (threaded, database-connected) process.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["coachsite.pdf", "weasyprint"])
            _executor = ProcessPoolExecutor(max_workers=size, mp_context=context, initializer=_warm_worker)
            _executor_size = size
        return _executor


def start_pool() -> None:
    """Start the workers now (e.g. before a benchmark), instead of on the first document."""
    size = pool_size()
    if size > 1:
        list(_pool(size).map(len, ["warm"] * size))


def shutdown_pool() -> None:
    global _executor
    with _pool_lock:
        if _executor is not None:
            _executor.shutdown(wait=True, cancel_futures=True)
            _executor = None


def pool_pids() -> list[int]:
    """The worker processes' ids (for benchmarks measuring their memory)."""
    with _pool_lock:
        return list(getattr(_executor, "_processes", None) or {}) if _executor else []


# ---- the disk cache: instance/pdf-cache/<key>.pdf, least recently used files pruned first

class _DiskCache:
    def __init__(self, folder: Path, max_files: int, max_bytes: int) -> None:
        self.folder, self.max_files, self.max_bytes = folder, max_files, max_bytes

    def _path(self, key: str) -> Path:
        if not re.fullmatch(r"(doc-)?[0-9a-f]{64}", key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: pruned last
        except FileNotFoundError:
            return None
        return data

    def put(self, key: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, self._path(key))  # readers see the whole file or none

    def prune(self) -> None:
        try:
            entries = [(entry.stat().st_mtime, entry.stat().st_size, entry.path)
                       for entry in os.scandir(self.folder) if entry.name.endswith(".pdf")]
        except FileNotFoundError:
            return
        files, size = len(entries), sum(entry[1] for entry in entries)
        for _, bytes_, path in sorted(entries):
            if files <= self.max_files and size <= self.max_bytes:
                break
            try:
                os.remove(path)
            except FileNotFoundError:
                pass
            files, size = files - 1, size - bytes_

    def clear(self) -> None:
        if self.folder.is_dir():
            for entry in os.scandir(self.folder):
                if entry.name.endswith((".pdf", ".tmp")):
                    os.remove(entry.path)


def _disk_cache() -> _DiskCache:
    config = current_app.config
    return _DiskCache(Path(current_app.instance_path) / DISK_CACHE_FOLDER,
                      int(config.get("PDF_CACHE_MAX_FILES") or DEFAULT_CACHE_MAX_FILES),
                      int(config.get("PDF_CACHE_MAX_MB") or DEFAULT_CACHE_MAX_MB) * 1024 * 1024)
