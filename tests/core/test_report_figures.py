"""Issue 16 as pure functions: figures that cannot mislead (window use, notices, verdicts with
their figures, checklist records), the site catalogue, and the documents' schedule."""

from __future__ import annotations

import datetime as dt

import pytest

from core.documents.schedule import schedule
from core.profile.catalogue import for_site, site_topics
from core.reports import monthly_period, monthly_report, notice_status
from core.reports.records import CallRecord, NoticeRecord, ReportData, ShiftRecord, TicketRecord
from core.vocabulary import TOKYO

NOV = dt.date(2026, 11, 1)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=TOKYO)


def _busy_month(site_id: str, fixtures, rostered: list[dt.date]) -> ReportData:
    """Every open day of November: both windows busy all day; a roster with one person on the
    window on the `rostered` days only."""
    from core.profile.calendar import SiteCalendar

    site = fixtures.site(site_id)
    days = [d.date for d in SiteCalendar(site, fixtures.catalogue).days(NOV, dt.date(2026, 11, 30)) if d.open]
    tickets = []
    for day in days:
        for counter in ("窓口1", "窓口2"):
            for hour in range(9, 16):
                tickets.append(
                    TicketRecord(
                        day,
                        "card_issuance",
                        "done",
                        at(day, hour),
                        called_at=at(day, hour, 1),
                        started_at=at(day, hour, 2),
                        finished_at=at(day, hour, 59),
                        counter=counter,
                    )
                )
    shifts = [ShiftRecord(day, "manager", True, 525, 1035, ((720, 765),), ((525, 1035, "window"),)) for day in rostered]
    return ReportData(
        site_id,
        NOV,
        dt.date(2026, 11, 30),
        tickets=tickets,
        shifts=shifts,
        rostered_dates=set(rostered),
        staff_by_role={"manager": 1, "deputy": 1, "agent": 2},
    )


def test_window_use_compares_like_with_like_on_a_partly_rostered_month(fixtures):
    site = fixtures.site("kawanishi")
    rostered = [dt.date(2026, 11, 4), dt.date(2026, 11, 5), dt.date(2026, 11, 6)]
    data = _busy_month("kawanishi", fixtures, rostered)
    report = monthly_report(
        site, fixtures.catalogue, data, monthly_period(site, 2026, 11, dt.date(2026, 12, 8)), contractor="受託者"
    )
    staffing = report.table("staffing")
    share = staffing.value("勤務表の窓口配置に対する稼働の割合(%)")
    planned = staffing.value("勤務表の窓口配置（人時、勤務表のある日）")
    used = staffing.value("うち受付・対応に使われた時間（人時、受付記録から）")
    # 3 days × (8.5 h − 45 min break) planned; the windows were busy 09:00–16:00 of those days,
    # but only one person was rostered: the use counts at most one window per slot.
    assert planned == pytest.approx(3 * 7.75, abs=0.06)
    assert used == pytest.approx(3 * 6.25, abs=0.06)  # 09:00–16:00 minus the 12:00–12:45 break of the only person
    assert share == pytest.approx(100 * 6.25 / 7.75, abs=0.1) and share <= 100
    assert "3/" in staffing.note  # the note says how few days the figure stands on


def test_window_share_is_unavailable_without_a_roster(fixtures):
    site = fixtures.site("kawanishi")
    report = monthly_report(
        site,
        fixtures.catalogue,
        _busy_month("kawanishi", fixtures, []),
        monthly_period(site, 2026, 11, dt.date(2026, 12, 8)),
        contractor="受託者",
    )
    staffing = report.table("staffing")
    assert staffing.value("勤務表の窓口配置に対する稼働の割合(%)") is None
    assert "算出できません" in staffing.note


def test_a_site_without_the_clause_never_shows_a_payment_verdict(fixtures):
    seto = fixtures.site("seto")
    assert seto.improvement_notice is None
    late = NoticeRecord(1, dt.date(2026, 11, 2), "受付誤り")
    status = notice_status(seto, late, dt.date(2026, 11, 30))
    assert status.payment is None and not status.payment_stopped_now and status.plan_due is None
    data = ReportData("seto", NOV, dt.date(2026, 11, 30), notices=[late])
    table = monthly_report(
        seto, fixtures.catalogue, data, monthly_period(seto, 2026, 11, dt.date(2026, 12, 8)), contractor="受託者"
    ).table("notices")
    assert "支払" not in table.columns
    assert not any("停止" in str(v) for row in table.rows for v in row)
    assert "支払の判定は行いません" in table.note


