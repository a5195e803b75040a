"""The two query parameters a partner can theme an embed with: ``couleur`` and ``compact``.

``couleur`` is a hex colour (``0b6e4f`` or ``#0b6e4f``) used for links, the card's border and
the badge; it is ignored unless white text on it and it on white reach the WCAG AA contrast
ratio (4.5:1), so a partner cannot make the embed unreadable. ``compact=1`` keeps the title,
status, headline figure and referral note, and drops the promesse and operator.
"""

import re
from dataclasses import dataclass

HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
MIN_CONTRAST = 4.5


def _luminance(hex_colour):
    def channel(value):
        c = int(value, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(hex_colour[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_colour):
    return 1.05 / (_luminance(hex_colour) + 0.05)


@dataclass(frozen=True)
class Theme:
    accent: str = ""  # "#rrggbb", or "" for the site's own colour
    compact: bool = False

    @classmethod
    def from_query(cls, query):
        accent = ""
        match = HEX.match(query.get("couleur", "").strip())
        if match and contrast_with_white(match.group(1)) >= MIN_CONTRAST:
            accent = f"#{match.group(1).lower()}"
        return cls(accent=accent, compact=query.get("compact") in ("1", "oui", "true"))

    def query_string(self):
        """The theme's parameters, to carry them over to the embed's own links."""
        parts = []
        if self.accent:
            parts.append(f"couleur={self.accent[1:]}")
        if self.compact:
            parts.append("compact=1")
        return "&".join(parts)
