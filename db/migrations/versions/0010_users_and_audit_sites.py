"""users that sign in: password hash, lock-out, disabled flag, several sites per user (user_site);
audit_log gains the site it concerns

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-03

Numbered 0010 by agreement (issue 14, part 1–2); whoever merges re-chains down_revision onto the
head of the day. The first draft's app_user was never used by any code (no row can exist that a
user made), so it is dropped and created again with the roles of dashboard.access.Role.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIMESTAMP = sa.DateTime(timezone=True)
ROLES = ("admin", "supervisor", "clerk", "scheduler", "city_viewer")
OLD_ROLES = ("supervisor", "scheduler", "city", "admin")


def _roles(values: tuple[str, ...]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"role IN ({listed})", name=op.f("ck_app_user_role_valid"))


def upgrade() -> None:
    op.drop_table("app_user")
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("all_sites", sa.Boolean(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTC_TIMESTAMP, nullable=True),
        sa.Column("created_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("password_changed_at", UTC_TIMESTAMP, nullable=False),
        sa.Column("last_login_at", UTC_TIMESTAMP, nullable=True),
        _roles(ROLES),
        sa.CheckConstraint("failed_attempts >= 0", name=op.f("ck_app_user_failed_attempts_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
    op.create_table(
        "user_site",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_user_site_user_id_app_user"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_user_site_site_id_site"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "site_id", name=op.f("pk_user_site")),
    )
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.add_column(sa.Column("site_id", sa.String(), nullable=True))
    op.create_index("ix_audit_log_site_id_at", "audit_log", ["site_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_site_id_at", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("site_id")
    op.drop_table("user_site")
    op.drop_table("app_user")
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("site_id", sa.String(), nullable=True),
        _roles(OLD_ROLES),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_app_user_site_id_site"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("login", name=op.f("uq_app_user_login")),
    )
