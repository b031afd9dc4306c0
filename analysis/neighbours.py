"""The nearest training comments: a vote beside the linear theme detectors.

The detectors weigh each word alone and, regularised as they must be, give a rare word or a rare
pair of words little weight. What a handful of labelled comments with the same rare words were
about is evidence they cannot use: "Had a good week with my families" shares "good week" and
"my families" with comments whose writers named no theme, where the detectors alone read
caseload into "families". So the ten training comments
nearest a new one (cosine over tf-idf of the words and word pairs that at most one comment in
two hundred uses) vote: each theme's detection score moves by `WEIGHT × (share − NEUTRAL)`,
where `share` is the similarity-weighted share of those ten labelled with the theme. A comment
that shares no rare word with any training comment gets no vote and reads as before.

Measured in writer-grouped 5-fold CV on the training pool (thirty-seventh round): macro-F1
0.858 without the vote, 0.866 with it (docs/analysis.md). The memory holds, for each rarer word
and pair, which training comments use it, and each training comment's labelled themes: words
and pairs as the weights file has them, no whole comment, and never a comment the bot was sent.

Scores are exact: each posting's weight is a whole number, so the sums are the same in any
order, and ties between equally near comments go to the one earlier in the training pool.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

import numpy as np

from analysis.lexicon import DATA
from surveys.themes import THEMES

# Beside the lexicon, not beside this module's own file: compiled, that is in build/compiled.
NEIGHBOURS_PATH: Final = DATA / "neighbours.npz"
FORMAT: Final = 1
NEAREST: Final = 10  # comments that vote
WEIGHT: Final = 2.0  # how far a unanimous vote moves a detection score
NEUTRAL: Final = 0.3  # the share that moves it not at all
LIFTED_WITHIN: Final = 1.0  # a theme further under its threshold than this is not voted up
# A word or pair in more than one comment in two hundred ("the", "my manager", "pay") finds
# neighbours by what half the pool says; leaving them out keeps the vote to what is particular
# and keeps the look-ups short (writer CV at weight 4: 0.8685 against 0.8696 with every term).
RARE_SHARE: Final = 0.005
MIN_COUNT: Final = 2  # a term of one comment finds no other
SCALE: Final = 4096  # a posting's weight, in whole units of 1/SCALE
_SHIFT: Final = 16  # a packed posting: the comment's place above, its weight in the low bits
_WEIGHT_MASK: Final = (1 << _SHIFT) - 1


class NeighboursError(ValueError):
    """A memory file that cannot be used."""


def terms_of(words: Iterable[str]) -> set[str]:
    """The terms a comment is remembered and looked up by: its words, and each pair side by
    side ("on duty"); words never hold a space, so the two cannot be confused."""
    words = list(words)
    found = set(words)
    found.update([f"{first} {second}" for first, second in pairwise(words)])
    return found


@dataclass(frozen=True, eq=False)
class Neighbours:
    """Every training comment's rarer terms and themes, indexed by term."""

    terms: tuple[str, ...]  # sorted
    lengths: np.ndarray  # comments using each term, in `terms` order
    comments: np.ndarray  # the postings, term after term: a comment's place in the pool
    weights: np.ndarray  # idf² over the comment's norm, in units of 1/SCALE, beside `comments`
    labels: np.ndarray  # a row a comment, a column a theme (THEMES order): 1 where labelled
    # Each term's postings packed one to an integer, `comment << 16 | weight` (a weight is
    # under 2**16: `build` checks), so a comment's postings join in one array and one sort
    # brings each comment's together: no array the size of the pool is made per comment.
    _words: dict[str, np.ndarray] = field(init=False, repr=False)
    _pairs: dict[tuple[str, str], np.ndarray] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ends = np.cumsum(self.lengths)
        starts = ends - self.lengths
        # What the packing and the vote rely on, however the memory was made: each term's
        # comments in the pool and strictly rising (one posting a comment), each weight a
        # whole number from 1 to 2**16 - 1 (0 would leave a vote with nothing to divide by).
        rising = np.ones(len(self.comments), dtype=bool)
        rising[starts[starts < len(self.comments)]] = False
        if (
            len(self.comments) and (self.comments.min() < 0 or self.comments.max() >= self.size)
        ) or (len(self.weights) and (self.weights.min() < 1 or self.weights.max() > _WEIGHT_MASK)):
            raise NeighboursError("the memory's postings are out of range")
        if np.any(np.diff(self.comments, prepend=-1)[rising] <= 0):
            raise NeighboursError("a term's postings do not rise")
        packed = (self.comments.astype(np.int64) << _SHIFT) | self.weights.astype(np.int64)
        starts, ends = starts.tolist(), ends.tolist()
        words: dict[str, np.ndarray] = {}
        pairs: dict[tuple[str, str], np.ndarray] = {}
        for term, start, end in zip(self.terms, starts, ends, strict=True):
            first, space, second = term.partition(" ")
            if space:
                pairs[first, second] = packed[start:end]
            else:
                words[term] = packed[start:end]
        object.__setattr__(self, "_words", words)
        object.__setattr__(self, "_pairs", pairs)

    @property
    def size(self) -> int:
        """How many training comments are remembered."""
        return int(self.labels.shape[0])

    def reach(self, units: int) -> int:
        """How far a vote can move a score down, in whole units of 1/`units` (a unanimous vote
        against it): a score further over its threshold than this reads the same voted or not.
        (`vote`'s `np.rint` and `round` both round half to even.)"""
        return round(WEIGHT * units * NEUTRAL)

    def vote(self, words: Sequence[str], units: int) -> np.ndarray | None:
        """Each theme's move of its detection score, in whole units of 1/`units` (THEMES
        order), or None when no remembered comment shares a rare term with `words`."""
        # Set intersections in C, as the detectors' own look-ups (analysis.learned): the
        # comment's words and the pairs side by side, as tuples, whose hashes are the words'.
        by_word, by_pair = self._words, self._pairs
        found = [by_word[word] for word in by_word.keys() & set(words)]
        found += [by_pair[pair] for pair in by_pair.keys() & pairwise(words)]
        if not found:
            return None
        packed = np.concatenate(found) if len(found) > 1 else found[0].copy()
        packed.sort()
        comments = packed >> _SHIFT
        first = np.empty(len(packed), dtype=bool)
        first[0] = True
        np.not_equal(comments[1:], comments[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        # Whole numbers added up exactly: the same nearness in any order.
        scores = np.add.reduceat(packed & _WEIGHT_MASK, starts)
        comments = comments[starts]
        if len(comments) > NEAREST:
            # One key per comment, nearer first and, equally near, earlier in the pool first:
            # which ten vote never depends on the order the terms were looked up in.
            keys = scores * self.size - comments
            top = np.argpartition(keys, -NEAREST)[-NEAREST:]
            comments, scores = comments[top], scores[top]
        share = scores @ self.labels[comments] / scores.sum()
        moved: np.ndarray = np.rint(WEIGHT * units * (share - NEUTRAL)).astype(np.int64)
        return moved

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The arrays the memory file holds."""
        text = "\n".join(self.terms).encode("utf-8")
        # Each term's comments as the gaps between them (the first from 0), in the narrowest
        # type that holds them: small numbers that repeat compress to a third.
        gaps = np.diff(self.comments, prepend=0)
        firsts = np.cumsum(self.lengths) - self.lengths
        gaps[firsts] = self.comments[firsts]
        return {
            "format": np.array([FORMAT], dtype=np.int64),
            "themes": np.frombuffer("\n".join(THEMES).encode("utf-8"), dtype=np.uint8),
            "terms": np.frombuffer(text, dtype=np.uint8),
            "lengths": _narrow(self.lengths),
            "gaps": _narrow(gaps),
            "weights": _narrow(self.weights),
            "labels": self.labels.astype(np.uint8),
        }


def _narrow(values: np.ndarray) -> np.ndarray:
    """`values` (none negative) in the narrowest unsigned type that holds them."""
    top = int(values.max(initial=0))
    kind = np.uint16 if top < 1 << 16 else np.uint32 if top < 1 << 32 else np.uint64
    return values.astype(kind)


def _from_gaps(gaps: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each term's comments again from their gaps (`to_arrays`)."""
    total = np.cumsum(gaps, dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    # The running total at each term's start, less that term's first entry: what the terms
    # before it added, taken off every one of its entries.
    before = np.repeat(total[starts] - gaps[starts], lengths)
    found: np.ndarray = total - before
    return found


def build(comments: Sequence[tuple[Collection[str], Collection[str]]]) -> Neighbours:
    """The memory of training comments, each given as (its words, its labelled themes)."""
    made = [terms_of(words) for words, _themes in comments]
    counts: dict[str, int] = {}
    for terms in made:
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    size = len(made)
    most = RARE_SHARE * size
    kept = sorted(term for term, count in counts.items() if MIN_COUNT <= count <= most)
    # sklearn's smooth idf, so the vote is the one measured with TfidfVectorizer.
    idf = {term: math.log((1 + size) / (1 + counts[term])) + 1 for term in kept}
    postings: dict[str, list[int]] = {term: [] for term in kept}
    norms = []
    for place, terms in enumerate(made):
        own = [term for term in terms if term in idf]
        norms.append(math.sqrt(sum(idf[term] ** 2 for term in own)))
        for term in own:
            postings[term].append(place)
    comments_of = [postings[term] for term in kept]
    weights = [
        [round(idf[term] ** 2 / norms[place] * SCALE) for place in places]
        for term, places in zip(kept, comments_of, strict=True)
    ]
    # A weight is at most the largest idf (a comment of one rare term) in units of 1/SCALE:
    # about 11 for a pool of 40,000, 15 for a million, so it fits the packing's 16 bits; and at
    # least idf² over the norm of at most a few hundred terms, far over 1/SCALE. Neighbours
    # checks both.
    labels = np.array(
        [[theme in themes for theme in THEMES] for _words, themes in comments], dtype=np.float64
    ).reshape(size, len(THEMES))
    return Neighbours(
        tuple(kept),
        np.array([len(places) for places in comments_of], dtype=np.int64),
        np.array([place for places in comments_of for place in places], dtype=np.int64),
        np.array([w for row in weights for w in row], dtype=np.int64),
        labels,
    )


def from_arrays(arrays: dict[str, np.ndarray]) -> Neighbours:
    """A memory from the arrays of its file, checked: whatever the file holds, the answer is a
    memory or a NeighboursError saying what is wrong."""
    try:
        if arrays["format"].tolist() != [FORMAT]:
            raise NeighboursError(f"expected a memory of format {FORMAT}")
        if bytes(arrays["themes"]).decode("utf-8").split("\n") != list(THEMES):
            raise NeighboursError("the memory's themes are not this version's")
        text = bytes(arrays["terms"]).decode("utf-8")
        terms = tuple(text.split("\n")) if text else ()
        lengths, gaps = _counts(arrays["lengths"]), _counts(arrays["gaps"])
        weights, labels = _counts(arrays["weights"]), arrays["labels"]
    except KeyError as exc:
        raise NeighboursError(f"the memory has no {exc.args[0]!r} array") from exc
    except UnicodeDecodeError as exc:
        raise NeighboursError("the memory's terms are not UTF-8") from exc
    if labels.ndim != 2 or labels.shape[1] != len(THEMES) or labels.dtype != np.uint8:
        raise NeighboursError("the memory's labels are not a table of its themes")
    if (
        len(lengths) != len(terms)
        or len(set(terms)) != len(terms)
        or (len(lengths) and (lengths.min() < 1 or lengths.max() > len(gaps)))
        # (Each length is at most len(gaps) by now: their sum cannot wrap round.)
        or int(lengths.sum()) != len(gaps)
        or len(weights) != len(gaps)
    ):
        raise NeighboursError("the memory's arrays do not agree with one another")
    if len(labels) and labels.max() > 1:
        raise NeighboursError("the memory's labels are out of range")
    comments = _from_gaps(gaps, lengths)
    return Neighbours(terms, lengths, comments, weights, labels.astype(np.float64))


def _counts(values: np.ndarray) -> np.ndarray:
    """`values` as int64, if they are a row of whole numbers that fit it."""
    if values.ndim != 1 or values.dtype.kind not in "iu":
        raise NeighboursError("the memory's postings are not a row of whole numbers")
    if values.dtype == np.uint64 and len(values) and values.max() > np.iinfo(np.int64).max:
        raise NeighboursError("the memory's postings are out of range")
    return values.astype(np.int64)


def save(memory: Neighbours, path: Path = NEIGHBOURS_PATH) -> None:
    """Write the memory file (compressed numpy arrays; no pickled objects)."""
    arrays: dict[str, Any] = memory.to_arrays()  # numpy's stubs type the names as options
    with path.open("wb") as out:
        np.savez_compressed(out, **arrays)


def load(path: Path = NEIGHBOURS_PATH) -> Neighbours:
    """The memory in `path`, checked; never unpickles."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError) as exc:
        raise NeighboursError(f"{path.name}: not a memory file ({exc})") from exc
    return from_arrays(arrays)


def differences(shipped: Neighbours, made: Neighbours) -> list[str]:
    """Where two memories differ by more than a unit of rounding (a last-place difference in
    a platform's log or square root)."""
    found = []
    if shipped.terms != made.terms:
        found.append("neighbours: terms")
    elif not np.array_equal(shipped.lengths, made.lengths) or not np.array_equal(
        shipped.comments, made.comments
    ):
        found.append("neighbours: postings")
    elif np.abs(shipped.weights - made.weights).max(initial=0) > 1:
        found.append("neighbours: weights")
    if not np.array_equal(shipped.labels, made.labels):
        found.append("neighbours: labels")
    return found
