"""Report aggregation, periods and deadlines as pure functions over hand-made records."""

from __future__ import annotations

import datetime as dt

import pytest

from core.reports import (
    ReportUnavailable,
    daily_period,
    daily_report,
    monthly_period,
    monthly_report,
    nearest_rank,
    notice_status,
)
from core.reports.deadlines import business_day_after, daily_due, due_items, duty, is_business_day, monthly_due
from core.reports.records import (
    CallRecord,
    CardBatchRecord,
    HandoffRecord,
    IncidentRecord,
    NoticeRecord,
    ReportData,
    ShiftRecord,
    TicketRecord,
)
from core.vocabulary import TOKYO


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=TOKYO)


# -- deadlines ----------------------------------------------------------------------------------


def test_business_days_skip_weekends_holidays_and_the_year_end(fixtures):
    catalogue = fixtures.catalogue
    assert is_business_day(dt.date(2027, 1, 4), catalogue)
    assert not is_business_day(dt.date(2027, 1, 11), catalogue)  # 成人の日
    assert not is_business_day(dt.date(2026, 12, 29), catalogue)
    # Friday 2026-12-25 → next business day Monday 12-28; 12-28's → 2027-01-04.
    assert business_day_after(dt.date(2026, 12, 25), 1, catalogue) == dt.date(2026, 12, 28)
    assert business_day_after(dt.date(2026, 12, 28), 1, catalogue) == dt.date(2027, 1, 4)


def test_kawanishi_deadlines_from_its_profile(fixtures):
    site, catalogue = fixtures.site("kawanishi"), fixtures.catalogue
    daily, monthly = duty(site, "daily"), duty(site, "monthly")
    assert (daily.due_business_days, monthly.due_business_days) == (1, 7)
    # A designated Saturday session's report is due on Monday (the weekend is not a business day).
    assert daily_due(dt.date(2026, 11, 14), daily, catalogue) == dt.date(2026, 11, 16)
    # December 2026: 1/1–1/3 closed, 1/11 holiday: 4,5,6,7,8,12,13 → 13 January.
    assert monthly_due(2026, 12, monthly, catalogue) == dt.date(2027, 1, 13)


def test_due_items_mark_overdue_and_submitted(fixtures):
    site = fixtures.site("kawanishi")
    today = dt.date(2026, 11, 20)
    submitted = {
        ("daily", dt.date(2026, 11, 18)): dt.date(2026, 11, 19),
        ("daily", dt.date(2026, 11, 16)): dt.date(2026, 11, 18),
    }
    items = {(i.report_id, i.period_start): i for i in due_items(site, fixtures.catalogue, submitted, today)}
    assert items[("daily", dt.date(2026, 11, 18))].status == "submitted"
    assert items[("daily", dt.date(2026, 11, 16))].status == "late"
    assert items[("daily", dt.date(2026, 11, 17))].status == "overdue"
    assert items[("daily", dt.date(2026, 11, 19))].status == "due"  # due on the 20th, today
    assert items[("monthly", dt.date(2026, 10, 1))].due == dt.date(2026, 11, 11)  # 11/3 is a holiday
    assert ("daily", dt.date(2026, 11, 15)) not in items  # a closed Sunday needs no report
    assert all(i.period_start >= site.contract.start for i in items.values())


# -- periods --------------------------------------------------------------------------------------


