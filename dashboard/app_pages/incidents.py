"""事故・苦情・改善通知: supervisors record incidents and complaints and follow them up (cause, fix,
report to the city), improvement notices through plan → report → completion, the daily count of
application forms, card batches for pre-issuance setup, and when each report went to the city."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.reports import notice_status
from core.vocabulary import TOKYO, local
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import incident_services, report_services
from dashboard.use_cases.access import AccessDenied, Permission

actor = page_common.require_page(Permission.EDIT_RECORDS)
fixtures = resources.fixtures()
catalogue = fixtures.catalogue
today = page_common.console_today()

st.header(texts.INCIDENTS_HEADER)
st.caption(texts.INCIDENTS_CAPTION)

site = page_common.pick_site_profile("incidents_site")
categories = catalogue.incident_categories


def _at(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, time or dt.time(0), tzinfo=TOKYO)


def _moment_input(
    day_column, time_column, labels: tuple[str, str], stored: dt.datetime | None, default: dt.time, key: str
) -> dt.datetime | None:
    """A date and a time side by side for one report moment; empty date = not reported yet.
    `key` has a `{part}` placeholder (date / time) so each pair keeps its own widget keys."""
    shown = local(stored) if stored else None
    day = day_column.date_input(
        labels[0], value=shown.date() if shown else None, format="YYYY/MM/DD", key=key.format(part="date")
    )
    time = time_column.time_input(
        labels[1], value=shown.time() if shown else default, step=300, key=key.format(part="time")
    )
    return _at(day, time)


def _run(action, success: str) -> None:
    """Run a use case; show its Japanese error instead of a traceback."""
    try:
        resources.write(action)  # retried when the database is locked
    except (report_services.InputError, AccessDenied) as exc:
        st.error(str(exc))
    except resources.DatabaseBusy as exc:
        st.error(texts.DB_BUSY.format(seconds=exc.waited))
    else:
        st.success(success)


tab_incidents, tab_notices, tab_inputs, tab_submissions, tab_documents = st.tabs(
    [texts.TAB_INCIDENTS, texts.TAB_NOTICES, texts.TAB_INPUTS, texts.TAB_SUBMISSIONS, texts.TAB_DOCUMENTS]
)

# -- 事故・苦情 ---------------------------------------------------------------------------------------
with tab_incidents:
    with st.form("incident_new", clear_on_submit=True):
        st.markdown(f"**{texts.INC_NEW}**")
        a, b, c, d = st.columns(4)
        kind = a.selectbox(texts.INC_KIND, list(texts.INC_KINDS), format_func=texts.INC_KINDS.get, key="inc_kind")
        category = b.selectbox(texts.INC_CATEGORY, list(categories), format_func=categories.get, key="inc_category")
        day = c.date_input(texts.INC_DATE, value=today, max_value=today, format="YYYY/MM/DD", key="inc_date")
        time = d.time_input(texts.INC_TIME, value=dt.time(9, 0), step=300, key="inc_time")
        description = st.text_area(texts.INC_DESCRIPTION, key="inc_description")
        e, f, g = st.columns(3)
        action = e.text_area(texts.INC_ACTION, key="inc_action")
        cause = f.text_area(texts.INC_CAUSE, key="inc_cause")
        fix = g.text_area(texts.INC_FIX, key="inc_fix")
        p1, p2 = st.columns(2)  # issue 17: 経過・被害 (Kawanishi §10(2))
        progress = p1.text_area(texts.INC_PROGRESS, key="inc_progress")
        damage = p2.text_area(texts.INC_DAMAGE, key="inc_damage")
        h, i = st.columns(2)
        reported_at = _moment_input(
            h, i, (texts.INC_REPORTED_DATE, texts.INC_REPORTED_TIME), None, dt.time(17, 0), "inc_reported_{part}"
        )
        o1, o2, w1, w2 = st.columns(4)  # issue 17: oral and written reports apart (Seto §11)
        oral_at = _moment_input(
            o1, o2, (texts.INC_ORAL_DATE, texts.INC_REPORT_TIME), None, dt.time(9, 0), "inc_oral_{part}"
        )
        written_at = _moment_input(
            w1, w2, (texts.INC_WRITTEN_DATE, texts.INC_REPORT_TIME), None, dt.time(17, 0), "inc_written_{part}"
        )
        if st.form_submit_button(texts.INC_SAVE, key="inc_save"):
            data = report_services.IncidentInput(
                kind,
                category,
                _at(day, time),
                description,
                action,
                cause,
                fix,
                reported_at,
                progress=progress,
                damage=damage,
                oral_reported_at=oral_at,
                written_reported_at=written_at,
            )
            _run(
                lambda s: report_services.record_incident(site.id, data, session=s, fixtures=fixtures, actor=actor),
                texts.INC_SAVED,
            )

    with Session(resources.engine()) as session:
        rows = report_services.incidents(site.id, session=session, since=today - dt.timedelta(days=90), actor=actor)
        late = incident_services.overdue_incident_reports(  # issue 17: reports to the city overdue
            site.id, session=session, fixtures=fixtures, now=dt.datetime.now(TOKYO), actor=actor
        )
    for line in late:
        st.error(line)
    st.markdown(f"**{texts.INC_LIST}**")
    if not rows:
        st.caption(texts.INC_NONE)
    else:
        open_rows = [r for r in rows if not (r.cause and r.fix and r.reported_to_city_at)]
        if open_rows:
            st.warning(texts.INC_OPEN.format(n=len(open_rows)))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        texts.COL_INC_ID: r.id,
                        texts.INC_KIND: texts.INC_KINDS.get(r.kind, r.kind),
                        texts.INC_CATEGORY: categories.get(r.category, r.category),
                        texts.INC_OCCURRED: f"{local(r.occurred_at):%Y-%m-%d %H:%M}",
                        texts.INC_DESCRIPTION: r.description,
                        texts.INC_CAUSE: r.cause or "",
                        texts.INC_FIX: r.fix or "",
                        texts.INC_REPORTED: f"{local(r.reported_to_city_at):%Y-%m-%d %H:%M}"
                        if r.reported_to_city_at
                        else "",
                    }
                    for r in rows
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        by_id = {r.id: r for r in rows}
        picked = st.selectbox(
            texts.INC_PICK,
            list(by_id),
            key="inc_pick",
            format_func=lambda i: f"{i}: {local(by_id[i].occurred_at):%Y-%m-%d} {by_id[i].description[:30]}",
        )
        row = by_id[picked]
        with st.form(f"incident_edit_{picked}"):
            st.markdown(f"**{texts.INC_EDIT}**")
            e, f, g = st.columns(3)
            action = e.text_area(texts.INC_ACTION, value=row.action_taken or "", key=f"inc_edit_action_{picked}")
            cause = f.text_area(texts.INC_CAUSE, value=row.cause or "", key=f"inc_edit_cause_{picked}")
            fix = g.text_area(texts.INC_FIX, value=row.fix or "", key=f"inc_edit_fix_{picked}")
            h, i = st.columns(2)
            reported_at = _moment_input(
                h,
                i,
                (texts.INC_REPORTED_DATE, texts.INC_REPORTED_TIME),
                row.reported_to_city_at,
                dt.time(17, 0),
                f"inc_edit_reported_{{part}}_{picked}",
            )
            p1, p2 = st.columns(2)
            progress = p1.text_area(texts.INC_PROGRESS, value=row.progress or "", key=f"inc_edit_progress_{picked}")
            damage = p2.text_area(texts.INC_DAMAGE, value=row.damage or "", key=f"inc_edit_damage_{picked}")
            o1, o2, w1, w2 = st.columns(4)
            oral_at = _moment_input(
                o1,
                o2,
                (texts.INC_ORAL_DATE, texts.INC_REPORT_TIME),
                row.oral_reported_at,
                dt.time(9, 0),
                f"inc_edit_oral_{{part}}_{picked}",
            )
            written_at = _moment_input(
                w1,
                w2,
                (texts.INC_WRITTEN_DATE, texts.INC_REPORT_TIME),
                row.written_reported_at,
                dt.time(17, 0),
                f"inc_edit_written_{{part}}_{picked}",
            )
            if st.form_submit_button(texts.INC_UPDATE, key=f"inc_update_{picked}"):
                data = report_services.IncidentInput(
                    row.kind,
                    row.category,
                    row.occurred_at,
                    row.description,
                    action,
                    cause,
                    fix,
                    reported_at,
                    progress=progress,
                    damage=damage,
                    oral_reported_at=oral_at,
                    written_reported_at=written_at,
                )
                _run(
                    lambda s: report_services.update_incident(
                        picked, data, session=s, fixtures=fixtures, site_id=site.id, actor=actor
                    ),
                    texts.INC_UPDATED,
                )

# -- 業務改善事項通知書 ---------------------------------------------------------------------------------
with tab_notices:
    if site.improvement_notice is not None:
        st.info(texts.NOTICE_GRACE.format(days=site.improvement_notice.grace_days))
    else:
        st.caption(texts.NOTICE_NO_RULE)
    with st.form("notice_new", clear_on_submit=True):
        st.markdown(f"**{texts.NOTICE_NEW}**")
        a, b = st.columns([1, 3])
        received = a.date_input(
            texts.NOTICE_RECEIVED, value=today, max_value=today, format="YYYY/MM/DD", key="notice_received"
        )
        subject = b.text_input(texts.NOTICE_SUBJECT, key="notice_subject")
        if st.form_submit_button(texts.INC_SAVE, key="notice_save"):
            data = report_services.NoticeInput(received, subject)
            _run(
                lambda s: report_services.record_notice(site.id, data, session=s, fixtures=fixtures, actor=actor),
                texts.INC_SAVED,
            )
    with Session(resources.engine()) as session:
        notices = report_services.notices(site.id, session=session, actor=actor)
    if not notices:
        st.caption(texts.NOTICE_NONE)
    else:
        statuses = {n.id: notice_status(site, n, today) for n in notices}
        stopped = [n.subject for n in notices if statuses[n.id].payment_stopped_now]
        if stopped:
            st.error(texts.NOTICE_STOPPED.format(subjects=texts.LIST_SEP.join(stopped)), icon=":material/money_off:")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        texts.COL_INC_ID: n.id,
                        texts.NOTICE_RECEIVED: n.received_on.isoformat(),
                        texts.NOTICE_SUBJECT: n.subject,
                        texts.NOTICE_COL_PLAN_DUE: statuses[n.id].plan_due.isoformat()
                        if statuses[n.id].plan_due
                        else "",
                        texts.NOTICE_PLAN: n.plan_submitted_on.isoformat() if n.plan_submitted_on else "",
                        texts.NOTICE_REPORT: n.report_submitted_on.isoformat() if n.report_submitted_on else "",
                        texts.NOTICE_COMPLETED: n.completed_on.isoformat() if n.completed_on else "",
                        texts.NOTICE_APPROVED: n.plan_approved_on.isoformat() if n.plan_approved_on else "",
                        texts.NOTICE_COL_STATUS: statuses[n.id].status,
                        texts.NOTICE_COL_PAYMENT: statuses[n.id].payment or "",
                    }
                    for n in notices
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        by_id = {n.id: n for n in notices}
        picked = st.selectbox(
            texts.NOTICE_PICK,
            list(by_id),
            key="notice_pick",
            format_func=lambda i: f"{by_id[i].received_on} {by_id[i].subject}",
        )
        notice = by_id[picked]
        with st.form(f"notice_edit_{picked}"):
            st.markdown(f"**{texts.NOTICE_EDIT}**")
            a, b, c = st.columns(3)
            plan = a.date_input(
                texts.NOTICE_PLAN, value=notice.plan_submitted_on, format="YYYY/MM/DD", key=f"notice_plan_{picked}"
            )
            report = b.date_input(
                texts.NOTICE_REPORT,
                value=notice.report_submitted_on,
                format="YYYY/MM/DD",
                key=f"notice_report_{picked}",
            )
            done = c.date_input(
                texts.NOTICE_COMPLETED, value=notice.completed_on, format="YYYY/MM/DD", key=f"notice_done_{picked}"
            )
            approved = a.date_input(
                texts.NOTICE_APPROVED,
                value=notice.plan_approved_on,
                format="YYYY/MM/DD",
                key=f"notice_approved_{picked}",
            )
            if st.form_submit_button(texts.INC_UPDATE, key=f"notice_update_{picked}"):
                data = report_services.NoticeInput(notice.received_on, notice.subject, plan, report, done, approved)
                _run(
                    lambda s: report_services.update_notice(
                        picked, data, session=s, fixtures=fixtures, site_id=site.id, actor=actor
                    ),
                    texts.INC_UPDATED,
                )

# -- 申請書枚数・交付前設定 ----------------------------------------------------------------------------
with tab_inputs:
    with st.form("forms_count", clear_on_submit=False):
        st.markdown(f"**{texts.FORMS_HEADER}**")
        a, b = st.columns(2)
        forms_day = a.date_input(
            texts.FORMS_DATE, value=min(today, site.contract.end), format="YYYY/MM/DD", key="forms_date"
        )
        count = b.number_input(texts.FORMS_COUNT, min_value=0, value=0, step=1, key="forms_count")
        if st.form_submit_button(texts.FORMS_SAVE, key="forms_save"):
            _run(
                lambda s: report_services.record_form_count(
                    site.id, forms_day, int(count), session=s, fixtures=fixtures, actor=actor
                ),
                texts.FORMS_SAVED.format(date=forms_day, count=int(count)),
            )
    st.markdown(f"**{texts.BATCH_HEADER}**")
    target = site.service_standards.pre_issuance_to_notice_days
    if target is not None:
        st.caption(texts.BATCH_TARGET.format(days=target))
    with st.form("batch_new", clear_on_submit=True):
        a, b, c = st.columns(3)
        arrived = a.date_input(
            texts.BATCH_ARRIVED, value=today, max_value=today, format="YYYY/MM/DD", key="batch_arrived"
        )
        cards = b.number_input(texts.BATCH_CARDS, min_value=1, value=1, step=1, key="batch_cards")
        mailed = c.date_input(texts.BATCH_MAILED, value=None, format="YYYY/MM/DD", key="batch_mailed")
        if st.form_submit_button(texts.BATCH_SAVE, key="batch_save"):
            _run(
                lambda s: report_services.record_card_batch(
                    site.id, arrived, int(cards), mailed, session=s, fixtures=fixtures, actor=actor
                ),
                texts.BATCH_SAVED,
            )
    with Session(resources.engine()) as session:
        pending = [
            b
            for b in report_services.card_batches(site.id, session=session, actor=actor)
            if b.notices_mailed_on is None
        ]
    if not pending:
        st.caption(texts.BATCH_NONE)
    else:
        by_id = {b.id: b for b in pending}
        picked = st.selectbox(
            texts.BATCH_PICK,
            list(by_id),
            key="batch_pick",
            format_func=lambda i: texts.BATCH_OPTION.format(
                arrived=by_id[i].arrived_on, cards=by_id[i].cards, days=(today - by_id[i].arrived_on).days
            ),
        )
        with st.form(f"batch_mail_{picked}"):
            mailed_on = st.date_input(
                texts.BATCH_MAILED, value=today, max_value=today, format="YYYY/MM/DD", key=f"batch_mail_date_{picked}"
            )
            if st.form_submit_button(texts.BATCH_MAIL_SAVE, key=f"batch_mail_save_{picked}"):
                batch = by_id[picked]
                _run(
                    lambda s: report_services.record_card_batch(
                        site.id,
                        batch.arrived_on,
                        batch.cards,
                        mailed_on,
                        session=s,
                        fixtures=fixtures,
                        batch_id=batch.id,
                        actor=actor,
                    ),
                    texts.BATCH_SAVED,
                )

# -- 報告書の提出記録 -------------------------------------------------------------------------------
with tab_submissions:
    st.markdown(f"**{texts.SUBMIT_HEADER}**")
    with Session(resources.engine()) as session:
        items = [
            i
            for i in report_services.due_list(site.id, session=session, fixtures=fixtures, today=today, actor=actor)
            if i.status in ("overdue", "due")
        ]
    if not items:
        st.caption(texts.SUBMIT_NONE)
    else:
        keys = [f"{i.report_id}|{i.period_start.isoformat()}" for i in items]
        by_key = dict(zip(keys, items))
        with st.form("submission"):
            picked = st.selectbox(
                texts.SUBMIT_PICK,
                keys,
                key="submit_pick",
                format_func=lambda k: texts.SUBMIT_OPTION.format(
                    label=by_key[k].label,
                    start=by_key[k].period_start,
                    due=by_key[k].due,
                    status=texts.DUE_STATUS[by_key[k].status],
                ),
            )
            submitted = st.date_input(
                texts.SUBMIT_ON, value=today, max_value=today, format="YYYY/MM/DD", key="submit_on"
            )
            if st.form_submit_button(texts.SUBMIT_SAVE, key="submit_save"):
                item = by_key[picked]
                _run(
                    lambda s: report_services.mark_submitted(
                        site.id, item.report_id, item.period_start, submitted, session=s, fixtures=fixtures, actor=actor
                    ),
                    texts.SUBMIT_SAVED,
                )


# -- 書類の記録 (issue 16): meeting issues, self-audit verdicts, equipment checks, submissions ------
_write = _run  # the same refusals (input, access, a busy database) for the document records


with tab_documents:
    with st.form("issue_new", clear_on_submit=True):
        st.markdown(f"**{texts.ISSUE_NEW}**")
        a, b = st.columns([1, 3])
        raised = a.date_input(texts.ISSUE_RAISED, value=today, max_value=today, format="YYYY/MM/DD", key="issue_raised")
        title = b.text_input(texts.ISSUE_TITLE, key="issue_title")
        detail = st.text_area(texts.ISSUE_DETAIL, key="issue_detail")
        improvement = st.text_area(texts.ISSUE_IMPROVEMENT, key="issue_improvement")
        if st.form_submit_button(texts.INC_SAVE, key="issue_save"):
            _write(
                lambda s: report_services.record_meeting_issue(
                    site.id, raised, title, detail, improvement, session=s, fixtures=fixtures, actor=actor, today=today
                ),
                texts.INC_SAVED,
            )
    with Session(resources.engine()) as session:
        issues = report_services.open_meeting_issues(site.id, session=session, actor=actor)
    if issues:
        by_issue = {i.id: i for i in issues}
        with st.form("issue_close"):
            st.markdown(f"**{texts.ISSUE_CLOSE}**")
            chosen = st.selectbox(
                texts.ISSUE_TITLE,
                list(by_issue),
                key="issue_pick",
                format_func=lambda i: f"{by_issue[i].raised_on} {by_issue[i].title}",
            )
            closed = st.date_input(
                texts.ISSUE_CLOSED, value=today, max_value=today, format="YYYY/MM/DD", key="issue_closed"
            )
            done_text = st.text_area(texts.ISSUE_IMPROVEMENT, key="issue_done")
            if st.form_submit_button(texts.INC_UPDATE, key="issue_close_save"):
                _write(
                    lambda s: report_services.close_meeting_issue(
                        chosen, closed, done_text, session=s, fixtures=fixtures, actor=actor, today=today
                    ),
                    texts.INC_UPDATED,
                )
    audit = site.documents.self_audit
    if audit is not None:
        with st.form("audit_entry"):
            st.markdown(f"**{texts.AUDIT_HEADER}**")
            items = {i.id: i for i in audit.items}
            a, b, c = st.columns([1, 3, 1])
            year = a.number_input(
                texts.AUDIT_YEAR,
                min_value=site.contract.start.year,
                max_value=site.contract.end.year,
                value=max(site.contract.start.year, min(today.year, site.contract.end.year)),
                key="audit_year",
            )
            item = b.selectbox(
                texts.AUDIT_ITEM,
                list(items),
                key="audit_item",
                format_func=lambda i: f"{items[i].iso_clause} {items[i].label}",
            )
            verdict = c.selectbox(
                texts.AUDIT_VERDICT,
                list(report_services.AUDIT_VERDICTS),
                key="audit_verdict",
                format_func=report_services.AUDIT_VERDICTS.get,
            )
            note = st.text_area(texts.AUDIT_NOTE, key="audit_note")
            if st.form_submit_button(texts.INC_SAVE, key="audit_save"):
                _write(
                    lambda s: report_services.record_audit_entry(
                        site.id, int(year), item, verdict, note, session=s, fixtures=fixtures, actor=actor
                    ),
                    texts.INC_SAVED,
                )
    checks = site.documents.equipment_checks
    if checks is not None:
        with st.form("equipment_checks"):
            st.markdown(f"**{texts.EQUIPMENT_HEADER}**")
            checked = st.date_input(
                texts.EQUIPMENT_DATE,
                value=min(today, site.contract.end),
                max_value=today,
                format="YYYY/MM/DD",
                key="equipment_date",
            )
            results = {}
            for entry in checks.items:
                a, b = st.columns([2, 3])
                ok = a.checkbox(entry.label, value=True, key=f"equipment_ok_{entry.id}")
                remark = b.text_input(
                    texts.EQUIPMENT_NOTE, key=f"equipment_note_{entry.id}", label_visibility="collapsed"
                )
                results[entry.id] = (ok, remark)
            if st.form_submit_button(texts.INC_SAVE, key="equipment_save"):
                _write(
                    lambda s: report_services.record_equipment_checks(
                        site.id, checked, results, session=s, fixtures=fixtures, actor=actor, today=today
                    ),
                    texts.INC_SAVED,
                )
    with Session(resources.engine()) as session:
        schedule = report_services.document_schedule(
            site.id, session=session, fixtures=fixtures, today=today, actor=actor
        )
    pending = {
        r.report_id: r
        for r in schedule
        if r.period_start is not None and r.submitted_on is None and r.status not in ("ad_hoc", "not_produced")
    }
    if pending:
        with st.form("document_submitted"):
            st.markdown(f"**{texts.DOC_SUBMIT_HEADER}**")
            chosen_doc = st.selectbox(
                texts.DOCS_COL_DOCUMENT,
                list(pending),
                key="document_submit_pick",
                format_func=lambda i: texts.WITH_NOTE.format(text=pending[i].label, note=pending[i].period_label),
            )
            on = st.date_input(
                texts.SUBMIT_ON, value=today, max_value=today, format="YYYY/MM/DD", key="document_submit_on"
            )
            if st.form_submit_button(texts.SUBMIT_SAVE, key="document_submit_save"):
                row = pending[chosen_doc]
                _run(
                    lambda s: report_services.mark_submitted(
                        site.id, row.report_id, row.period_start, on, session=s, fixtures=fixtures
                    ),
                    texts.SUBMIT_SAVED,
                )
