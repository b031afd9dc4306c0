"""The eleven themes and the two anchors: one list, used by questions, comments and summaries."""

from __future__ import annotations

from typing import Final

# Key -> short label as staff and the PSW team read it.
THEMES: Final[dict[str, str]] = {
    "pay": "Pay",
    "workload": "Workload",
    "work_life_balance": "Work-life balance",
    "managers": "Managers and supervision",
    "team_culture": "Team and culture",
    "career": "Career and development",
    "leadership": "Senior leadership",
    "processes": "Processes and bureaucracy",
    "it_systems": "IT and systems",
    "environment": "Working environment",
    "wellbeing": "Wellbeing",
}
# Asked in every pulse; reported beside the themes, never as one of them.
ANCHORS: Final[dict[str, str]] = {
    "intent_to_stay": "Intention to stay",
    "loyalty": "Would recommend",
}
