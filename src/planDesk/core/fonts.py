"""The bundled Japanese fonts registered with reportlab (embedded as subsets in PDFs).

BIZ UDPGothic (regular, bold) and BIZ UDMincho, from resources/fonts (OFL 1.1).
Use the family names below in styles; ``register_fonts()`` is idempotent.
"""

from __future__ import annotations

from functools import cache

from planDesk import paths

GOTHIC = "BIZUDPGothic"
GOTHIC_BOLD = "BIZUDPGothic-Bold"
MINCHO = "BIZUDMincho"

_FILES = {
    GOTHIC: "BIZUDPGothic-Regular.ttf",
    GOTHIC_BOLD: "BIZUDPGothic-Bold.ttf",
    MINCHO: "BIZUDMincho-Regular.ttf",
}


@cache
def register_fonts() -> tuple[str, str, str]:
    """Register the fonts with reportlab once; return (gothic, gothic bold, mincho)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(paths.fonts_dir() / file)))
    addMapping(GOTHIC, 0, 0, GOTHIC)
    addMapping(GOTHIC, 1, 0, GOTHIC_BOLD)
    addMapping(GOTHIC, 0, 1, GOTHIC)
    addMapping(GOTHIC, 1, 1, GOTHIC_BOLD)
    return GOTHIC, GOTHIC_BOLD, MINCHO


def font_file(name: str) -> str:
    return str(paths.fonts_dir() / _FILES[name])
