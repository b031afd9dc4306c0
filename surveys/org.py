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


def _check_key(value: str) -> str:
    if not _KEY_RE.match(value):
        raise ValueError(f"{value!r} is not a valid key ({KEY_RULE})")
    return value


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str
    name: str = Field(min_length=1, max_length=120)

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        return _check_key(value)


class TeamSpec(_Entry):
    """A team as written in the organisation file."""

    service_area: str = Field(default="", max_length=120)


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


def load_org(*, session: Session, spec: OrgSpec) -> OrgLoadResult:
    """Make the database match the file. Entries missing from the file are deactivated, not
    deleted, because anonymous answers keep pointing at their team."""
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
        if team is None:
            session.add(Team(key=entry.key, name=entry.name, service_area=entry.service_area))
            added += 1
        elif (team.name, team.service_area, team.active) != (entry.name, entry.service_area, True):
            team.name, team.service_area, team.active = entry.name, entry.service_area, True
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


def set_bot_username(*, session: Session, username: str) -> None:
    """Remember the bot's username (learnt at start) so the shell can print invite links."""
    org = session.exec(select(Organisation)).first()
    if org is not None and org.bot_username != username:
        org.bot_username = username
        session.add(org)


def bot_username(*, session: Session) -> str | None:
    """The bot's username, once the bot has started at least once."""
    org = session.exec(select(Organisation)).first()
    return org.bot_username if org else None
