"""Staff tables in and out: every row checked, errors named by row and column."""

from __future__ import annotations

import pytest

from core.staff.importer import (
    ImportRefused,
    city_list_table,
    csv_bytes,
    parse_rows,
    read_table,
    template_table,
    xlsx_bytes,
)

HEADER = "ID,氏名,役割,担当業務,資格,研修修了日,契約時間,月,火,水,木,金,土,日,休暇,休み希望,勤務帯希望"


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def test_a_good_row_becomes_a_staff_member(fixtures):
    seto = fixtures.site("seto")
    table = read_table(
        _csv(
            "set-90,田中 花子,従事者,窓口・電話,研修修了,2026-09-11,30,09:00-16:00,休,,,,,,"
            "2027-01-14~2027-01-15; 2027-02-01,金,早番"
        ),
        "staff.csv",
    )
    [member] = parse_rows(table, seto)
    assert member.id == "set-90" and member.name == "田中 花子" and member.role == "agent"
    assert [s.value for s in member.skills] == ["window", "phone"]
    assert member.qualifications == ["training"] and str(member.training_completed) == "2026-09-11"
    assert member.contract_hours_per_week == 30
    assert member.availability["mon"].as_pair() == ["09:00", "16:00"] and member.availability["tue"] == "off"
    assert "wed" not in member.availability
    assert [(str(s.start), str(s.end)) for s in member.leave] == [
        ("2027-01-14", "2027-01-15"),
        ("2027-02-01", "2027-02-01"),
    ]
    assert [d.value for d in member.preferences.days_off] == ["fri"] and member.preferences.shift == "early"


def test_the_three_bad_cells_of_the_issue_are_named_by_row_and_column(fixtures):
    table = read_table(
        _csv(
            "set-90,田中 花子,従事者,窓口,,,40,,,,,,,,,,",
            "set-90,鈴木 一郎,従事者,窓口,,,40,,,,,,,,,,",  # the same id again
            "set-91,佐藤 次郎,従事者,窓口・受付,,,40,,,,,,,,,,",  # 受付 is no activity
            "set-92,高橋 三郎,従事者,窓口,,,40,,,09:00-25:00,,,,,,,",  # 25:00 on Wednesday
        ),
        "staff.csv",
    )
    with pytest.raises(ImportRefused) as refused:
        parse_rows(table, fixtures.site("seto"))
    found = {(e.row, e.column) for e in refused.value.errors}
    assert found == {(3, "ID"), (4, "担当業務"), (5, "水")}
    texts = refused.value.args[0]
    assert "3行目「ID」: ID set-90 は 2行目と重複しています" in texts
    assert "受付" in texts and "25:00" in texts


def test_an_activity_the_site_does_not_run_is_refused(fixtures):
    table = read_table(_csv("set-90,田中 花子,従事者,コールセンター,,,40,,,,,,,,,,"), "x.csv")
    with pytest.raises(ImportRefused, match="瀬戸市には「コールセンター」の配置がありません"):
        parse_rows(table, fixtures.site("seto"))


def test_missing_and_unknown_columns_are_named(fixtures):
    table = read_table("ID,氏名,電話番号\nset-90,田中,090\n".encode(), "x.csv")
    with pytest.raises(ImportRefused) as refused:
        parse_rows(table, fixtures.site("seto"))
    messages = [e.text() for e in refused.value.errors]
    assert any("「電話番号」: 知らない列名" in m for m in messages)
    assert any("必須の列がありません: 役割、担当業務、契約時間" in m for m in messages)


def test_english_headers_and_shift_jis_csv_are_read(fixtures):
    data = "id,name,role,skills,contract_hours,wed\nset-90,田中 花子,agent,window back_office,20,off\n".encode("cp932")
    [member] = parse_rows(read_table(data, "x.csv"), fixtures.site("seto"))
    assert member.availability["wed"] == "off" and [s.value for s in member.skills] == ["window", "back_office"]


def test_the_template_round_trips_through_excel_and_csv(fixtures):
    staff = list(fixtures.staff["seto"].staff)
    table = template_table(staff)
    for data, name in ((xlsx_bytes(table), "t.xlsx"), (csv_bytes(table), "t.csv")):
        assert parse_rows(read_table(data, name), fixtures.site("seto")) == staff


def test_the_city_list_holds_no_working_conditions(fixtures):
    table = city_list_table(list(fixtures.staff["seto"].staff))
    assert table[0] == ["ID", "氏名", "役割", "担当業務", "資格", "研修修了日"]
    assert len(table) == 1 + len(fixtures.staff["seto"].staff)


def test_a_file_that_is_neither_csv_nor_excel_is_refused():
    with pytest.raises(ImportRefused, match="CSV"):
        read_table(b"x", "staff.pdf")
    with pytest.raises(ImportRefused, match="Excel"):
        read_table(b"not a zip", "staff.xlsx")


def test_every_kind_of_bad_cell_is_named_by_its_column(fixtures):
    table = read_table(
        _csv(
            "Set 90,田中 花子,店長,窓口,免許,2026-13-01,四十,,,,,,,,2027-01-15~2027-01-14,祝,夜番",
            "set-91,鈴木 一郎,manager,窓口,training,,41,,,,,,,,,,",
        ),
        "staff.csv",
    )
    with pytest.raises(ImportRefused) as refused:
        parse_rows(table, fixtures.site("seto"))
    found = [(e.row, e.column) for e in refused.value.errors]
    assert found == [
        (2, "ID"),
        (2, "役割"),
        (2, "資格"),
        (2, "研修修了日"),
        (2, "契約時間"),
        (2, "休暇"),
        (2, "休み希望"),
        (2, "勤務帯希望"),
        (3, "契約時間"),
    ]
    texts = refused.value.args[0]
    assert "数値で書いてください（値: 四十）" in texts and "0 より大きく 40 以下の時間です（値: 41）" in texts
    assert "早番・遅番・指定なし のどれかです（値: 夜番）" in texts


def test_keys_and_japanese_words_are_both_read(fixtures):
    table = read_table(
        _csv("set-90,田中 花子,manager,window,experience_1y・研修修了,,40,,,,,,,,,sat 日曜,late"), "staff.csv"
    )
    [member] = parse_rows(table, fixtures.site("seto"))
    assert member.role == "manager" and member.qualifications == ["experience_1y", "training"]
    assert [d.value for d in member.preferences.days_off] == ["sat", "sun"] and member.preferences.shift == "late"
