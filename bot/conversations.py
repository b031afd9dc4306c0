"""Every conversation the bot holds, declared once, and the one rule for who gets typed text.

A conversation is a named series of steps; each step says what it accepts (a button, typed text,
or either) and what it stores. Only one conversation at a time receives typed text: the one the
person last saw (`FOCUS_KEY` in their chat data, set whenever a conversation shows a step).
Starting another while one waits for text asks first (bot/handlers/switch.py). After a restart
the focus is gone, and the order of `CONVERSATIONS` decides among those still waiting.

The interviews (stay, exit, record_stay) are made from their declarations in surveys.interviews
(`FLOWS`). `tests/bot/test_conversations.py` checks the state diagrams (bot/*.mmd) against these
declarations.
"""

from __future__ import annotations

from collections.abc import Collection, MutableMapping
from dataclasses import dataclass
from enum import StrEnum

from surveys.interviews import FLOWS, Kind

# Which conversation the person last saw; "" once it ended, absent after a restart.
FOCUS_KEY = "focus"


class Accepts(StrEnum):
    """What a step takes."""

    BUTTON = "button"
    TEXT = "text"
    EITHER = "text or button"


@dataclass(frozen=True)
class Step:
    """One step: its name, what it accepts, what it stores when answered, and its state in a
    hand-drawn diagram (bot/pulse.mmd, bot/onboarding.mmd) when it has one."""

    name: str
    accepts: Accepts
    stores: str
    state: str = ""


@dataclass(frozen=True)
class Conversation:
    """A conversation: its key, the command that starts or resumes it, how to name it to the
    person, what leaving it means for what they gave so far, and its steps in order."""

    key: str
    command: str
    title: str
    on_leave: str
    steps: tuple[Step, ...]

    @property
    def takes_text(self) -> bool:
        """Whether any step waits for typed text (so it can compete for a message)."""
        return any(s.accepts != Accepts.BUTTON for s in self.steps)

    def step(self, name: str) -> Step:
        """The step called `name`."""
        return next(s for s in self.steps if s.name == name)


_B, _T, _E = Accepts.BUTTON, Accepts.TEXT, Accepts.EITHER


def _interview(kind: Kind, command: str, title: str, on_leave: str) -> Conversation:
    """An interview's conversation, made from its declaration in surveys.interviews (steps,
    what each takes, what each stores), so the two cannot disagree."""
    flow = FLOWS[kind]
    steps = tuple(Step(s.name, _E if s.takes.typed else _B, s.stores) for s in flow.steps)
    return Conversation(flow.conversation, command, title, on_leave, steps)


# In priority order: after a restart, the first one still waiting for text gets it.
CONVERSATIONS: dict[str, Conversation] = {
    c.key: c
    for c in (
        Conversation(
            "talk",
            "talk",
            "your /talk request",
            "nothing is sent to the PSW team",
            (
                Step("note", _E, "nothing: the note is held in memory only, never on disk"),
                Step("send", _B, "nothing: the request goes to PSW members with your name"),
            ),
        ),
        _interview(
            Kind.RECORD,
            "record_stay",
            "the stay interview you are recording",
            "it is kept; /record_stay takes you back",
        ),
        _interview(
            Kind.EXIT, "stay", "your exit interview", "it is kept; /stay takes you back to it"
        ),
        _interview(
            Kind.STAY, "stay", "your stay interview", "it is kept; /stay takes you back to it"
        ),
        Conversation(
            "feedback",
            "feedback",
            "your /feedback comment",
            "nothing you have not sent is saved",
            (Step("comment", _T, "sealed feedback ballot, redacted, released with the next wave"),),
        ),
        Conversation(
            "pulse",
            "pulse",
            "the pulse's last step (your comment)",
            "your answers so far are kept; /pulse takes you back",
            (
                Step("question", _B, "sealed pulse draft (per person and wave)", "Question"),
                Step("comment", _E, "sealed pulse ballot, comment redacted", "Comment"),
            ),
        ),
        Conversation(
            "onboarding",
            "start",
            "joining",
            "nothing is stored until you agree",
            (
                Step("role", _B, "nothing: the choice travels in the buttons", "RolePicker"),
                Step(
                    "contract", _B, "nothing: the choice travels in the buttons", "ContractPicker"
                ),
                Step("consent", _B, "participant (team, role group, contract)", "PrivacyNotice"),
            ),
        ),
    )
}
# A draft's kind to its conversation's key.
INTERVIEW_KEY: dict[str, str] = {kind.value: flow.conversation for kind, flow in FLOWS.items()}
# Diagrams drawn by hand (richer than the declarations; a test checks they agree) and the ones
# generated from the declarations (`python -m bot.conversations` rewrites them).
DRAWN = {"pulse": "pulse.mmd", "onboarding": "onboarding.mmd"}
GENERATED = ("talk", "feedback", "stay", "exit", "record_stay")


def diagram(key: str) -> str:
    """A Mermaid state diagram of a declared conversation: its steps in order, each with what it
    accepts and stores."""
    conversation = CONVERSATIONS[key]
    names = [s.name.replace("q:", "q_") for s in conversation.steps]
    lines = [
        f"%% {conversation.title}: generated from bot/conversations.py; do not edit by hand.",
        f"%% /{conversation.command} starts or resumes it; leaving it: {conversation.on_leave}.",
        "stateDiagram-v2",
    ]
    previous = "[*]"
    for name, step in zip(names, conversation.steps, strict=True):
        lines.append(f"    {previous} --> {name}: {step.accepts}")
        lines.append(f"    note right of {name}: stores {step.stores}")
        previous = name
    lines.append(f"    {previous} --> [*]")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # regenerate the diagrams after changing a declaration
    from pathlib import Path

    for generated in GENERATED:
        Path(__file__).with_name(f"{generated}.mmd").write_text(diagram(generated))


def owner(waiting: Collection[str], focus: str | None) -> str | None:
    """The ONE rule for typed text: the conversation the person last saw, if it still waits;
    nothing if they last saw one end (`focus` ""); after a restart (`focus` None) the first
    waiting one in `CONVERSATIONS` order."""
    if focus is not None:
        return focus if focus in waiting else None
    return next((key for key in CONVERSATIONS if key in waiting), None)


def set_focus(chat_data: MutableMapping[str, object] | None, key: str) -> None:
    """Remember that the person now sees conversation `key` ("" when one has just ended)."""
    if chat_data is not None:
        chat_data[FOCUS_KEY] = key
