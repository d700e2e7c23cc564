"""Who may do what, at which site: roles, permissions and the check every use case makes.

A use case is decorated with `@needs(Permission.X)`. Its callers pass `actor=` (keyword-only):
the signed-in user on a page, `SYSTEM` on the command line (whoever runs the CLI already owns the
machine and its database) and in the demo feed. The check runs before the use case reads or writes:
- the actor's role must grant the permission;
- when the use case names a site (a parameter called `site_id`, or `site` holding a profile with
  an `id`), the actor must be scoped to it.
Use cases that find their site from a stored row (a ticket id, an incident id) declare an `actor`
parameter themselves and call `require(actor, permission, site_id)` once they know the site.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from enum import StrEnum

from core.vocabulary import Role


class Permission(StrEnum):
    VIEW_SITES = "view_sites"  # 拠点 and 需要予測: contract figures, calendars, forecasts
    VIEW_LIVE = "view_live"  # 現況, queues, bookings and calls as counts
    OPERATE_COUNTER = "operate_counter"  # tickets, bookings, calls, booths
    RECORD_ATTENDANCE = "record_attendance"
    VIEW_STAFF = "view_staff"  # personal data of staff
    EDIT_STAFF = "edit_staff"
    VIEW_ROSTER = "view_roster"
    EDIT_ROSTER = "edit_roster"  # solve, edit, save versions
    PUBLISH_ROSTER = "publish_roster"
    VIEW_REPORTS = "view_reports"
    EXPORT_REPORTS = "export_reports"
    EDIT_RECORDS = "edit_records"  # incidents, notices, form counts, card batches, submissions, training
    EDIT_SITE_SETTINGS = "edit_site_settings"  # designated days, contractor details
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    PURGE_DATA = "purge_data"
    BACKUP = "backup"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.SUPERVISOR: frozenset(
        {
            Permission.VIEW_SITES,
            Permission.VIEW_LIVE,
            Permission.OPERATE_COUNTER,
            Permission.RECORD_ATTENDANCE,
            Permission.VIEW_STAFF,
            Permission.VIEW_ROSTER,
            Permission.VIEW_REPORTS,
            Permission.EXPORT_REPORTS,
            Permission.EDIT_RECORDS,
        }
    ),
    Role.CLERK: frozenset({Permission.VIEW_SITES, Permission.VIEW_LIVE, Permission.OPERATE_COUNTER}),
    Role.SCHEDULER: frozenset(
        {
            Permission.VIEW_SITES,
            Permission.VIEW_LIVE,
            Permission.VIEW_STAFF,
            Permission.EDIT_STAFF,
            Permission.VIEW_ROSTER,
            Permission.EDIT_ROSTER,
            Permission.PUBLISH_ROSTER,
        }
    ),
    Role.CITY_VIEWER: frozenset(
        {
            Permission.VIEW_SITES,
            Permission.VIEW_LIVE,
            Permission.VIEW_REPORTS,
            Permission.EXPORT_REPORTS,
        }
    ),
}

ROLE_LABELS = {
    Role.ADMIN: "管理者",
    Role.SUPERVISOR: "現場責任者",
    Role.CLERK: "窓口担当",
    Role.SCHEDULER: "勤務表作成者",
    Role.CITY_VIEWER: "市職員（閲覧）",
}

DENIED_ROLE = "{user}（{role}）にはこの操作の権限がありません。"
DENIED_SITE = "{user} は拠点 {site} を担当していません。"
DENIED_NOBODY = "ログインしていません。"


class AccessDenied(PermissionError):
    """Refused for lack of role or site; the message is Japanese and names the user."""


@dataclass(frozen=True)
class Actor:
    """Whoever is acting: a signed-in user, or the machine's own operator (CLI, demo feed)."""

    username: str
    role: Role
    sites: frozenset[str] | None = None  # None: every site

    def may(self, permission: Permission, site_id: str | None = None) -> bool:
        if permission not in ROLE_PERMISSIONS[self.role]:
            return False
        return site_id is None or self.sites is None or site_id in self.sites

    def visible_sites(self, site_ids) -> list[str]:
        return [s for s in site_ids if self.sites is None or s in self.sites]


SYSTEM = Actor("system", Role.ADMIN, None)


def require(actor: Actor | None, permission: Permission, site_id: str | None = None) -> None:
    if actor is None:
        raise AccessDenied(DENIED_NOBODY)
    if permission not in ROLE_PERMISSIONS[actor.role]:
        raise AccessDenied(DENIED_ROLE.format(user=actor.username, role=ROLE_LABELS[actor.role]))
    if site_id is not None and actor.sites is not None and site_id not in actor.sites:
        raise AccessDenied(DENIED_SITE.format(user=actor.username, site=site_id))


def needs(permission: Permission, *, site_arg: str = "site_id"):
    """Decorate a use case: callers must pass `actor=`; role and (if named) site are checked first."""

    def decorate(func):
        signature = inspect.signature(func)
        passes_actor = "actor" in signature.parameters
        names_site = site_arg in signature.parameters

        @functools.wraps(func)
        def wrapper(*args, actor: Actor | None = None, **kwargs):
            site_id = None
            if names_site:
                bound = signature.bind_partial(*args, **kwargs)
                site_id = bound.arguments.get(site_arg)
                site_id = getattr(site_id, "id", site_id)  # a SiteProfile stands for its id
            require(actor, permission, site_id)
            if passes_actor:
                kwargs["actor"] = actor
            return func(*args, **kwargs)

        wrapper.permission = permission  # read by the role x use case matrix test
        wrapper.site_arg = site_arg if names_site else None
        return wrapper

    return decorate
