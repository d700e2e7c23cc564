"""予約: the day's slots with capacity left; book, change, cancel and check in."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.live import ACTIVE_RESERVATION, RESERVATION_STATUS_LABELS, bookable_now, local
from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import live_services as live
from dashboard.use_cases.access import Permission

actor = page_common.require_page(Permission.OPERATE_COUNTER)
fixtures = resources.fixtures()
st.header(texts.PAGE_RESERVATIONS)
now = page_common.current_time()
if now is None:
    st.stop()
for level, text in st.session_state.pop("reservations_flash", []):
    getattr(st, level)(text)
left, right = st.columns(2)
with left:
    site_id = page_common.pick_site("reservations_site")
site = fixtures.sites[site_id]
today = local(now).date()
opening = live.next_service_day(fixtures, site_id, now) or today
day = right.date_input(
    texts.RESERVATION_DATE, value=opening, min_value=today, key=f"reservations_date_{site_id}", format="YYYY/MM/DD"
)
labels = {p.id: p.label for p in fixtures.catalogue.procedures}

slots = page_common.act(lambda session: live.ensure_slots(fixtures, site_id, day, session=session, actor=actor)) or []
if not slots:
    st.info(texts.SLOTS_NONE)
    st.stop()
with Session(resources.engine()) as session:
    from_roster = live.published_shifts(session, site_id, day, actor=actor) is not None
st.caption(
    texts.SLOTS_FROM_ROSTER.format(reserve=site.reservations.walk_in_reserve) if from_roster else texts.SLOTS_FROM_SEATS
)

grid = pd.DataFrame(
    [
        {
            "時間": f"{s.start:%H:%M}",
            "手続き": labels.get(s.procedure_id, s.procedure_id),
            "残り": s.capacity - s.booked,
        }
        for s in slots
    ]
)
st.subheader(texts.RESERVATION_HEADER)
st.dataframe(
    grid.pivot_table(index="時間", columns="手続き", values="残り", aggfunc="sum"),
    width="stretch",
    key="reservations_grid",
)

open_slots = bookable_now(slots, now)
by_id = {s.id: s for s in slots}


def slot_label(slot_id: int) -> str:
    s = by_id[slot_id]
    return f"{s.start:%H:%M} {labels.get(s.procedure_id, s.procedure_id)}（{texts.COL_LEFT}{s.capacity - s.booked}）"


def _flash(level: str, text: str) -> None:
    st.session_state.setdefault("reservations_flash", []).append((level, text))


def arrive(reference: str) -> None:
    def check_in(session):
        ticket = live.check_in(fixtures, site_id, reference, session=session, now=now, actor=actor)
        return ticket.number, live.find_reservation(session, site_id, reference, actor=actor).proxy

    try:
        number, proxy_flag = resources.write(check_in)
    except page_common.REFUSALS as exc:
        _flash("error", str(exc))
        return
    _flash("success", texts.CHECKED_IN.format(reference=reference.strip().upper(), number=number))
    if proxy_flag:
        _flash("warning", texts.PROXY_FLAG)


def no_show(reference: str) -> None:
    try:
        done = resources.write(
            lambda session: live.mark_no_show(fixtures, site_id, reference, session=session, now=now, actor=actor),
        )
    except page_common.REFUSALS as exc:
        _flash("error", str(exc))
        return
    _flash("success", texts.MARKED_NO_SHOW.format(reference=done.reference))


book_col, manage_col = st.columns(2)
with book_col:
    st.subheader(texts.BOOK_HEADER)
    chosen = st.selectbox(
        texts.PICK_SLOT,
        [s.id for s in open_slots] or [None],
        key="reservations_slot",
        format_func=lambda i: slot_label(i) if i else "—",
    )
    if chosen:
        st.caption(
            texts.BRING_DOCUMENTS.format(docs="、".join(live.documents_for(fixtures, by_id[chosen].procedure_id)))
        )
    proxy = st.checkbox(texts.PROXY, key="reservations_proxy")
    if st.button(texts.BOOK_BUTTON, key="reservations_book", type="primary", disabled=not chosen):
        booking = page_common.act(
            lambda session: live.book(fixtures, chosen, session=session, now=now, proxy=proxy, actor=actor)
        )
        if booking is not None:
            s = by_id[chosen]
            st.success(
                texts.BOOKED.format(
                    reference=booking.reference,
                    date=s.date,
                    start=f"{s.start:%H:%M}",
                    procedure=labels.get(s.procedure_id),
                )
            )
            if proxy:
                st.warning(texts.PROXY_FLAG)
with manage_col:
    st.subheader(texts.MANAGE_HEADER)
    reference = st.text_input(texts.REFERENCE, key="reservations_reference")
    target = st.selectbox(
        texts.PICK_SLOT,
        [s.id for s in open_slots] or [None],
        key="reservations_target",
        format_func=lambda i: slot_label(i) if i else "—",
    )
    change, cancel, check_in = st.columns(3)
    if change.button(texts.CHANGE_BUTTON, key="reservations_change", disabled=not target):
        done = page_common.act(
            lambda session: live.change(fixtures, site_id, reference, target, session=session, now=now, actor=actor)
        )
        if done is not None:
            st.success(
                texts.CHANGED.format(
                    reference=done.reference, date=by_id[target].date, start=f"{by_id[target].start:%H:%M}"
                )
            )
    if cancel.button(texts.CANCEL_BUTTON, key="reservations_cancel"):
        done = page_common.act(lambda session: live.cancel(site_id, reference, session=session, now=now, actor=actor))
        if done is not None:
            st.success(texts.CANCELLED.format(reference=done.reference))
    check_in.button(texts.CHECK_IN_BUTTON, key="reservations_check_in", on_click=arrive, args=(reference,))

st.subheader(texts.DAY_BOOKINGS.format(date=day))
with Session(resources.engine()) as session:
    bookings = live.day_bookings(site_id, day, session=session, actor=actor)
if not bookings:
    st.caption(texts.DAY_BOOKINGS_NONE)
for booking in bookings:
    line, arrive_col, absent_col = st.columns([4, 1, 1])
    line.write(
        texts.DAY_BOOKING_LINE.format(
            start=f"{booking.start:%H:%M}",
            reference=booking.reference,
            procedure=labels.get(booking.procedure_id, booking.procedure_id),
            status=RESERVATION_STATUS_LABELS.get(booking.status, booking.status),
            proxy=texts.DAY_BOOKING_PROXY if booking.proxy else "",
        )
    )
    active = booking.status in ACTIVE_RESERVATION and day == today
    arrive_col.button(
        texts.CHECK_IN_BUTTON,
        key=f"reservations_arrive_{booking.reference}",
        disabled=not active,
        on_click=arrive,
        args=(booking.reference,),
    )
    absent_col.button(
        texts.NO_SHOW_BUTTON,
        key=f"reservations_absent_{booking.reference}",
        disabled=not active,
        on_click=no_show,
        args=(booking.reference,),
    )
