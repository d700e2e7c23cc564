"""受付: a clerk's screen — issue a number, call the next visitor, start, finish, no-show, hand off."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session, select

from core.live import TICKET_STATUS_LABELS, local
from dashboard import live_services as live
from dashboard import page_common, resources, texts
from db.models import Ticket

fixtures = resources.fixtures()
st.header(texts.PAGE_RECEPTION)
now = page_common.current_time()
if now is None:
    st.stop()
site_id = page_common.pick_site("reception_site")
site = fixtures.sites[site_id]
labels = {p.id: p.label for p in fixtures.catalogue.procedures}
day = live.site_day(fixtures, site_id, local(now).date())
offered = [p.id for p in site.procedures if p.id in day.procedures] or [p.id for p in site.procedures]

left, right = st.columns(2)
with left:
    procedure = st.selectbox(texts.PICK_PROCEDURE, offered, format_func=lambda p: labels.get(p, p),
                             key="reception_procedure")
    st.caption(texts.BRING_DOCUMENTS.format(docs="、".join(live.documents_for(fixtures, procedure)) or "—"))
    if st.button(texts.ISSUE_BUTTON, key="reception_issue", type="primary"):
        def issue(session):
            ticket = live.issue_ticket(fixtures, site_id, procedure, session=session, now=now)
            return ticket.number, live.wait_estimate(fixtures, ticket, session=session, now=now)
        result = page_common.act(issue)
        if result:
            st.success(texts.ISSUED.format(number=result[0], minutes=result[1]))
with right:
    counter = st.text_input(texts.COUNTER_NAME, value="窓口1", key="reception_counter")
    if st.button(texts.CALL_NEXT_BUTTON, key="reception_call_next"):
        result = page_common.act(lambda session: (live.call_next(fixtures, site_id, counter, session=session, now=now),))
        if result is not None and result[0] is not None:
            st.success(texts.CALLED.format(number=result[0].number, counter=result[0].counter))
        elif result is not None:
            st.info(texts.NOBODY_WAITING)

with Session(resources.engine()) as session:
    tickets = session.exec(select(Ticket).where(Ticket.site_id == site_id, Ticket.service_date == local(now).date())
                           .order_by(Ticket.id)).all()
active = [t for t in tickets if t.status in ("called", "serving", "no_show")]
if active:
    chosen = st.selectbox(texts.PICK_TICKET, [t.id for t in active], key="reception_ticket",
                          format_func=lambda i: next(f"{t.number}（{TICKET_STATUS_LABELS[t.status]}・{t.counter or ''}）"
                                                     for t in active if t.id == i))
    site_reasons = fixtures.catalogue_for(site_id).handoff_reasons  # national and the site's own (issue 16)
    reason = st.selectbox(texts.HANDOFF_REASON, list(site_reasons), format_func=site_reasons.get,
                          key="reception_reason")
    for column, (action, label) in zip(st.columns(len(texts.ACTION_BUTTONS)), texts.ACTION_BUTTONS.items()):
        if column.button(label, key=f"reception_{action}"):
            done = page_common.act(lambda session, a=action: live.ticket_action(
                fixtures, chosen, a, session=session, now=now, reason=reason, counter=counter))
            if done is not None:
                st.success(texts.ACTION_DONE.format(number=done.number, action=label))

st.subheader(texts.QUEUE_TABLE)
rows = [{
    texts.COL_NUMBER: t.number, texts.COL_PROCEDURE: labels.get(t.procedure_id, t.procedure_id),
    texts.COL_STATUS: TICKET_STATUS_LABELS[t.status], texts.COL_COUNTER: t.counter or "",
    texts.COL_ISSUED: f"{local(t.issued_at):%H:%M}", texts.COL_CALLED: f"{local(t.called_at):%H:%M}" if t.called_at else "",
} for t in reversed(tickets)]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="reception_queue")
