"""オンライン窓口: visitors waiting for a booth, sessions per booth, the all-booths rule."""
from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session, select

from core.live import TOKYO, local
from dashboard import live_services as live
from dashboard import page_common, resources, status_services, texts
from db.models import BoothSession

fixtures = resources.fixtures()
st.header(texts.BOOTH_HEADER)
now = page_common.current_time()
if now is None:
    st.stop()
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
        if page_common.act(lambda session: live.booth_join(fixtures, site_id, kind, session=session, now=now)):
            st.success(texts.BOOTH_JOINED.format(kind=labels.get(kind, kind)))

    with Session(resources.engine()) as session:
        status = status_services.site_status(fixtures, site_id, session=session, now=now)
        start = dt.datetime.combine(local(now).date(), dt.time(0), tzinfo=TOKYO)
        visits = session.exec(select(BoothSession).where(
            BoothSession.site_id == site_id, BoothSession.joined_at >= start, BoothSession.ended_at.is_(None))
            .order_by(BoothSession.joined_at)).all()
    for alert in status.alerts:
        if "ブース" in alert.message:
            st.error(alert.message)
    st.metric(texts.BOOTH_HEADER, texts.BOOTH_FIGURES.format(waiting=status.booths_waiting,
                                                              busy=status.booths_in_session, seats=seats))
    waiting = [v for v in visits if v.started_at is None]
    if waiting:
        visit = st.selectbox(texts.BOOTH_WAITING, [v.id for v in waiting], key="booths_waiting",
                             format_func=lambda i: next(f"{local(v.joined_at):%H:%M} {labels.get(v.kind, v.kind)}"
                                                        for v in waiting if v.id == i))
        booth = st.number_input(texts.BOOTH_NO, min_value=1, max_value=seats, value=1, key="booths_no")
        if st.button(texts.BOOTH_START, key="booths_start"):
            if page_common.act(lambda session: live.booth_start(fixtures, visit, int(booth), session=session, now=now)):
                st.success(texts.BOOTH_STARTED.format(booth=int(booth)))
with right:
    running = [v for v in visits if v.started_at is not None]
    if running:
        visit = st.selectbox(texts.BOOTH_IN_SESSION, [v.id for v in running], key="booths_running",
                             format_func=lambda i: next(f"ブース{v.booth_no} {labels.get(v.kind, v.kind)}"
                                                        f"（{local(v.started_at):%H:%M}〜）" for v in running if v.id == i))
        if st.button(texts.BOOTH_END, key="booths_end"):
            if page_common.act(lambda session: live.booth_end(visit, session=session, now=now)):
                st.success(texts.BOOTH_ENDED)
