"""What the eleven themes sound like in children's social care, and how staff say good and bad:
loaded from two files beside this module, checked, and offered as typed values.

- `data/words.yaml`: plain word lists (good and bad words, negators, each theme's words), the
  place a council adds its own words;
- `data/patterns.yaml`: expert regular expressions (theme cues that need word order or digits,
  scored phrases, sarcasm, leaving for elsewhere, how a question leans).

Both are read at import; a file that cannot be used stops the import with a LexiconError naming
the file and the key. Patterns are over normalised text (analysis.text.normalise): lower case,
abbreviations expanded ("tm" is "team manager"), contractions opened ("isn't" is "is not").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

import yaml

from analysis.matching import AnyOf, Cues, Phrases, any_of, leads, word_starts
from surveys.themes import THEMES

__all__ = [
    "BODY",
    "DEPARTURE",
    "LEXICON",
    "NEGATIVE",
    "NEGATORS",
    "PHRASE_GATES",
    "PHRASE_LEADS",
    "PHRASE_WORDS",
    "POSITIVE",
    "SARCASM",
    "SURVEY",
    "THEME_CUES",
    "THEME_PATTERNS",
    "Lexicon",
    "LexiconError",
    "QuestionLean",
    "leads",
    "load",
    "question_lean",
    "word_starts",
]

DATA: Final = Path(__file__).resolve().parent / "data"
WORDS_PATH: Final = DATA / "words.yaml"
PATTERNS_PATH: Final = DATA / "patterns.yaml"
_THEMES: Final = tuple(THEMES)
# A plain entry: lower-case words; a final * means "any word starting so".
_PLAIN = re.compile(r"[a-z0-9£][a-z0-9£ '-]*\*?")


class LexiconError(ValueError):
    """A word-list or pattern file that cannot be used; the message names the file, the key
    and why."""


@dataclass(frozen=True)
class QuestionLean:
    """What answers to a question lean to when their words do not say."""

    pattern: re.Pattern[str]
    direction: Literal["pos", "neg"] | None
    elsewhere: bool = False  # the answers describe another employer
    wish: bool = False  # the answers name what is missing here ("What would you change?")


@dataclass(frozen=True)
class QuestionWords:
    """The words that lean a question no pattern of `questions` knows, kind by kind: what a
    form's question asks for is told by its words ("What are you grateful for?", "Where do
    things go wrong for you?"), which recur where the phrasings do not."""

    skip: re.Pattern[str]  # questions of degree, or "anything else": they lean nowhere
    elsewhere: re.Pattern[str]
    wish: re.Pattern[str]
    pos: re.Pattern[str]
    neg: re.Pattern[str]


@dataclass(frozen=True)
class ThenAndNow:
    """The time words that tell a change through the past ("caseload is 17. in october it was
    29"): which clauses of a comment are about then and which about now (analysis.learned)."""

    # Each searched as `AnyOf` searches: with only the patterns a text could hold. Read for
    # every comment and clause, the whole alternation of `then` tried at every position cost a
    # twentieth of the analyser's time, four times what the gated search costs.
    then: AnyOf  # "used to", "a year ago", "when I started", "the old office"
    was: AnyOf  # "was", "had": about then only in a comment that also speaks of now
    now: AnyOf  # "now", "since", "no more", "these days"


_NEVER: Final = re.compile(r"(?!x)x")
NO_QUESTION_WORDS: Final = QuestionWords(_NEVER, _NEVER, _NEVER, _NEVER, _NEVER)
NO_THEN_AND_NOW: Final = ThenAndNow(AnyOf(()), AnyOf(()), AnyOf(()))


