"""Use cases of the city reports and of the records supervisors keep for them (事故・苦情,
業務改善事項通知書, 申請書枚数, 交付前設定, 提出記録). No Streamlit: the pages and the CLI call these.

Every writing function takes the session keyword-only, runs one transaction and commits; bad
input raises InputError with a Japanese message naming the field and the site, and stores nothing.
Access (issue 14): reading needs VIEW_REPORTS, exporting EXPORT_REPORTS (audited), writing
EDIT_RECORDS; callers pass `actor=`, and updates by row id check the row's site."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from core.privacy.personal_data import PersonalDataFound, refuse_personal_data
from core.privacy.text_input import LONG_MAX, SHORT_MAX, TextRefused, check_text
from core.privacy.text_input import is_row_id as _row_id
from core.profile.fixtures import Fixtures
from core.reports import Report, ReportUnavailable, daily_period, daily_report, monthly_period, monthly_report
from core.reports import texts as T
from core.reports.deadlines import DueItem, due_items, month_end
from core.reports.export import to_csv, to_xlsx
from core.reports.pdf import render_pdf
from core.vocabulary import TOKYO
from dashboard import texts
from dashboard.use_cases.access import Actor, Permission, needs, require


class InputError(ValueError):
    """Input a supervisor must correct; the message says what and where, in Japanese."""


MAX_COUNT = 1_000_000  # a day's forms or a batch of cards: far above any real figure, far below overflow


def _not_huge(value: int, field: str, site_name: str) -> None:
    if value > MAX_COUNT:
        raise InputError(texts.ERR_TOO_LARGE.format(site=site_name, field=field, value=value, limit=MAX_COUNT))


# -- reading -----------------------------------------------------------------------------------


def tokyo_today() -> dt.date:
    return dt.datetime.now(TOKYO).date()


@needs(Permission.VIEW_REPORTS)
def build_report(
    kind: str,
    site_id: str,
    *,
    session: Session,
    fixtures: Fixtures,
    today: dt.date,
    contractor: str,
    day: dt.date | None = None,
    month: tuple[int, int] | None = None,
) -> Report:
    """The daily report of `day` or the monthly report of `month` (year, month).
    ReportUnavailable (a Japanese message) for a period outside the contract or in the future."""
    from dashboard.use_cases.designation_services import with_designations
    from db.report_queries import load_report_data

    fixtures = with_designations(fixtures, session=session)  # designated days stored from the dashboard
    site = fixtures.site(site_id)
    # fixture → profile (above) → period (validated once) → records (db) → tables (core.reports)
    period = daily_period(site, day, today) if kind == "daily" else monthly_period(site, *month, today)
    data = load_report_data(session=session, site_id=site.id, start=period.start, end=period.end)
    build = daily_report if kind == "daily" else monthly_report
    return build(site, fixtures.catalogue, data, period, contractor=contractor)


def report_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)


def report_pdf(report: Report) -> bytes:
    """The PDF; the renderer asks the dashboard's chart provider for the images after each table
    (the same Altair charts as the page, as PNG)."""
    from dashboard.charts.reports import png_charts

    return render_pdf(report, png_charts)


def report_csv(report: Report) -> bytes:
    return to_csv(report)


def report_xlsx(report: Report) -> bytes:
    return to_xlsx(report)


REPORT_FORMATS = {
    "pdf": report_pdf,
    "csv": report_csv,
    "xlsx": report_xlsx,
    "json": lambda report: report_json(report).encode("utf-8"),
}


@needs(Permission.EXPORT_REPORTS)
def export_report(report: Report, fmt: str, *, session: Session, actor: Actor) -> bytes:
    """The report as a file for the city (pdf, csv, xlsx, json); the export is audited."""
    from dashboard.use_cases.audit_services import AuditAction, note

    require(actor, Permission.EXPORT_REPORTS, report.site_id)
    data = REPORT_FORMATS[fmt](report)
    note(
        session,
        actor,
        AuditAction.EXPORT,
        f"report_{report.kind}",
        file_stem(report),
        site_id=report.site_id,
        format=fmt,
        period=report.period_label,
    )
    session.commit()
    return data


def file_stem(report: Report) -> str:
    if report.kind == "daily":
        return f"{report.site_id}_daily_{report.period_start:%Y%m%d}"
    return f"{report.site_id}_monthly_{report.period_start:%Y%m}"


def display_rows(table) -> list[list]:
    """A table's rows for a data frame: a column mixing numbers and words shows as text."""
    mixed = [
        not all(
            isinstance(row[i], (int, float)) and not isinstance(row[i], bool)
            for row in table.rows
            if row[i] is not None
        )
        for i in range(len(table.columns))
    ]
    return [[("" if v is None else str(v)) if mixed[i] else v for i, v in enumerate(row)] for row in table.rows]


