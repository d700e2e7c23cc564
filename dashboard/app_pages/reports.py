"""日報・月報: for city staff, read-only. What is due and overdue, a preview of the report with its
charts, and the same report as PDF, CSV, Excel and JSON."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.reports import ReportUnavailable
from db.settings import get_settings
from dashboard import page_common, report_charts, report_services, resources, texts
from dashboard.access import AccessDenied

fixtures = resources.fixtures()
today = report_services.tokyo_today()

st.header(texts.REPORTS_HEADER)
st.caption(texts.REPORTS_CAPTION)

names = {site.name: site.id for site in fixtures.sites.values()}
left, middle, right = st.columns(3)
site = fixtures.site(names[left.selectbox(texts.PICK_SITE, list(names), key="reports_site")])
kind_label = middle.radio(texts.REPORTS_KIND, list(texts.REPORTS_KINDS.values()), horizontal=True, key="reports_kind")
kind = next(k for k, v in texts.REPORTS_KINDS.items() if v == kind_label)

# Default period: yesterday (daily) or last month (monthly), kept inside the contract.
last_day = min(today - dt.timedelta(days=1), site.contract.end)
if last_day < site.contract.start:
    last_day = site.contract.start
if kind == "daily":
    picked = st.session_state.get("reports_date")
    if not isinstance(picked, dt.date):
        st.session_state["reports_date"] = last_day
    day = right.date_input(texts.REPORTS_DATE, format="YYYY/MM/DD", key="reports_date")
    month = None
else:
    months = pd.period_range(site.contract.start, site.contract.end, freq="M")
    labels = [f"{p.year}年{p.month}月" for p in months]
    default = min(max(pd.Period(today, freq="M") - 1, months[0]), months[-1])
    if st.session_state.get("reports_month") not in labels:
        st.session_state["reports_month"] = labels[list(months).index(default)] if default in months else labels[0]
    period = months[labels.index(right.selectbox(texts.REPORTS_MONTH, labels, key="reports_month"))]
    day, month = None, (period.year, period.month)

with Session(resources.engine()) as session:
    # -- what is due ---------------------------------------------------------------------------
    st.subheader(texts.REPORTS_DUE_HEADER)
    st.caption(texts.REPORTS_DUE_CAPTION)
    items = report_services.due_list(site.id, session=session, fixtures=fixtures, today=today)
    if not any(r.due_business_days is not None for r in site.reports):
        st.info(texts.REPORTS_NO_DUTY)
    else:
        overdue = [i for i in items if i.status == "overdue"]
        waiting = [i for i in items if i.status == "due"]
        if overdue:
            st.error(texts.REPORTS_OVERDUE.format(n=len(overdue)), icon="⏰")
        if waiting:
            st.info(texts.REPORTS_DUE_SOON.format(n=len(waiting)))
        if not overdue and not waiting:
            st.success(texts.REPORTS_ALL_DONE)
        shown = [i for i in items if i.status in ("overdue", "due")] or items[-10:]
        if shown:
            st.dataframe(pd.DataFrame(report_services.due_rows(shown)), hide_index=True, width="stretch")

    # -- the report ------------------------------------------------------------------------------
    try:
        report = report_services.build_report(kind, site.id, session=session, fixtures=fixtures, today=today,
                                              contractor=get_settings().contractor_name, day=day, month=month)
    except ReportUnavailable as exc:
        report = None
        st.warning(str(exc), icon="📅")

if report is not None:
    st.subheader(f"{report.title}　{report.period_label}")
    for note in report.notes:
        st.info(note)
    st.markdown("  \n".join(f"**{key}**: {value}" for key, value in report.meta()))

    st.markdown(f"#### {texts.REPORTS_DOWNLOAD}")
    stem = report_services.file_stem(report)
    buttons = st.columns(4)
    if buttons[0].button(texts.REPORTS_MAKE_PDF, key="reports_make_pdf"):
        st.session_state["reports_pdf"] = (stem, report_services.report_pdf(report))
    made = st.session_state.get("reports_pdf")
    if made and made[0] == stem:
        buttons[0].download_button(texts.REPORTS_PDF, made[1], file_name=f"{stem}.pdf", mime="application/pdf",
                                   key="reports_download_pdf")
    buttons[1].download_button(texts.REPORTS_CSV, report_services.report_csv(report), file_name=f"{stem}.csv",
                               mime="text/csv", key="reports_download_csv")
    buttons[2].download_button(
        texts.REPORTS_XLSX, report_services.report_xlsx(report), file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="reports_download_xlsx")
    buttons[3].download_button(texts.REPORTS_JSON, report_services.report_json(report), file_name=f"{stem}.json",
                               mime="application/json", key="reports_download_json")

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
            st.caption(f"注: {table.note}")
        for _, chart in charts.get(table.id, []):
            st.altair_chart(chart, width="stretch")

# -- every document the contract asks for (issue 16) ------------------------------------------
with Session(resources.engine()) as session:
    st.subheader(texts.DOCS_HEADER)
    st.caption(texts.DOCS_CAPTION)
    try:
        schedule = report_services.document_schedule(site.id, session=session, fixtures=fixtures, today=today,
                                                      actor=page_common.current_actor())
    except AccessDenied as exc:
        schedule = []
        st.error(str(exc))
    if schedule:
        st.dataframe(pd.DataFrame(report_services.schedule_rows(schedule)), hide_index=True, width="stretch")
        made = {r.report_id: r for r in schedule if r.document is not None and r.period_start is not None}
        if made:
            chosen = made[st.selectbox(texts.DOCS_COL_DOCUMENT, list(made), format_func=lambda i: made[i].label,
                                       key=f"reports_document_{site.id}")]
            start = chosen.period_start
            try:
                document = report_services.build_document(
                    site.id, chosen.report_id, session=session, fixtures=fixtures, today=today,
                    contractor=get_settings().contractor_name, day=start, month=(start.year, start.month),
                    year=start.year, actor=page_common.current_actor())
                st.download_button(texts.REPORTS_PDF, report_services.report_pdf(document), mime="application/pdf",
                                   file_name=report_services.document_stem(document, chosen.report_id) + ".pdf",
                                   key="reports_document_pdf", icon=":material/picture_as_pdf:")
            except (ReportUnavailable, AccessDenied) as exc:
                st.warning(str(exc))
