"""What every PDF of the product shares: the Japanese font, the page header and the page numbers.

The font is IPAexGothic (ipaexg.ttf), installed from PyPI with the `matplotlib-fontja` package, so
the PDFs need no system font and no network. `MADOGUCHI_PDF_FONT` may name another TrueType file.
A missing font raises FontMissing with what to do: a PDF of tofu boxes is never written.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from fpdf import FPDF

from core.reports import texts as T

FONT_ENV = "MADOGUCHI_PDF_FONT"
FONT_FAMILY = "ipaexg"
_FONT_PACKAGE = "matplotlib_fontja"
_FONT_FILE = Path("fonts") / "ipaexg.ttf"


class FontMissing(RuntimeError):
    """No Japanese font could be found for a PDF."""


def japanese_font_path() -> Path:
    """The TrueType file the PDFs embed; FontMissing (with the fix) when there is none."""
    override = os.environ.get(FONT_ENV)
    if override:
        path = Path(override)
        if not path.is_file():
            raise FontMissing(T.FONT_FILE_MISSING.format(env=FONT_ENV, path=override))
        return path
    # find_spec, not import: importing the package would import matplotlib for nothing.
    spec = importlib.util.find_spec(_FONT_PACKAGE)
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            path = Path(folder) / _FONT_FILE
            if path.is_file():
                return path
    raise FontMissing(T.FONT_MISSING.format(env=FONT_ENV))


class JapanesePDF(FPDF):
    """A4 document with the Japanese font, a running header and "n / N" page numbers.

    `header_left` / `header_right` print on every page (e.g. the city and the contractor);
    the same TTF is registered for bold so fpdf2's bold table headings do not fail.
    """

    def __init__(
        self, *, orientation: str = "P", title: str = "", header_left: str = "", header_right: str = ""
    ) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        font = str(japanese_font_path())
        for style in ("", "B"):
            self.add_font(FONT_FAMILY, style=style, fname=font)
        self.set_font(FONT_FAMILY, size=10)
        self.header_left = header_left
        self.header_right = header_right
        self.set_title(title)
        self.set_creator("madoguchi")
        self.set_auto_page_break(auto=True, margin=15)
        self.alias_nb_pages()

    def header(self) -> None:
        if not (self.header_left or self.header_right):
            return
        self.set_font(FONT_FAMILY, size=8)
        self.set_text_color(90)
        width = self.w - self.l_margin - self.r_margin
        self.cell(width / 2, 5, self.header_left, align="L")
        self.cell(width / 2, 5, self.header_right, align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.set_font(FONT_FAMILY, size=10)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, size=8)
        self.set_text_color(90)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0)
