import pytest  # noqa: E402

from dashboard.use_cases.access import SYSTEM
from tests.db.conftest import db_url, engine, fixtures_dir, initialised  # noqa: F401  (shared fixtures)


@pytest.fixture(scope="module")
def booking_db(tmp_path_factory):
    """A SQLite database with Tamano's booking slots of 2026-12-01 (one per module: hypothesis
    calls the test many times)."""
    import datetime as dt

    from core.profile.fixtures import load_fixtures
    from dashboard.use_cases import live_services as live
    from db.engine import make_engine, write_session
    from db.settings import PROJECT_ROOT
    from db.setup import init_database

    database = make_engine(f"sqlite:///{tmp_path_factory.mktemp('book') / 'b.sqlite3'}")
    init_database(database)
    fixtures = load_fixtures(PROJECT_ROOT / "fixtures")
    with write_session(database) as session:
        live.ensure_slots(fixtures, "tamano", dt.date(2026, 12, 1), session=session, actor=SYSTEM)
        session.commit()
    yield database
    database.dispose()