@dataclass(frozen=True)
class Lexicon:
    """Both files, checked. Theme cues hold each theme's plain words as patterns too."""

    positive: frozenset[str]
    negative: frozenset[str]
    negators: frozenset[str]
    cues: Mapping[str, tuple[str, ...]]
    phrases: tuple[tuple[str, float], ...]
    sarcasm: tuple[str, ...]
    departure: tuple[str, ...]
    going_to: tuple[str, ...]
    questions: tuple[QuestionLean, ...]
    survey: tuple[str, ...] = ()
    question_words: QuestionWords = NO_QUESTION_WORDS
    then_and_now: ThenAndNow = NO_THEN_AND_NOW
    # A long working day told by its ends: one pattern (its entries joined), which is also one
    # of work_life_balance's cues, so the cue that names the theme and the rule that scores it
    # cannot drift apart.
    long_day: str = r"(?!x)x"
    # What the work does to the worker's body or sleep: wellbeing is spoken of (rules).
    body: tuple[str, ...] = ()
    # What the work did to the body that has eased: wellbeing is good news (rules).
    eased: tuple[str, ...] = ()
    # The named parts of patterns, as put in: for a reading outside the rules that must agree
    # with them ("denial_lead", read by analysis.learned).
    fragments: Mapping[str, str] = field(default_factory=dict)


def _mapping(path: Path, keys: set[str]) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path.name}: not YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path.name}: expected a mapping of {', '.join(sorted(keys))}")
    unknown = set(data) - keys
    if unknown:
        raise LexiconError(f"{path.name}: unknown keys {sorted(unknown)}")
    return data


# A fragment's name where a pattern uses it: "{goods}". Python's regular expressions read
# "{" as a count only before digits ("{0,3}"), so a name in braces cannot be mistaken for one.
_NAME = "[a-z_]+"
_FRAGMENT_NAME = re.compile(rf"\{{({_NAME})\}}")


