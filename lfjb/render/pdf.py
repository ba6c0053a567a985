"""The PDF board pack: templates/pack.html through WeasyPrint, tagged (PDF/UA-1), A4, fonts embedded.

WeasyPrint may read only three kinds of resource (issue 5, "Safety"): `data:` URIs (lfjb's own charts
and icons), files in lfjb's templates folder, and files inside the board's own folder (the logo).
Everything else — http(s), ftp, any other file — is refused by `PackURLFetcher` and never fetched.
"""

from __future__ import annotations

import base64

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lfjb.render.view import environment, pack_context, stylesheet, templates_dir

PDF_VARIANT = "pdf/ua-1"
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
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".gif": "image/gif",
        ".webp": "image/webp",
        ".css": "text/css",
    }.get(path.suffix.lower(), "application/octet-stream")


def logo_path(branding: dict | None, board_folder: Path | None) -> Path | None:
    """The board's logo file when it is a file inside `board_folder`; None otherwise."""
    logo = (branding or {}).get("logo")
    if not logo or board_folder is None:
        return None
    folder = Path(board_folder).resolve()
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


def logo_source(branding: dict | None, board_folder: Path | None) -> str | None:
    """A file: URI for the board's logo (read by the PDF's URL fetcher); None without one."""
    path = logo_path(branding, board_folder)
    return path.as_uri() if path else None


def logo_data_uri(branding: dict | None, board_folder: Path | None) -> str | None:
    """The board's logo as a data: URI, for the self-contained HTML summary; None without one."""
    path = logo_path(branding, board_folder)
    if path is None or _content_type(path) == "application/octet-stream" or path.suffix.lower() == ".css":
        return None
    return f"data:{_content_type(path)};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def pack_html_for_pdf(pack, board_folder: Path | None = None) -> str:
    """The HTML that WeasyPrint lays out (useful for debugging the PDF's layout in a browser)."""
    context = pack_context(pack, "pdf")
    context["css"] = stylesheet(STYLESHEET)
    context["description"] = f"Monthly board pack of the {pack.board['name']} for {pack.month.label}."
    context["logo_src"] = logo_source(pack.board.get("branding"), board_folder)
    return environment().get_template(TEMPLATE).render(context)


def render_pdf(pack, board_folder: Path | None = None, fetcher: PackURLFetcher | None = None) -> bytes:
    """The board pack as PDF bytes: A4, tagged PDF/UA-1 with title and language, fonts embedded.

    `board_folder` is the folder of the board's YAML; only the logo is read from it. A `fetcher` may be
    passed in (tests use it to see what was refused); by default one is made for the templates folder
    and `board_folder`.
    """
    html = pack_html_for_pdf(pack, board_folder)
    folders = [templates_dir()] + ([Path(board_folder)] if board_folder else [])
    fetcher = fetcher or PackURLFetcher(folders)
    base = (Path(board_folder).resolve() if board_folder else templates_dir()).as_uri() + "/"
    # WeasyPrint logs each refused resource as a warning; keep its logger quiet about fonts.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=base, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True, uncompressed_pdf=False)
