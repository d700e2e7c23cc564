from tests.db.conftest import db_url, engine, fixtures_dir, initialised  # noqa: F401  (shared fixtures)
