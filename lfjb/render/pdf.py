"""The PDF board pack: templates/pack.html through WeasyPrint, tagged (PDF/UA-1), A4, fonts embedded.

WeasyPrint may read only two kinds of resource (issue 5, "Safety"): `data:` URIs (lfjb's own charts
and icons, and the board's logo, read with the inputs) and files in lfjb's templates folder.
Everything else — http(s), ftp, any other file — is refused by `PackURLFetcher` and never fetched.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lfjb.charts import Chart, pack_charts
from lfjb.pack import PackModel
from lfjb.render.context import pack_context
from lfjb.render.templates import environment, pack_stylesheet, shorten, templates_dir

PDF_VARIANT = "pdf/ua-1"
PDF_OPTIONS = {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "uncompressed_pdf": False}
TEMPLATE = "pack.html"
STYLESHEET = "pack.css"


class RefusedResource(ValueError):
    """WeasyPrint asked for a resource outside what a board pack may read."""


class PackURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves `data:` URIs and files under `allowed_folders` only.

    Refused URLs are recorded in `refused` (so a test can show they were asked for and not fetched);
    WeasyPrint logs a warning for each and leaves the image out.
    """

    def __init__(self, allowed_folders: list[Path], **kwargs) -> None:
        super().__init__(allowed_protocols=("data", "file"), **kwargs)
        self.allowed_folders = [Path(f).resolve() for f in allowed_folders]
        self.refused: list[str] = []
        self.fetched: list[str] = []

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if any(path.is_relative_to(folder) for folder in self.allowed_folders) and path.is_file():
            return path
        return None

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            self.fetched.append(url[:40])
            return super().fetch(url, headers)
        if scheme == "file" and (path := self._allowed_path(url)) is not None:
            self.fetched.append(url)
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": _content_type(path)})
        self.refused.append(url)
        raise RefusedResource(f"lfjb reads only data: URIs, its templates and the board's own folder; refused {url}")


def _content_type(path: Path) -> str:
    return {
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".css": "text/css",
    }.get(path.suffix.lower(), "application/octet-stream")


def pack_html_for_pdf(pack: PackModel, charts: dict[str, Chart] | None = None) -> str:
    """The HTML that WeasyPrint lays out (useful for debugging the PDF's layout in a browser)."""
    context = pack_context(pack, "pdf", pack_charts(pack) if charts is None else charts)
    context["css"] = pack_stylesheet(STYLESHEET)
    context["description"] = f"Monthly board pack of the {shorten(pack.board['name'])} for {pack.month.label}."
    return environment().get_template(TEMPLATE).render(context)


def layout(html: str, fetcher: PackURLFetcher | None = None) -> Document:
    """`html` laid out in pages by WeasyPrint (tagged PDF/UA-1 options), reading only what the fetcher
    allows (by default `PackURLFetcher` over the templates folder). The pack and the comparison both."""
    fetcher = fetcher or PackURLFetcher([templates_dir()])
    # WeasyPrint logs each refused resource as a warning; keep its logger quiet about fonts.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=fetcher).render(**PDF_OPTIONS)


def pack_document(pack: PackModel, charts: dict[str, Chart] | None = None, fetcher: PackURLFetcher | None = None) -> Document:
    """The board pack laid out in pages (a WeasyPrint Document), before it is written as PDF.

    Layout tests read its pages' boxes (what ends each page); `render_pdf` writes it."""
    return show_continued(layout(pack_html_for_pdf(pack, charts), fetcher))


CONTINUED = "continued"


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split()) if element is not None else set()


def show_continued(document: Document) -> Document:
    """`document` with the words "(continued)" shown in a table's repeated header on every page after
    the table's first (issue 22): a header row may carry `<span class="continued"> (continued)</span>`,
    hidden by the stylesheet (`visibility: hidden`), and WeasyPrint repeats a table's <thead> on each
    page it runs on to, so the copy on a later page is made visible here, after layout and before the
    PDF is written. A table is known by its element, so two tables on one page are told apart."""
    seen: set[int] = set()
    for page in document.pages:
        here: set[int] = set()
        stack = [(page._page_box, None, False)]
        while stack:
            box, table, show = stack.pop()
            element = box.element
            if box.element_tag == "table" and element is not None:
                table = id(element)
                here.add(table)
            if CONTINUED in _classes(element) and table in seen:
                show = True
            if show and box.style["visibility"] != "visible":
                box.style = box.style.copy()
                box.style["visibility"] = "visible"
            stack.extend((child, table, show) for child in getattr(box, "children", []))
        seen |= here
    return document


def write_pack_pdf(document: Document) -> bytes:
    """A laid-out pack (`pack_document`) as PDF bytes: tagged PDF/UA-1, fonts embedded."""
    return document.write_pdf(**PDF_OPTIONS)


def render_pdf(pack: PackModel, charts: dict[str, Chart] | None = None, fetcher: PackURLFetcher | None = None) -> bytes:
    """The board pack as PDF bytes: A4, tagged PDF/UA-1 with title and language, fonts embedded.

    `charts` are the pack's charts (`lfjb.charts.pack_charts(pack)`), drawn once and shared with the
    HTML summary; drawn here when not given. Nothing is read from the board's folder: the logo came
    with the inputs. A `fetcher` may be passed in (tests use it to see what was refused).
    """
    return write_pack_pdf(pack_document(pack, charts, fetcher))
