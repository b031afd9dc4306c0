"""DESIGN.md rule 4: no figure for a group below the threshold, directly or by subtraction."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def suppressed(parts: Mapping[K, int], minimum: int) -> set[K]:
    """The parts whose figures must be hidden when shown beside their total.

    Parts below `minimum` are hidden. Then, so that a hidden part cannot be worked out by
    subtracting the shown parts from the total, the smallest shown parts are hidden too until
    the hidden parts are at least two and together reach `minimum` (or everything is hidden).
    """
    hidden = {key for key, size in parts.items() if size < minimum}
    if not hidden:
        return hidden
    shown = sorted((k for k in parts if k not in hidden), key=lambda k: (parts[k], str(k)))
    while shown and (len(hidden) < 2 or sum(parts[k] for k in hidden) < minimum):
        hidden.add(shown.pop(0))
    return hidden
