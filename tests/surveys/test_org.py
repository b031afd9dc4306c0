"""The organisation file: loaded idempotently; mistakes reported with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from surveys.db import session_scope
from surveys.models import EmploymentType, Organisation, Role, Team
from surveys.org import load_org, read_org_file
from surveys.yamlfile import ConfigFileError
from tests.conftest import ORG_EXAMPLE

GOOD = """\
organisation: Test Council
teams:
  - key: north
    name: North
  - key: south
    name: South
    service_area: Locality
roles:
  - key: sw
    name: Social worker
employment_types:
  - key: permanent
    name: Permanent
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(text)
    return path


def test_the_example_file_is_valid() -> None:
    spec = read_org_file(ORG_EXAMPLE)
    assert len(spec.teams) >= 5
    assert {e.key for e in spec.employment_types} >= {"permanent", "agency"}


def test_loading_twice_changes_nothing_the_second_time(engine: Engine, tmp_path: Path) -> None:
    spec = read_org_file(write(tmp_path, GOOD))
    with session_scope(engine) as session:
        first = load_org(session=session, spec=spec)
    with session_scope(engine) as session:
        second = load_org(session=session, spec=spec)
        teams = session.exec(select(Team)).all()
    assert first.added == 4
    assert (second.added, second.updated, second.deactivated) == (0, 0, 0)
    assert sorted(t.key for t in teams) == ["north", "south"]


def test_a_team_removed_from_the_file_is_deactivated_not_deleted(
    engine: Engine, tmp_path: Path
) -> None:
    with session_scope(engine) as session:
        load_org(session=session, spec=read_org_file(write(tmp_path, GOOD)))
    smaller = GOOD.replace("  - key: south\n    name: South\n    service_area: Locality\n", "")
    smaller = smaller.replace("Test Council", "Renamed Council")
    with session_scope(engine) as session:
        result = load_org(session=session, spec=read_org_file(write(tmp_path, smaller)))
        south = session.exec(select(Team).where(Team.key == "south")).one()
        org = session.exec(select(Organisation)).one()
    assert result.deactivated == 1
    assert south.active is False
    assert org.name == "Renamed Council"
    with session_scope(engine) as session:
        load_org(session=session, spec=read_org_file(write(tmp_path, GOOD)))
        south = session.exec(select(Team).where(Team.key == "south")).one()
        assert south.active is True
        assert session.exec(select(Role)).one().key == "sw"
        assert session.exec(select(EmploymentType)).one().key == "permanent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("  - key: south\n", "  - kee: south\n"),
            "line 5, teams[1].kee: Extra inputs",
        ),
        (
            GOOD.replace("key: south", "key: South Team"),
            "line 5, teams[1].key: 'South Team' is not",
        ),
        (GOOD.replace("key: south", "key: north"), "teams: key 'north' is used twice"),
        (
            GOOD.replace("    name: North\n", "    name: ''\n"),
            "line 4, teams[0].name: String should",
        ),
        (
            GOOD.replace("roles:\n  - key: sw\n    name: Social worker\n", "roles: []\n"),
            "line 8, roles: List should have at least 1 item",
        ),
        ("organisation: [unclosed\n", "line 2: not valid YAML"),
        ("- just\n- a list\n", "line 1: expected a mapping"),
    ],
)
def test_a_malformed_file_is_refused_with_file_line_and_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigFileError) as caught:
        read_org_file(path)
    assert str(caught.value).startswith(str(path))
    assert expected in str(caught.value)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match="no such file"):
        read_org_file(tmp_path / "nope.yaml")
