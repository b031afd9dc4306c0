"""The question bank: complete, phone-sized, and refused with file, line and field when wrong."""

from __future__ import annotations

import pytest

from surveys.bank import default_bank, parse_bank
from surveys.themes import THEMES
from surveys.yamlfile import ConfigFileError


def test_the_shipped_bank_covers_every_theme_with_two_items_and_both_anchors() -> None:
    bank = default_bank()
    assert {a.theme for a in bank.anchors} == {"intent_to_stay", "loyalty"}
    for theme in THEMES:
        assert sum(item.theme == theme for item in bank.items) >= 2, theme
    assert all(len(item.text) <= 90 for item in (*bank.anchors, *bank.items))


def test_reverse_items_are_scored_so_higher_is_better() -> None:
    bank = default_bank()
    assert bank.score("workload_high", 5) == 1
    assert bank.score("supervision", 5) == 5


BANK = """\
anchors:
  - key: intent_stay
    theme: intent_to_stay
    text: I see myself here in two years.
items:
{items}
"""


def items_for_all_themes(extra: str = "") -> str:
    lines = [f"  - key: k_{t}\n    theme: {t}\n    text: About {t}." for t in THEMES]
    return "\n".join(lines) + extra


def test_a_valid_bank_parses() -> None:
    bank = parse_bank(BANK.format(items=items_for_all_themes()), "bank.yaml")
    assert len(bank.items) == len(THEMES)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "\n  - key: x1\n    theme: salary\n    text: Hi.",
            "line 40, items[11].theme: unknown theme",
        ),
        ("\n  - key: k_pay\n    theme: pay\n    text: Again.", "item key 'k_pay' is used twice"),
        ("\n  - key: x2\n    theme: pay\n    text: ''", "line 41, items[11].text: String should"),
        (
            "\n  - key: Bad Key\n    theme: pay\n    text: x",
            "line 39, items[11].key: String should",
        ),
    ],
)
def test_a_wrong_bank_is_refused_with_line_and_field(extra: str, expected: str) -> None:
    with pytest.raises(ConfigFileError) as caught:
        parse_bank(BANK.format(items=items_for_all_themes(extra)), "bank.yaml")
    assert expected in str(caught.value)


def test_a_bank_missing_a_theme_is_refused() -> None:
    text = BANK.format(items="  - key: only_pay\n    theme: pay\n    text: Pay.")
    with pytest.raises(ConfigFileError, match="no item covers the theme"):
        parse_bank(text, "bank.yaml")
