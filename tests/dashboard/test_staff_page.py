"""The 従事者 page driven by Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from db import staff_store
from db.engine import make_engine
from tests.dashboard.signed_in import signed_in

PAGE = str(Path(__file__).resolve().parents[2] / "dashboard" / "app_pages" / "staff.py")


def _page() -> AppTest:
    at = signed_in(AppTest.from_file(PAGE, default_timeout=60)).run()
    at.selectbox(key="staff_site").select("瀬戸市").run()
    assert not at.exception
    return at


def test_the_staff_list_shows_the_sites_people(database):
    at = _page()
    assert at.header[0].value == "従事者の登録と名簿"
    table = at.dataframe[0].value
    assert len(table) == 11 and "吉田 香織" in set(table["氏名"])
    assert "電話番号" not in table.columns
    assert any("在籍 11名" in m.value for m in at.markdown)


def test_adding_a_person_with_the_form_says_what_it_did(database):
    at = _page()
    at.text_input(key="staff_id_new").input("set-40")
    at.text_input(key="staff_name_new").input("新規 太郎")
    at.multiselect(key="staff_skills_new").select("窓口")
    at.text_input(key="staff_day_wed_new").input("休")
    at.button(key="FormSubmitter:staff_form_seto_new-保存する").click().run()
    assert not at.exception
    assert any("新規 太郎（set-40）を追加しました" in s.value for s in at.success)
    assert "新規 太郎" in set(at.dataframe[0].value["氏名"])


def test_a_bad_form_value_is_refused_with_the_field_named(database):
    at = _page()
    at.selectbox(key="staff_pick").select("set-04 吉田 香織").run()
    at.text_input(key="staff_day_thu_set-04").input("09:00-25:00")
    at.button(key="FormSubmitter:staff_form_seto_set-04-保存する").click().run()
    assert not at.exception
    [error] = at.error
    assert "「木」" in error.value and "25:00" in error.value
    with Session(make_engine(database)) as session:
        member = {m.id: m for m in staff_store.load_staff(session, "seto")}["set-04"]
    assert "thu" not in member.availability


def test_editing_a_person_reaches_the_database(database):
    at = _page()
    at.selectbox(key="staff_pick").select("set-04 吉田 香織").run()
    at.number_input(key="staff_hours_set-04").set_value(24.0)
    at.button(key="FormSubmitter:staff_form_seto_set-04-保存する").click().run()
    assert not at.exception
    assert any("吉田 香織（set-04）を更新しました" in s.value for s in at.success)
    with Session(make_engine(database)) as session:
        member = {m.id: m for m in staff_store.load_staff(session, "seto")}["set-04"]
    assert member.contract_hours_per_week == 24


def test_the_export_tab_offers_the_city_list_and_the_template(database):
    at = _page()
    keys = {b.key for b in at.get("download_button")}
    assert {
        "staff_dl_seto_meibo_csv",
        "staff_dl_seto_meibo_xlsx",
        "staff_dl_seto_staff_csv",
        "staff_dl_seto_staff_xlsx",
    } <= keys
    assert at.button(key="staff_import").disabled  # nothing uploaded yet


def test_a_bad_import_file_is_refused_on_the_page_and_nothing_changes(database):
    at = _page()
    before = at.dataframe[0].value
    bad = "\n".join(
        [
            "ID,氏名,役割,担当業務,契約時間,水",
            "set-50,新人 一,従事者,窓口,40,",
            "set-50,新人 二,従事者,窓口,40,",
            "set-51,新人 三,従事者,受付,40,",
            "set-52,新人 四,従事者,窓口,40,09:00-25:00",
        ]
    ).encode()
    at.file_uploader(key="staff_upload").upload("staff.csv", bad, "text/csv").run()
    at.button(key="staff_import").click().run()
    assert not at.exception
    [error] = at.error
    assert "取り込みませんでした（3件の誤り。登録内容は変わっていません）" in error.value
    assert "3行目「ID」" in error.value and "4行目「担当業務」" in error.value and "5行目「水」" in error.value
    assert at.dataframe[0].value.equals(before)


def test_a_good_import_file_says_what_it_did(database):
    at = _page()
    good = "ID,氏名,役割,担当業務,契約時間\nset-50,新人 一,従事者,窓口・電話,30\n".encode()
    at.file_uploader(key="staff_upload").upload("staff.csv", good, "text/csv").run()
    at.button(key="staff_import").click().run()
    assert not at.exception
    assert "取り込みました: 追加 1名・更新 0名。" in [s.value for s in at.success]
    assert "新人 一" in set(at.dataframe[0].value["氏名"])
