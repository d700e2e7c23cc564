from pathlib import Path

import pytest
from pypdf import PdfReader

from core.reports.pdf_base import FONT_ENV, FontMissing, JapanesePDF, japanese_font_path


def test_font_comes_from_the_installed_package():
    path = japanese_font_path()
    assert path.name == "ipaexg.ttf" and path.stat().st_size > 1_000_000


def test_missing_font_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(FONT_ENV, str(tmp_path / "none.ttf"))
    with pytest.raises(FontMissing, match="フォント"):
        JapanesePDF()


def test_japanese_text_and_page_numbers_read_back(tmp_path: Path):
    pdf = JapanesePDF(header_left="玉野市", header_right="受託者")
    pdf.add_page()
    with pdf.table() as table:  # bold headings need the bold face registered
        table.row(["見出し", "値"])
        table.row(["受付", "12"])
    pdf.add_page()
    out = tmp_path / "t.pdf"
    pdf.output(str(out))
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert "玉野市" in pages[0] and "受付" in pages[0] and "1 / 2" in pages[0]
    assert "2 / 2" in pages[1]
