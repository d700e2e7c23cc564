"""Reservation capacity from the roster: the slots of a day and the staffed minutes in each."""

from __future__ import annotations

from core.profile.calendar import SiteDay
from core.profile.site_profile import ActivityId, SiteProfile
from core.roster.model import Shift, minute_of

GRID_MINUTES = 15  # rosters are planned on a 15-minute grid


def slot_spans(day: SiteDay, activity: ActivityId, slot_minutes: int) -> list[tuple[int, int]]:
    """(start, end) minutes of the day's booking slots for the activity, inside its service hours."""
    spans = []
    for service in day.activities[activity].service:
        start, end = minute_of(service.start), minute_of(service.end)
        while start + slot_minutes <= end:
            spans.append((start, start + slot_minutes))
            start += slot_minutes
    return spans


def working_on(shift: Shift, minute: int, activity: ActivityId) -> bool:
    """On the activity at that minute, and not on a break (a hand-edited block may span one)."""
    return not shift.on_break(minute) and shift.activity_at(minute) == activity.value


def staff_minutes(shifts: list[Shift] | None, site: SiteProfile, activity: ActivityId, start: int, end: int) -> float:
    """Minutes of staff on the activity in [start, end); every seat when no roster is published."""
    if shifts is None:
        return site.activity(activity).seats * (end - start)
    return sum(GRID_MINUTES for s in shifts for m in range(start, end, GRID_MINUTES) if working_on(s, m, activity))
