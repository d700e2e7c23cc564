"""日報・月報: for city staff, read-only. What is due and overdue, a preview of the report with its
charts, and the same report as PDF, CSV, Excel and JSON."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.reports import ReportUnavailable
from core.reports import texts as report_texts
from dashboard import texts
from dashboard.charts import reports as report_charts
from dashboard.ui import page_common, resources
from dashboard.use_cases import contractor_services, report_services
from dashboard.use_cases.access import AccessDenied, Permission

actor = page_common.require_page(Permission.VIEW_REPORTS)
fixtures = resources.fixtures()
today = page_common.console_today()

st.header(texts.REPORTS_HEADER)
st.caption(texts.REPORTS_CAPTION)
page_common.show_flashes()

left, middle, right = st.columns(3)
with left:
    site = page_common.pick_site_profile("reports_site")
kind_label = middle.radio(texts.REPORTS_KIND, list(texts.REPORTS_KINDS.values()), horizontal=True, key="reports_kind")
kind = next(k for k, v in texts.REPORTS_KINDS.items() if v == kind_label)

# Default period: yesterday (daily) or last month (monthly), kept inside the contract.
last_day = min(today - dt.timedelta(days=1), site.contract.end)
if last_day < site.contract.start:
    last_day = site.contract.start
if kind == "daily":
    # One date per site: a date picked for one city never carries over outside another's contract.
    day = right.date_input(
        texts.REPORTS_DATE,
        value=last_day,
        min_value=site.contract.start,
        max_value=min(today, site.contract.end),
        format="YYYY/MM/DD",
        key=f"reports_date_{site.id}",
    )
    month = None
else:
    months = pd.period_range(site.contract.start, site.contract.end, freq="M")
    labels = [report_texts.MONTH_LABEL.format(year=p.year, month=p.month) for p in months]
    default = min(max(pd.Period(today, freq="M") - 1, months[0]), months[-1])
    if st.session_state.get("reports_month") not in labels:
        st.session_state["reports_month"] = labels[list(months).index(default)] if default in months else labels[0]
    period = months[labels.index(right.selectbox(texts.REPORTS_MONTH, labels, key="reports_month"))]
    day, month = None, (period.year, period.month)

with Session(resources.engine()) as session:
    # -- what is due ---------------------------------------------------------------------------
    st.subheader(texts.REPORTS_DUE_HEADER)
    st.caption(texts.REPORTS_DUE_CAPTION)
    items = report_services.due_list(site.id, session=session, fixtures=fixtures, today=today, actor=actor)
    if not any(r.due_business_days is not None for r in site.reports):
        st.info(texts.REPORTS_NO_DUTY)
    else:
        overdue = [i for i in items if i.status == "overdue"]
        waiting = [i for i in items if i.status == "due"]
        if overdue:
            st.error(texts.REPORTS_OVERDUE.format(n=len(overdue)), icon=":material/alarm:")
        if waiting:
            st.info(texts.REPORTS_DUE_SOON.format(n=len(waiting)))
        if not overdue and not waiting:
            st.success(texts.REPORTS_ALL_DONE)
        shown = [i for i in items if i.status in ("overdue", "due")] or items[-10:]
        if shown:
            st.dataframe(pd.DataFrame(report_services.due_rows(shown)), hide_index=True, width="stretch")
        open_items = [i for i in items if i.status in ("overdue", "due")]
        if open_items:
            with st.expander(texts.REPORTS_SUBMIT_HEADER):
                choices = {f"{i.label}（{i.period_start}）": i for i in open_items}
                chosen = choices[st.selectbox(texts.SUBMIT_REPORT, list(choices), key=f"reports_submit_{site.id}")]
                handed = st.date_input(
                    texts.SUBMIT_ON, value=today, max_value=today, format="YYYY/MM/DD", key="reports_submitted_on"
                )
                if st.button(texts.REPORTS_SUBMIT_BUTTON, key="reports_submit"):
                    done = page_common.act(
                        lambda s: (
                            report_services.mark_submitted(
                                site.id,
                                chosen.report_id,
                                chosen.period_start,
                                handed,
                                session=s,
                                fixtures=fixtures,
                                today=today,
                                actor=actor,
                            )
                            or True
                        )
                    )
                    if done:
                        page_common.flash(texts.REPORTS_SUBMITTED.format(report=chosen.label, on=handed))
                        st.rerun()

    # -- the report ------------------------------------------------------------------------------
    try:
        report = report_services.build_report(
            kind,
            site.id,
            session=session,
            fixtures=fixtures,
            today=today,
            contractor=contractor_services.contractor(session=session).name,
            day=day,
            month=month,
            actor=actor,
        )
    except ReportUnavailable as exc:
        report = None
        st.warning(str(exc), icon=":material/event_busy:")

if report is not None:
    st.subheader(f"{report.title}　{report.period_label}")
    for note in report.notes:
        st.info(note)
    st.markdown("  \n".join(f"**{key}**: {value}" for key, value in report.meta()))

    stem = report_services.file_stem(report)

    def export(fmt: str) -> bytes:
        """Built when asked for, so each file handed out is one audited export."""
        with Session(resources.engine()) as session:
            return report_services.export_report(report, fmt, session=session, actor=actor)

    if actor.may(Permission.EXPORT_REPORTS, site.id):
        st.markdown(f"#### {texts.REPORTS_DOWNLOAD}")
        buttons = st.columns(4)
        if buttons[0].button(texts.REPORTS_MAKE_PDF, key="reports_make_pdf"):
            st.session_state["reports_pdf"] = (stem, export("pdf"))
        made = st.session_state.get("reports_pdf")
        if made and made[0] == stem:
            buttons[0].download_button(
                texts.REPORTS_PDF, made[1], file_name=f"{stem}.pdf", mime="application/pdf", key="reports_download_pdf"
            )
        buttons[1].download_button(
            texts.REPORTS_CSV,
            lambda: export("csv"),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key="reports_download_csv",
            on_click="ignore",
        )
        buttons[2].download_button(
            texts.REPORTS_XLSX,
            lambda: export("xlsx"),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="reports_download_xlsx",
            on_click="ignore",
        )
        buttons[3].download_button(
            texts.REPORTS_JSON,
            lambda: export("json"),
            file_name=f"{stem}.json",
            mime="application/json",
            key="reports_download_json",
            on_click="ignore",
        )

    st.markdown(f"#### {texts.REPORTS_PREVIEW}")
    charts = report_charts.report_charts(report)
    for table in report.tables:
        st.markdown(f"**{table.title}**")
        if table.rows:
            frame = pd.DataFrame(report_services.display_rows(table), columns=list(table.columns))
            st.dataframe(frame, hide_index=True, width="stretch")
        else:
            st.caption(texts.REPORTS_EMPTY_TABLE)
        if table.note:
            st.caption(report_texts.NOTE_LINE.format(note=table.note))
        for _, chart in charts.get(table.id, []):
            st.altair_chart(chart, width="stretch")

# -- every document the contract asks for (issue 16) ------------------------------------------
with Session(resources.engine()) as session:
    st.subheader(texts.DOCS_HEADER)
    st.caption(texts.DOCS_CAPTION)
    try:
        schedule = report_services.document_schedule(
            site.id, session=session, fixtures=fixtures, today=today, actor=page_common.current_actor()
        )
    except AccessDenied as exc:
        schedule = []
        st.error(str(exc))
    if schedule:
        st.dataframe(pd.DataFrame(report_services.schedule_rows(schedule)), hide_index=True, width="stretch")
        made = {r.report_id: r for r in schedule if r.document is not None and r.period_start is not None}
        if made:
            chosen = made[
                st.selectbox(
                    texts.DOCS_COL_DOCUMENT,
                    list(made),
                    format_func=lambda i: made[i].label,
                    key=f"reports_document_{site.id}",
                )
            ]
            start = chosen.period_start
            try:
                document = report_services.build_document(
                    site.id,
                    chosen.report_id,
                    session=session,
                    fixtures=fixtures,
                    today=today,
                    contractor=contractor_services.contractor(session=session).name,
                    day=start,
                    month=(start.year, start.month),
                    year=start.year,
                    actor=actor,
                )
                st.download_button(
                    texts.REPORTS_PDF,
                    report_services.report_pdf(document),
                    mime="application/pdf",
                    file_name=report_services.document_stem(document, chosen.report_id) + ".pdf",
                    key="reports_document_pdf",
                    icon=":material/picture_as_pdf:",
                )
            except (ReportUnavailable, AccessDenied) as exc:
                st.warning(str(exc))
