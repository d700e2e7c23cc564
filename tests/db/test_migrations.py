"""Alembic: the head schema equals the models, upgrades keep data, failures roll back."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlmodel import Session

import db.setup
from db.engine import make_engine
from db.migrate import current_revision, downgrade, head_revision, migration_transaction, upgrade
from db.models import Staff, metadata


def test_head_schema_matches_the_models(engine: Engine):
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_every_model_table_is_created(engine: Engine):
    upgrade(engine)
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())


def test_upgrade_from_0001_keeps_rows_and_applies_0002(engine: Engine):
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert "note" not in {c["name"] for c in inspect(engine).get_columns("site")}
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO site (id, name, city, contract_start, contract_end, profile_json, profile_hash)"
                " VALUES ('old', '旧市', '旧市', '2026-04-01', '2027-03-31', '{}', 'h')"
            )
        )
    engine.dispose()  # SQLite caches the old table layout per connection

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        row = connection.execute(text("SELECT id, name, note FROM site")).one()
    assert tuple(row) == ("old", "旧市", None)
    indexes = {index["name"] for index in inspect(engine).get_indexes("ticket")}
    assert "ix_ticket_site_id_service_date_status" in indexes


def test_downgrade_to_base_and_up_again(engine: Engine):
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_upgrade_from_0002_keeps_tickets_and_slots_and_counts_nothing_booked(engine: Engine):
    upgrade(engine, "0002")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO site (id, name, city, contract_start, contract_end, profile_json, profile_hash)"
            " VALUES ('s', '市', '市', '2026-04-01', '2027-03-31', '{}', 'h')",
            'INSERT INTO procedure (id, label, "group", service_minutes, reservable, needs_card_system,'
            " activity) VALUES ('p', '交付', 'A', 10, true, true, 'window')",
            "INSERT INTO reservation_slot (site_id, date, start, procedure_id, capacity)"
            " VALUES ('s', '2026-12-01', '09:00:00', 'p', 3)",
            'INSERT INTO ticket (site_id, service_date, procedure_id, "group", seq, number, status,'
            " priority, issued_at) VALUES ('s', '2026-12-01', 'p', 'A', 1, 'A-001', 'waiting', 0,"
            " '2026-12-01 00:00:00')",
        ):
            connection.execute(text(statement))
    engine.dispose()
    upgrade(engine)
    with engine.connect() as connection:
        assert tuple(connection.execute(text("SELECT capacity, booked FROM reservation_slot")).one()) == (3, 0)
        assert tuple(connection.execute(text("SELECT number, recalls FROM ticket")).one()) == ("A-001", 0)
        with pytest.raises(Exception):  # the new check refuses an unknown ticket status
            connection.execute(text("UPDATE ticket SET status = 'lost'"))


def test_failed_init_leaves_the_database_untouched(engine: Engine, fixtures_dir, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("fixture loading failed")

    monkeypatch.setattr(db.setup, "load_fixtures_into", broken)
    with pytest.raises(RuntimeError, match="fixture loading failed"):
        db.setup.init_database(engine, fixtures_dir)
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


def test_sqlite_table_rebuild_does_not_cascade_to_children(tmp_path, fixtures_dir):
    """Batch mode drops and recreates a table; with foreign keys enforced that would delete
    every staff row through ON DELETE CASCADE. migration_transaction prevents it."""
    initialised = make_engine(f"sqlite:///{tmp_path / 'rebuild.sqlite3'}")
    db.setup.init_database(initialised, fixtures_dir)
    with Session(initialised) as session:
        staff_before = session.scalar(select(func.count()).select_from(Staff))
    assert staff_before > 0
    with migration_transaction(initialised) as connection:
        operations = Operations(MigrationContext.configure(connection))
        with operations.batch_alter_table("site", recreate="always"):
            pass
    with Session(initialised) as session:
        assert session.scalar(select(func.count()).select_from(Staff)) == staff_before
    with initialised.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    initialised.dispose()
