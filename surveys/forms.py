"""Coverage by design (#17 item 1): which rotating items each person is asked in a wave.

The two anchors go to everyone. The wave's rotating items are split into a few fixed forms of
`per_person` items, enough forms to cover every theme across the service, but never more than
the audience can give at least k people each; consecutive waves share no item, so nobody gets
the same item twice running. Within a team, people are dealt to forms by a keyed hash of their
chat id and the wave (surveys/seal.py Sealer.tag, under BALLOT_KEY), so the assignment is never
stored and cannot be redone without the key; each form a team uses is held by at least k of its
members, and a team too small for two such forms gets the common form (form 0) only, so a
released row's set of items says nothing its team does not (docs/design.md rule 5).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from surveys.bank import QuestionBank


def plan_forms(
    bank: QuestionBank, *, history: Sequence[Sequence[str]], per_person: int, people: int, k: int
) -> list[list[str]]:
    """The wave's forms: lists of `per_person` rotating items, themes spread across them.

    Items are taken least-asked first and never from the wave before (as schedule.next_items),
    one item per theme before any theme gets a second, so the forms together cover as many
    themes as their number allows. There are at most people // k forms (at least one)."""
    rotating = [item.key for item in bank.items]
    theme = {item.key: item.theme for item in bank.items}
    asked = Counter(key for wave in history for key in wave if key in theme)
    previous = set(history[-1]) if history else set()
    themes = len(set(theme.values()))
    count = max(1, min(-(-themes // per_person), people // k))
    # Never an item of the wave before: with 23 items and 12 slots, the last form may be short.
    order = sorted(
        (key for key in rotating if key not in previous),
        key=lambda key: (asked[key], rotating.index(key)),
    )
    chosen: list[str] = []
    for key in order:  # one item per theme first
        if len(chosen) < count * per_person and theme[key] not in {theme[c] for c in chosen}:
            chosen.append(key)
    size = Counter(theme.values())
    # Then fill up from the themes with most items, so the next wave still has one of each.
    for key in sorted(order, key=lambda key: (asked[key], -size[theme[key]])):
        if len(chosen) < count * per_person and key not in chosen:
            chosen.append(key)
    return [chosen[i : i + per_person] for i in range(0, len(chosen), per_person)]


def deal(
    members: Sequence[int], *, wave_id: int, forms: int, k: int, tag: Callable[[str], str]
) -> dict[int, int]:
    """Each team member's form index (chat id → form). A team of n uses min(forms, n // k)
    forms, each held by at least k of its members; below two forms everyone gets form 0.
    Members are ranked by their keyed tag for this wave and dealt in blocks, and which forms a
    team uses is itself keyed, so different teams cover different themes."""
    used = min(forms, len(members) // k)
    if used <= 1:
        return dict.fromkeys(members, 0)
    ranked = sorted(members, key=lambda chat: tag(f"form:{wave_id}:{chat}"))
    offset = int(tag(f"forms:{wave_id}:{sorted(members)[0]}"), 16) % forms
    return {chat: (offset + rank * used // len(ranked)) % forms for rank, chat in enumerate(ranked)}
