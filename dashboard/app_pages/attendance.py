"""出勤記録: today's roster with 出勤・休憩・退勤 buttons per person, corrections with a reason,
the month's record for the city (Kawanishi §8(2)キ)."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session

from core.vocabulary import TOKYO, local
from dashboard import texts
from dashboard.ui import page_common, records_ui, resources
from dashboard.use_cases import attendance_services as att
from dashboard.use_cases.access import Permission

T = texts
fixtures = resources.fixtures()
st.header(T.ATT_HEADER)
st.caption(T.ATT_CAPTION)
now = page_common.current_time()
if now is None:
    st.stop()
actor = page_common.require_page(Permission.RECORD_ATTENDANCE)
site_id = page_common.pick_site("attendance_site")
today = local(now).date()
date = st.date_input(T.ATT_DATE, value=today, max_value=today, key="attendance_date")


def _board():
    with Session(resources.engine()) as session:
        return att.board(fixtures, site_id, date, session=session, now=now, actor=actor)


rows = records_ui.read(_board)
if rows is None:
    st.stop()


def _plan(row) -> str:
    if not row.planned:
        return T.ATT_NO_PLAN
    return T.TIME_SPAN.format(start=f"{row.planned.start:%H:%M}", end=f"{row.planned.end:%H:%M}")


def _breaks(row) -> str:
    return T.LIST_SEP.join(
        T.TIME_SPAN.format(start=f"{local(s):%H:%M}", end=f"{local(e):%H:%M}" if e else "") for s, e in row.day.breaks
    )


st.dataframe(
    [
        {
            T.ATT_COL_NAME: r.name,
            T.ATT_COL_ROLE: T.ROLE.get(r.role, r.role),
            T.ATT_COL_PLAN: _plan(r),
            T.ATT_COL_IN: f"{local(r.day.clock_in):%H:%M}" if r.day.clock_in else "",
            T.ATT_COL_BREAKS: _breaks(r),
            T.ATT_COL_OUT: f"{local(r.day.clock_out):%H:%M}" if r.day.clock_out else "",
            T.ATT_COL_STATE: T.ATT_STATE[r.day.state],
            T.ATT_COL_DEVIATION: T.ITEM_SEP.join(att.deviation_text(d) for d in r.deviations),
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
)

if date == today:
    for r in rows:
        if not r.actions:
            continue
        cols = st.columns([3, 1, 1, 1, 1])
        cols[0].write(T.WITH_NOTE.format(text=r.name, note=_plan(r)))
        for i, kind in enumerate(r.actions, start=1):
            if cols[i].button(T.ATT_KIND[kind], key=f"attendance_{r.staff_id}_{kind}"):
                done = records_ui.act(
                    lambda session, r=r, kind=kind: att.stamp(
                        fixtures, site_id, r.staff_id, kind, session=session, now=now, actor=actor
                    )
                )
                if done is not None:
                    st.success(T.ATT_STAMPED.format(name=r.name, kind=T.ATT_KIND[kind]))
                    st.rerun()
else:
    st.info(T.ATT_NOT_TODAY)

st.subheader(T.ATT_CORRECT_HEADER)
people = {r.staff_id: r for r in rows}
with st.form("attendance_correct"):
    who = st.selectbox(
        T.ATT_CORRECT_PERSON,
        list(people),
        format_func=lambda s: T.WITH_NOTE.format(text=people[s].name, note=s),
        key="attendance_fix_person",
    )
    stamps = {s.id: s for s in people[who].stamps} if who else {}
    target = st.selectbox(
        T.ATT_CORRECT_TARGET,
        [None, *stamps],
        key="attendance_fix_target",
        format_func=lambda i: (
            T.ATT_CORRECT_NEW if i is None else f"{T.ATT_KIND[stamps[i].kind]} {local(stamps[i].at):%H:%M}"
        ),
    )
    kind = st.selectbox(T.ATT_CORRECT_KIND, list(T.ATT_KIND), format_func=T.ATT_KIND.get, key="attendance_fix_kind")
    clock = st.time_input(T.ATT_CORRECT_TIME, value=dt.time(9, 0), step=60, key="attendance_fix_time")
    reason = st.text_input(T.ATT_REASON, max_chars=200, key="attendance_fix_reason")
    if st.form_submit_button(T.ATT_CORRECT_SAVE):
        at = dt.datetime.combine(date, clock, tzinfo=TOKYO)
        if (
            records_ui.act(
                lambda session: att.correct(
                    fixtures,
                    site_id,
                    who,
                    date,
                    kind,
                    at,
                    reason,
                    session=session,
                    now=now,
                    actor=actor,
                    replaces=target,
                )
            )
            is not None
        ):
            st.success(T.ATT_CORRECTED)

st.subheader(T.ATT_EXPORT_HEADER)
month = st.date_input(T.ATT_EXPORT_MONTH, value=today.replace(day=1), key="attendance_month")


def _export():
    with Session(resources.engine()) as session:
        return att.month_rows(fixtures, site_id, month.year, month.month, session=session, now=now, actor=actor)


try:
    export = records_ui.read(_export)
except att.LiveError as exc:
    st.warning(str(exc))
    export = None
if export is not None:
    st.download_button(
        T.ATT_EXPORT_BUTTON,
        att.month_csv(export),
        key="attendance_export",
        file_name=f"attendance-{site_id}-{month:%Y-%m}.csv",
        mime="text/csv",
    )
