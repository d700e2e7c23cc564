"""Alembic migration environment; driven from db/migrate.py."""
