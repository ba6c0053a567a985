"""The board's colours in its pack: checked and adjusted so text meets WCAG 2.2 AA wherever used."""

from __future__ import annotations

from dataclasses import dataclass

from lfjb.colours import contrast_ratio, darken_for, is_hex_colour, text_on

DEFAULT_PRIMARY = "#1d4f91"
DEFAULT_ACCENT = "#00703c"


def _safe_colour(value: str | None, default: str) -> str:
    """A hex colour fit to go into CSS; anything else falls back to the default (never user text in CSS)."""
    return value.strip().lower() if is_hex_colour(value) else default


@dataclass(frozen=True)
class Theme:
    """The board's colours, adjusted so that text meets WCAG 2.2 AA wherever they are used."""

    primary: str  # cover band and header backgrounds
    on_primary: str  # text on `primary`
    primary_ink: str  # `primary` as a text/line colour on white (darkened if needed)
    accent: str
    accent_ink: str
    primary_contrast: float  # white-or-ink text on primary, for the record

    def css(self) -> str:
        """CSS custom properties; only validated hex colours ever reach this string."""
        return (
            ":root{"
            f"--primary:{self.primary};--on-primary:{self.on_primary};--primary-ink:{self.primary_ink};"
            f"--accent:{self.accent};--accent-ink:{self.accent_ink};"
            "}"
        )


def board_theme(branding: dict | None) -> Theme:
    """The Theme for a board's `branding` (primary and accent colours), defaults where unset or invalid."""
    branding = branding or {}
    primary = _safe_colour(branding.get("primary_colour"), DEFAULT_PRIMARY)
    accent = _safe_colour(branding.get("accent_colour"), DEFAULT_ACCENT)
    on_primary = text_on(primary)
    return Theme(
        primary=primary,
        on_primary=on_primary,
        primary_ink=darken_for(primary),
        accent=accent,
        accent_ink=darken_for(accent),
        primary_contrast=contrast_ratio(on_primary, primary),
    )


# Heat-grid shading for the delay-driver matrix: five steps of one hue, with text colour chosen for
# contrast; the number is always printed in the cell, so the shade is never the only signal.
HEAT_STEPS = ("#ffffff", "#dbe8f4", "#a9c8e6", "#4f86c0", "#1d4f91")


def heat_level(count: int | None, highest: int) -> int:
    """0–4: the shade step of one cell of the driver matrix (0 for none)."""
    if not count or highest <= 0:
        return 0
    return min(4, 1 + (3 * (count - 1)) // max(1, highest - 1)) if highest > 1 else 4


def heat_style(level: int) -> str:
    """Inline background and text colour for a heat step (fixed palette; no user input)."""
    background = HEAT_STEPS[level]
    return f"background-color:{background};color:{text_on(background)}"