@needs(Permission.VIEW_REPORTS)
def due_list(site_id: str, *, session: Session, fixtures: Fixtures, today: dt.date) -> list[DueItem]:
    from db.report_queries import submissions

    site = fixtures.site(site_id)
    return due_items(site, fixtures.catalogue, submissions(session=session, site_id=site.id), today)


def due_rows(items: list[DueItem]) -> list[dict]:
    return [
        {
            texts.REPORTS_COL_REPORT: item.label,
            texts.REPORTS_COL_PERIOD: (
                item.period_start.isoformat() if item.kind == "daily" else T.SCHEDULE_MONTH.format(d=item.period_start)
            ),
            texts.REPORTS_COL_DUE: item.due.isoformat(),
            texts.REPORTS_COL_SUBMITTED: item.submitted_on.isoformat() if item.submitted_on else "",
            texts.REPORTS_COL_STATUS: texts.DUE_STATUS[item.status],
        }
        for item in items
    ]


# -- writing -----------------------------------------------------------------------------------


def free_text(
    text: str | None, label: str, site_name: str, *, max_length: int = SHORT_MAX, multiline: bool = False
) -> str:
    """A free text checked once for every field (issue 14): length, control and bidi characters
    (core.privacy.text_input), and nothing personal (core.privacy.personal_data): these texts reach the city's
    reports. Returns the stripped text; InputError naming the site and the field otherwise."""
    try:
        checked = check_text(text, label, max_length=max_length, multiline=multiline)
        refuse_personal_data(checked, label)
    except (TextRefused, PersonalDataFound) as exc:
        raise InputError(f"{site_name}：{exc}") from None
    return checked


def _site(fixtures: Fixtures, site_id: str):
    try:
        return fixtures.site(site_id)
    except KeyError:
        raise InputError(texts.ERR_SITE.format(site=site_id)) from None


def _not_future(value: dt.date, today: dt.date, field: str, site_name: str) -> None:
    if value > today:
        raise InputError(texts.ERR_FUTURE.format(site=site_name, field=field, value=value))


def _aware(value: dt.datetime, field: str, site_name: str) -> dt.datetime:
    if value.tzinfo is None:
        raise InputError(texts.ERR_NAIVE.format(site=site_name, field=field, value=value))
    return value


@dataclass(frozen=True)
class IncidentInput:
    kind: str
    category: str
    occurred_at: dt.datetime
    description: str
    action_taken: str = ""
    cause: str = ""
    fix: str = ""
    reported_to_city_at: dt.datetime | None = None
    # issue 17: 経過・被害 (Kawanishi §10(2)); oral and written reports apart (Seto §11)
    progress: str = ""
    damage: str = ""
    oral_reported_at: dt.datetime | None = None
    written_reported_at: dt.datetime | None = None

    def first_report(self) -> dt.datetime | None:
        """When the city first heard of it: the earliest of the reports given."""
        times = [t for t in (self.reported_to_city_at, self.oral_reported_at, self.written_reported_at) if t]
        return min(times) if times else None


# 事故・苦情, and (issue 17) 課題・改善案 (Ageo §5(4)①) and sudden staff vacancies (Fujieda §8(1)①)
INCIDENT_KINDS = ("incident", "complaint", "issue", "proposal", "vacancy")


