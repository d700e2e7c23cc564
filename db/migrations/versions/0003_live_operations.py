"""live operations: ticket sequence and events, ticket status check and end states, reservation
event times, slot end and booked count (never above capacity), booth number unknown while waiting,
app settings (the demo clock)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)
TICKET_STATUSES = ("waiting", "called", "serving", "done", "no_show", "handed_off")


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )
    op.create_table(
        "ticket_sequence",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("group", sa.String(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["site.id"], name=op.f("fk_ticket_sequence_site_id_site"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("site_id", "service_date", "group", name=op.f("pk_ticket_sequence")),
    )
    op.create_table(
        "ticket_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("at", UTC_TIMESTAMP, nullable=False),
        sa.Column("counter", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_event_ticket_id_ticket"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_event")),
    )
    op.create_index(op.f("ix_ticket_event_ticket_id"), "ticket_event", ["ticket_id"])
    listed = ", ".join(f"'{s}'" for s in TICKET_STATUSES)
    with op.batch_alter_table("ticket") as batch_op:
        batch_op.add_column(sa.Column("no_show_at", UTC_TIMESTAMP, nullable=True))
        batch_op.add_column(sa.Column("handed_off_at", UTC_TIMESTAMP, nullable=True))
        batch_op.add_column(sa.Column("recalls", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_check_constraint(op.f("ck_ticket_status_valid"), f"status IN ({listed})")
    with op.batch_alter_table("reservation") as batch_op:
        for column in ("changed_at", "cancelled_at", "checked_in_at", "no_show_at"):
            batch_op.add_column(sa.Column(column, UTC_TIMESTAMP, nullable=True))
    with op.batch_alter_table("reservation_slot") as batch_op:
        batch_op.add_column(sa.Column("end", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("booked", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_check_constraint(
            op.f("ck_reservation_slot_not_overbooked"), "booked >= 0 AND booked <= capacity"
        )
    with op.batch_alter_table("booth_session") as batch_op:
        batch_op.alter_column("booth_no", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("booth_session") as batch_op:
        batch_op.alter_column("booth_no", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("reservation_slot") as batch_op:
        batch_op.drop_constraint(op.f("ck_reservation_slot_not_overbooked"), type_="check")
        batch_op.drop_column("booked")
        batch_op.drop_column("end")
    with op.batch_alter_table("reservation") as batch_op:
        for column in ("no_show_at", "checked_in_at", "cancelled_at", "changed_at"):
            batch_op.drop_column(column)
    with op.batch_alter_table("ticket") as batch_op:
        batch_op.drop_constraint(op.f("ck_ticket_status_valid"), type_="check")
        batch_op.drop_column("recalls")
        batch_op.drop_column("handed_off_at")
        batch_op.drop_column("no_show_at")
    op.drop_index(op.f("ix_ticket_event_ticket_id"), table_name="ticket_event")
    op.drop_table("ticket_event")
    op.drop_table("ticket_sequence")
    op.drop_table("app_setting")
