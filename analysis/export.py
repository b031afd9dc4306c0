"""Exports of aggregated results (CSV, XLSX), with the same suppression as every other output.

Never row-level data and never comments with metadata: one row per theme or anchor.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from analysis.summary import Summary, ThemeScore

HEADER = (
    "theme",
    "responses",
    "mean (1-5)",
    "favourable %",
    "health-check score",
    "LGA band",
    "change in mean",
    "change in favourable points",
)


def _row(score: ThemeScore) -> tuple[object, ...]:
    if score.suppressed:
        return (score.label, "not enough responses", "", "", "", "", "", "")
    return (
        score.label,
        score.n,
        score.mean,
        score.favourable,
        score.health,
        score.band,
        "" if score.change is None else score.change,
        "" if score.favourable_change is None else score.favourable_change,
    )


def rows(summary: Summary) -> list[tuple[object, ...]]:
    """The export's rows, header first; everything hidden when the group may not be shown."""
    if not summary.shown:
        return [HEADER, ("not enough responses for this group and period",)]
    return [HEADER, *(_row(s) for s in (*summary.anchors, *summary.themes))]


def to_csv(summary: Summary) -> bytes:
    """The summary as CSV (UTF-8 with a byte-order mark, so Excel opens it correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow((f"StayPulse summary, {summary.period.label()}",))
    writer.writerows(rows(summary))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(summary: Summary) -> bytes:
    """The summary as an Excel workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Summary"
    sheet.append((f"StayPulse summary, {summary.period.label()}",))
    sheet["A1"].font = Font(bold=True)
    for row in rows(summary):
        sheet.append(list(row))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
