"""contract records: attendance stamps, designated days from the dashboard, bookings imported
from the city's system, outgoing call outcomes

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-03

Numbered 0011 by agreement (issue 17); whoever merges re-chains down_revision onto the head.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def _site_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["site_id"], ["site.id"], name=op.f(f"fk_{table}_site_id_site"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "attendance_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("at", UTC_TIMESTAMP, nullable=False),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('clock_in', 'break_start', 'break_end', 'clock_out')",
            name=op.f("ck_attendance_event_kind_valid"),
        ),
        _site_fk("attendance_event"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_attendance_event_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_event")),
    )
    op.create_index(op.f("ix_attendance_event_site_id_date"), "attendance_event", ["site_id", "date"])
    op.create_index(op.f("ix_attendance_event_staff_id"), "attendance_event", ["staff_id"])
    op.create_table(
        "designated_day",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("day_type", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("changed_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        sa.CheckConstraint("action IN ('add', 'remove')", name=op.f("ck_designated_day_action_valid")),
        _site_fk("designated_day"),
        sa.PrimaryKeyConstraint("site_id", "day_type", "date", name=op.f("pk_designated_day")),
    )
    op.create_table(
        "city_booking",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("city_booking_id", sa.String(), nullable=False),
        sa.Column("reservation_id", sa.Integer(), nullable=False),
        sa.Column("imported_at", UTC_TIMESTAMP, nullable=False),
        _site_fk("city_booking"),
        sa.ForeignKeyConstraint(
            ["reservation_id"], ["reservation.id"], name=op.f("fk_city_booking_reservation_id_reservation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", "city_booking_id", name=op.f("pk_city_booking")),
    )
    op.create_index(op.f("ix_city_booking_reservation_id"), "city_booking", ["reservation_id"])
    op.add_column("call", sa.Column("outcome", sa.String(), nullable=True))
    op.create_table(
        "staff_training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("course", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.CheckConstraint("course IN ('initial', 'privacy', 'security', 'other')",
                           name=op.f("ck_staff_training_course_valid")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_staff_training_staff_id_staff"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_training")),
        sa.UniqueConstraint("staff_id", "course", "completed_on",
                            name=op.f("uq_staff_training_staff_id_course_completed_on")),
    )
    op.create_index(op.f("ix_staff_training_staff_id"), "staff_training", ["staff_id"])
    op.create_table(
        "staff_pledge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_staff_pledge_staff_id_staff"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_pledge")),
        sa.UniqueConstraint("staff_id", "signed_on", name=op.f("uq_staff_pledge_staff_id_signed_on")),
    )
    op.create_index(op.f("ix_staff_pledge_staff_id"), "staff_pledge", ["staff_id"])
    op.create_table(
        "staff_list_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("staff_id", sa.String(), nullable=False),
        sa.Column("change", sa.String(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("changed_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("changed_by", sa.String(), nullable=False),
        _site_fk("staff_list_change"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_list_change")),
    )
    op.create_index(op.f("ix_staff_list_change_site_id_changed_at"), "staff_list_change", ["site_id", "changed_at"])
    op.create_table(
        "uncollected_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("notice_mailed_on", sa.Date(), nullable=False),
        sa.Column("collected_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.CheckConstraint("collected_on IS NULL OR collected_on >= notice_mailed_on",
                           name=op.f("ck_uncollected_card_collected_after_notice")),
        _site_fk("uncollected_card"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uncollected_card")),
        sa.UniqueConstraint("site_id", "reference", name=op.f("uq_uncollected_card_site_id_reference")),
    )
    op.create_index(op.f("ix_uncollected_card_site_id"), "uncollected_card", ["site_id"])
    op.create_table(
        "card_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("reminded_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(), nullable=False),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.CheckConstraint("method IN ('letter', 'phone')", name=op.f("ck_card_reminder_method_valid")),
        sa.ForeignKeyConstraint(["card_id"], ["uncollected_card.id"],
                                name=op.f("fk_card_reminder_card_id_uncollected_card"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_reminder")),
        sa.UniqueConstraint("card_id", "reminded_on", name=op.f("uq_card_reminder_card_id_reminded_on")),
    )
    op.create_index(op.f("ix_card_reminder_card_id"), "card_reminder", ["card_id"])
    with op.batch_alter_table("incident") as batch:
        batch.add_column(sa.Column("progress", sa.Text(), nullable=True))
        batch.add_column(sa.Column("damage", sa.Text(), nullable=True))
        batch.add_column(sa.Column("oral_reported_at", UTC_TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("written_reported_at", UTC_TIMESTAMP, nullable=True))
        batch.drop_constraint(op.f("ck_incident_kind_valid"), type_="check")
        batch.create_check_constraint(
            "kind_valid", "kind IN ('incident', 'complaint', 'issue', 'proposal', 'vacancy')"
        )


def downgrade() -> None:
    op.execute("DELETE FROM incident WHERE kind NOT IN ('incident', 'complaint')")
    with op.batch_alter_table("incident") as batch:
        batch.drop_constraint(op.f("ck_incident_kind_valid"), type_="check")
        batch.create_check_constraint("kind_valid", "kind IN ('incident', 'complaint')")
        batch.drop_column("written_reported_at")
        batch.drop_column("oral_reported_at")
        batch.drop_column("damage")
        batch.drop_column("progress")
    op.drop_index(op.f("ix_card_reminder_card_id"), table_name="card_reminder")
    op.drop_table("card_reminder")
    op.drop_index(op.f("ix_uncollected_card_site_id"), table_name="uncollected_card")
    op.drop_table("uncollected_card")
    op.drop_index(op.f("ix_staff_list_change_site_id_changed_at"), table_name="staff_list_change")
    op.drop_table("staff_list_change")
    op.drop_index(op.f("ix_staff_pledge_staff_id"), table_name="staff_pledge")
    op.drop_table("staff_pledge")
    op.drop_index(op.f("ix_staff_training_staff_id"), table_name="staff_training")
    op.drop_table("staff_training")
    with op.batch_alter_table("call") as batch:
        batch.drop_column("outcome")
    op.drop_index(op.f("ix_city_booking_reservation_id"), table_name="city_booking")
    op.drop_table("city_booking")
    op.drop_table("designated_day")
    op.drop_index(op.f("ix_attendance_event_staff_id"), table_name="attendance_event")
    op.drop_index(op.f("ix_attendance_event_site_id_date"), table_name="attendance_event")
    op.drop_table("attendance_event")
