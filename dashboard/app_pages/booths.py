"""オンライン窓口: visitors waiting for a booth, sessions per booth, the all-booths rule."""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from core.live import local
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import live_services as live
from dashboard.use_cases import status_services
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.OPERATE_COUNTER)
fixtures = resources.fixtures()
st.header(texts.BOOTH_HEADER)
now = page_common.current_time()
if now is None:
    st.stop()
page_common.show_flashes()
booth_sites = {s.id for s in fixtures.sites.values() if any(a.id.value == "booth" for a in s.activities)}
if not booth_sites:
    st.info(texts.NO_BOOTHS)
    st.stop()
site_id = page_common.pick_site("booths_site", booth_sites)
site = fixtures.sites[site_id]
site_catalogue = fixtures.catalogue_for(site_id)
labels = {p.id: p.label for p in site_catalogue.procedures} | {k.id: k.label for k in site_catalogue.booth_kinds}
kinds = [k.id for k in site_catalogue.booth_kinds]
seats = site.activity("booth").seats

left, right = st.columns(2)
with left:
    kind = st.selectbox(texts.PICK_PROCEDURE, kinds, format_func=lambda k: labels.get(k, k), key="booths_kind")
    if st.button(texts.BOOTH_JOIN, key="booths_join", type="primary"):
        page_common.act_then_refresh(
            lambda session: live.booth_join(fixtures, site_id, kind, session=session, now=now, actor=actor),
            lambda _joined: texts.BOOTH_JOINED.format(kind=labels.get(kind, kind)),
        )

    with Session(resources.engine()) as session:
        status = status_services.site_status(fixtures, site_id, session=session, now=now, actor=actor)
        visits = live.open_booth_visits(site_id, local(now).date(), session=session, actor=actor)
        busy = live.booths_busy(session, site_id, local(now).date(), actor=actor)
    for alert in status.alerts:
        if "ブース" in alert.message or "オンライン窓口" in alert.message:
            st.error(alert.message)
    st.metric(
        texts.BOOTH_HEADER,
        texts.BOOTH_FIGURES.format(waiting=status.booths_waiting, busy=status.booths_in_session, seats=seats),
    )
    st.caption(
        texts.BOOTH_WAIT_FIGURES.format(  # Ageo §5(1)⑥: waits from joining the queue
            current=status.booth_current_wait_minutes,
            longest=status.booth_longest_wait_minutes,
            average=status.booth_average_wait_minutes if status.booth_average_wait_minutes is not None else "—",
        )
    )
    waiting = [v for v in visits if v.started_at is None]
    if waiting:
        waiting_labels = {
            v.id: f"{local(v.joined_at):%H:%M} {labels.get(v.kind, v.kind)}（"
            f"{texts.BOOTH_WAITED.format(minutes=int((now - v.joined_at).total_seconds() // 60))}）"
            for v in waiting
        }
        visit = st.selectbox(
            texts.BOOTH_WAITING,
            list(waiting_labels),
            key="booths_waiting",
            format_func=lambda i: waiting_labels.get(i, "—"),
        )
        free = [n for n in range(1, seats + 1) if n not in busy]
        if free:
            booth = st.selectbox(texts.BOOTH_FREE, free, format_func=texts.BOOTH_LABEL.format, key="booths_no")
        else:
            booth = None
            st.info(texts.BOOTH_NONE_FREE)
        if st.button(texts.BOOTH_START, key="booths_start", disabled=booth is None):
            page_common.act_then_refresh(
                lambda session: live.booth_start(fixtures, visit, int(booth), session=session, now=now, actor=actor),
                lambda started: texts.BOOTH_STARTED.format(booth=started.booth_no),
            )
with right:
    running = [v for v in visits if v.started_at is not None]
    if running:
        running_labels = {
            v.id: texts.BOOTH_RUNNING_LABEL.format(
                booth=v.booth_no, kind=labels.get(v.kind, v.kind), since=f"{local(v.started_at):%H:%M}"
            )
            for v in running
        }
        visit = st.selectbox(
            texts.BOOTH_IN_SESSION,
            list(running_labels),
            key="booths_running",
            format_func=lambda i: running_labels.get(i, "—"),
        )
        if st.button(texts.BOOTH_END, key="booths_end"):
            page_common.act_then_refresh(
                lambda session: live.booth_end(visit, session=session, now=now, actor=actor),
                lambda _ended: texts.BOOTH_ENDED,
            )