def _check_incident(fixtures: Fixtures, site_id: str, data: IncidentInput, now: dt.datetime):
    site = _site(fixtures, site_id)
    if data.kind not in INCIDENT_KINDS:
        raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.INC_KIND, value=data.kind))
    if data.category not in fixtures.catalogue.incident_categories:
        raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.INC_CATEGORY, value=data.category))
    _aware(data.occurred_at, texts.INC_OCCURRED, site.name)
    if data.occurred_at > now:
        raise InputError(texts.ERR_FUTURE.format(site=site.name, field=texts.INC_OCCURRED, value=data.occurred_at))
    if not data.description.strip():
        raise InputError(texts.ERR_EMPTY.format(site=site.name, field=texts.INC_DESCRIPTION))
    for text, label in (
        (data.description, texts.INC_DESCRIPTION),
        (data.action_taken, texts.INC_ACTION),
        (data.cause, texts.INC_CAUSE),
        (data.fix, texts.INC_FIX),
        (data.progress, texts.INC_PROGRESS),
        (data.damage, texts.INC_DAMAGE),
    ):
        free_text(text, label, site.name, max_length=LONG_MAX, multiline=True)
    for value, label in (
        (data.reported_to_city_at, texts.INC_REPORTED),
        (data.oral_reported_at, texts.INC_ORAL),
        (data.written_reported_at, texts.INC_WRITTEN),
    ):
        if value is None:
            continue
        _aware(value, label, site.name)
        if value < data.occurred_at:
            raise InputError(
                texts.ERR_BEFORE.format(site=site.name, field=label, other=texts.INC_OCCURRED, value=value)
            )
        if value > now:
            raise InputError(texts.ERR_FUTURE.format(site=site.name, field=label, value=value))
    return site


@needs(Permission.EDIT_RECORDS)
def record_incident(
    site_id: str, data: IncidentInput, *, session: Session, fixtures: Fixtures, now: dt.datetime | None = None
) -> int:
    from db.models import Incident

    now = now or dt.datetime.now(TOKYO)
    _check_incident(fixtures, site_id, data, now)
    row = Incident(
        site_id=site_id,
        kind=data.kind,
        category=data.category,
        occurred_at=data.occurred_at,
        description=data.description.strip(),
        action_taken=data.action_taken.strip() or None,
        cause=data.cause.strip() or None,
        fix=data.fix.strip() or None,
        reported_to_city_at=data.first_report(),
        progress=data.progress.strip() or None,
        damage=data.damage.strip() or None,
        oral_reported_at=data.oral_reported_at,
        written_reported_at=data.written_reported_at,
    )
    session.add(row)
    session.commit()
    return row.id


@needs(Permission.EDIT_RECORDS)
def update_incident(
    incident_id: int,
    data: IncidentInput,
    *,
    session: Session,
    fixtures: Fixtures,
    actor: Actor,
    now: dt.datetime | None = None,
    site_id: str | None = None,
) -> None:
    """`site_id`: the site the caller is working on; an incident of another site is refused
    (as not found: the caller learns nothing about other sites)."""
    from db.models import Incident

    row = session.get(Incident, incident_id) if _row_id(incident_id) else None
    if row is None or (site_id is not None and row.site_id != site_id):
        raise InputError(texts.ERR_NOT_FOUND.format(what=texts.INC_WHAT, id=incident_id))
    require(actor, Permission.EDIT_RECORDS, row.site_id)
    _check_incident(fixtures, row.site_id, data, now or dt.datetime.now(TOKYO))
    row.kind, row.category, row.occurred_at = data.kind, data.category, data.occurred_at
    row.description = data.description.strip()
    row.action_taken = data.action_taken.strip() or None
    row.cause, row.fix = data.cause.strip() or None, data.fix.strip() or None
    row.reported_to_city_at = data.first_report()
    row.progress, row.damage = data.progress.strip() or None, data.damage.strip() or None
    row.oral_reported_at, row.written_reported_at = data.oral_reported_at, data.written_reported_at
    session.add(row)
    session.commit()


