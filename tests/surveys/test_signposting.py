"""Signposting: realistic phrasings that must meet support, and everyday ones that must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.signposting import default_signposting, load_signposting
from surveys.yamlfile import ConfigFileError

STRUGGLING = [
    "I can't cope any more, I'm not sleeping and honestly some days I think everyone would be "
    "better off without me",
    "i cant cope with this anymore",  # on a phone: no apostrophe, no capitals
    "Honestly I’m at breaking point. Third duty week in a row.",  # curly apostrophe
    "Some nights I think about ending it all",
    "I have been self-harming again since the Smith case",
    "been having suicidal thoughts tbh",
    "A father threatened me on a home visit last week and nobody followed it up",
    "I'm scared to go on visits alone to that estate now",
    "My manager keeps bullying me in supervision",
    "crying in the car between visits most days",
    "I just want to die some days",
    "I was assaulted at a contact session and went straight back to work",
]
EVERYDAY = [
    "This caseload is killing me",  # a figure of speech: see docs/signposting.md
    "Duty is killing me this week, send biscuits",
    "Supervision is brilliant and my TM really listens",
    "The pay is shocking compared to agency",
    "A suicidal teenager on my caseload took most of my week",  # their work, not their distress
    "Placement breakdown meetings take hours of paperwork",
    "We need more training on domestic abuse and self harm risk assessments",
    "Mosaic crashed three times today, it's hopeless",
    "I'm dying for a coffee after that panel",
    "The team copes brilliantly with cover",
]


@pytest.mark.parametrize("text", STRUGGLING)
def test_someone_struggling_is_recognised(text: str) -> None:
    assert default_signposting().distressed(text)


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_grumbles_and_casework_are_not(text: str) -> None:
    assert not default_signposting().distressed(text)


def test_the_shipped_file_names_the_national_lines() -> None:
    routes = " ".join(default_signposting().national_routes)
    for line in ("116 123", "SHOUT to 85258", "999"):
        assert line in routes


def test_a_council_file_replaces_the_list_and_routes(tmp_path: Path) -> None:
    path = tmp_path / "signs.yaml"
    path.write_text(
        "signals: [drowning*]\n"
        "not_signals: [drowning in paperwork]\n"
        "council_routes: [Call Wellbeing Hub on 0123]\n"
        "national_routes: [Samaritans 116 123]\n"
    )
    mine = load_signposting(path)
    assert mine.distressed("I feel like I'm drowning")
    assert not mine.distressed("drowning in paperwork again")
    assert not mine.distressed("I can't cope")  # the shipped list is replaced, not added to
    assert mine.council_routes == ("Call Wellbeing Hub on 0123",)


def test_a_mistake_in_the_file_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "signs.yaml"
    path.write_text("signals:\n  - ok phrase\n  - '*'\ncouncil_routes: [a]\nnational_routes: [b]\n")
    with pytest.raises(ConfigFileError, match=r"signs.yaml, line \d+, signals"):
        load_signposting(path)


def test_the_wording_around_the_routes_is_configuration_with_shipped_defaults(
    tmp_path: Path,
) -> None:
    shipped = default_signposting()
    assert shipped.opening.startswith("I'm sorry things are this hard.")
    assert (shipped.council_heading, shipped.national_heading) == ("Support at work", "Any time")
    path = tmp_path / "signs.yaml"
    path.write_text(
        "signals: [drowning*]\n"
        "council_routes: [Wellbeing Hub 0123]\n"
        "national_routes: [Samaritans 116 123]\n"
        "opening: Thank you for telling us.\n"
        "council_heading: Here at Northshire\n"
    )
    mine = load_signposting(path)
    assert mine.opening == "Thank you for telling us."
    assert mine.council_heading == "Here at Northshire"
    assert mine.national_heading == "Any time"  # left out: the shipped wording
