"""What a person's training record says, read in one place.

Today the record is the staff file's `qualifications` and `training_completed` date; when the
training-course history arrives in the database, only these functions change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from core.staff.members import StaffMember


def trained_by(member: StaffMember, date: dt.date) -> bool:
    """Completed the contract's training on or before this date."""
    return member.training_completed is not None and member.training_completed <= date


def holds_qualification(member: StaffMember, accepted: Iterable[str], date: dt.date) -> bool:
    """Holds one of the accepted qualifications on this date (none accepted = no condition).
    Training counts from its completion date when one is recorded."""
    accepted = set(accepted)
    if not accepted:
        return True
    held = set(member.qualifications) & accepted
    if held == {"training"} and member.training_completed is not None:
        return trained_by(member, date)
    return bool(held)