def test_outside_contract_and_future_are_clear_answers(fixtures):
    site, catalogue = fixtures.site("kawanishi"), fixtures.catalogue
    empty = ReportData("kawanishi", dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    with pytest.raises(ReportUnavailable, match="契約期間.*外"):
        monthly_report(
            site, catalogue, empty, monthly_period(site, 2026, 9, dt.date(2026, 11, 21)), contractor="受託者"
        )
    with pytest.raises(ReportUnavailable, match="まだ終わっていません"):
        daily_report(
            site,
            catalogue,
            empty,
            daily_period(site, dt.date(2026, 11, 25), dt.date(2026, 11, 21)),
            contractor="受託者",
        )
    with pytest.raises(ReportUnavailable, match="まだ終わっていません"):
        monthly_report(
            site, catalogue, empty, monthly_period(site, 2026, 12, dt.date(2026, 11, 21)), contractor="受託者"
        )


def test_a_month_without_records_says_so_and_counts_zero(fixtures):
    site = fixtures.site("kawanishi")
    data = ReportData("kawanishi", dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    report = monthly_report(
        site, fixtures.catalogue, data, monthly_period(site, 2026, 10, dt.date(2026, 11, 21)), contractor="受託者"
    )
    assert not report.has_activity
    assert any("記録" in note and "ありません" in note for note in report.notes)
    summary = report.table("summary")
    assert summary.value("窓口受付件数") == 0 and summary.value("受電件数") == 0
    assert summary.value("開庁日数") == 23  # October 2026: 21 weekdays (10/12 holiday) + 2 designated days
    assert summary.value("申請書受付枚数") == "未入力"


def test_the_running_month_is_marked_preliminary(fixtures):
    site = fixtures.site("kawanishi")
    data = ReportData("kawanishi", dt.date(2026, 11, 1), dt.date(2026, 11, 21))
    report = monthly_report(
        site, fixtures.catalogue, data, monthly_period(site, 2026, 11, dt.date(2026, 11, 21)), contractor="受託者"
    )
    assert report.period_end == dt.date(2026, 11, 21)
    assert any("途中集計" in note for note in report.notes)


# -- figures ------------------------------------------------------------------------------------------


def test_nearest_rank_percentile():
    assert nearest_rank(list(range(1, 11)), 0.9) == 9
    assert nearest_rank([5.0], 0.9) == 5.0
    assert nearest_rank([1, 2, 3, 4, 100], 0.9) == 100


def test_daily_figures_from_records(fixtures):
    site, day = fixtures.site("kawanishi"), dt.date(2026, 11, 18)
    tickets = [
        TicketRecord(day, "card_issuance", "done", at(day, 9), called_at=at(day, 9, 10), counter="窓口1"),
        TicketRecord(day, "card_issuance", "handed_off", at(day, 9, 5), called_at=at(day, 9, 25)),
        TicketRecord(day, "e_cert_renewal", "no_show", at(day, 10), called_at=at(day, 10, 2)),
        TicketRecord(day, "e_cert_renewal", "waiting", at(day, 16, 50)),
    ]
    calls = [
        CallRecord("phone", at(day, 9, 30), "reservation", answered=True),
        CallRecord("phone", at(day, 10), "inquiry", abandoned=True),
        CallRecord("phone", at(day, 15), "inquiry", direction="out", answered=True),
    ]
    data = ReportData(
        "kawanishi",
        day,
        day,
        tickets=tickets,
        calls=calls,
        handoffs=[HandoffRecord(at(day, 9, 30), "proxy", "card_issuance")],
        form_counts={day: 37},
        incidents=[IncidentRecord(1, "complaint", "waiting", at(day, 11), "待ち時間の苦情")],
    )
    report = daily_report(
        site, fixtures.catalogue, data, daily_period(site, day, dt.date(2026, 11, 21)), contractor="受託者"
    )
    summary = report.table("summary")
    assert summary.value("窓口受付件数") == 4
    assert summary.value("処理完了件数") == 1
    assert summary.value("市職員への引継ぎ件数") == 1
    assert summary.value("受電件数") == 2 and summary.value("応答件数") == 1 and summary.value("架電件数") == 1
    assert summary.value("応答率(%)") == 50.0
    assert summary.value("申請書受付枚数") == 37
    assert summary.value("苦情件数") == 1
    # Waits 10, 20 and 2 minutes: mean 10.7, p90 (nearest rank) 20, longest 20.
    assert (
        summary.value("窓口の平均待ち時間(分)"),
        summary.value("窓口の待ち時間 90%値(分)"),
        summary.value("窓口の最長待ち時間(分)"),
    ) == (10.7, 20.0, 20.0)
    procedures = {row[0]: row[1:] for row in report.table("procedures").rows}
    assert procedures["マイナンバーカード交付"] == (2, 1, 1, 0, 0)
    assert procedures["電子証明書の発行・更新"] == (2, 0, 0, 1, 1)
    assert report.table("handoffs").rows == (("代理人による受取・手続き", 1),)
    assert report.due == dt.date(2026, 11, 19)


def test_pre_issuance_breaches_are_listed(fixtures):
    site = fixtures.site("tamano")
    data = ReportData(
        "tamano",
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 30),
        card_batches=[
            CardBatchRecord(1, dt.date(2026, 9, 1), 50, dt.date(2026, 9, 7)),
            CardBatchRecord(2, dt.date(2026, 9, 3), 40, dt.date(2026, 9, 14)),  # 11 days: breach
            CardBatchRecord(3, dt.date(2026, 9, 20), 30, None),  # 10 days by the 30th: breach
        ],
    )
    report = monthly_report(
        site, fixtures.catalogue, data, monthly_period(site, 2026, 9, dt.date(2026, 11, 21)), contractor="受託者"
    )
    assert report.table("pre_issuance").value("目標超過") == 2
    verdicts = report.table("pre_issuance_batches").column("判定")
    assert verdicts == ["目標内に発送", "超過（11日）", "未発送・超過（10日経過）"]


def test_improvement_notice_grace_and_payment_stop(fixtures):
    site = fixtures.site("kawanishi")
    received = dt.date(2026, 11, 2)
    pending = NoticeRecord(1, received, "受付誤り")
    grace = notice_status(site, pending, dt.date(2026, 11, 8))  # the 7th day from receipt: still in grace
    assert not grace.payment_stopped_now and grace.plan_due == dt.date(2026, 11, 8)
    stopped = notice_status(site, pending, dt.date(2026, 11, 12))
    assert stopped.payment_stopped_now and stopped.stopped_from == dt.date(2026, 11, 9) and stopped.stopped_days == 4
    on_time = NoticeRecord(2, received, "受付誤り", plan_submitted_on=dt.date(2026, 11, 8))
    assert not notice_status(site, on_time, dt.date(2026, 12, 1)).payment_stopped_now
    long = notice_status(site, pending, dt.date(2026, 12, 20))
    assert long.termination_risk and "契約解除" in long.payment


def test_checklist_backs_items_with_measured_figures(fixtures):
    site = fixtures.site("kawanishi")
    day = dt.date(2026, 10, 1)
    # The manager on duty 08:45–17:15 with a break 12:00–13:00: presence is short by that hour.
    shifts = [
        ShiftRecord(day, "manager", True, 525, 1035, ((720, 780),), ((525, 1035, "window"),)),
        ShiftRecord(day, "agent", False, 525, 1035, (), ((525, 1035, "reception"),)),
    ]
    data = ReportData(
        "kawanishi",
        day,
        day,
        shifts=shifts,
        rostered_dates={day},
        incidents=[IncidentRecord(1, "incident", "privacy", at(day, 10), "書類の置き忘れ")],
    )
    report = monthly_report(
        site, fixtures.catalogue, data, monthly_period(site, 2026, 10, dt.date(2026, 11, 21)), contractor="受託者"
    )
    staffing = dict(report.table("staffing").rows)
    # Service 09:00–17:00 = 32 slots; 4 of them on break.
    assert staffing["サービス時間中に業務管理者または業務副管理者が在席した割合(%)"] == 87.5
    checklist = {
        row[0].split("：")[0] + "：" + row[0].split("：")[1][:6]: row for row in report.table("checklist").rows
    }
    rows = report.table("checklist").rows
    assert len(rows) == len(site.service_standards.performance_checklist)
    presence = next(r for r in rows if r[0].startswith("責任体制の確立"))
    assert "87.5%" in presence[1] and presence[3] == "未達" and "勤務表" in presence[2]
    privacy = next(r for r in rows if r[0].startswith("個人情報保護：事故"))
    assert "1件" in privacy[1] and privacy[3] == "未達" and "事故の記録" in privacy[2]
    unmeasured = next(r for r in rows if r[0].startswith("安全管理体制：感染症"))
    assert "測れません" in unmeasured[1] and unmeasured[3] == "市の判断"
    assert checklist  # every item got a row
