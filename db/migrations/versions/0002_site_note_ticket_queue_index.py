"""site.note for the operator's remarks; index for the live queue query
(tickets of one site and day by status)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("site") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.create_index(
        op.f("ix_ticket_site_id_service_date_status"), "ticket", ["site_id", "service_date", "status"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_site_id_service_date_status"), table_name="ticket")
    with op.batch_alter_table("site") as batch_op:
        batch_op.drop_column("note")