@needs(Permission.VIEW_REPORTS)
def incidents(site_id: str, *, session: Session, since: dt.date | None = None) -> list:
    from db.models import Incident

    query = select(Incident).where(Incident.site_id == site_id)
    if since is not None:
        query = query.where(Incident.occurred_at >= dt.datetime.combine(since, dt.time(0), tzinfo=TOKYO))
    return list(session.exec(query.order_by(Incident.occurred_at.desc(), Incident.id.desc())).all())


@dataclass(frozen=True)
class NoticeInput:
    received_on: dt.date
    subject: str
    plan_submitted_on: dt.date | None = None
    report_submitted_on: dt.date | None = None
    completed_on: dt.date | None = None
    plan_approved_on: dt.date | None = None  # issue 16: the city's approval (Kawanishi §1.1(1)イ)


def _check_notice(fixtures: Fixtures, site_id: str, data: NoticeInput, today: dt.date):
    site = _site(fixtures, site_id)
    if not data.subject.strip():
        raise InputError(texts.ERR_EMPTY.format(site=site.name, field=texts.NOTICE_SUBJECT))
    free_text(data.subject, texts.NOTICE_SUBJECT, site.name, max_length=SHORT_MAX)
    steps = [
        (texts.NOTICE_RECEIVED, data.received_on),
        (texts.NOTICE_PLAN, data.plan_submitted_on),
        (texts.NOTICE_APPROVED, data.plan_approved_on),
        (texts.NOTICE_REPORT, data.report_submitted_on),
        (texts.NOTICE_COMPLETED, data.completed_on),
    ]
    previous = None
    for field, value in steps:
        if value is None:
            continue
        _not_future(value, today, field, site.name)
        if previous is not None and value < previous[1]:
            raise InputError(texts.ERR_BEFORE.format(site=site.name, field=field, other=previous[0], value=value))
        previous = (field, value)
    if data.plan_approved_on is not None and data.plan_submitted_on is None:
        raise InputError(texts.ERR_NEEDS.format(site=site.name, field=texts.NOTICE_APPROVED, other=texts.NOTICE_PLAN))
    if data.report_submitted_on is not None and data.plan_submitted_on is None:
        raise InputError(texts.ERR_NEEDS.format(site=site.name, field=texts.NOTICE_REPORT, other=texts.NOTICE_PLAN))
    return site


@needs(Permission.EDIT_RECORDS)
def record_notice(
    site_id: str, data: NoticeInput, *, session: Session, fixtures: Fixtures, today: dt.date | None = None
) -> int:
    from db.models import ImprovementNotice

    _check_notice(fixtures, site_id, data, today or tokyo_today())
    row = ImprovementNotice(
        site_id=site_id,
        received_on=data.received_on,
        subject=data.subject.strip(),
        plan_submitted_on=data.plan_submitted_on,
        report_submitted_on=data.report_submitted_on,
        completed_on=data.completed_on,
        plan_approved_on=data.plan_approved_on,
    )
    session.add(row)
    session.commit()
    return row.id


@needs(Permission.EDIT_RECORDS)
def update_notice(
    notice_id: int,
    data: NoticeInput,
    *,
    session: Session,
    fixtures: Fixtures,
    actor: Actor,
    today: dt.date | None = None,
    site_id: str | None = None,
) -> None:
    from db.models import ImprovementNotice

    row = session.get(ImprovementNotice, notice_id) if _row_id(notice_id) else None
    if row is None or (site_id is not None and row.site_id != site_id):
        raise InputError(texts.ERR_NOT_FOUND.format(what=texts.NOTICE_WHAT, id=notice_id))
    require(actor, Permission.EDIT_RECORDS, row.site_id)
    _check_notice(fixtures, row.site_id, data, today or tokyo_today())
    row.received_on, row.subject = data.received_on, data.subject.strip()
    row.plan_submitted_on, row.report_submitted_on = data.plan_submitted_on, data.report_submitted_on
    row.completed_on = data.completed_on
    row.plan_approved_on = data.plan_approved_on
    session.add(row)
    session.commit()


