"""Read fixture files (TOML) into validated core objects.

Errors name the file, the field and the offending value, so whoever edits a profile can fix it
without reading code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from core.profile.catalogue import Catalogue
from core.profile.site_profile import SiteProfile
from core.staff.members import StaffFile

Model = TypeVar("Model", bound=BaseModel)
MAX_FIXTURE_BYTES = 2_000_000  # a profile is tens of kB


class FixtureError(ValueError):
    """A fixture file that cannot be used. The message is meant for the person editing it."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        super().__init__(f"{self.path}: " + "; ".join(problems))


class FixtureUnreadable(FixtureError):
    """Not a TOML file at all (a directory, binary or Shift_JIS bytes, nesting too deep, too big)."""


def _field_path(loc: tuple) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item in ("function-after", "function-before", "function-plain"):
            continue  # pydantic's internal validator names say nothing to a profile editor
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _describe(error: dict) -> str:
    field = _field_path(error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        return f"field {field}: is missing"
    value = error.get("input")
    shown = repr(value)
    if isinstance(value, dict):
        shown = "{…}"  # a whole table says less than the message does
    elif len(shown) > 80:
        shown = shown[:77] + "…"
    return f"field {field}: {message} (value: {shown})"


def read_model(path: Path, model: type[Model]) -> Model:
    path = Path(path)
    try:
        if Path(path).is_dir():
            raise FixtureUnreadable(path, ["is a directory, not a TOML file"])
        data = Path(path).read_bytes()
        if len(data) > MAX_FIXTURE_BYTES:
            raise FixtureUnreadable(path, [f"file too large ({len(data):,} bytes; at most {MAX_FIXTURE_BYTES:,})"])
        raw = tomllib.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise FixtureUnreadable(path, ["file not found"]) from None
    except UnicodeDecodeError as exc:
        raise FixtureUnreadable(
            path, [f"not UTF-8 text (byte {exc.start}: 0x{data[exc.start]:02x}); save the file as UTF-8"]
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise FixtureUnreadable(path, [f"not valid TOML: {exc}"]) from None
    except RecursionError:
        raise FixtureUnreadable(path, ["not valid TOML: nested too deeply"]) from None
    except OSError as exc:
        raise FixtureUnreadable(path, [f"cannot read: {exc.strerror or exc}"]) from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise FixtureError(path, [_describe(e) for e in exc.errors()]) from None
    except RecursionError:
        raise FixtureError(path, ["nested too deeply"]) from None


def load_site_profile(path: Path) -> SiteProfile:
    profile = read_model(path, SiteProfile)
    if profile.id != Path(path).stem:
        raise FixtureError(path, [f"field id: must match the file name {Path(path).stem!r} (value: {profile.id!r})"])
    return profile


def load_catalogue(path: Path) -> Catalogue:
    return read_model(path, Catalogue)


def load_staff_file(path: Path) -> StaffFile:
    return read_model(path, StaffFile)


@dataclass(frozen=True)
class Fixtures:
    """Everything in fixtures/: the national catalogue, every site profile, every site's demo staff."""

    catalogue: Catalogue
    sites: dict[str, SiteProfile]
    staff: dict[str, StaffFile]
    _site_catalogues: dict[str, Catalogue] = field(default_factory=dict, compare=False, repr=False)

    def site(self, site_id: str) -> SiteProfile:
        try:
            return self.sites[site_id]
        except KeyError:
            raise KeyError(f"unknown site {site_id!r}; known sites: {', '.join(sorted(self.sites))}") from None

    def catalogue_for(self, site_id: str) -> Catalogue:
        """The national catalogue with what the site's profile adds (core.catalogue.for_site)."""
        from core.profile.catalogue import for_site

        if site_id not in self._site_catalogues:
            self._site_catalogues[site_id] = for_site(self.catalogue, self.site(site_id))
        return self._site_catalogues[site_id]


def check_site_against_catalogue(profile: SiteProfile, catalogue: Catalogue, path: Path) -> None:
    known = {p.id for p in catalogue.procedures} | {p.id for p in profile.catalogue.procedures}
    problems = [
        f"field procedures[{i}].id: not in the national catalogue (value: {offer.id!r})"
        for i, offer in enumerate(profile.procedures)
        if offer.id not in known
    ]
    for i, session in enumerate(profile.demand.holiday_sessions):
        problems += [
            f"field demand.holiday_sessions[{i}].cases: unknown procedure (value: {name!r})"
            for name in session.cases
            if name not in known
        ]
    for i, volume in enumerate(profile.demand.monthly):
        if volume.procedure is not None and volume.procedure not in known:
            problems.append(
                f"field demand.monthly[{i}].procedure: not in the national catalogue (value: {volume.procedure!r})"
            )
    problems += _site_catalogue_problems(profile, catalogue)
    if problems:
        raise FixtureError(path, problems)


def _site_catalogue_problems(profile: SiteProfile, catalogue: Catalogue) -> list[str]:
    """The site's [catalogue] must resolve against the national one (issue 16)."""
    from core.profile.catalogue import for_site

    problems = []
    try:
        merged = for_site(catalogue, profile)
    except KeyError as exc:
        return [f"field catalogue: {exc.args[0]}"]
    reasons = merged.handoff_reasons
    for procedure in merged.procedures:
        problems += [
            f"field catalogue: procedure {procedure.id!r} names unknown hand-off reason {r!r}"
            for r in procedure.handoffs
            if r not in reasons
        ]
    known = {p.id for p in merged.procedures}
    problems += [
        f"field catalogue.booth_kinds[{i}].procedure: unknown procedure (value: {k.procedure!r})"
        for i, k in enumerate(profile.catalogue.booth_kinds)
        if k.procedure and k.procedure not in known
    ]
    return problems


def load_fixtures(root: Path) -> Fixtures:
    """Load and cross-check fixtures/national.toml, fixtures/sites/*.toml and fixtures/staff/*.toml."""
    root = Path(root)
    catalogue = load_catalogue(root / "national.toml")
    sites: dict[str, SiteProfile] = {}
    for path in sorted((root / "sites").glob("*.toml")):
        profile = load_site_profile(path)
        check_site_against_catalogue(profile, catalogue, path)
        sites[profile.id] = profile
    staff: dict[str, StaffFile] = {}
    for path in sorted((root / "staff").glob("*.toml")):
        staff_file = load_staff_file(path)
        if staff_file.site not in sites:
            raise FixtureError(path, [f"field site: no such site profile (value: {staff_file.site!r})"])
        profile = sites[staff_file.site]
        run = {a.id for a in profile.activities}
        for i, member in enumerate(staff_file.staff):
            for skill in member.skills:
                if skill not in run:
                    raise FixtureError(
                        path,
                        [f"field staff[{i}].skills: site {profile.id} does not run {skill.value!r}"],
                    )
        staff[staff_file.site] = staff_file
    return Fixtures(catalogue=catalogue, sites=sites, staff=staff)
