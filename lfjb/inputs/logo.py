"""The board's logo (`branding.logo`): read once with the inputs, so rendering reads no files.

The logo must be a file inside the board's folder (beside its terms of reference) and an image a
PDF and a web page can both show: SVG, PNG, JPEG, GIF or WebP.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from lfjb.inputs.errors import Problem

MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
MAX_LOGO_BYTES = 2 * 1024 * 1024  # a logo, not a photograph; keeps every pack small


@dataclass(frozen=True)
class Logo:
    """The logo's bytes and media type, as read from the board's folder."""

    name: str
    media_type: str
    data: bytes

    @property
    def data_uri(self) -> str:
        """The logo as a data: URI: both the PDF and the self-contained HTML embed it."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def read_logo(logo: str, folder: Path, shown: str) -> tuple[Logo | None, list[Problem]]:
    """The logo named `logo` in `folder` (the board's folder), or the problems that stop it being used."""
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder.resolve()):
        return None, [Problem(shown, "", "branding.logo", f"'{logo}' is outside the board's folder; put the logo beside the YAML file.")]
    if not path.is_file():
        return None, [Problem(shown, "", "branding.logo", f"logo file '{logo}' not found beside the YAML file.")]
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        return None, [Problem(shown, "", "branding.logo", f"'{logo}' is not an image lfjb can show; use an SVG, PNG, JPEG, GIF or WebP file.")]
    if path.stat().st_size > MAX_LOGO_BYTES:
        return None, [Problem(shown, "", "branding.logo", f"'{logo}' is larger than {MAX_LOGO_BYTES // 2**20} MB; use a smaller image.")]
    return Logo(name=path.name, media_type=media_type, data=path.read_bytes()), []