@needs(Permission.VIEW_REPORTS)
def notices(site_id: str, *, session: Session) -> list:
    from db.models import ImprovementNotice

    return list(
        session.exec(
            select(ImprovementNotice)
            .where(ImprovementNotice.site_id == site_id)
            .order_by(ImprovementNotice.received_on.desc(), ImprovementNotice.id.desc())
        ).all()
    )


def _in_contract(site, day: dt.date, field: str) -> None:
    if not site.contract.start <= day <= site.contract.end:
        raise InputError(
            texts.ERR_OUTSIDE.format(
                site=site.name, field=field, value=day, start=site.contract.start, end=site.contract.end
            )
        )


@needs(Permission.EDIT_RECORDS)
def record_form_count(
    site_id: str, day: dt.date, count: int, *, session: Session, fixtures: Fixtures, today: dt.date | None = None
) -> None:
    """Set the number of application forms received on a day (a second entry replaces the first)."""
    from db.models import FormCount

    site = _site(fixtures, site_id)
    _in_contract(site, day, texts.FORMS_DATE)
    _not_future(day, today or tokyo_today(), texts.FORMS_DATE, site.name)
    if count < 0:
        raise InputError(texts.ERR_NEGATIVE.format(site=site.name, field=texts.FORMS_COUNT, value=count))
    _not_huge(count, texts.FORMS_COUNT, site.name)
    row = session.get(FormCount, (site_id, day))
    if row is None:
        row = FormCount(site_id=site_id, date=day, count=count)
    else:
        row.count, row.recorded_at = count, dt.datetime.now(dt.UTC)
    session.add(row)
    session.commit()


@needs(Permission.EDIT_RECORDS)
def record_card_batch(
    site_id: str,
    arrived_on: dt.date,
    cards: int,
    notices_mailed_on: dt.date | None,
    *,
    session: Session,
    fixtures: Fixtures,
    today: dt.date | None = None,
    batch_id: int | None = None,
) -> int:
    """Record cards that arrived for pre-issuance setup, or (batch_id) update a batch, e.g. with
    the day its notices were mailed."""
    from db.models import CardBatch

    site = _site(fixtures, site_id)
    today = today or tokyo_today()
    _not_future(arrived_on, today, texts.BATCH_ARRIVED, site.name)
    if cards <= 0:
        raise InputError(texts.ERR_POSITIVE.format(site=site.name, field=texts.BATCH_CARDS, value=cards))
    _not_huge(cards, texts.BATCH_CARDS, site.name)
    if notices_mailed_on is not None:
        _not_future(notices_mailed_on, today, texts.BATCH_MAILED, site.name)
        if notices_mailed_on < arrived_on:
            raise InputError(
                texts.ERR_BEFORE.format(
                    site=site.name, field=texts.BATCH_MAILED, other=texts.BATCH_ARRIVED, value=notices_mailed_on
                )
            )
    if batch_id is None:
        row = CardBatch(site_id=site_id, arrived_on=arrived_on, cards=cards, notices_mailed_on=notices_mailed_on)
    else:
        row = session.get(CardBatch, batch_id) if _row_id(batch_id) else None
        if row is None or row.site_id != site_id:
            raise InputError(texts.ERR_NOT_FOUND.format(what=texts.BATCH_WHAT, id=batch_id))
        row.arrived_on, row.cards, row.notices_mailed_on = arrived_on, cards, notices_mailed_on
    session.add(row)
    session.commit()
    return row.id


@needs(Permission.VIEW_REPORTS)
def card_batches(site_id: str, *, session: Session) -> list:
    from db.models import CardBatch

    return list(
        session.exec(
            select(CardBatch)
            .where(CardBatch.site_id == site_id)
            .order_by(CardBatch.arrived_on.desc(), CardBatch.id.desc())
        ).all()
    )


