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
from collections.abc import Callable, Mapping, Sequence

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


def blocks(team_sizes: Mapping[int | None, int], k: int) -> int:
    """How many blocks of at least k people the service's teams split into (a team of fewer
    than k holds none): the most forms a wave can have so that each is held by a block."""
    return sum(size // k for size in team_sizes.values())


def deal_service(
    teams: Mapping[int | None, Sequence[int]],
    *,
    wave_id: int,
    forms: int,
    k: int,
    tag: Callable[[str], str],
) -> dict[int, int]:
    """Each person's form index (chat id → form) across the whole service.

    Every team of n >= k people is split into n // k blocks of at least k of its members
    (ranked by their keyed tag for this wave); the blocks of all teams, taken in a keyed order,
    are dealt the forms in turn, so with at least as many blocks as forms every form is held
    by some block. A small team of k to 2k - 1 (5 to 9 with the shipped k) therefore answers
    one form all together, and different teams answer different forms: a released row's set
    of items says nothing its team (or its block of k) does not. Teams of fewer than k people
    get the common form 0 (their cells are pooled or left out anyway). Nothing here is
    stored: it is redone from the wave's deliveries and BALLOT_KEY, as `deal` is."""
    dealt: dict[int, int] = {}
    if forms <= 0:
        return dealt
    offset = int(tag(f"forms:{wave_id}"), 16) % forms
    order = sorted(
        (team for team, members in teams.items() if len(members) >= k),
        key=lambda team: tag(f"team:{wave_id}:{team}"),
    )
    turn = 0
    for team in order:
        ranked = sorted(teams[team], key=lambda chat: tag(f"form:{wave_id}:{chat}"))
        count = len(ranked) // k
        for rank, chat in enumerate(ranked):
            dealt[chat] = (offset + turn + rank * count // len(ranked)) % forms
        turn += count
    for members in teams.values():
        if len(members) < k:
            dealt.update(dict.fromkeys(members, 0))
    return dealt


def form_items(
    item_keys: Sequence[str], forms: Sequence[Sequence[str]] | None, form: object
) -> list[str]:
    """The items of one form in a wave: the anchors (every key of the wave that is in no form),
    then the form's rotating items. Without forms, the wave's items; an unknown form (or none)
    gets the anchors only, never another form's items."""
    if not forms:
        return list(item_keys)
    rotating = {key for each in forms for key in each}
    anchors = [key for key in item_keys if key not in rotating]
    if isinstance(form, int) and not isinstance(form, bool) and 0 <= form < len(forms):
        return [*anchors, *forms[form]]
    return anchors
