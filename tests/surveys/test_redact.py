"""Personal data becomes placeholders before anything is stored; ordinary words survive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveys.redact import redact

DEV_COMMENTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "comments_dev.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email me at jo.bloggs@council.gov.uk", "email me at [email]"),
        ("ring 07700 900123 or 020 7946 0018", "ring [phone] or [phone]"),
        ("call +44 7700 900 123 after 5", "call [phone] after 5"),
        ("see https://example.org/x or www.intranet.local", "see [link] or [link]"),
        ("ask @sam_sw about it", "ask [handle] about it"),
        ("she lives at B15 2TT now", "she lives at [postcode] now"),
        ("NI AB 12 34 56 C on file", "NI [NI number] on file"),
        ("Mosaic id 1234567 crashed", "Mosaic id [number] crashed"),
        ("My TM Sarah Jones is brilliant", "My TM [name] is brilliant"),
        ("my manager Okonkwo cancels supervision", "my manager [name] cancels supervision"),
        ("Mr Patel from HR said no", "[name] from HR said no"),
        ("the Kowalski family moved", "the [name] family moved"),
        ("baby Leo is on a CP plan", "baby [name] is on a CP plan"),
        ("Ellie and Tom always help me", "[name] and [name] always help me"),
        ("Emma's supervision was cancelled", "[name]'s supervision was cancelled"),
        ("Dr. Amara Nwosu at the clinic", "[name] at the clinic"),
    ],
)
def test_personal_data_becomes_a_placeholder(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Caseload is 27 at the moment. Can't keep going like this.",
        "Mosaic crashed twice today and I lost a whole assessment.",
        "S47 visits and ASYE support are fine; TOIL is never taken.",
        "Our TM is great but the pay is shocking",
        "Monday duty in March was 12 hours, band 9 pay",
        "I will stay if the pay is fair",
    ],
)
def test_ordinary_comments_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_no_labelled_staff_comment_is_damaged() -> None:
    if not DEV_COMMENTS.exists():
        pytest.skip("shared data not present")
    for line in DEV_COMMENTS.read_text().splitlines():
        text = json.loads(line)["text"]
        assert redact(text) == text, text
