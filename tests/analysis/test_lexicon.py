"""The shortcuts that make the analyser fast must never change what it finds: every cue and
phrase that matches a text is one its index would have tried."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon import (
    _THEME_CUES,
    PHRASE_GATES,
    THEME_CUES,
    LexiconError,
    leads,
    load_extra,
    word_starts,
)
from analysis.text import clauses, normalise

DEV = Path(__file__).resolve().parents[1] / "data" / "comments_dev.jsonl"
WRITTEN = [
    "My TM's great but the pay is shocking and I'm drowning",
    "No complaints about pay since the market supplement, £3k more",
    "Agency earn nearly double what I get; 30 cases and counting",
    "Caseloads were reduced, no longer drowning, and my ATM actually manages",
    "Is that management? The office is freezing and I went off sick",
    "Feel safe in the team, from the top down everyone above is visible",
    "Mosaic crashed at 5 pm, I am not ok with the hotdesk situation",
]
# Words the cues and phrases are made of, so random texts hit them often.
VOCABULARY = sorted(
    {
        w
        for p in (*[c for cs in _THEME_CUES.values() for c in cs],)
        for w in re.findall(r"[a-z]+", p)
    }
    | {w for p, _s, _g in PHRASE_GATES for w in re.findall(r"[a-z]+", p.pattern)}
)


def _texts() -> list[str]:
    texts = list(WRITTEN)
    texts += [json.loads(line)["text"] for line in DEV.read_text().splitlines()]
    return [c.text for t in texts for c in clauses(normalise(t))]


def _check(text: str) -> None:
    starts = word_starts(text)
    expected = {t for t, cues in _THEME_CUES.items() if any(re.search(c, text) for c in cues)}
    assert THEME_CUES.themes_in(text, starts) == expected, text
    for pattern, _score, gate in PHRASE_GATES:
        if pattern.search(text):
            found = leads(pattern.pattern)
            assert found is None or not found.isdisjoint(starts), (pattern.pattern, text)
            assert not gate or any(g in text for g in gate), (pattern.pattern, text)


@pytest.mark.parametrize("text", _texts())
def test_index_finds_what_a_full_search_finds(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY) | st.sampled_from(["5", "30", "£3k", ",", "'"])))
def test_index_is_sound_on_random_word_salad(words: list[str]) -> None:
    _check(" ".join(words))


def test_leads_read_off_the_pattern() -> None:
    assert leads(r"\bpay\b(?! a visit)") == {"pay"}
    assert leads(r"\b(?:seeing|see) the children") == {"see"}
    assert leads(r"(?<!duty )\bteam\b") == {"tea"}
    assert leads(r"£ ?\d") is None
    assert leads(r"\b\d+ ?k\b") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My TM's lovely", "my team manager's lovely"),
        ("visits were at 5 PM with my PM", "visits were at 5 pm with my practice manager"),
        ("we're fine, caseloads were high", "we are fine, caseload were high"),
        ("Didn't get AD sign-off", "did not get assistant director signoff"),
        ("Mosiac and case loads", "mosaic and caseload"),
    ],
)
def test_normalise_expands_the_domain_words(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "cues:\n  salary: ['\\\\bpay']\n",
        "cues:\n  pay: ['(unclosed']\n",
        "phrases:\n  - ['\\\\bfine\\\\b', 'high']\n",
        "questions:\n  - match: 'leave'\n    lean: sideways\n",
        "colours: []\n",
    ],
)
def test_a_bad_word_list_file_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text)
    with pytest.raises(LexiconError):
        load_extra(path)


def test_the_shipped_word_list_file_loads() -> None:
    assert load_extra().cues
    assert load_extra().questions
