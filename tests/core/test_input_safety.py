"""Shared input checks (issue 14): personal data in free text, text characters and lengths,
formula-safe cells, staff upload limits."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from core.privacy.personal_data import PersonalDataFound, find_personal_data, refuse_personal_data
from core.privacy.safe_cells import safe_cell
from core.privacy.text_input import TextRefused, check_text
from core.staff.importer import MAX_UPLOAD_BYTES, ImportRefused, parse_rows, read_table, template_table, xlsx_bytes
from core.staff.members import StaffMember


@pytest.mark.parametrize(
    "text, kind",
    [
        ("03-1234-5678", "phone"),
        ("(03) 1234 5678", "phone"),
        ("090.1234.5678", "phone"),
        ("０９０－１２３４－５６７８", "phone"),
        ("090 1234 5678", "phone"),
        ("+81 90-1234-5678", "phone"),
        ("+81 (0)3 1234 5678", "phone"),
        ("+81-3-1234-5678", "phone"),
        ("０３（１２３４）５６７８", "phone"),
        ("折返し0312345678まで", "phone"),
        ("〒123-4567", "postcode"),
        ("〒１２３－４５６７", "postcode"),
        ("123-4567", "postcode"),
        ("1234567", "postcode"),
        ("1234 5678 9012", "my_number"),
        ("1234-5678-9012", "my_number"),
        ("１２３４５６７８９０１２", "my_number"),
        ("taro.y@example.co.jp", "email"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "email"),
        ("川西市中央町1-2-3", "address"),
        ("本町2丁目", "address"),
        ("山田様より苦情", "name"),
    ],
)
def test_personal_data_is_recognised_in_every_common_form(text, kind):
    assert kind in {f.kind for f in find_personal_data(text)}
    with pytest.raises(PersonalDataFound, match="個人情報"):
        refuse_personal_data(text, "内容")


@pytest.mark.parametrize(
    "text",
    [
        "待ち時間が長いとの苦情（約40分）",
        "お客様から案内表示について申出",
        "来庁者様に説明した",
        "受付番号A-023",
        "2026-11-18 10:30 窓口3で対応",
        "受付2026-11-18の件",
        "区分1-2の件",
        "令和8年1月の件",
        "窓口1",
        "",
    ],
)
def test_ordinary_texts_pass(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("a\x00b", "NUL"),
        ("a\x1b[31mb", "エスケープ"),
        ("abc\u202eevil", "向き"),
        ("a\u2066b", "向き"),
        ("a\x07b", "制御文字"),
        ("a\nb", "改行"),
        ("x" * 100_001, "長すぎ"),
    ],
)
def test_texts_with_forbidden_characters_or_too_long_are_refused(text, message):
    with pytest.raises(TextRefused, match=message):
        check_text(text, "氏名", max_length=100)


def test_multiline_texts_allow_line_breaks_only():
    assert check_text(" 一行目\n二行目 ", "記述", multiline=True) == "一行目\n二行目"


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        (-3, -3),
        (2.5, 2.5),
        ("田中", "田中"),
        (None, None),
    ],
)
def test_cells_that_could_start_a_formula_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_staff_exports_carry_no_formula(fixtures):
    member = StaffMember(
        id="set-99", name='=HYPERLINK("http://evil","x")', role="agent", skills=["window"], contract_hours_per_week=30
    )
    table = template_table([member])
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["B2"].value.startswith("'=")
    from core.staff.importer import csv_bytes

    assert b"\n=" not in csv_bytes(table) and ",=" not in csv_bytes(table).decode("utf-8-sig")


def test_a_10_mb_staff_csv_is_refused_before_it_is_read(fixtures):
    big = b"ID,\xe6\xb0\x8f\xe5\x90\x8d\n" + b"x" * (10 * 1024 * 1024)
    with pytest.raises(ImportRefused, match="大きすぎ"):
        read_table(big, "staff.csv")
    assert len(big) > MAX_UPLOAD_BYTES


def test_too_many_rows_and_bad_characters_in_cells_are_refused(fixtures):
    rows = "ID,氏名,役割,担当業務,契約時間\n" + "".join(f"s-{i},名 {i},従事者,窓口,30\n" for i in range(2001))
    with pytest.raises(ImportRefused, match="行が多すぎ"):
        read_table(rows.encode(), "staff.csv")
    site = fixtures.site("seto")
    table = [
        ["ID", "氏名", "役割", "担当業務", "契約時間"],
        ["set-98", "悪\u202e意", "従事者", "窓口", "30"],
        ["set-97", "x" * 100_000, "従事者", "窓口", "30"],
        ["set-96", "a\x00b", "従事者", "窓口", "30"],
    ]
    with pytest.raises(ImportRefused) as refused:
        parse_rows(table, site)
    text = str(refused.value)
    assert "2行目「氏名」" in text and "3行目「氏名」" in text and "長すぎ" in text and "4行目「氏名」" in text
