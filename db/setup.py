"""One call that makes a database ready: migrate to head, then load fixtures.

Both happen in one transaction, so a bad fixture or a failed migration leaves the database as it
was. Running it again is a no-op (0 inserted, 0 updated)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlmodel import Session

from core.profile.fixtures import load_fixtures
from db.engine import make_engine
from db.fixture_load import Counts, load_fixtures_into
from db.migrate import current_revision, migration_transaction, upgrade
from db.settings import get_settings


@dataclass(frozen=True)
class InitReport:
    database: str  # URL, password hidden
    revision_before: str | None
    revision_after: str | None
    counts: Counts

    @property
    def inserted(self) -> int:
        return sum(self.counts["inserted"].values())

    @property
    def updated(self) -> int:
        return sum(self.counts["updated"].values())

    @property
    def unchanged(self) -> int:
        return sum(self.counts["unchanged"].values())

    def describe(self) -> str:
        """A few plain lines for the CLI."""
        lines = [
            f"database: {self.database}",
            f"schema: {self.revision_before or '(empty)'} -> {self.revision_after}",
        ]
        for kind in self.counts["inserted"]:
            lines.append(
                f"{kind}: {self.counts['inserted'][kind]} inserted, "
                f"{self.counts['updated'][kind]} updated, {self.counts['unchanged'][kind]} unchanged"
            )
        return "\n".join(lines)


def init_database(url: str | URL | Engine | None = None, fixtures_dir: str | Path | None = None) -> InitReport:
    settings = get_settings()
    # Validate fixtures before touching the database: errors name the file and field.
    fixtures = load_fixtures(Path(fixtures_dir) if fixtures_dir is not None else settings.fixtures_dir)
    engine = url if isinstance(url, Engine) else make_engine(url if url is not None else settings.database_url)
    try:
        with migration_transaction(engine) as connection:
            before = current_revision(connection)
            upgrade(connection, "head")
            with Session(bind=connection) as session:
                counts = load_fixtures_into(fixtures, session=session)
            after = current_revision(connection)
        return InitReport(
            database=engine.url.render_as_string(hide_password=True),
            revision_before=before,
            revision_after=after,
            counts=counts,
        )
    finally:
        if engine is not url:
            engine.dispose()
