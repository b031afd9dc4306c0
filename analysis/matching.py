"""The indexes that make the rules fast: each cue and phrase is tried only on clauses that could
hold it, read off the pattern itself so the shortcut never changes what is found.

Every match of `\\bpay\\b…` begins a word with "pay", so a clause none of whose words start so needs
no search; every match of `\\bno longer\\b` contains "no longer", so a clause without that string
needs no regex. tests/analysis/test_lexicon.py checks both on real and random text.
"""

from __future__ import annotations

import re

# The regex module's own parser, to read off each pattern what text it needs (typeshed has no
# stubs for these; `sre_parse` is the deprecated public name of the same module).
import re._constants as _constants  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from collections.abc import Callable, Collection, Mapping, Sequence
from itertools import chain
from typing import Any, TypeVar

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def recalled(
    memory: Mapping[_Key, _Value], keys: Collection[_Key], make: Callable[[_Key], _Value]
) -> list[_Value]:
    """What `memory` holds for each of `keys`, or, if it lacks one, what `make` gives for each
    (`make` remembers what it makes). Most words were seen before: they are looked up in one
    pass, in C, not one Python call a word."""
    try:
        return list(map(memory.__getitem__, keys))
    except KeyError:  # a key not seen before
        return list(map(make, keys))


_LITERAL = _constants.LITERAL
_SUBPATTERN = _constants.SUBPATTERN
_BRANCH = _constants.BRANCH
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_AT_WORD_START = (_constants.AT, _constants.AT_BOUNDARY)
_LOOKAROUNDS = (_constants.ASSERT, _constants.ASSERT_NOT)
LEAD = 3  # how many letters of a word's start index a pattern (word_starts is written for 3)
_WORDS = re.compile(r"\w+")


def _run(items: Any) -> str:
    """The literal letters and digits a parsed sequence starts with."""
    run = ""
    for op, value in items:
        if op is not _LITERAL or not chr(value).isalnum():
            break
        run += chr(value)
    return run[:LEAD]


def leads(pattern: str) -> frozenset[str] | None:
    """How a word must start for `pattern` to match there, or None if it cannot be told.

    Read off the parsed pattern: a word boundary, then letters, or a group of alternatives that
    each start with letters; or alternatives that each do. Lookbehinds before the boundary do
    not matter.
    """
    parsed = _parser.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.ASCII):  # "Pay" or an ASCII-only "\b"
        return None
    return _leads(parsed)


def _leads(parsed: Any) -> frozenset[str] | None:
    items = [item for item in parsed if item[0] not in _LOOKAROUNDS]
    if len(items) == 1 and items[0][0] is _BRANCH:  # "\bno time\b|\bhave time for\b"
        found = [_leads(branch) for branch in items[0][1][1]]
        return frozenset().union(*found) if all(found) else None  # type: ignore[arg-type]
    if len(items) < 2 or items[0] != _AT_WORD_START:
        return None
    op, value = items[1]
    if op is _BRANCH:  # "\b(?:from|in) county hall": the parser inlines the group
        found = [_leads([items[0], *branch]) for branch in value[1]]
        return frozenset().union(*found) if all(found) else None  # type: ignore[arg-type]
    if op is _LITERAL:
        lead = _run(items[1:])
        return frozenset({lead}) if lead else None
    if op is _SUBPATTERN:
        if value[1] or value[2]:  # local flags ("(?i:...)") change what a letter matches
            return None
        group = list(value[-1])
        if len(group) == 1 and group[0][0] is _BRANCH:
            runs = frozenset(_run(branch) for branch in group[0][1][1])
            return runs if all(runs) else None
        lead = _run(group)
        return frozenset({lead}) if lead else None
    return None


_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_SPACE: r"\s",
}