def _fragments(value: object, where: str) -> dict[str, str]:
    """Named parts of patterns ("what a job gives"), each written once and used as {name} by
    the patterns after it, the later fragments included: in order, each a regular expression
    on its own once its own fragments are put in."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LexiconError(f"{where}: expected a mapping of names to patterns")
    found: dict[str, str] = {}
    for name, pattern in value.items():
        if not isinstance(name, str) or not re.fullmatch(_NAME, name):
            raise LexiconError(f"{where}: {name!r} is not a name of lower-case letters and _")
        found[name] = _pattern(_put_in(pattern, found, f"{where}.{name}"), f"{where}.{name}")
    return found


def _put_in(value: object, fragments: dict[str, str], where: str) -> object:
    """`value` with each {name} in its strings (in lists, at any depth) replaced by the
    fragment, as a group; a name no fragment before it has is refused."""
    if isinstance(value, list):
        return [_put_in(item, fragments, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: _put_in(item, fragments, f"{where}.{key}") for key, item in value.items()}
    if not isinstance(value, str):
        return value

    def fragment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise LexiconError(f"{where}: no fragment {{{name}}} above it")
        return f"(?:{fragments[name]})"

    return _FRAGMENT_NAME.sub(fragment, value)


def _list(value: object, where: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list")
    return value


def _words(value: object, where: str) -> tuple[str, ...]:
    words: list[str] = []
    for i, item in enumerate(_list(value, where)):
        if not isinstance(item, str) or not _PLAIN.fullmatch(item):
            raise LexiconError(
                f"{where}[{i}]: {item!r} is not a plain lower-case word or phrase "
                "(regular expressions go in patterns.yaml)"
            )
        if item in words:
            raise LexiconError(f"{where}[{i}]: {item!r} is listed twice")
        words.append(item)
    return tuple(words)


def _pattern(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise LexiconError(f"{where}: expected a regular expression")
    try:
        re.compile(value)
    except re.error as exc:
        raise LexiconError(f"{where}: {value!r} does not compile ({exc})") from exc
    return value


def _patterns(value: object, where: str) -> tuple[str, ...]:
    return tuple(_pattern(item, f"{where}[{i}]") for i, item in enumerate(_list(value, where)))


def _patterns_apart(value: object, where: str) -> tuple[str, ...]:
    """A list of patterns searched as `AnyOf` searches them, checked (`_no_capture_groups`)."""
    return _no_capture_groups(_patterns(value, where), where)


def _no_capture_groups(patterns: tuple[str, ...], where: str) -> tuple[str, ...]:
    """`patterns`, refused if one has a capture group: `AnyOf` joins only those a text could
    hold, so a group would be numbered by which were joined, and a backreference to it could
    then match where the whole list does not."""
    for i, pattern in enumerate(patterns):
        if re.compile(pattern).groups:
            raise LexiconError(f"{where}[{i}]: {pattern!r} has a capture group; use (?:...)")
    return patterns


def _by_theme(value: object, where: str) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, dict) or any(theme not in _THEMES for theme in value):
        raise LexiconError(f"{where}: keys must be themes ({', '.join(_THEMES)})")
    return value


def plain_pattern(entry: str) -> str:
    """A plain theme word as the pattern it stands for: "duty" whole, "stress*" as a start."""
    if entry.endswith("*"):
        return r"\b" + re.escape(entry[:-1]).replace(r"\ ", " ")
    return r"\b" + re.escape(entry).replace(r"\ ", " ") + r"\b"


def _questions(value: object, where: str) -> tuple[QuestionLean, ...]:
    found = []
    for i, item in enumerate(_list(value, where)):
        at = f"{where}[{i}]"
        if not isinstance(item, dict) or item.get("lean") not in ("pos", "neg", None):
            raise LexiconError(f"{at}: expected match, and lean pos or neg")
        unknown = set(item) - {"match", "lean", "elsewhere", "wish"}
        if unknown:
            raise LexiconError(f"{at}: unknown keys {sorted(unknown)}")
        flags = [item.get(flag, False) for flag in ("elsewhere", "wish")]
        if not all(isinstance(flag, bool) for flag in flags):
            raise LexiconError(f"{at}: elsewhere and wish must be true or false")
        pattern = re.compile(_pattern(item.get("match"), f"{at}.match"))
        found.append(QuestionLean(pattern, item.get("lean"), *flags))
    return tuple(found)


def _kinds(value: object, where: str, kinds: tuple[str, ...]) -> list[re.Pattern[str]]:
    """A section of named lists of patterns, each list joined into one pattern, in `kinds`'
    order."""
    return [_joined(entries) for entries in _kind_lists(value, where, kinds)]


def _kind_lists(value: object, where: str, kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A section of named lists of patterns, in `kinds`' order, each list checked to compile
    joined into one pattern."""
    if not isinstance(value, dict) or set(value) != set(kinds):
        raise LexiconError(f"{where}: expected lists of {', '.join(kinds)}")
    found = []
    for kind in kinds:
        entries = _patterns(value[kind], f"{where}.{kind}")
        try:  # each compiles alone; joined, a flag inside one ("(?i)") is refused
            _joined(entries)
        except re.error as exc:
            raise LexiconError(
                f"{where}.{kind}: the patterns do not compile together ({exc})"
            ) from exc
        found.append(entries)
    return found


