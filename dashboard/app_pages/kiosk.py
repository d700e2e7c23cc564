"""発券: the visitor's kiosk — choose a procedure, get a numbered ticket with the expected wait."""

from __future__ import annotations

import html

import streamlit as st
import streamlit.components.v1 as components

from core.live import local
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import live_services as live
from dashboard.use_cases import lobby_services
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.OPERATE_COUNTER)

fixtures = resources.fixtures()
st.header(texts.PAGE_KIOSK)
now = page_common.current_time()
if now is None:
    st.stop()
site_id = page_common.pick_site("kiosk_site")
st.caption(texts.KIOSK_CAPTION)
site = fixtures.sites[site_id]
labels = {p.id: p.label for p in fixtures.catalogue.procedures}
day = live.site_day(fixtures, site_id, local(now).date())
offered = [p.id for p in site.procedures if p.id in day.procedures]

st.subheader(texts.KIOSK_CHOOSE)
if not offered:
    st.info(texts.KIOSK_CLOSED)
columns = st.columns(2)
for index, procedure_id in enumerate(offered):
    if columns[index % 2].button(
        labels.get(procedure_id, procedure_id), key=f"kiosk_{procedure_id}", width="stretch", type="primary"
    ):
        issued = page_common.act(
            lambda session, p=procedure_id: lobby_services.kiosk_issue(
                fixtures, site_id, p, session=session, now=now, actor=actor
            )
        )
        if issued is not None:
            st.session_state["kiosk_ticket"] = issued

ticket = st.session_state.get("kiosk_ticket")
if ticket is not None:
    body = (
        f"<div style='border:2px solid #333;border-radius:.5rem;padding:1rem;max-width:22rem;text-align:center'>"
        f"<div>{html.escape(site.name)}</div><div>{texts.KIOSK_TICKET_TITLE}</div>"
        f"<div style='font-size:3.2rem;font-weight:700'>{html.escape(ticket.number)}</div>"
        f"<div>{html.escape(texts.KIOSK_TICKET_PROCEDURE.format(procedure=ticket.procedure))}</div>"
        f"<div>{texts.KIOSK_TICKET_WAIT.format(minutes=ticket.wait_minutes, ahead=ticket.ahead)}</div>"
        f"<div>{texts.KIOSK_TICKET_ISSUED.format(time=f'{ticket.issued_at:%Y-%m-%d %H:%M}')}</div>"
        f"<div style='font-size:.8rem'>{texts.KIOSK_TICKET_NOTE}</div></div>"
    )
    # The ticket is drawn inside its own frame so the print button prints the ticket alone.
    components.html(
        f"<meta charset='utf-8'>{body}<button onclick='window.print()' style='margin-top:.6rem;font-size:1rem'>"
        f"{texts.KIOSK_PRINT}</button><style>@media print{{button{{display:none}}}}</style>",
        height=330,
    )
