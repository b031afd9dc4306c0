"""Long text is split one way everywhere: under the limit, at the best boundary, never inside a
tag or an entity, and every part is HTML Telegram accepts."""

from __future__ import annotations

import pytest

from bot.longtext import split_html, utf16_len
from sandbox.html import parse_html


def test_text_that_fits_is_one_part() -> None:
    assert split_html("<b>short</b>") == ["<b>short</b>"]
    assert split_html("  \n ") == []


def test_paragraphs_are_kept_whole_when_they_fit() -> None:
    first, second = "a" * 3000, "b" * 3000
    assert split_html(f"{first}\n\n{second}") == [first, second]


@pytest.mark.parametrize("limit", [200, 1000, 4096])
def test_every_part_is_under_the_limit_and_valid_html(limit: int) -> None:
    text = "<b>Digest</b>\n\n" + "\n".join(
        f'• <i>line {n} &amp; “quoted” <a href="https://x.test/{n}">link</a></i> 😀'
        for n in range(300)
    )
    parts = split_html(text, limit)
    assert len(parts) > 1
    visible = ""
    for part in parts:
        assert utf16_len(part) <= limit
        visible += parse_html(part)  # raises if a tag or an entity was cut
    assert visible.count("&") == 300
    assert visible.count("😀") == 300


def test_formatting_open_across_a_split_is_closed_and_reopened() -> None:
    text = "<b>" + "\n".join(f"bold line {n}" for n in range(100)) + "</b>"
    parts = split_html(text, 300)
    assert len(parts) > 1
    assert all(p.startswith("<b>") and p.endswith("</b>") for p in parts)
    for part in parts:
        parse_html(part)


def test_a_word_longer_than_a_message_is_cut_between_characters() -> None:
    parts = split_html("x" * 9000)
    assert [len(p) for p in parts] == [3840, 3840, 1320]
