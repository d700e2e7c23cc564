"""initial schema: sites, catalogue, staff, reservations, tickets, calls, booths, rosters,
incidents, improvement notices, users, audit log

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Names are given in full with op.f() so the naming convention in models.py cannot rename them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def _check_in(table: str, column: str, values: tuple[str, ...], name: str) -> sa.CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{name}"))


def _site_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["site_id"], ["site.id"], name=op.f(f"fk_{table}_site_id_site"), ondelete="CASCADE"
    )


def upgrade() -> None:
    # --- reference data ---
    op.create_table(
        "site",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=False),
        sa.Column("contract_end", sa.Date(), nullable=False),
        sa.Column("profile_json", sa.JSON(), nullable=False),
        sa.Column("profile_hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site")),
    )
    op.create_table(
        "procedure",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("group", sa.String(), nullable=False),
        sa.Column("service_minutes", sa.Float(), nullable=False),
        sa.Column("reservable", sa.Boolean(), nullable=False),
        sa.Column("needs_card_system", sa.Boolean(), nullable=False),
        sa.Column("activity", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure")),
    )
    op.create_table(
        "site_procedure",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("procedure_id", sa.String(), nullable=False),
        sa.Column("service_minutes", sa.Float(), nullable=True),
        sa.Column("reservable", sa.Boolean(), nullable=True),
        sa.Column("activity", sa.String(), nullable=False),
        _site_fk("site_procedure"),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"],
            name=op.f("fk_site_procedure_procedure_id_procedure"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", "procedure_id", name=op.f("pk_site_procedure")),
    )

    # --- staff ---
    op.create_table(
        "staff",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("contract_hours_per_week", sa.Float(), nullable=False),
        sa.Column("training_completed", sa.Date(), nullable=True),
        sa.Column("qualifications", sa.JSON(), nullable=False),
        sa.Column("preferences", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _check_in("staff", "role", ("manager", "deputy", "agent"), "role_valid"),
        _site_fk("staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_index(op.f("ix_staff_site_id"), "staff", ["site_id"])
    op.create_table(
        "staff_skill",
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("activity", sa.String(), nullable=False),
        _check_in(
            "staff_skill", "activity",
            ("window", "phone", "back_office", "booth", "support_desk", "call_centre", "reception"),
            "activity_valid",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_skill_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("staff_id", "activity", name=op.f("pk_staff_skill")),
    )
    op.create_table(
        "staff_availability",
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("weekday", sa.String(), nullable=False),
        sa.Column("start", sa.Time(), nullable=True),
        sa.Column("end", sa.Time(), nullable=True),
        sa.Column("day_off", sa.Boolean(), nullable=False),
        _check_in(
            "staff_availability", "weekday",
            ("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "weekday_valid",
        ),
        sa.CheckConstraint(
            'day_off OR (start IS NOT NULL AND "end" IS NOT NULL AND start < "end")',
            name=op.f("ck_staff_availability_hours_or_off"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_availability_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("staff_id", "weekday", name=op.f("pk_staff_availability")),
    )
    op.create_table(
        "staff_leave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.CheckConstraint('start <= "end"', name=op.f("ck_staff_leave_ordered")),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_leave_staff_id_staff"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_leave")),
    )
    op.create_index(op.f("ix_staff_leave_staff_id"), "staff_leave", ["staff_id"])

    # --- reservations, tickets, hand-offs ---
    op.create_table(
        "reservation_slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("procedure_id", sa.String(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity >= 0", name=op.f("ck_reservation_slot_capacity_not_negative")),
        _site_fk("reservation_slot"),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_reservation_slot_procedure_id_procedure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation_slot")),
        sa.UniqueConstraint(
            "site_id", "date", "start", "procedure_id",
            name=op.f("uq_reservation_slot_site_id_date_start_procedure_id"),
        ),
    )
    op.create_table(
        "reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.String(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("proxy", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("updated_at", UTC_TIMESTAMP, nullable=False),
        _check_in(
            "reservation", "status",
            ("booked", "changed", "cancelled", "checked_in", "no_show"), "status_valid",
        ),
        _site_fk("reservation"),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["reservation_slot.id"], name=op.f("fk_reservation_slot_id_reservation_slot")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_reservation_procedure_id_procedure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation")),
        sa.UniqueConstraint("site_id", "reference", name=op.f("uq_reservation_site_id_reference")),
    )
    op.create_index(op.f("ix_reservation_slot_id_status"), "reservation", ["slot_id", "status"])
    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("procedure_id", sa.String(), nullable=False),
        sa.Column("group", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("counter", sa.String(), nullable=True),
        sa.Column("reservation_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("called_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("started_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("finished_at", UTC_TIMESTAMP, nullable=True),
        _site_fk("ticket"),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_ticket_procedure_id_procedure")
        ),
        sa.ForeignKeyConstraint(
            ["reservation_id"], ["reservation.id"],
            name=op.f("fk_ticket_reservation_id_reservation"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint(
            "site_id", "service_date", "group", "seq", name=op.f("uq_ticket_site_id_service_date_group_seq")
        ),
        sa.UniqueConstraint(
            "site_id", "service_date", "number", name=op.f("uq_ticket_site_id_service_date_number")
        ),
    )
    op.create_table(
        "handoff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("at", UTC_TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_handoff_ticket_id_ticket"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff")),
    )
    op.create_index(op.f("ix_handoff_ticket_id"), "handoff", ["ticket_id"])

    # --- phones and booths ---
    op.create_table(
        "call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("activity", sa.String(), nullable=False),
        sa.Column("topic", sa.String(), nullable=True),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("offered_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("abandoned", sa.Boolean(), nullable=False),
        sa.Column("wait_seconds", sa.Float(), nullable=True),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        _check_in("call", "activity", ("phone", "call_centre"), "activity_valid"),
        _check_in("call", "direction", ("in", "out"), "direction_valid"),
        _site_fk("call"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call")),
    )
    op.create_index(op.f("ix_call_site_id_offered_at"), "call", ["site_id", "offered_at"])
    op.create_table(
        "booth_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("booth_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("joined_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("started_at", UTC_TIMESTAMP, nullable=True),
        sa.Column("ended_at", UTC_TIMESTAMP, nullable=True),
        _site_fk("booth_session"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booth_session")),
    )
    op.create_index(op.f("ix_booth_session_site_id_joined_at"), "booth_session", ["site_id", "joined_at"])

    # --- rosters ---
    op.create_table(
        "roster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("objective", sa.Float(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        _check_in("roster", "status", ("draft", "published"), "status_valid"),
        _site_fk("roster"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster")),
        sa.UniqueConstraint(
            "site_id", "week_start", "version", name=op.f("uq_roster_site_id_week_start_version")
        ),
    )
    op.create_table(
        "roster_shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=False),
        sa.Column("end", sa.Time(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("activities", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["roster_id"], ["roster.id"], name=op.f("fk_roster_shift_roster_id_roster"), ondelete="CASCADE"
        ),
        # No cascade: a published shift is history; deactivate staff instead of deleting them.
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_roster_shift_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_shift")),
    )
    op.create_index(op.f("ix_roster_shift_roster_id"), "roster_shift", ["roster_id"])
    op.create_index(op.f("ix_roster_shift_staff_id"), "roster_shift", ["staff_id"])

    # --- quality and contract management ---
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("occurred_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=True),
        sa.Column("cause", sa.Text(), nullable=True),
        sa.Column("fix", sa.Text(), nullable=True),
        sa.Column("reported_to_city_at", UTC_TIMESTAMP, nullable=True),
        _check_in("incident", "kind", ("incident", "complaint"), "kind_valid"),
        _site_fk("incident"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    op.create_index(op.f("ix_incident_site_id_occurred_at"), "incident", ["site_id", "occurred_at"])
    op.create_table(
        "improvement_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("plan_submitted_on", sa.Date(), nullable=True),
        sa.Column("report_submitted_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        _site_fk("improvement_notice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_improvement_notice")),
    )
    op.create_index(op.f("ix_improvement_notice_site_id"), "improvement_notice", ["site_id"])

    # --- users and audit ---
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=True),
        _check_in("app_user", "role", ("supervisor", "scheduler", "city", "admin"), "role_valid"),
        _site_fk("app_user"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTC_TIMESTAMP, nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_at"), "audit_log", ["at"])
    op.create_index(op.f("ix_audit_log_entity_entity_id"), "audit_log", ["entity", "entity_id"])


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes.
    for table in (
        "audit_log", "app_user", "improvement_notice", "incident", "roster_shift", "roster",
        "booth_session", "call", "handoff", "ticket", "reservation", "reservation_slot",
        "staff_leave", "staff_availability", "staff_skill", "staff", "site_procedure",
        "procedure", "site",
    ):
        op.drop_table(table)
