"""The access check every decorated use case makes before it reads or writes."""

from __future__ import annotations

import pytest

from dashboard.use_cases.access import SYSTEM, AccessDenied, Actor, Permission, Role, needs, require


@needs(Permission.EDIT_RECORDS)
def _record(site_id: str, value: int) -> int:
    return value


@needs(Permission.OPERATE_COUNTER)
def _by_row(row_site: str, *, actor) -> str:
    require(actor, Permission.OPERATE_COUNTER, row_site)
    return row_site


def test_role_and_site_both_checked():
    tamano_supervisor = Actor("s", Role.SUPERVISOR, frozenset({"tamano"}))
    assert _record("tamano", 3, actor=tamano_supervisor) == 3
    with pytest.raises(AccessDenied, match="拠点 seto"):
        _record("seto", 3, actor=tamano_supervisor)
    with pytest.raises(AccessDenied, match="権限がありません"):
        _record("tamano", 3, actor=Actor("c", Role.CLERK, frozenset({"tamano"})))


def test_no_actor_is_refused():
    with pytest.raises(AccessDenied, match="ログイン"):
        _record("tamano", 1)


def test_use_case_that_finds_its_site_checks_it_itself():
    clerk = Actor("c", Role.CLERK, frozenset({"ageo"}))
    assert _by_row("ageo", actor=clerk) == "ageo"
    with pytest.raises(AccessDenied):
        _by_row("seto", actor=clerk)
    assert _by_row("seto", actor=SYSTEM) == "seto"
