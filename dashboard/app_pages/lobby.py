"""呼出表示: the lobby screen — numbers called to counters, large, refreshed every few seconds."""

from __future__ import annotations

import html

import streamlit as st
import streamlit.components.v1 as components
from sqlmodel import Session

from dashboard import texts
from dashboard.ui import page_common, resources
from dashboard.use_cases import clock, lobby_services
from dashboard.use_cases.access import AccessDenied, Permission

actor = page_common.require_page(Permission.VIEW_LIVE)

fixtures = resources.fixtures()
site_id = page_common.pick_site("lobby_site")
left, right = st.columns(2)
speak = left.toggle(texts.LOBBY_SPEAK, key="lobby_speak")
if right.toggle(texts.LOBBY_FULL, key="lobby_full"):
    st.markdown("<style>[data-testid='stSidebar'],header{display:none}</style>", unsafe_allow_html=True)
st.caption(texts.LOBBY_CAPTION)

STYLE = """<style>
.lobby-row{display:flex;gap:1rem;flex-wrap:wrap}
.lobby-card{background:#0b3d91;color:#fff;border-radius:.6rem;padding:.6rem 1.4rem;min-width:14rem}
.lobby-number{font-size:clamp(2.6rem,8vw,5.5rem);font-weight:700;line-height:1.1}
.lobby-counter{font-size:clamp(1.4rem,4vw,2.6rem)}
.lobby-recent{font-size:clamp(1.1rem,3vw,1.8rem);color:#333}
</style>"""


def _card(number: str, counter: str) -> str:
    return (
        f"<div class='lobby-card'><div class='lobby-number'>{html.escape(number)}</div>"
        f"<div class='lobby-counter'>{html.escape(texts.LOBBY_TO_COUNTER.format(counter=counter))}</div></div>"
    )


@st.fragment(run_every=3)
def board() -> None:
    try:
        with Session(resources.engine()) as session:
            now = clock.now(session)
            shown = lobby_services.lobby_board(fixtures, site_id, session=session, now=now, actor=actor)
    except AccessDenied as exc:
        st.error(str(exc))
        return
    st.markdown(STYLE, unsafe_allow_html=True)
    st.subheader(f"{shown.site_name}　{texts.LOBBY_CALLING}")
    if shown.calling:
        cards = "".join(_card(t.number, t.counter) for t in shown.calling)
        st.markdown(f"<div class='lobby-row'>{cards}</div>", unsafe_allow_html=True)
    else:
        st.info(texts.LOBBY_NONE)
    if shown.recent:
        st.subheader(texts.LOBBY_RECENT)
        recent = "　".join(f"{html.escape(t.number)}（{html.escape(t.counter)}）" for t in shown.recent)
        st.markdown(f"<div class='lobby-recent'>{recent}</div>", unsafe_allow_html=True)
    groups = "、".join(texts.LOBBY_GROUP.format(group=g, count=n) for g, n in sorted(shown.waiting.items()))
    st.markdown(texts.LOBBY_WAITING.format(groups=groups) if groups else texts.LOBBY_WAITING_NONE)
    # Speak each new call once per browser session; the browser may need one click on the page first.
    said = st.session_state.setdefault("lobby_said", set())
    fresh = [t for t in shown.calling if (t.number, t.called_at) not in said]
    said.update((t.number, t.called_at) for t in shown.calling)
    if speak and fresh:
        lines = [lobby_services.announcement(t) for t in reversed(fresh)]
        script = "".join(
            f"speechSynthesis.speak(Object.assign(new SpeechSynthesisUtterance({line!r}),{{lang:'ja-JP'}}));"
            for line in lines
        )
        components.html(f"<script>{script}</script>", height=0)


board()
