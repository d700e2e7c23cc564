"""Runtime settings read from the environment (pydantic-settings).

DATABASE_URL          SQLAlchemy URL; default: SQLite file <data_dir>/madoguchi.sqlite3
MADOGUCHI_FIXTURES    folder holding national.toml, sites/ and staff/; default <root>/fixtures
MADOGUCHI_DATA_DIR    folder for the SQLite file and generated output; default <root>/data
MADOGUCHI_CONTRACTOR  the contractor's name on the city reports; default "受託者（デモ）"
"""
from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The project root is the folder that holds db/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        validation_alias=AliasChoices("MADOGUCHI_DATA_DIR", "data_dir"),
    )
    fixtures_dir: Path = Field(
        default=PROJECT_ROOT / "fixtures",
        validation_alias=AliasChoices("MADOGUCHI_FIXTURES", "fixtures_dir"),
    )
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("DATABASE_URL", "database_url"),
    )
    contractor_name: str = Field(
        default="受託者（デモ）",
        validation_alias=AliasChoices("MADOGUCHI_CONTRACTOR", "contractor_name"),
        description="the contractor's name printed on the city reports",
    )

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        # Derived here, not as a plain default, so a moved data_dir moves the database too.
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'madoguchi.sqlite3'}"
        return self


def get_settings() -> Settings:
    """Read the environment now. Not cached: tests and the CLI change variables at run time."""
    return Settings()
