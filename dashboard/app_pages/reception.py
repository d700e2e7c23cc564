"""受付: a clerk's screen — sign in to a counter, issue numbers, call the next visitor, and work
the ticket at *this* counter with one button per step its state allows."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.live import TICKET_ACTIONS, TICKET_STATUS_LABELS, local, ticket_at_counter
from core.vocabulary import TicketStatus
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.OPERATE_COUNTER)
fixtures = resources.fixtures()
st.header(texts.PAGE_RECEPTION)
now = page_common.current_time()
if now is None:
    st.stop()
page_common.show_flashes()
site_id = page_common.pick_site("reception_site")
site = fixtures.sites[site_id]
labels = {p.id: p.label for p in fixtures.catalogue.procedures}
day = live.site_day(fixtures, site_id, local(now).date())
offered = [p.id for p in site.procedures if p.id in day.procedures] or [p.id for p in site.procedures]
counters = live.counter_names(fixtures, site_id)
counter = st.selectbox(texts.MY_COUNTER, counters, key=f"reception_counter_{site_id}")
with Session(resources.engine()) as session:
    tickets = live.day_tickets(site_id, local(now).date(), session=session, actor=actor)
mine = ticket_at_counter(tickets, counter)

left, right = st.columns(2)
with left:
    st.subheader(texts.ISSUE_HEADER)
    procedure = st.selectbox(
        texts.PICK_PROCEDURE, offered, format_func=lambda p: labels.get(p, p), key="reception_procedure"
    )
    st.caption(texts.BRING_DOCUMENTS.format(docs="、".join(live.documents_for(fixtures, procedure)) or "—"))
    if st.button(texts.ISSUE_BUTTON, key="reception_issue", type="primary"):

        def issue(session):
            ticket = live.issue_ticket(fixtures, site_id, procedure, session=session, now=now, actor=actor)
            return ticket.number, live.wait_estimate(fixtures, ticket, session=session, now=now, actor=actor)

        page_common.act_then_refresh(issue, lambda r: texts.ISSUED.format(number=r[0], minutes=r[1]))
with right:
    st.subheader(texts.MY_TICKET.format(counter=counter))
    if mine is None:
        st.caption(texts.MY_TICKET_NONE)
        if st.button(texts.CALL_NEXT_BUTTON, key="reception_call_next", type="primary"):
            result = page_common.act(
                lambda session: (live.call_next(fixtures, site_id, counter, session=session, now=now, actor=actor),)
            )
            if result is not None and result[0] is not None:
                page_common.flash(texts.CALLED.format(number=result[0].number, counter=result[0].counter))
                st.rerun()
            elif result is not None:
                st.info(texts.NOBODY_WAITING)
    else:
        st.markdown(
            texts.MY_TICKET_LINE.format(
                number=mine.number,
                procedure=labels.get(mine.procedure_id, ""),
                status=TICKET_STATUS_LABELS[mine.status],
            )
        )
        steps = [a for a in texts.ACTION_BUTTONS if mine.status in TICKET_ACTIONS[a][0] and a != "call"]
        reason = None
        if "hand_off" in steps:
            site_reasons = fixtures.catalogue_for(site_id).handoff_reasons  # national and the site's own (issue 16)
            reason = st.selectbox(
                texts.HANDOFF_REASON, list(site_reasons), format_func=site_reasons.get, key="reception_reason"
            )
        for column, action in zip(st.columns(len(steps)), steps):
            label = texts.ACTION_BUTTONS[action]
            if column.button(
                label, key=f"reception_{action}", type="primary" if action in ("start", "finish") else "secondary"
            ):
                page_common.act_then_refresh(
                    lambda session, a=action: live.ticket_action(
                        fixtures,
                        mine.id,
                        a,
                        session=session,
                        now=now,
                        reason=reason,
                        counter=counter,
                        site_id=site_id,
                        actor=actor,
                    ),
                    lambda done, a=action: texts.ACTION_DONE.format(
                        number=done.number, action=texts.ACTION_DONE_TEXT[a]
                    ),
                )

absent = [t for t in tickets if t.status == TicketStatus.NO_SHOW]
if absent:
    with st.expander(texts.ABSENT_HEADER.format(count=len(absent))):
        absent_labels = {t.id: f"{t.number}（{t.counter or ''}）" for t in absent}
        chosen = st.selectbox(
            texts.PICK_TICKET,
            list(absent_labels),
            format_func=lambda i: absent_labels.get(i, "—"),
            key="reception_absent",
        )
        if st.button(
            texts.RECALL_TO_MINE.format(counter=counter), key="reception_recall_absent", disabled=mine is not None
        ):
            page_common.act_then_refresh(
                lambda session: live.ticket_action(
                    fixtures, chosen, "recall", session=session, now=now, counter=counter, site_id=site_id, actor=actor
                ),
                lambda done: texts.CALLED.format(number=done.number, counter=done.counter),
            )

st.subheader(texts.QUEUE_TABLE)
rows = [
    {
        texts.COL_NUMBER: t.number,
        texts.COL_PROCEDURE: labels.get(t.procedure_id, t.procedure_id),
        texts.COL_STATUS: TICKET_STATUS_LABELS[t.status],
        texts.COL_COUNTER: t.counter or "",
        texts.COL_ISSUED: f"{local(t.issued_at):%H:%M}",
        texts.COL_CALLED: f"{local(t.called_at):%H:%M}" if t.called_at else "",
    }
    for t in reversed(tickets)
]
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="reception_queue")
else:
    st.caption(texts.QUEUE_EMPTY)
