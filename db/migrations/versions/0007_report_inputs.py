"""report inputs: application forms counted per day, card batches (arrival → notices mailed),
report submissions to the city

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-22

Numbered 0007 by agreement: migrations 0004–0006 belong to work merged in parallel; whoever
merges re-chains down_revision onto the head of the day.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)


def _site_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["site_id"], ["site.id"], name=op.f(f"fk_{table}_site_id_site"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "form_count",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UTC_TIMESTAMP, nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_form_count_count_not_negative")),
        _site_fk("form_count"),
        sa.PrimaryKeyConstraint("site_id", "date", name=op.f("pk_form_count")),
    )
    op.create_table(
        "card_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("arrived_on", sa.Date(), nullable=False),
        sa.Column("cards", sa.Integer(), nullable=False),
        sa.Column("notices_mailed_on", sa.Date(), nullable=True),
        sa.CheckConstraint("cards > 0", name=op.f("ck_card_batch_cards_positive")),
        sa.CheckConstraint(
            "notices_mailed_on IS NULL OR notices_mailed_on >= arrived_on",
            name=op.f("ck_card_batch_mailed_after_arrival"),
        ),
        _site_fk("card_batch"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_batch")),
    )
    op.create_index(op.f("ix_card_batch_site_id_arrived_on"), "card_batch", ["site_id", "arrived_on"])
    op.create_table(
        "report_submission",
        sa.Column("site_id", sa.String(), nullable=False),
        sa.Column("report_id", sa.String(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        _site_fk("report_submission"),
        sa.PrimaryKeyConstraint("site_id", "report_id", "period_start", name=op.f("pk_report_submission")),
    )


def downgrade() -> None:
    op.drop_table("report_submission")
    op.drop_index(op.f("ix_card_batch_site_id_arrived_on"), table_name="card_batch")
    op.drop_table("card_batch")
    op.drop_table("form_count")