def _joined(entries: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `entries` as one pattern; none matches nothing."""
    return re.compile("|".join(f"(?:{e})" for e in entries)) if entries else _NEVER


def _question_words(value: object, where: str) -> QuestionWords:
    """The `question_words` section; none leans no question by its words."""
    if value is None:
        return NO_QUESTION_WORDS
    skip, elsewhere, wish, pos, neg = _kinds(
        value, where, ("skip", "elsewhere", "wish", "pos", "neg")
    )
    return QuestionWords(skip=skip, elsewhere=elsewhere, wish=wish, pos=pos, neg=neg)


def _then_and_now_words(value: object, where: str) -> ThenAndNow:
    """The `then_and_now` section; none reads no comment as a change."""
    if value is None:
        return NO_THEN_AND_NOW
    kinds = ("then", "was", "now")
    then, was, now = (
        _no_capture_groups(entries, f"{where}.{kind}")
        for kind, entries in zip(kinds, _kind_lists(value, where, kinds), strict=True)
    )
    return ThenAndNow(then=AnyOf(then), was=AnyOf(was), now=AnyOf(now))


def _phrases(value: object, where: str) -> tuple[tuple[str, float], ...]:
    found = []
    for i, item in enumerate(_list(value, where)):
        at = f"{where}[{i}]"
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[1], int | float)
            or isinstance(item[1], bool)
        ):
            raise LexiconError(f"{at}: expected [pattern, score]")
        found.append((_pattern(item[0], at), float(item[1])))
    return tuple(found)


def load(words_path: Path = WORDS_PATH, patterns_path: Path = PATTERNS_PATH) -> Lexicon:
    """Read and check both files; LexiconError says what is wrong, in which file, under which
    key."""
    w = words_path.name
    words = _mapping(words_path, {"negators", "positive", "negative", "themes"})
    positive = _words(words.get("positive"), f"{w}, positive")
    negative = _words(words.get("negative"), f"{w}, negative")
    both = sorted(set(positive) & set(negative))
    if both:
        raise LexiconError(f"{w}: {both} are in both positive and negative")
    theme_words = {
        theme: _words(entries, f"{w}, themes.{theme}")
        for theme, entries in _by_theme(words.get("themes"), f"{w}, themes").items()
    }
    p = patterns_path.name
    sections = {
        "fragments",
        "questions",
        "cues",
        "phrases",
        "sarcasm",
        "departure",
        "going_to",
        "survey",
        "long_day",
        "body",
        "eased",
        "question_words",
        "then_and_now",
    }
    patterns = _mapping(patterns_path, sections)
    fragments = _fragments(patterns.pop("fragments", None), f"{p}, fragments")
    if "bad_word" in fragments:
        raise LexiconError(f"{p}, fragments: bad_word is made from {w}'s negative words")
    # The negative words that judge rather than name (not a theme's word: "overtime",
    # "bureaucracy", "vacancies" and "toxic" are named to be denied too, "Not overtime."),
    # whole, for the patterns: a phrase can leave a word of judgement to the word scores ("not
    # controlling" is no bare name denied, `phrases`).
    named = [re.compile(plain_pattern(e)) for entries in theme_words.values() for e in entries]
    judging = sorted(
        (word for word in negative if not any(cue.match(word) for cue in named)),
        key=lambda word: (-len(word), word),
    )
    fragments["bad_word"] = rf"\b(?:{'|'.join(judging)})\b"
    patterns = {key: _put_in(value, fragments, f"{p}, {key}") for key, value in patterns.items()}
    theme_patterns = {
        theme: _patterns(entries, f"{p}, cues.{theme}")
        for theme, entries in _by_theme(patterns.get("cues"), f"{p}, cues").items()
    }
    long_day = "|".join(f"(?:{e})" for e in _patterns(patterns.get("long_day"), f"{p}, long_day"))
    cues = {
        theme: tuple(plain_pattern(e) for e in theme_words.get(theme, ()))
        + theme_patterns.get(theme, ())
        + ((long_day,) if theme == "work_life_balance" and long_day else ())
        for theme in _THEMES
    }
    return Lexicon(
        positive=frozenset(positive),
        negative=frozenset(negative),
        negators=frozenset(_words(words.get("negators"), f"{w}, negators")),
        cues=cues,
        phrases=_phrases(patterns.get("phrases"), f"{p}, phrases"),
        sarcasm=_patterns_apart(patterns.get("sarcasm"), f"{p}, sarcasm"),
        departure=_patterns_apart(patterns.get("departure"), f"{p}, departure"),
        going_to=_patterns(patterns.get("going_to"), f"{p}, going_to"),
        questions=_questions(patterns.get("questions"), f"{p}, questions"),
        survey=_patterns_apart(patterns.get("survey"), f"{p}, survey"),
        question_words=_question_words(patterns.get("question_words"), f"{p}, question_words"),
        then_and_now=_then_and_now_words(patterns.get("then_and_now"), f"{p}, then_and_now"),
        long_day=long_day or r"(?!x)x",  # none: a pattern that never matches
        body=_patterns(patterns.get("body"), f"{p}, body"),
        eased=_patterns(patterns.get("eased"), f"{p}, eased"),
        fragments=fragments,
    )


LEXICON: Final[Lexicon] = load()

POSITIVE: Final[dict[str, float]] = dict.fromkeys(sorted(LEXICON.positive), 1.0)
NEGATIVE: Final[dict[str, float]] = dict.fromkeys(sorted(LEXICON.negative), -1.0)
NEGATORS: Final[frozenset[str]] = LEXICON.negators
# Every theme's cue patterns, and the index that searches a clause with only those it could hold.
THEME_PATTERNS: Final[Mapping[str, tuple[str, ...]]] = LEXICON.cues
THEME_CUES: Final[Cues] = Cues(THEME_PATTERNS)
_PHRASES: Final = Phrases(LEXICON.phrases)
PHRASE_GATES: Final = _PHRASES.gates
PHRASE_LEADS: Final = _PHRASES.leads
PHRASE_WORDS: Final = _PHRASES.words
# Sarcasm turns praise into complaint.
SARCASM: Final = AnyOf(LEXICON.sarcasm)
# Leaving for something better elsewhere: what is better there is a reason to leave here.
DEPARTURE: Final = AnyOf(LEXICON.departure)
# Of those, the cues that name a job elsewhere: a clause is cut where one starts.
GOING_TO: Final[re.Pattern[str]] = any_of(LEXICON.going_to)
# About the survey itself ("is this survey anonymous?"), not about work.
SURVEY: Final = AnyOf(LEXICON.survey)
# A working day from early morning into the evening ("in from 7 to 7"): work_life_balance's cue.
LONG_DAY: Final[re.Pattern[str]] = re.compile(LEXICON.long_day)
# What the work does to the worker's body or sleep ("panic attacks", "not sleeping").
BODY: Final[re.Pattern[str]] = any_of(LEXICON.body)
# What the work did to the body that has eased ("not had a panic attack since I moved teams").
EASED: Final[re.Pattern[str]] = any_of(LEXICON.eased)
# A change told through the past: which clauses are about then, which about now.
THEN_AND_NOW: Final[ThenAndNow] = LEXICON.then_and_now


# A survey asks a few questions, each of many people: each is leaned once.
@lru_cache(maxsize=256)
def question_lean(question: str) -> QuestionLean | None:
    """How answers to `question` lean when their own words do not say: by the first pattern of
    `questions` that matches, or else by the question's words (`_lean_by_words`); None if
    neither leans it."""
    lowered = question.lower().replace("’", "'")
    for lean in LEXICON.questions:
        if lean.pattern.search(lowered):
            # A rule with no lean says the question leans nowhere ("How satisfied are you with
            # your pay?"): no lean at all, as for a question no rule knows.
            return lean if lean.direction or lean.elsewhere or lean.wish else None
    return _lean_by_words(lowered, LEXICON.question_words)


def _lean_by_words(question: str, words: QuestionWords) -> QuestionLean | None:
    """The lean of a question no pattern knows, by its words: another employer's offer, then a
    wish, then whichever of good or bad news it asks about more; a tie leans nowhere."""
    if words.skip.search(question):
        return None
    if words.elsewhere.search(question):
        return QuestionLean(words.elsewhere, "neg", elsewhere=True)
    if words.wish.search(question):
        return QuestionLean(words.wish, "neg", wish=True)
    good = len(words.pos.findall(question))
    bad = len(words.neg.findall(question))
    if good > bad:
        return QuestionLean(words.pos, "pos")
    if bad > good:
        return QuestionLean(words.neg, "neg")
    return None