def test_kawanishi_cycle_has_the_city_steps_and_its_payment_clause(fixtures):
    site = fixtures.site("kawanishi")
    notice = NoticeRecord(1, dt.date(2026, 11, 2), "受付誤り", plan_submitted_on=dt.date(2026, 11, 6))
    assert notice_status(site, notice, dt.date(2026, 11, 10)).status == "計画書提出済（市の了承待ち）"
    approved = NoticeRecord(
        1,
        dt.date(2026, 11, 2),
        "受付誤り",
        plan_submitted_on=dt.date(2026, 11, 6),
        plan_approved_on=dt.date(2026, 11, 9),
    )
    status = notice_status(site, approved, dt.date(2026, 11, 10))
    assert (
        status.status == "計画書了承済・改善実施中"
        and status.payment.startswith("停止なし")
        and "§1.1" in status.payment
    )
    data = ReportData("kawanishi", NOV, dt.date(2026, 11, 30), notices=[approved])
    table = monthly_report(
        site, fixtures.catalogue, data, monthly_period(site, 2026, 11, dt.date(2026, 12, 8)), contractor="受託者"
    ).table("notices")
    assert "計画書了承" in table.columns and "支払" in table.columns


def test_answer_rate_verdict_states_its_figures(fixtures):
    site = fixtures.site("ageo")
    day = dt.date(2026, 11, 2)
    calls = [
        CallRecord("call_centre", at(day, 9), "booking_entry", answered=i < 17, abandoned=i >= 17) for i in range(20)
    ]
    report = monthly_report(
        site,
        fixtures.catalogue,
        ReportData("ageo", NOV, dt.date(2026, 11, 30), calls=calls),
        monthly_period(site, 2026, 11, dt.date(2026, 12, 8)),
        contractor="受託者",
    )
    row = report.table("answer_rate").rows[0]
    assert row[6] == "未達" and "応答17件" in row[7] and "受電20件" in row[7] and "85.0%" in row[7] and "90.0" in row[7]


def test_site_catalogue_extends_the_national_one(fixtures):
    national = fixtures.catalogue
    for site_id in ("kawanishi", "seto", "tamano"):
        merged = for_site(national, fixtures.site(site_id))
        assert [t.id for t in site_topics(merged)] == [t.id for t in national.call_topics]
        assert merged.handoff_reasons == national.handoff_reasons
    ageo = for_site(national, fixtures.site("ageo"))
    assert len(site_topics(ageo)) == 9  # §5(3)③ ア–ケ; the refined national topics leave the list
    assert [k.id for k in ageo.booth_kinds][:2] == ["online_application", "account_linkage_support"]
    assert len(ageo.booth_kinds) == 4  # §5(1)③ ア–エ
    fujieda = for_site(national, fixtures.site("fujieda"))
    assert "identity_check_by_city" in fujieda.procedure("application_support").handoffs  # §5(3)②ウ
    assert "identity_check_by_city" not in national.procedure("application_support").handoffs
    assert for_site(ageo, fixtures.site("ageo")) is ageo  # idempotent


def test_a_site_procedure_joins_the_catalogue(fixtures):
    from core.profile.site_profile import SiteCatalogue, SiteProcedure

    site = fixtures.site("seto")
    own = SiteCatalogue(
        procedures=[
            SiteProcedure(
                id="mail_out_cards",
                label="個人番号カードの発送",
                group="M",
                service_minutes=5,
                activity="back_office",
                clause="§6(9)",
            )
        ]
    )
    merged = for_site(fixtures.catalogue, site.model_copy(update={"catalogue": own}))
    assert merged.procedure("mail_out_cards").label == "個人番号カードの発送"


def test_ageo_breakdowns_list_every_topic_and_kind_with_zeros(fixtures):
    site = fixtures.site("ageo")
    report = monthly_report(
        site,
        fixtures.catalogue,
        ReportData("ageo", NOV, dt.date(2026, 11, 30)),
        monthly_period(site, 2026, 11, dt.date(2026, 12, 8)),
        contractor="受託者",
    )
    topics = report.table("call_topics").rows
    assert [r[0][0] for r in topics] == list("アイウエオカキクケ") and all(r[1] == 0 for r in topics)
    assert [r[0][0] for r in report.table("booth_kinds").rows] == list("アイウエ")


