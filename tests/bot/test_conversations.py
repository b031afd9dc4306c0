"""Each conversation is declared once; the diagrams and the interview steps agree with it, and one
rule decides who gets typed text."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import bot
from bot.conversations import (
    CONVERSATIONS,
    DRAWN,
    GENERATED,
    INTERVIEW_KEY,
    Accepts,
    diagram,
    owner,
)
from surveys.interviews import FLOWS, Kind

BOT = Path(bot.__file__).parent


def test_interview_conversations_are_the_flows_the_domain_walks() -> None:
    assert set(INTERVIEW_KEY) == {k.value for k in Kind}
    for kind, flow in FLOWS.items():
        conversation = CONVERSATIONS[INTERVIEW_KEY[kind]]
        assert tuple(s.name for s in conversation.steps) == flow.names
        for declared, step in zip(flow.steps, conversation.steps, strict=True):
            assert step.accepts == (Accepts.EITHER if declared.takes.typed else Accepts.BUTTON)
            assert step.stores == declared.stores
        assert conversation.key in GENERATED  # so its diagram is checked below


def test_generated_diagrams_are_up_to_date() -> None:
    for key in GENERATED:
        assert (BOT / f"{key}.mmd").read_text() == diagram(key), (
            f"run `python -m bot.conversations` to regenerate bot/{key}.mmd"
        )


def test_drawn_diagrams_show_every_declared_step_in_order() -> None:
    for key, name in DRAWN.items():
        text = (BOT / name).read_text()
        states = [s.state for s in CONVERSATIONS[key].steps]
        assert all(states), f"{key}: every step needs its diagram state"
        for before, after in itertools.pairwise(states):
            assert re.search(rf"^\s*{before} --> {after}\b", text, re.M), (
                f"{name} has no transition {before} --> {after}"
            )


def test_typed_text_goes_to_the_conversation_last_seen_or_nowhere() -> None:
    assert owner({"stay", "feedback"}, "feedback") == "feedback"
    assert owner({"stay", "feedback"}, "stay") == "stay"
    assert owner({"stay"}, "") is None  # the last one seen has ended: nothing captures text
    assert owner({"stay"}, "pulse") is None  # the pulse they see waits for a button
    assert owner({"pulse", "feedback", "talk"}, None) == "talk"  # after a restart: by order
