"""documents the supervisor writes for (issue 16): the city's approval of an improvement plan,
self-audit verdicts per item and year, monthly-meeting issues, equipment checks

Revision ID: 0013
Revises: 0007
Create Date: 2026-12-03

Numbered 0013 by agreement; whoever merges re-chains down_revision onto the head of the day.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def _site_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["site_id"], ["site.id"], name=op.f(f"fk_{table}_site_id_site"), ondelete="CASCADE"
    )


def upgrade() -> None:
    with op.batch_alter_table("improvement_notice") as batch:
        batch.add_column(sa.Column("plan_approved_on", sa.Date(), nullable=True))
    op.create_table(
        "self_audit_entry",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("verdict", sa.String(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("auditor", sa.String(), nullable=True),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        _site_fk("self_audit_entry"),
        sa.PrimaryKeyConstraint("site_id", "year", "item_id", name=op.f("pk_self_audit_entry")),
    )
    op.create_table(
        "meeting_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("improvement", sa.Text(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.CheckConstraint("closed_on IS NULL OR closed_on >= raised_on",
                           name=op.f("ck_meeting_issue_closed_after_raised")),
        _site_fk("meeting_issue"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_issue")),
    )
    op.create_index(op.f("ix_meeting_issue_site_id_raised_on"), "meeting_issue", ["site_id", "raised_on"])
    op.create_table(
        "equipment_check",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        _site_fk("equipment_check"),
        sa.PrimaryKeyConstraint("site_id", "checked_on", "item_id", name=op.f("pk_equipment_check")),
    )


def downgrade() -> None:
    op.drop_table("equipment_check")
    op.drop_index(op.f("ix_meeting_issue_site_id_raised_on"), table_name="meeting_issue")
    op.drop_table("meeting_issue")
    op.drop_table("self_audit_entry")
    with op.batch_alter_table("improvement_notice") as batch:
        batch.drop_column("plan_approved_on")