def test_checklist_items_state_their_records_or_leave_it_to_the_city(fixtures):
    site = fixtures.site("kawanishi")
    data = _busy_month("kawanishi", fixtures, [dt.date(2026, 11, 4)])
    rows = (
        monthly_report(
            site, fixtures.catalogue, data, monthly_period(site, 2026, 11, dt.date(2026, 12, 8)), contractor="受託者"
        )
        .table("checklist")
        .rows
    )
    for item, measured, records, verdict in rows:
        if verdict == "市の判断":
            assert "測れません" in measured
        else:
            assert records and records != "—", item
    staffing = next(r for r in rows if r[0].startswith("適正な人員体制"))
    # Headcount from the staff records, and the days the roster figures stand on.
    assert "在籍する従事者 4名" in staffing[1] and "1/" in staffing[1] and "従事者の記録" in staffing[2]
    assert "公開済み勤務表のある開庁日" in staffing[1]


def test_schedule_lists_every_duty_with_deadline_and_status(fixtures):
    for site_id, site in fixtures.sites.items():
        rows = schedule(site, fixtures.catalogue, {}, dt.date(2026, 12, 3))
        assert [r.report_id for r in rows] == [d.id for d in site.reports]
    kawanishi = {
        r.report_id: r for r in schedule(fixtures.site("kawanishi"), fixtures.catalogue, {}, dt.date(2026, 12, 3))
    }
    assert kawanishi["organisation_chart"].deadline == dt.date(2026, 9, 30)
    assert kawanishi["organisation_chart"].status == "overdue"
    assert kawanishi["monthly"].deadline is not None and kawanishi["monthly"].status == "due"
    submitted = schedule(
        fixtures.site("kawanishi"),
        fixtures.catalogue,
        {("organisation_chart", dt.date(2026, 10, 1)): dt.date(2026, 9, 25)},
        dt.date(2026, 12, 3),
    )
    assert next(r for r in submitted if r.report_id == "organisation_chart").status == "submitted"


def test_a_site_procedure_can_be_offered(fixtures):
    """A procedure only the site's contract has is offered, forecast and staffed like a national one."""
    from core.demand.requirements import StaffingModel
    from core.profile.calendar import SiteCalendar
    from core.profile.site_profile import ProcedureOffer, SiteCatalogue, SiteProcedure

    seto = fixtures.site("seto")
    own = SiteCatalogue(
        procedures=[
            SiteProcedure(
                id="mail_out_cards",
                label="個人番号カードの発送（申請時来庁方式）",
                group="M",
                service_minutes=5,
                activity="back_office",
                clause="§6(9)",
            )
        ]
    )
    site = seto.model_copy(
        update={
            "catalogue": own,
            "procedures": [*seto.procedures, ProcedureOffer(id="mail_out_cards", activity="back_office")],
        }
    )
    day = SiteCalendar(site, fixtures.catalogue).day(dt.date(2027, 1, 18))
    assert "mail_out_cards" in day.procedures
    assert StaffingModel(site, fixtures.catalogue).day(dt.date(2027, 1, 18)).requirements


def test_meeting_material_judges_only_against_the_contract(fixtures):
    """Seto's contract sets no answer rate: its meeting material shows the figure, never a verdict."""
    from core.documents import build_document
    from core.documents.records import DocumentData

    seto, ageo = fixtures.site("seto"), fixtures.site("ageo")
    day = dt.date(2026, 11, 2)
    for site, line, verdict in ((seto, "phone", ""), (ageo, "call_centre", "未達")):
        calls = [
            CallRecord(line, at(day, 9 if site is seto else 10), answered=i < 8, abandoned=i >= 8) for i in range(10)
        ]
        data = DocumentData(report=ReportData(site.id, NOV, dt.date(2026, 11, 30), calls=calls))
        duty = next(d for d in site.reports if d.document in ("meeting", "completion_notice"))
        period = monthly_period(site, 2026, 11, dt.date(2026, 12, 8))
        doc = build_document(site, fixtures.catalogue, duty, data, period=period, contractor="受託者")
        if duty.document == "meeting":
            row = next(r for r in doc.table("progress").rows if "応答率" in r[0])
            assert row[1] == 80.0 and row[3] == verdict and "計画上の目安" in row[2]
        else:
            assert doc.table("answer_rate").rows[0][6] == verdict