@needs(Permission.EDIT_RECORDS)
def mark_submitted(
    site_id: str,
    report_id: str,
    period_start: dt.date,
    submitted_on: dt.date,
    *,
    session: Session,
    fixtures: Fixtures,
    today: dt.date | None = None,
) -> None:
    """Record that a report (the profile's reports[].id) for a period was handed to the city."""
    from db.models import ReportSubmission

    site = _site(fixtures, site_id)
    duties = {d.id: d for d in site.reports}
    if report_id not in duties:
        raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.SUBMIT_REPORT, value=report_id))
    from core.documents import period_kind

    kind = period_kind(duties[report_id])
    if duties[report_id].kind == "monthly" or kind == "month":
        period_start = period_start.replace(day=1)
        period_end = month_end(period_start.year, period_start.month)
    else:
        period_end = period_start
    _not_future(submitted_on, today or tokyo_today(), texts.SUBMIT_ON, site.name)
    # Lists and charts of the staff (as of a date) and duties due before the start are handed over
    # before the period they describe: no "after the period" check for them (issue 16).
    if submitted_on < period_end and kind not in ("as_of", "year") and not duties[report_id].due_before_start:
        raise InputError(
            texts.ERR_BEFORE.format(
                site=site.name, field=texts.SUBMIT_ON, other=texts.SUBMIT_PERIOD_END, value=submitted_on
            )
        )
    row = session.get(ReportSubmission, (site_id, report_id, period_start))
    if row is None:
        row = ReportSubmission(
            site_id=site_id, report_id=report_id, period_start=period_start, submitted_on=submitted_on
        )
    else:
        row.submitted_on = submitted_on
    session.add(row)
    session.commit()


# -- documents each city asks for (issue 16) ------------------------------------------------------

AUDIT_VERDICTS = T.AUDIT_VERDICTS  # verdict id → label, for the page's choice


def _duty(fixtures: Fixtures, site_id: str, report_id: str):
    site = _site(fixtures, site_id)
    for d in site.reports:
        if d.id == report_id:
            return site, d
    known = ", ".join(d.id for d in site.reports)
    raise ReportUnavailable(T.DOC_UNKNOWN.format(site=site.name, doc=report_id, known=known))


@needs(Permission.VIEW_REPORTS)
def build_document(
    site_id: str,
    report_id: str,
    *,
    session: Session,
    fixtures: Fixtures,
    today: dt.date,
    contractor: str,
    day: dt.date | None = None,
    month: tuple[int, int] | None = None,
    year: int | None = None,
) -> Report:
    """The document answering the profile's duty `report_id` for its period (a day, a month, a
    contract year or a date). ReportUnavailable (Japanese) when the period is missing or outside."""
    from core.documents import build_document as build
    from core.documents import document_of, document_period
    from core.documents.schedule import schedule
    from db.document_queries import load_document_data

    site, duty = _duty(fixtures, site_id, report_id)
    if document_of(duty) is None:
        raise ReportUnavailable(T.DOC_NOT_PRODUCED)
    period = document_period(site, duty, today=today, day=day, month=month, year=year)
    data = load_document_data(session=session, site_id=site.id, start=period.start, end=period.end, audit_year=year)
    due = next(
        (
            r.deadline
            for r in schedule(site, fixtures.catalogue, data.submissions, today)
            if r.report_id == duty.id and r.period_start == period.start
        ),
        None,
    )
    return build(site, fixtures.catalogue, duty, data, period=period, contractor=contractor, due=due)


@needs(Permission.VIEW_REPORTS)
def document_schedule(site_id: str, *, session: Session, fixtures: Fixtures, today: dt.date) -> list:
    """Every document the site's profile says is due, with its latest period, deadline and status."""
    from core.documents.schedule import schedule
    from db.report_queries import submissions

    site = _site(fixtures, site_id)
    return schedule(site, fixtures.catalogue, submissions(session=session, site_id=site.id), today)


