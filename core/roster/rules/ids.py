"""One enum of roster rule ids: the checker, the model, the texts and the README catalogue use these."""

from __future__ import annotations

from enum import StrEnum


class RuleId(StrEnum):
    # the roster file itself
    unknown_staff = "unknown_staff"
    outside_week = "outside_week"
    grid = "grid"
    one_shift_per_day = "one_shift_per_day"
    closed_day = "closed_day"
    leave = "leave"
    absence = "absence"
    availability = "availability"
    activity_coverage = "activity_coverage"
    # the law (Labour Standards Act) and the contractor's shift rules
    shift_length = "shift_length"
    break_length = "break_length"
    break_position = "break_position"
    daily_hours = "daily_hours"
    weekly_hours = "weekly_hours"
    days_off = "days_off"
    rest = "rest"
    consecutive_days = "consecutive_days"
    # who may do what
    skill = "skill"
    qualification = "qualification"
    training = "training"
    activity_not_allowed = "activity_not_allowed"
    # the contract's staffing per slot
    floor = "floor"
    cap = "cap"
    equipment = "equipment"
    presence = "presence"
    headcount = "headcount"
    service_level = "service_level"
    outside_hours = "outside_hours"
    # soft goals
    unmet_demand = "unmet_demand"
    over_staffing = "over_staffing"
    contract_hours = "contract_hours"
    preference = "preference"
    activity_switch = "activity_switch"
    short_rest = "short_rest"
    scattered_starts = "scattered_starts"
    change = "change"