def _first(items: Any, after: set[str] | None = None) -> set[str] | None:
    """Character-class items one of which every match of a parsed sequence starts with, given
    `after`, those of what follows the sequence (None: nothing follows, or it cannot be told).
    A part that can match nothing ("^", "(?:^|i )", "x?") lets what follows it start the match:
    "(?:^|\\bi )gave" starts with "g" or "i"."""
    items = list(items)
    for index, (op, value) in enumerate(items):
        if op in _LOOKAROUNDS or op is _constants.AT:
            continue  # zero width: the first character is still to come
        if op is _LITERAL:
            return {re.escape(chr(value))}
        if op is _SUBPATTERN:
            if value[1] or value[2]:  # local flags ("(?i:...)") change what a letter matches
                return None
            return _first(value[-1], _first(items[index + 1 :], after))
        if op is _BRANCH:
            rest = _first(items[index + 1 :], after)
            found: set[str] = set()
            for branch in value[1]:
                first = _first(branch, rest)
                if first is None:
                    return None
                found |= first
            return found
        if op is _constants.IN:
            found = set()
            for kind, item in value:
                if kind is _LITERAL:
                    found.add(re.escape(chr(item)))
                elif kind is _constants.RANGE:
                    found.add(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
                elif kind is _constants.CATEGORY and item in _CATEGORIES:
                    found.add(_CATEGORIES[item])
                else:
                    return None  # a negated class, or one too odd to copy
            return found
        if op in _REPEATS:
            rest = _first(items[index + 1 :], after)
            body = _first(value[2], rest)
            if body is None or value[0] >= 1:
                return body
            return None if rest is None else body | rest  # optional: its start, or what follows
        return None
    return after  # the sequence can match nothing: the match starts with what follows it


def first_chars(patterns: Sequence[str]) -> str:
    """A character class every match of any of `patterns` starts with ("[ps£]"), or "" if that
    cannot be told. Read off the parsed patterns, so a lookahead of it in front of their
    alternation changes nothing that is found: it only lets the search pass over a position
    with one test instead of one per alternative (most positions start no match)."""
    found: set[str] = set()
    for pattern in patterns:
        try:
            parsed = _parser.parse(pattern)
        except re.error:
            return ""
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return ""
        first = _first(parsed)
        if not first:
            return ""
        found |= first
    return "[" + "".join(sorted(found)) + "]"


def word_alternation(words: Collection[str]) -> str:
    """A regex of "any of `words`" laid out as a tree of their letters ("t(?:ms?|bh)"): at each
    position the engine follows one branch a letter instead of trying every word in turn, which
    a flat alternation of eighty-odd words did (a third of `normalise`). Where one word is the
    start of another the longer is tried first, as a flat alternation sorted longest first
    tries them, so the two find the same matches, compiled without IGNORECASE (under it "Ab" and
    "abc" would sit in different branches, and the engine would stop at "ab" in "abc")."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here

    def branches(node: dict[str, Any]) -> str:
        kids = [re.escape(letter) + branches(sub) for letter, sub in sorted(node.items()) if letter]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        # Greedy: the longer words through this letter first, then the word that ends here.
        return f"(?:{body})?" if "" in node else body

    return branches(tree)


def any_of(patterns: Sequence[str]) -> re.Pattern[str]:
    """One regex for "any of `patterns`", with the first-character lookahead when it is known.
    (The alternatives keep their order; where two match at the same place the first wins.)"""
    joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
    first = first_chars(patterns)
    return re.compile(f"(?={first})(?:{joined})" if first else joined)


_AT_START = (_constants.AT_BEGINNING, _constants.AT_BEGINNING_STRING)


def searched(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled for searching: behind its first-character lookahead (`any_of`), so a
    position no match can start at costs one test, not the pattern's opening lookbehinds
    ("(?<!not )(?<!never )...\\bhard"); as it is if it is anchored at the start, which the regex
    engine tries there alone (a lookahead in front would hide the anchor from it), or if it
    sets flags for the whole pattern ("(?i)"), which must stay at its start."""
    parsed = _parser.parse(pattern)
    if parsed.data and parsed.data[0] in [(_constants.AT, at) for at in _AT_START]:
        return re.compile(pattern)
    if parsed.state.flags & ~re.UNICODE:  # "(?i)…" must stay at the start: not put behind one
        return re.compile(pattern)
    return any_of([pattern])


def could_hold(gates: Sequence[tuple[int, tuple[str, ...]]], text: str) -> tuple[int, ...]:
    """The indexes of the `gates` (index, strings one of which every match needs) whose pattern
    `text` could hold: it holds one of the strings, or none is known. A plain loop: a generator
    a pattern cost twice as much, more than the search it saves."""
    found = []
    for index, needs in gates:
        if not needs:
            found.append(index)
            continue
        for literal in needs:
            if literal in text:
                found.append(index)
                break
    return tuple(found)


_CHOICES = 1024  # compiled alternations an AnyOf keeps


class AnyOf:
    """Any of `patterns`, found as `any_of` finds it, but tried with only those of them a text
    could hold: a pattern whose every match contains one of a few strings (`gate`) is left out
    of the search of a text that holds none. The alternation of the rest is compiled once per
    such choice. Most comments hold the strings of none or one of a list, so most searches are
    a few substring tests; the whole alternation tried at every position cost several times as
    much (the first and last matches are the same: a pattern left out cannot match)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._gates = tuple(enumerate([gate(re.compile(p)) for p in self.patterns]))
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def regex_for(self, text: str) -> re.Pattern[str] | None:
        """The alternation of the patterns `text` could hold, or None if it could hold none."""
        indexes = could_hold(self._gates, text)
        if not indexes:
            return None
        found = self._compiled.get(indexes)
        if found is None:  # one per choice of patterns the texts have needed, at most _CHOICES
            if len(self._compiled) >= _CHOICES:
                self._compiled.clear()
            found = self._compiled[indexes] = any_of([self.patterns[i] for i in indexes])
        return found

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match in `text` from `pos`, as `any_of(patterns).search` finds it."""
        regex = self.regex_for(text)
        return None if regex is None else regex.search(text, pos)

    def sub(self, replacement: str, text: str) -> str:
        """`text` with every match replaced, as `any_of(patterns).sub` replaces them."""
        regex = self.regex_for(text)
        return text if regex is None else regex.sub(replacement, text)


_LAST_READ: tuple[str, frozenset[str]] = ("", frozenset())


def distinct_words(text: str) -> frozenset[str]:
    """The words of `text`, each once. The last text's are remembered: a clause is read for its
    word starts, its cues and its phrases in turn, and finding its words each time cost a sixth
    of that. (A tuple swapped whole, so threads never see one text's words under another; the
    bot only ever analyses redacted text, so no name is kept.)"""
    global _LAST_READ
    last = _LAST_READ
    if last[0] == text:
        return last[1]
    found = frozenset(_WORDS.findall(text))
    _LAST_READ = (text, found)
    return found


_LONG_WORD = 32  # longer words are checked against every fragment, not cut into pieces
_WORDS_KEPT = 1 << 16  # words remembered per `WordGates`, then forgotten all at once


class WordGates:
    """Which of a list of gates (each: strings one of which every match of a pattern holds) a
    text could pass, found word by word and remembered per word.

    A gate's string is present only if its longest run of word characters (its fragment: "stay"
    of "i stay") is inside one of the text's words, since a run of word characters lies within
    one word. So the gates a text could pass are the union, over its words, of those whose
    fragment the word holds: a few set unions of remembered words, instead of a substring test
    per gate. A gate with a string of no word character, or none known, is always in."""

    def __init__(self, gates: Sequence[tuple[str, ...]]) -> None:
        by_fragment: dict[str, set[int]] = {}
        always = set()
        for index, strings in enumerate(gates):
            runs = [max(_WORDS.findall(s), key=len, default="") for s in strings]
            if not strings or not all(runs):
                always.add(index)
                continue
            for run in runs:
                by_fragment.setdefault(run, set()).add(index)
        self._by_fragment = {run: frozenset(found) for run, found in by_fragment.items()}
        self._lengths = tuple(sorted({len(run) for run in by_fragment}))
        self.always: frozenset[int] = frozenset(always)
        self._words: dict[str, frozenset[int]] = {}

    def of_word(self, word: str) -> frozenset[int]:
        """The gates with a fragment inside `word`."""
        found = self._words.get(word)
        if found is not None:
            return found
        by_fragment = self._by_fragment
        hits: set[int] = set()
        if len(word) > _LONG_WORD:  # junk: each fragment tested, in C, not every piece sliced
            for run, indexes in by_fragment.items():
                if run in word:
                    hits.update(indexes)
        else:
            for length in self._lengths:
                for start in range(len(word) - length + 1):
                    piece = by_fragment.get(word[start : start + length])
                    if piece is not None:
                        hits.update(piece)
        found = frozenset(hits)
        if len(self._words) >= _WORDS_KEPT:  # junk text must not hold the memory for good
            self._words.clear()
        self._words[word] = found
        return found

    def could_pass(self, text: str) -> frozenset[int]:
        """The gates `text` could pass: every one whose strings it holds, and a few more."""
        return self.always.union(*recalled(self._words, distinct_words(text), self.of_word))


# Each word's starts, remembered, as `WordGates` remembers words (the bot only ever analyses
# redacted text, so no name is kept).
_STARTS: dict[str, tuple[str, str, str]] = {}


def word_starts(text: str) -> frozenset[str]:
    """The first one, two and three characters of every word of `text`, for `leads`."""
    words = distinct_words(text)
    # Each word's starts are sliced once and remembered (staff reuse their words): slicing
    # every word of every clause three ways cost a twentieth of the rules.
    return frozenset(chain.from_iterable(recalled(_STARTS, words, _starts_of)))


def _starts_of(word: str) -> tuple[str, str, str]:
    """The first one, two and three characters of `word` (a shorter word gives itself again)."""
    found = _STARTS.get(word)
    if found is None:
        found = (word[:1], word[:2], word[:3])
        if len(word) > _LONG_WORD:  # junk: not kept, so long words cannot fill the memory
            return found
        if len(_STARTS) >= _WORDS_KEPT:  # junk text must not hold the memory for good
            _STARTS.clear()
        _STARTS[word] = found
    return found


class Cues:
    """Every theme's cue patterns, indexed by how their words start: a clause is searched only
    with the cues its words could match, each a small regex, and with the few cues that cannot be
    indexed (they start with a digit, "£" or an optional word). Each of those regexes is also
    gated: it runs only if the clause holds one of a set of strings, one of which every match of
    it contains (most clauses whose words start as a cue's do not hold the rest of it: "i"
    leads a hundred cues). The few searches whose strings a clause could hold are found word by
    word (`WordGates`), then tested for their leading word start and strings."""

    def __init__(self, cues: Mapping[str, Sequence[str]]) -> None:
        by_start: dict[str, dict[str, list[str]]] = {}
        always: dict[str, list[str]] = {}
        for theme, patterns in cues.items():
            for pattern in patterns:
                found = leads(pattern)
                for start in found or ():
                    by_start.setdefault(start, {}).setdefault(theme, []).append(pattern)
                if not found:
                    always.setdefault(theme, []).append(pattern)
        self.themes = tuple(cues)
        self.by_start = {
            start: tuple((theme, *_gated(p)) for theme, p in themes.items())
            for start, themes in by_start.items()
        }
        # Each on its own, with its own strings: joined, a theme's cues would run whenever a
        # clause held the strings of any of them ("am" of "8am till 8pm" is in "team").
        self.always = tuple(
            (theme, *_gated([pattern]))
            for theme, patterns in always.items()
            for pattern in patterns
        )
        # Every search laid out once, with the word start that leads it (None: no word does);
        # the few a clause could pass the gate of are found word by word.
        self._searches = tuple((*entry, None) for entry in self.always) + tuple(
            (*entry, start) for start, entries in self.by_start.items() for entry in entries
        )
        self._words = WordGates([strings for _theme, _pattern, strings, _lead in self._searches])

    def themes_in(self, text: str, starts: frozenset[str]) -> set[str]:
        """The themes whose cues `text` (whose `word_starts` are `starts`) holds."""
        found: set[str] = set()
        searches = self._searches
        for index in self._words.could_pass(text):
            theme, pattern, strings, lead = searches[index]
            if theme in found or (lead is not None and lead not in starts):
                continue
            if _passes(strings, text) and pattern.search(text):
                found.add(theme)
        return found


def _gated(patterns: list[str]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Any of `patterns` as one regex, and the strings one of which its every match contains
    (empty when one of them needs none that can be told)."""
    gates = [gate(re.compile(pattern)) for pattern in patterns]
    literals = frozenset().union(*gates) if all(gates) else frozenset()
    # A text that holds "covered" holds "cover": only the strings that hold no other are tried.
    least = [s for s in literals if not any(o != s and o in s for o in literals)]
    return any_of(patterns), tuple(sorted(least))


def _passes(gate: tuple[str, ...], text: str) -> bool:
    """Whether `text` holds one of `gate`'s strings, or `gate` is empty (nothing is known)."""
    if not gate:
        return True
    for literal in gate:  # noqa: SIM110 - a loop, not any(): cheaper for one or two strings
        if literal in text:
            return True
    return False


def _required(items: Any) -> frozenset[str] | None:
    """Strings at least one of which is in every match of a parsed sequence, or None if no such
    set can be read off it. The set with the longest shortest string wins: the rarer, the better.
    """
    best: frozenset[str] | None = None

    def offer(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and all(candidate) and (best is None or _rank(candidate) > _rank(best)):
            best = candidate

    run = ""
    for op, value in items:
        if op is _LITERAL:
            run += chr(value)
            continue
        offer(frozenset({run}) if run else None)
        run = ""
        if op is _SUBPATTERN:
            if not (value[1] or value[2]):  # local flags ("(?i:...)") change what a letter matches
                offer(_required(value[-1]))
        elif op is _BRANCH:
            branches = [_required(branch) for branch in value[1]]
            if all(branches):
                offer(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS and value[0] >= 1:
            offer(_required(value[2]))
    offer(frozenset({run}) if run else None)
    return best


def _rank(strings: frozenset[str]) -> tuple[int, int]:
    return (min(len(s) for s in strings), -len(strings))


def gate(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Literal strings one of which every match of a cue or phrase contains (empty: none known).

    Read off the parsed pattern, so it is sound by construction: concatenations require any
    one of their parts, alternations the union of their branches, repeats of at least one their
    body; optional parts, character classes and groups with flags of their own require
    nothing, and a case-blind pattern gives none.
    """
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & re.IGNORECASE:  # "No longer" matches where "no longer" is not in it
        return ()
    required = _required(parsed)
    return tuple(sorted(required)) if required else ()


class Phrases:
    """Scored phrases in order, each with the strings that gate it and the word starts that
    unlock it: a clause is checked for them (substring tests, in C) before the phrase's regex
    runs, so a clause costs a few regex searches, not a hundred."""

    def __init__(self, phrases: Sequence[tuple[str, float]]) -> None:
        compiled = [(re.compile(p), score) for p, score in phrases]
        self.gates: tuple[tuple[re.Pattern[str], float, tuple[str, ...]], ...] = tuple(
            (searched(pattern.pattern), score, gate(pattern)) for pattern, score in compiled
        )
        self.leads: tuple[frozenset[str] | None, ...] = tuple(
            leads(pattern.pattern) for pattern, _score in compiled
        )
        self.words = WordGates([strings for _pattern, _score, strings in self.gates])