def schedule_rows(rows: list) -> list[dict]:
    return [
        {
            texts.DOCS_COL_DOCUMENT: r.label,
            texts.DOCS_COL_CLAUSE: r.clause,
            texts.DOCS_COL_PERIOD: r.period_label,
            texts.DOCS_COL_DEADLINE: r.deadline_text,
            texts.DOCS_COL_SUBMITTED: r.submitted_on.isoformat() if r.submitted_on else "",
            texts.DOCS_COL_STATUS: T.SCHEDULE_STATUS[r.status],
        }
        for r in rows
    ]


def document_stem(report: Report, report_id: str) -> str:
    return f"{report.site_id}_{report_id}_{report.period_start:%Y%m%d}"


def _free_text(site, value: str | None, label: str) -> str | None:
    """A supervisor's text for a city document: checked like every free text (free_text), None when empty."""
    if not (value or "").strip():
        return None
    return free_text(value, label, site.name, max_length=LONG_MAX, multiline=True)


@needs(Permission.EDIT_RECORDS)
def record_audit_entry(
    site_id: str,
    year: int,
    item_id: str,
    verdict: str,
    note: str = "",
    *,
    session: Session,
    fixtures: Fixtures,
    actor: Actor,
) -> None:
    """The auditor's verdict and notes on one self-audit item for a contract year (Seto §9(3)ア);
    a second entry for the same item and year replaces the first."""
    from db import audit_store
    from db.models import SelfAuditEntry

    site = _site(fixtures, site_id)
    settings = site.documents.self_audit
    if settings is None:
        raise InputError(texts.AUDIT_NONE)
    if item_id not in {i.id for i in settings.items}:
        raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.AUDIT_ITEM, value=item_id))
    if verdict not in T.AUDIT_VERDICTS:
        raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.AUDIT_VERDICT, value=verdict))
    if not site.contract.start.year <= year <= site.contract.end.year:
        raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.AUDIT_YEAR, value=year))
    text = _free_text(site, note, texts.AUDIT_NOTE)
    row = session.get(SelfAuditEntry, (site_id, year, item_id))
    if row is None:
        row = SelfAuditEntry(
            site_id=site_id, year=year, item_id=item_id, verdict=verdict, note=text, auditor=actor.username
        )
    else:
        row.verdict, row.note, row.auditor = verdict, text, actor.username
        row.recorded_at = dt.datetime.now(dt.UTC)
    session.add(row)
    audit_store.record(
        session=session,
        actor=actor.username,
        action="self_audit.record",
        entity="self_audit_entry",
        entity_id=f"{site_id}/{year}/{item_id}",
        detail={"verdict": verdict},
    )
    session.commit()


@needs(Permission.EDIT_RECORDS)
def record_meeting_issue(
    site_id: str,
    raised_on: dt.date,
    title: str,
    detail: str = "",
    improvement: str = "",
    *,
    session: Session,
    fixtures: Fixtures,
    actor: Actor,
    today: dt.date | None = None,
) -> int:
    """An issue for the monthly meeting (Tamano §8(2), Seto §9(3)イ①, Kawanishi §10(3))."""
    from db import audit_store
    from db.models import MeetingIssue

    site = _site(fixtures, site_id)
    _not_future(raised_on, today or tokyo_today(), texts.ISSUE_RAISED, site.name)
    heading = _free_text(site, title, texts.ISSUE_TITLE)
    if heading is None:
        raise InputError(texts.ERR_EMPTY.format(site=site.name, field=texts.ISSUE_TITLE))
    row = MeetingIssue(
        site_id=site_id,
        raised_on=raised_on,
        title=heading,
        detail=_free_text(site, detail, texts.ISSUE_DETAIL),
        improvement=_free_text(site, improvement, texts.ISSUE_IMPROVEMENT),
    )
    session.add(row)
    session.flush()
    audit_store.record(
        session=session,
        actor=actor.username,
        action="meeting_issue.record",
        entity="meeting_issue",
        entity_id=str(row.id),
    )
    session.commit()
    return row.id


