"""The organisation file: name, teams, roles and employment types, and loading it idempotently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlmodel import Session, select

from surveys.models import EmploymentType, Organisation, Role, Team
from surveys.yamlfile import load_model

_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,19}$")
# Keys travel in callback data (64 bytes at most), so they stay short and plain.
KEY_RULE = "1–20 characters of lower-case letters, digits and _"


# Names are buttons, one to a row, on a phone: about 30 characters fit before Telegram cuts the
# label short with "…", and "Child in Need and Child Pro…" could be either of two teams.
NAME_MAX = 32


def _check_key(value: str) -> str:
    if not _KEY_RE.match(value):
        raise ValueError(f"{value!r} is not a valid key ({KEY_RULE})")
    return value


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str
    name: str = Field(min_length=1)

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        return _check_key(value)

    @field_validator("name")
    @classmethod
    def _fits_a_button(cls, value: str) -> str:
        if len(value) > NAME_MAX:
            raise ValueError(
                f"{value!r} is {len(value)} characters; names are shown on phone buttons, which "
                f"fit about {NAME_MAX}, so shorten it (a team's longer description can go in "
                "service_area)"
            )
        return value


class TeamSpec(_Entry):
    """A team as written in the organisation file."""

    service_area: str = Field(default="", max_length=120)
    # How many staff the team has; nobody can join beyond it. Leave it out for no limit.
    headcount: int | None = Field(default=None, ge=1, le=10_000)


class OrgSpec(BaseModel):
    """The whole organisation file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    organisation: str = Field(min_length=1, max_length=200)
    teams: list[TeamSpec] = Field(min_length=1)
    roles: list[_Entry] = Field(min_length=1)
    employment_types: list[_Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_keys(self) -> OrgSpec:
        for label, entries in (
            ("teams", self.teams),
            ("roles", self.roles),
            ("employment_types", self.employment_types),
        ):
            seen: set[str] = set()
            for entry in entries:
                if entry.key in seen:
                    raise ValueError(f"{label}: key {entry.key!r} is used twice")
                seen.add(entry.key)
        return self


def read_org_file(path: Path) -> OrgSpec:
    """Parse and validate an organisation file (ConfigFileError names file, line and field)."""
    return load_model(path, OrgSpec)


@dataclass(frozen=True)
class OrgLoadResult:
    """What loading an organisation file changed."""

    added: int
    updated: int
    deactivated: int
    unchanged: int


@dataclass(frozen=True)
class OrgPlan:
    """What loading an organisation file would change, in words, before anything changes."""

    rename: tuple[str, str] | None  # (from, to); None for a first load or the same name
    added: tuple[str, ...]
    changed: tuple[str, ...]
    deactivated: tuple[str, ...]
    unchanged: int

    @property
    def needs_confirmation(self) -> bool:
        """Deactivating anything or renaming the organisation is asked about first: a wrong
        file must not silently close teams people are in."""
        return bool(self.deactivated) or self.rename is not None

    @property
    def changes_nothing(self) -> bool:
        """Whether loading would leave the database as it is."""
        return not (self.rename or self.added or self.changed or self.deactivated)


_Option = Role | EmploymentType


def plan_org(session: Session, *, spec: OrgSpec) -> OrgPlan:
    """Compare the file with the database; reads only."""
    added: list[str] = []
    changed: list[str] = []
    deactivated: list[str] = []
    unchanged = 0
    org = session.exec(select(Organisation)).first()
    rename = (org.name, spec.organisation) if org and org.name != spec.organisation else None

    teams = {team.key: team for team in session.exec(select(Team))}
    for entry in spec.teams:
        team = teams.pop(entry.key, None)
        if team is None:
            added.append(f"team {entry.key} ({entry.name})")
            continue
        differences = []
        if team.name != entry.name:
            differences.append(f"name {team.name!r} → {entry.name!r}")
        if team.service_area != entry.service_area:
            differences.append(f"service area {team.service_area!r} → {entry.service_area!r}")
        if team.headcount != entry.headcount:
            differences.append(
                f"headcount {team.headcount or 'none'} → {entry.headcount or 'none'}"
            )
        if not team.active:
            differences.append("active again")
        if differences:
            changed.append(f"team {entry.key}: {', '.join(differences)}")
        else:
            unchanged += 1
    deactivated += [f"team {t.key} ({t.name})" for t in teams.values() if t.active]

    options: tuple[tuple[str, type[_Option], list[_Entry]], ...] = (
        ("role", Role, spec.roles),
        ("employment type", EmploymentType, spec.employment_types),
    )
    for label, table, entries in options:
        rows: list[_Option] = list(session.exec(select(table)))
        existing = {row.key: row for row in rows}
        for position, option in enumerate(entries):
            row = existing.pop(option.key, None)
            if row is None:
                added.append(f"{label} {option.key} ({option.name})")
            elif (row.name, row.position, row.active) != (option.name, position, True):
                what = "active again" if not row.active else ""
                if row.name != option.name:
                    what = f"name {row.name!r} → {option.name!r}"
                changed.append(f"{label} {option.key}: {what or 'order'}")
            else:
                unchanged += 1
        deactivated += [f"{label} {r.key} ({r.name})" for r in existing.values() if r.active]
    return OrgPlan(rename, tuple(added), tuple(changed), tuple(deactivated), unchanged)


def load_org(session: Session, *, spec: OrgSpec) -> OrgLoadResult:
    """Make the database match the file. Entries missing from the file are deactivated, not
    deleted, because anonymous answers keep pointing at their team. Callers ask first when
    `plan_org` says it needs confirmation."""
    added = updated = deactivated = unchanged = 0

    org = session.exec(select(Organisation)).first()
    if org is None:
        session.add(Organisation(name=spec.organisation))
    elif org.name != spec.organisation:
        org.name = spec.organisation
        session.add(org)

    teams = {team.key: team for team in session.exec(select(Team))}
    for entry in spec.teams:
        team = teams.pop(entry.key, None)
        wanted = (entry.name, entry.service_area, entry.headcount, True)
        if team is None:
            session.add(
                Team(
                    key=entry.key,
                    name=entry.name,
                    service_area=entry.service_area,
                    headcount=entry.headcount,
                )
            )
            added += 1
        elif (team.name, team.service_area, team.headcount, team.active) != wanted:
            team.name, team.service_area, team.headcount, team.active = wanted
            session.add(team)
            updated += 1
        else:
            unchanged += 1
    for team in teams.values():
        if team.active:
            team.active = False
            session.add(team)
            deactivated += 1

    for counts in (
        _sync_options(session, Role, spec.roles),
        _sync_options(session, EmploymentType, spec.employment_types),
    ):
        added, updated = added + counts[0], updated + counts[1]
        deactivated, unchanged = deactivated + counts[2], unchanged + counts[3]

    return OrgLoadResult(added, updated, deactivated, unchanged)


def _sync_options(
    session: Session, table: type[Role] | type[EmploymentType], entries: list[_Entry]
) -> tuple[int, int, int, int]:
    """Make roles or employment types match the file, keeping the file's order."""
    added = updated = deactivated = unchanged = 0
    rows: list[Role | EmploymentType] = list(session.exec(select(table)))
    existing = {row.key: row for row in rows}
    for position, entry in enumerate(entries):
        row = existing.pop(entry.key, None)
        if row is None:
            session.add(table(key=entry.key, name=entry.name, position=position))
            added += 1
        elif (row.name, row.position, row.active) != (entry.name, position, True):
            row.name, row.position, row.active = entry.name, position, True
            session.add(row)
            updated += 1
        else:
            unchanged += 1
    for row in existing.values():
        if row.active:
            row.active = False
            session.add(row)
            deactivated += 1
    return added, updated, deactivated, unchanged


def set_bot_username(session: Session, *, username: str) -> None:
    """Remember the bot's username (learnt at start) so the shell can print invite links."""
    org = session.exec(select(Organisation)).first()
    if org is not None and org.bot_username != username:
        org.bot_username = username
        session.add(org)


def bot_username(session: Session) -> str | None:
    """The bot's username, once the bot has started at least once."""
    org = session.exec(select(Organisation)).first()
    return org.bot_username if org else None
