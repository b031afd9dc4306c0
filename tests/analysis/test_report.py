"""The committee report: its views from constructed data, and its pages as images."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, create_engine

from analysis.report import (
    QuarterError,
    build_report,
    page_pngs,
    parse_quarter,
    summary_lines,
    to_pdf,
    to_xlsx,
)
from surveys.bank import default_bank
from surveys.models import EmploymentType, Organisation, Role, Team
from tests.seeding import released_pulses

BANK = default_bank()
# The pages in docs/report-sample are remade only when asked (a test run leaves the tree clean):
# STAYPULSE_REPORT_SAMPLES=1 pytest tests/analysis/test_report.py
SAMPLE = Path(__file__).parents[2] / "docs" / "report-sample"
WEEKS = ["2026-W28", "2026-W30", "2026-W32", "2026-W34", "2026-W36", "2026-W38"]


def seed_quarter(session: Session) -> None:
    """Three teams over six fortnightly pulses: Assessment (8) and Fostering (7) always stand,
    Leaving Care (3) never does; pay is poor everywhere, managers good."""
    session.add(Organisation(id=1, name="Example Borough Council"))
    session.add_all(
        [
            Role(key="social_worker", name="Social worker"),
            Role(key="asye", name="ASYE"),
            EmploymentType(key="permanent", name="Permanent"),
            EmploymentType(key="agency", name="Agency"),
        ]
    )
    teams = [
        Team(key=k, name=n)
        for k, n in (
            ("assessment", "Assessment"),
            ("fostering", "Fostering"),
            ("leaving", "Leaving Care"),
        )
    ]
    session.add_all(teams)
    session.flush()
    ids = {team.key: team.id or 0 for team in teams}
    released_pulses(
        session,
        sizes={ids["assessment"]: 8, ids["fostering"]: 7, ids["leaving"]: 3},
        weeks=WEEKS,
        k=5,
        asye_team=ids["assessment"],
    )
    session.commit()


@pytest.fixture
def seeded() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        seed_quarter(session)
    yield engine
    engine.dispose()


def test_quarters() -> None:
    assert parse_quarter("2026Q3", date(2026, 11, 1)) == (
        "2026 Q3",
        parse_quarter(None, date(2026, 8, 9))[1],
    )
    name, period = parse_quarter("q4 2026", date(2026, 1, 1))
    assert (name, period.start, period.end) == ("2026 Q4", date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(QuarterError, match="not a quarter"):
        parse_quarter("2026Q5", date(2026, 1, 1))


@pytest.mark.slow  # draws the whole report: the `make test` tier
def test_the_report_has_every_view_and_hides_what_is_small(seeded: Engine) -> None:
    name, period = parse_quarter("2026Q3", date(2026, 10, 2))
    with Session(seeded) as session:
        report = build_report(
            session,
            quarter=name,
            period=period,
            today=date(2026, 10, 2),
            organisation="Example Borough Council",
            bank=BANK,
            min_group=5,
            min_comment_group=10,
        )
    pay = next(s for s in report.summary.themes if s.theme == "pay")
    # Leaving Care's 3 and Assessment's 3 social workers were coarsened to "other teams" (6):
    # 18 people a pulse, pay 1, 2, 1, 2, … in each team: 26 / 18.
    assert pay.mean == 1.44
    assert pay.band == "low"
    assert report.teams.entry("Leaving Care", "pay").hidden
    assert report.teams.entry("Assessment", "managers").mean == 4.4  # its 5 ASYEs: 4, 5, 4, 5, 4
    assert report.teams.entry("Other teams (pooled)", "managers").people == 36
    assert report.roles.entry("ASYE", "pay").people == 30  # 5 a pulse over six pulses
    assert [w.answered for w in report.participation] == [15] * 6  # Leaving Care's 3 left out
    assert report.participation[0].label == "w/c 6 Jul"
    assert report.over_time.column_labels[0] == "w/c 6 Jul"
    pdf = to_pdf(report)
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 10
    book = load_workbook(io.BytesIO(to_xlsx(report)))
    assert book.sheetnames == [
        "Summary",
        "Participation",
        "Themes",
        "Drivers",
        "Teams x themes",
        "By role group",
        "By contract",
        "Teams over time",
        "Comments",
        "Actions",
        "Definitions",
    ]
    teams = book["Teams x themes"]
    assert teams["A2"].value == "Whole service · w/c 29 Jun – w/c 28 Sep 2026 (2026 Q3)"
    rows = {row[0]: row for row in teams.iter_rows(min_row=6, values_only=True)}
    assert rows["Leaving Care"][1:] == ("hidden",) * 13
    # Three themes measured: the strongest is the one high score, the two low ones the weakest
    # (it once listed all three under both, calling pay at 11 "strongest").
    lines = summary_lines(report)
    assert "Strongest: Managers and supervision 86 (high)" in lines
    assert "Weakest: Pay 11 (low); Workload 25 (low)" in lines
    participation = "Participation: 6 pulses closed; 15 people answered each, 79% of those"
    assert f"{participation} invited on average." in lines


@pytest.mark.slow  # draws and reads back every page: the `make test` tier
def test_pages_are_readable_images(seeded: Engine, tmp_path: Path) -> None:
    name, period = parse_quarter("2026Q3", date(2026, 10, 2))
    with Session(seeded) as session:
        report = build_report(
            session,
            quarter=name,
            period=period,
            today=date(2026, 10, 2),
            organisation="Example Borough Council",
            bank=BANK,
            min_group=5,
            min_comment_group=10,
        )
    pages = page_pngs(report, dpi=60)
    assert len(pages) >= 10
    folder = SAMPLE if os.environ.get("STAYPULSE_REPORT_SAMPLES") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for number, picture in enumerate(pages, 1):
        image = mpimg.imread(io.BytesIO(picture), format="png")
        assert image.shape[:2] == (round(11.69 * 60), round(8.27 * 60))  # A4 portrait
        ink = np.mean(image[..., :3] < 0.8)
        assert 0.002 < ink < 0.6, (number, ink)  # something drawn, not a block of colour
        (folder / f"page-{number:02d}.png").write_bytes(picture)
