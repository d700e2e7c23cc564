"""Staff (従事者): role, skills, contract hours, availability, leave, preferences.

Only what rostering needs is kept: a display name, no address, no phone number."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from core.profile.site_profile import ActivityId, Qualification, Role, Strict, TimeRange, Weekday


class LeaveSpan(Strict):
    start: dt.date
    end: dt.date
    reason: str = "年次有給休暇"

    @model_validator(mode="before")
    @classmethod
    def _from_date(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return {"start": value, "end": value}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> LeaveSpan:
        if self.end < self.start:
            raise ValueError(f"leave ends {self.end} before it starts {self.start}")
        return self

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Preferences(Strict):
    days_off: list[Weekday] = Field(default_factory=list, description="weekdays they would rather not work")
    shift: Literal["early", "late", "any"] = "any"


class StaffMember(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str = Field(min_length=1, description="display name only")
    role: Role
    skills: list[ActivityId] = Field(min_length=1)
    qualifications: list[Qualification] = Field(default_factory=list)
    training_completed: dt.date | None = None
    contract_hours_per_week: float = Field(gt=0, le=40)
    availability: dict[Weekday, TimeRange | Literal["off"]] = Field(
        default_factory=dict, description="weekday → hours they can work, or 'off'; unlisted = any"
    )
    leave: list[LeaveSpan] = Field(default_factory=list)
    preferences: Preferences = Preferences()

    def on_leave(self, day: dt.date) -> bool:
        return any(span.covers(day) for span in self.leave)

    def available_hours(self, day: dt.date) -> TimeRange | None:
        """The hours this person can work on a date, None if not at all, a full-day range if any."""
        if self.on_leave(day):
            return None
        rule = self.availability.get(list(Weekday)[day.weekday()])
        if rule == "off":
            return None
        return rule if rule is not None else TimeRange(start="00:00", end="23:59")


class StaffFile(Strict):
    """fixtures/staff/<site>.toml: the demo staff of one site (fictional people)."""

    site: str
    staff: list[StaffMember] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> StaffFile:
        seen: set[str] = set()
        for member in self.staff:
            if member.id in seen:
                raise ValueError(f"staff id {member.id!r} is listed twice")
            seen.add(member.id)
        return self