@needs(Permission.EDIT_RECORDS)
def close_meeting_issue(
    issue_id: int,
    closed_on: dt.date,
    improvement: str = "",
    *,
    session: Session,
    fixtures: Fixtures,
    actor: Actor,
    today: dt.date | None = None,
) -> None:
    """Mark an issue solved, with what was done (the site comes from the stored issue)."""
    from db import audit_store
    from db.models import MeetingIssue

    row = session.get(MeetingIssue, issue_id) if _row_id(issue_id) else None
    if row is None:
        raise InputError(texts.ERR_NOT_FOUND.format(what=texts.ISSUE_WHAT, id=issue_id))
    require(actor, Permission.EDIT_RECORDS, row.site_id)
    site = _site(fixtures, row.site_id)
    _not_future(closed_on, today or tokyo_today(), texts.ISSUE_CLOSED, site.name)
    if closed_on < row.raised_on:
        raise InputError(
            texts.ERR_BEFORE.format(site=site.name, field=texts.ISSUE_CLOSED, other=texts.ISSUE_RAISED, value=closed_on)
        )
    row.closed_on = closed_on
    row.improvement = _free_text(site, improvement, texts.ISSUE_IMPROVEMENT) or row.improvement
    session.add(row)
    audit_store.record(
        session=session,
        actor=actor.username,
        action="meeting_issue.close",
        entity="meeting_issue",
        entity_id=str(row.id),
    )
    session.commit()


@needs(Permission.EDIT_RECORDS)
def record_equipment_checks(
    site_id: str,
    checked_on: dt.date,
    results: dict[str, tuple[bool, str]],
    *,
    session: Session,
    fixtures: Fixtures,
    actor: Actor,
    today: dt.date | None = None,
) -> None:
    """The results of one day's equipment check (Ageo §5(1)②(ウ)): item id → (working, note). A
    faulty item needs a note of what was done; a second check of the same day replaces the first."""
    from db import audit_store
    from db.models import EquipmentCheck

    site = _site(fixtures, site_id)
    settings = site.documents.equipment_checks
    if settings is None:
        raise InputError(texts.EQUIPMENT_NONE)
    labels = {i.id: i.label for i in settings.items}
    _in_contract(site, checked_on, texts.EQUIPMENT_DATE)
    _not_future(checked_on, today or tokyo_today(), texts.EQUIPMENT_DATE, site.name)
    rows = []
    for item_id, (ok, note) in results.items():
        if item_id not in labels:
            raise InputError(texts.ERR_CHOICE.format(site=site.name, field=texts.EQUIPMENT_WHAT, value=item_id))
        text = _free_text(site, note, texts.EQUIPMENT_NOTE)
        if not ok and text is None:
            raise InputError(texts.EQUIPMENT_NG_NEEDS_NOTE.format(site=site.name, item=labels[item_id]))
        rows.append((item_id, bool(ok), text))
    for item_id, ok, text in rows:
        row = session.get(EquipmentCheck, (site_id, checked_on, item_id))
        if row is None:
            row = EquipmentCheck(site_id=site_id, checked_on=checked_on, item_id=item_id, ok=ok, note=text)
        else:
            row.ok, row.note, row.recorded_at = ok, text, dt.datetime.now(dt.UTC)
        session.add(row)
    audit_store.record(
        session=session,
        actor=actor.username,
        action="equipment_check.record",
        entity="equipment_check",
        entity_id=f"{site_id}/{checked_on}",
        detail={"items": len(rows), "faulty": sum(not r[1] for r in rows)},
    )
    session.commit()


@needs(Permission.VIEW_REPORTS)
def open_meeting_issues(site_id: str, *, session: Session) -> list:
    from db.models import MeetingIssue

    return list(
        session.exec(
            select(MeetingIssue)
            .where(MeetingIssue.site_id == site_id, MeetingIssue.closed_on.is_(None))
            .order_by(MeetingIssue.raised_on, MeetingIssue.id)
        ).all()
    )


__all__ = ["InputError", "ReportUnavailable", "build_report"]
