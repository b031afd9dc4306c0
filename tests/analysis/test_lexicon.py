"""The shortcuts that make the analyser fast must never change what it finds: every cue and
phrase that matches a text is one its index would have tried."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import matching as matching_module
from analysis import rules as rules_module
from analysis import text as text_module
from analysis.lexicon import (
    PATTERNS_PATH,
    PHRASE_GATES,
    THEME_CUES,
    THEME_PATTERNS,
    THEN_AND_NOW,
    WORDS_PATH,
    LexiconError,
    leads,
    load,
    plain_pattern,
    word_starts,
)
from analysis.matching import (
    AnyOf,
    Cues,
    WordGates,
    any_of,
    distinct_words,
    first_chars,
    searched,
    word_alternation,
)
from analysis.matching import gate as needed_strings
from analysis.rules import spend_phrases
from analysis.text import clauses, normalise
from tests.analysis.plain import plain_python

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
        for p in (*[c for cs in THEME_PATTERNS.values() for c in cs],)
        for w in re.findall(r"[a-z]+", p)
    }
    | {w for p, _s, _g in PHRASE_GATES for w in re.findall(r"[a-z]+", p.pattern)}
)


def _texts() -> list[str]:
    texts = list(WRITTEN)
    texts += [json.loads(line)["text"] for line in DEV.read_text().splitlines()]
    return [c.text for t in texts for c in clauses(normalise(t))]


_RAW_PHRASES = [re.compile(pattern) for pattern, _score in load().phrases]


def _check(text: str) -> None:
    starts = word_starts(text)
    for raw, (prefixed, _score, _gate) in zip(_RAW_PHRASES, PHRASE_GATES, strict=True):
        # The prefilter in front of a phrase changes nothing it finds, or where.
        assert raw.subn(" ", text) == prefixed.subn(" ", text), (raw.pattern, text)
    expected = {t for t, cues in THEME_PATTERNS.items() if any(re.search(c, text) for c in cues)}
    assert THEME_CUES.themes_in(text, starts) == expected, text
    for pattern, _score, gate in PHRASE_GATES:
        if pattern.search(text):
            found = leads(pattern.pattern)
            assert found is None or not found.isdisjoint(starts), (pattern.pattern, text)
            assert not gate or any(g in text for g in gate), (pattern.pattern, text)


@pytest.mark.parametrize("text", _texts())
def test_index_finds_what_a_full_search_finds(text: str) -> None:
    _check(text)


@pytest.mark.slow  # 300 random texts: the `make test` tier
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY) | st.sampled_from(["5", "30", "£3k", ",", "'"])))
def test_index_is_sound_on_random_word_salad(words: list[str]) -> None:
    _check(" ".join(words))


def _every_phrase(text: str) -> tuple[str, float]:
    """What the phrase index must find: every phrase tried in order, with no shortcut."""
    score = 0.0
    for pattern, value, _gate in PHRASE_GATES:
        text, found = pattern.subn(" ", text)
        if found:
            score += value
    return text, score


# Phrases that end inside a word leave the rest of it as a new word ("why i stay|in"); phone
# typing runs words together.
RUN_TOGETHER = [
    "why i stayin my last job",
    "reason i stayat my previous council",
    "they pay doublein my last job",
    "why i staynot bad really",
]


@pytest.mark.parametrize("text", RUN_TOGETHER)
def test_phrases_find_what_trying_every_phrase_finds(text: str) -> None:
    assert spend_phrases(text) == _every_phrase(text)


@pytest.mark.slow  # 300 random texts: the `make test` tier
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1), st.lists(st.booleans()))
def test_phrases_are_sound_on_run_together_word_salad(words: list[str], joins: list[bool]) -> None:
    # Some neighbouring words typed with no space between them.
    text = words[0]
    for word, join in zip(words[1:], joins + [False] * len(words), strict=False):
        text += word if join else " " + word
    assert spend_phrases(text) == _every_phrase(text)


def _passing(gates: list[tuple[str, ...]], text: str) -> set[int]:
    """The gates one of whose strings `text` holds (or that need none), tested one by one."""
    return {i for i, strings in enumerate(gates) if not strings or any(s in text for s in strings)}


_PHRASE_STRINGS = [strings for _pattern, _score, strings in PHRASE_GATES]
# Strings that are not plain words: punctuation, digits, a pound sign, spaces, a lone letter.
_ODD_STRINGS = [
    ("sign-off",),
    ("£3k", "3 k"),
    ("don't",),
    ("'s ",),
    ("?!",),
    (" i ",),
    ("cafés",),
    (),
    ("x", "stay"),
]


def test_word_gates_pass_every_gate_a_text_holds_a_string_of() -> None:
    # `PHRASE_WORDS` chooses the phrases a clause could hold word by word: it may offer more
    # than hold a string (the rest are tested after), never fewer. Every labelled comment's
    # clauses and the phrases' own strings run together, then odd strings in odd texts.
    gates = WordGates(_PHRASE_STRINGS)
    texts = _texts() + RUN_TOGETHER + ["".join(s for strings in _PHRASE_STRINGS for s in strings)]
    for text in texts:
        assert gates.could_pass(text) >= _passing(_PHRASE_STRINGS, text), text
    odd = WordGates(_ODD_STRINGS)
    for text in [
        "the sign-off chain",
        "£3k more, 3 k less",
        "don't ask",
        "the team's view",
        "really?! why",
        "what i think",
        "two cafés",
        "x",
        "stayed " + "a" * 40 + "sign-off" + "b" * 40,
        "STAY",
    ]:
        assert odd.could_pass(text) >= _passing(_ODD_STRINGS, text), text
    assert 7 in odd.could_pass("")  # no string known
    assert 4 in odd.could_pass("")  # a string with no word character in it


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=40), max_size=12), st.booleans())
def test_word_gates_are_sound_on_word_salad(words: list[str], joined: bool) -> None:
    text = ("" if joined else " ").join(words)
    assert WordGates(_PHRASE_STRINGS).could_pass(text) >= _passing(_PHRASE_STRINGS, text)


_SHORT_WORDS = st.text(alphabet="abt'", min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.sets(_SHORT_WORDS, min_size=1, max_size=12), st.text(alphabet="abt' s", max_size=40))
def test_a_tree_of_words_finds_what_the_words_longest_first_find(
    words: set[str], text: str
) -> None:
    # Words that start one another ("t", "tb", "tbt'") on text made of the same letters, so the
    # engine has to fall back from a longer word to a shorter one inside the tree.
    flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    tree = word_alternation(words)
    for ending in ("", r"(?:'[a-z]+)?\b"):
        expected = [m.span() for m in re.finditer(f"(?:{flat}){ending}", text)]
        assert [m.span() for m in re.finditer(f"(?:{tree}){ending}", text)] == expected


def test_the_domain_words_expand_as_a_flat_alternation_of_them_would() -> None:
    words = text_module._WORD_EXPANSIONS
    flat = re.compile(
        r"\b(?:"
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?:'[a-z]+)?\b"
    )
    texts = [json.loads(line)["text"].lower() for line in DEV.read_text().splitlines()]
    texts += [w + suffix for w in words for suffix in ("", "'s", "s", "'ve got", "x")]
    for text in texts:
        assert text_module._TOKEN.sub("#", text) == flat.sub("#", text), text


def test_the_last_text_s_words_are_never_another_text_s() -> None:
    # A clause's words are remembered for its next reading; a different text, even one
    # differing by a letter or only in case, must get its own.
    for text in ["my tm is great", "my tm is greta", "", "My TM is great", "my tm is great"]:
        assert distinct_words(text) == set(re.findall(r"\w+", text)), text
        assert THEME_CUES.themes_in(text, word_starts(text)) == {
            theme for theme, cues in THEME_PATTERNS.items() if any(re.search(c, text) for c in cues)
        }, text


def test_word_gates_remember_a_bounded_number_of_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching_module, "_WORDS_KEPT", 3)
    gates = WordGates([("stay",)])
    for word in ["stayed", "one", "two", "three", "four", "staying"]:
        gates.could_pass(word)
        assert len(gates._words) <= 3
    assert gates.could_pass("staying") == {0}


def test_leads_read_off_the_pattern() -> None:
    assert leads(r"\bpay\b(?! a visit)") == {"pay"}
    assert leads(r"\b(?:seeing|see) the children") == {"see"}
    assert leads(r"(?<!duty )\bteam\b") == {"tea"}
    assert leads(r"£ ?\d") is None
    assert leads(r"\b\d+ ?k\b") is None
    # A group the parser inlines, and alternatives that each lead with letters.
    assert leads(r"\b(?:from|in|up at) county hall\b") == {"fro", "in", "up"}
    assert leads(r"\bno time\b|\b(?:get|had) time for\b") == {"no", "get", "had"}
    assert leads(r"\bno time\b|\b\d+ cases\b") is None
    assert leads(r"\b(?:school )?pick[- ]?ups?\b") is None
    # Flags change what a word start is: no index rather than a wrong one.
    assert leads(r"(?i)\bpay") is None
    assert leads(r"(?a)\b(?:ab|cd)") is None
    assert leads(r"\b(?i:pay)") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My TM's lovely", "my team manager's lovely"),
        ("visits were at 5 PM with my PM", "visits were at 5 pm with my practice manager"),
        ("we're fine, caseloads were high", "we are fine, caseload were high"),
        ("Didn't get AD sign-off", "did not get assistant director signoff"),
        ("Mosiac and case loads", "mosaic and caseload"),
        # Signed off by a doctor is sickness; signed off by a manager is a sign-off.
        ("Signed off for six weeks", "off sick for six weeks"),
        ("I was signed off twice", "i was off sick twice"),
        ("I've been signed off.", "i have been off sick."),
        ("The plan was signed off by my TM", "the plan was signoff by my team manager"),
        ("I was signed off by my PM in a day", "i was signoff by my practice manager in a day"),
        ("She was signed off with stress", "she was off sick with stress"),
        ("colleague was signed off last month", "colleague was off sick last month"),
        ("my ASYE has been signed off!!", "my asye newly qualified has been signoff!!"),
        ("I was signed off as competent", "i was signoff as competent"),
        ("the placement was signed off for 6 months", "the placement was signoff for 6 months"),
        ("I was signed off in my ASYE", "i was signoff in my asye newly qualified"),
        ("I was signed off by my line manager", "i was signoff by my line manager"),
        ("signed off for the audit by my TM", "signoff for the audit by my team manager"),
        ("she was signed off sick", "she was off sick"),
        ("signed off for 2 wks in Jan", "off sick for 2 wks in jan"),
    ],
)
def test_normalise_expands_the_domain_words(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("file", "text", "named"),
    [
        ("patterns", "cues:\n  salary: ['\\\\bpay']\n", "patterns.yaml, cues"),
        ("patterns", "cues:\n  pay: ['(unclosed']\n", "patterns.yaml, cues.pay[0]"),
        ("patterns", "phrases:\n  - ['\\\\bfine\\\\b', 'high']\n", "patterns.yaml, phrases[0]"),
        ("patterns", "questions:\n  - match: 'leave'\n    lean: sideways\n", "questions[0]"),
        ("patterns", "colours: []\n", "patterns.yaml: unknown keys"),
        ("patterns", "cues: [\n", "patterns.yaml: not YAML"),
        ("patterns", "questions:\n  - match: 'x'\n    wish: 'yes'\n", "questions[0]"),
        ("patterns", "survey: '\\\\bsurvey'\n", "patterns.yaml, survey"),
        ("patterns", "question_words:\n  pos: ['good']\n", "patterns.yaml, question_words"),
        (
            "patterns",
            "question_words:\n  skip: []\n  elsewhere: []\n  wish: []\n  pos: ['a', '(?i)b']\n"
            "  neg: []\n",
            "question_words.pos: the patterns do not compile together",
        ),
        (
            "patterns",
            "question_words:\n  skip: []\n  elsewhere: []\n  wish: []\n  pos: ['(']\n  neg: []\n",
            "question_words.pos[0]",
        ),
        ("patterns", "then_and_now:\n  then: ['used to']\n", "patterns.yaml, then_and_now"),
        (
            "patterns",
            "then_and_now:\n  then: ['used to']\n  was: ['(']\n  now: ['now']\n",
            "then_and_now.was[0]",
        ),
        (
            "patterns",
            "then_and_now:\n  then: ['used to']\n  was: ['was']\n  now: ['now', '(so) far']\n",
            "then_and_now.now[1]: '(so) far' has a capture group",
        ),
        ("patterns", "sarcasm: ['(yeah) right']\n", "patterns.yaml, sarcasm[0]"),
        # Fragments: a name used before it is given, a name that is not one, one that does not
        # compile, and a pattern that does not once its fragment is put in.
        (
            "patterns",
            "phrases:\n  - ['{goods} to', 1.0]\n",
            "patterns.yaml, phrases[0][0]: no fragment {goods}",
        ),
        ("patterns", "fragments:\n  Goods: 'pay'\n", "fragments: 'Goods' is not a name"),
        ("patterns", "fragments:\n  goods: '(pay'\n", "fragments.goods"),
        (
            "patterns",
            "fragments:\n  a: 'x'\n  b: '{c}'\n  c: 'y'\n",
            "fragments.b: no fragment {c}",
        ),
        ("patterns", "fragments: ['pay']\n", "fragments: expected a mapping"),
        ("words", "positive: ['good', 'Great!']\n", "words.yaml, positive[1]"),
        ("words", "positive: ['good']\nnegative: ['good']\n", "in both positive and negative"),
        ("words", "negative: ['bad', 'bad']\n", "words.yaml, negative[1]"),
        ("words", "themes:\n  salary: ['pay']\n", "words.yaml, themes"),
        ("words", "themes:\n  pay: ['\\\\bpay']\n", "words.yaml, themes.pay[0]"),
        ("words", "negators: 'not'\n", "words.yaml, negators"),
    ],
)
def test_a_bad_lexicon_file_is_refused_naming_file_and_key(
    tmp_path: Path, file: str, text: str, named: str
) -> None:
    paths = {"words": tmp_path / "words.yaml", "patterns": tmp_path / "patterns.yaml"}
    paths["words"].write_text(WORDS_PATH.read_text())
    paths["patterns"].write_text(PATTERNS_PATH.read_text())
    paths[file].write_text(text)
    with pytest.raises(LexiconError, match=re.escape(named)):
        load(paths["words"], paths["patterns"])


def test_a_fragment_is_put_in_as_a_group_wherever_it_is_named(tmp_path: Path) -> None:
    words = tmp_path / "words.yaml"
    words.write_text(WORDS_PATH.read_text())
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text(
        "fragments:\n"
        "  goods: 'flexi|hybrid'\n"
        "  thing: 'my {goods}'\n"
        "phrases:\n"
        "  - ['hard to give up {thing}', 2.0]\n"
        "cues:\n"
        "  work_life_balance: ['{goods} days?']\n"
    )
    lexicon = load(words, patterns)
    # As a group: "flexi|hybrid" does not split the pattern it is put into.
    assert lexicon.phrases == (("hard to give up (?:my (?:flexi|hybrid))", 2.0),)
    assert "(?:flexi|hybrid) days?" in lexicon.cues["work_life_balance"]
    phrase = re.compile(lexicon.phrases[0][0])
    assert phrase.search("it would be hard to give up my hybrid")
    assert not phrase.search("hybrid")
    # A count in braces is not a fragment's name.
    patterns.write_text("phrases:\n  - ['a{1,2}', 1.0]\n")
    assert load(words, patterns).phrases == (("a{1,2}", 1.0),)


def test_the_shipped_lexicon_files_load() -> None:
    lexicon = load()
    assert set(lexicon.cues) == set(THEME_PATTERNS)
    assert lexicon.questions
    assert lexicon.phrases
    assert "good" in lexicon.positive


def test_a_plain_theme_word_is_a_whole_word_and_a_star_a_word_start() -> None:
    assert re.search(plain_pattern("duty"), "on duty today")
    assert not re.search(plain_pattern("duty"), "duties")
    assert re.search(plain_pattern("stress*"), "so stressed")
    assert re.search(plain_pattern("court work"), "no court work")


def test_first_chars_read_off_the_pattern() -> None:
    assert first_chars([r"\bpay\b", r"£ ?\d"]) == "[p£]"
    assert first_chars([r"\b(?:got )?offered a\b"]) == "[go]"
    assert first_chars([r"(?<!\d )\bpms?\b"]) == "[p]"
    assert first_chars([r"\b\d+ ?k\b"]) == r"[\d]"
    # A part that can match nothing lets what follows it start the match.
    assert first_chars([r"(?:a|)b"]) == "[ab]"
    assert first_chars([r"(?:^|\bi (?:have |had )*)(?:gave|pack) up"]) == "[gip]"
    assert first_chars([r"(?:a?)+b"]) == "[ab]"
    assert first_chars([r"x?"]) == ""  # can match nothing at all
    assert first_chars([r"(?:x|$)"]) == ""  # can match at the end, before no character
    assert first_chars([r"[^a]b"]) == ""
    assert first_chars([r"(?i:pay)"]) == ""


def test_every_cue_search_keeps_its_first_character_prefilter() -> None:
    # One cue whose first characters could not be told ("(?:^|\\bi )gave up the gym", before a
    # part that can match nothing was read through) dropped the prefilter for every cue it was
    # joined with: the thirty-first round's analysis ran about 5% slower until it was found.
    unfiltered = [
        p.pattern for _t, p, _s, _lead in THEME_CUES._searches if not p.pattern.startswith("(?=[")
    ]
    assert unfiltered == []


def test_a_phrase_is_searched_behind_its_prefilter_unless_anchored_at_the_start() -> None:
    by_text = dict(load().phrases)
    for pattern, _score, _gate in PHRASE_GATES:
        if pattern.pattern in by_text:
            assert pattern.pattern.startswith("^") or first_chars([pattern.pattern]) == ""
        else:  # prefixed: the lookahead and the pattern, as `any_of` joins one
            assert re.fullmatch(r"\(\?=\[[^]]+\]\)\(\?:\(\?:.*\)\)", pattern.pattern, re.S)


def test_a_phrase_with_flags_of_its_own_is_searched_as_written() -> None:
    # "(?i)" must stay at the start: put behind a lookahead it would not compile at all.
    for pattern in (r"(?i)\bnew phrase\b", r"(?m)^keep\b", r"\bnot$", r"^and not\b"):
        assert searched(pattern).findall("New phrase, and not") == re.findall(
            pattern, "New phrase, and not"
        )
    assert searched(r"(?i)\bnew\b").pattern == r"(?i)\bnew\b"


def test_the_expansions_keep_their_first_character_prefilter() -> None:
    # One expansion whose first characters cannot be told (a branch opening with a lookbehind)
    # silently drops the prefilter for all of them: normalising ran 3x slower in the tenth round
    # until "signed off" was rewritten to open every branch with its own words.
    every = tuple(range(len(text_module._OTHERS)))
    assert text_module._expander(every).pattern.startswith("(?=[")
    assert text_module._TOKEN.pattern.startswith(r"\b(?=[")


# What normalising did before its shortcuts: every expansion pattern tried at every position of
# every comment, and the whole words with no first-letter lookahead.
_ALL_EXPANSIONS = re.compile(
    "|".join(f"(?P<r{i}>{p})" for i, (p, _r) in enumerate(text_module._OTHERS))
)
_ALL_WORDS = re.compile(
    r"\b(?:"
    + "|".join(re.escape(w) for w in sorted(text_module._WORD_EXPANSIONS, key=len, reverse=True))
    + r")(?:'[a-z]+)?\b"
)


def _expanded_in_full(text: str) -> str:
    text = _ALL_EXPANSIONS.sub(text_module._expansion, text)
    return _ALL_WORDS.sub(text_module._word_expansion, text)


def _expanded(text: str) -> str:
    return text_module._TOKEN.sub(text_module._word_expansion, text_module._expand(text))


_EXPANSION_WORDS = sorted(
    {w for p, _r in text_module._OTHERS for w in re.findall(r"[a-z0-9']+", p)}
    | set(text_module._WORD_EXPANSIONS)
)


def test_expansions_gated_by_their_strings_replace_what_all_of_them_replace() -> None:
    for text in [t.lower() for t in WRITTEN] + [
        json.loads(line)["text"].lower() for line in DEV.read_text().splitlines()
    ]:
        assert _expanded(text) == _expanded_in_full(text), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(_EXPANSION_WORDS)
        | st.sampled_from(["5", "the", "i was", "signed off", "-", "'", "sick", "for 2 weeks"])
    ),
    st.lists(st.sampled_from([" ", "", "-", ". ", "'"])),
)
def test_expansions_gated_by_their_strings_on_word_salad(
    words: list[str], joins: list[str]
) -> None:
    # Words of the patterns themselves, joined by spaces, nothing, dashes and apostrophes, so
    # the lookbehinds ("i was signed off") and run-together words ("tms's") are met.
    text = ""
    for word, join in zip(words, joins + [" "] * len(words), strict=False):
        text += word + join
    assert _expanded(text) == _expanded_in_full(text), text


# Each pattern alone, and as the lexicon joins them: plain, and with the first-character lookahead.
_LISTS = [getattr(load(), key) for key in ("sarcasm", "departure", "survey")]
ANY_OF_PAIRS = [
    (re.compile(pattern), any_of([pattern]))
    for pattern in [*(p for patterns in _LISTS for p in patterns)]
    + [c for cues in THEME_PATTERNS.values() for c in cues]
] + [(re.compile("|".join(f"(?:{p})" for p in patterns)), any_of(patterns)) for patterns in _LISTS]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(VOCABULARY)
        | st.sampled_from(["5", "30", "£3k", ",", "'", "🙃", "oh great", "got offered a job"])
    )
)
def test_any_of_finds_where_a_plain_alternation_finds(words: list[str]) -> None:
    text = " ".join(words)
    for plain, fast in ANY_OF_PAIRS:
        expected, found = plain.search(text), fast.search(text)
        assert (expected and expected.span()) == (found and found.span()), (plain.pattern, text)


# The same lists as the lexicon searches them, gated by the strings each pattern needs.
GATED_PAIRS = [
    (re.compile("|".join(f"(?:{p})" for p in patterns)), AnyOf(patterns)) for patterns in _LISTS
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(VOCABULARY)
        | st.sampled_from(["5", "30", ",", "'", "🙃", "oh great", "got offered a job", "survey"])
        | st.sampled_from([w for ps in _LISTS for p in ps for w in re.findall(r"[a-z]+", p)])
    ),
    st.integers(min_value=0, max_value=40),
)
def test_any_of_gated_finds_and_replaces_what_a_plain_alternation_does(
    words: list[str], pos: int
) -> None:
    text = " ".join(words)
    for plain, gated in GATED_PAIRS:
        expected, found = plain.search(text, pos), gated.search(text, pos)
        assert (expected and expected.span()) == (found and found.span()), (plain.pattern, text)
        assert gated.sub(" ", text) == plain.sub(" ", text)


def test_any_of_gated_on_the_labelled_comments() -> None:
    for text in [t.lower() for t in WRITTEN] + [
        normalise(json.loads(line)["text"]) for line in DEV.read_text().splitlines()
    ]:
        for plain, gated in GATED_PAIRS:
            expected, found = plain.search(text), gated.search(text)
            assert (expected and expected.span()) == (found and found.span()), text
            assert gated.sub(" ", text) == plain.sub(" ", text)


def test_any_of_gated_keeps_a_bounded_number_of_alternations() -> None:
    # Each choice of patterns a text needs is compiled once; junk text that needs ever new
    # choices must not hold them all.
    words = [f"w{i}x" for i in range(12)]
    gated = AnyOf([rf"\b{w}\b" for w in words])
    for mask in range(1 << 12):
        gated.search(" ".join(w for i, w in enumerate(words) if mask >> i & 1))
    assert 0 < len(gated._compiled) <= matching_module._CHOICES


def test_a_cue_with_no_string_it_needs_is_still_searched() -> None:
    # A cue's regex runs only if the clause holds a string every match of it needs; a cue from
    # which none can be read ("[pw][ae][yi]" needs no fixed string) must run on every clause.
    cues = Cues({"pay": [r"\b[pw][ae][yi]\b"], "workload": [r"\bcaseloads?\b"]})
    assert cues.always[0][2] == ()  # (the case this test is for)
    for text, expected in (("the pay", {"pay"}), ("the way", {"pay"}), ("caseload", {"workload"})):
        assert cues.themes_in(text, word_starts(text)) == expected, text
    assert cues.themes_in("case load", word_starts("case load")) == set()


def test_a_cue_is_gated_by_the_shortest_strings_it_needs() -> None:
    # "covered" holds "cover": a text either holds both or not "covered", so only "cover" is
    # tried; the gate must still be one every match of either cue holds.
    cues = Cues({"team_culture": [r"\bcovers?\b", r"\bcovered\b"]})
    ((_theme, _pattern, gate),) = cues.by_start["cov"]
    assert gate == ("cover",)
    assert cues.themes_in("they covered", word_starts("they covered")) == {"team_culture"}


@plain_python
def test_a_phrase_with_no_string_it_needs_is_still_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    # The phrases a clause's words lead are tested for a string they need before any is tried;
    # one from which no string can be read must be tried, not dropped. (The module's phrase
    # tables are replaced, which a compiled module would not see: on the plain modules.)
    from analysis import rules

    monkeypatch.setattr(rules, "PHRASE_GATES", ((re.compile(r"\b[pw][ae][yi]\b"), -1.0, ()),))
    monkeypatch.setattr(rules, "_NEEDS", ((),))
    monkeypatch.setattr(rules, "PHRASE_LEADS", (None,))
    monkeypatch.setattr(rules, "PHRASE_WORDS", WordGates([()]))
    assert rules.spend_phrases("the pay is bad") == ("the   is bad", -1.0)


def test_a_gate_ignores_what_a_case_blind_part_needs() -> None:
    # "(?i:longer)" matches "LONGER", which does not hold "longer": it must not gate on it.
    assert needed_strings(re.compile(r"\bno (?i:longer)\b")) == ("no ",)
    assert needed_strings(re.compile(r"(?i)\bno longer\b")) == ()
    assert needed_strings(re.compile(r"\bno longer\b")) == ("no longer",)


_PLAIN_CUTS = re.compile(text_module._CUTS)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["but", "though", "yet", "apart from", "x", "-", "–", ",", ".", "!", "?"])
        | st.sampled_from([" ", "\n", "\t", "  ", ";", "...", "\u00a0"])
    )
)
def test_clause_cuts_with_their_prefilter_are_the_cuts_without(parts: list[str]) -> None:
    text = "".join(parts)
    assert text_module._SPLIT.pattern.startswith("(?=[")
    assert [m.span() for m in text_module._SPLIT.finditer(text)] == [
        m.span() for m in _PLAIN_CUTS.finditer(text)
    ]


def test_clause_cuts_on_the_labelled_comments() -> None:
    for line in DEV.read_text().splitlines():
        text = normalise(json.loads(line)["text"])
        found = [m.span() for m in text_module._SPLIT.finditer(text)]
        assert found == [m.span() for m in _PLAIN_CUTS.finditer(text)], text


def _starts_by_slicing(text: str) -> frozenset[str]:
    return frozenset(w[:n] for w in re.findall(r"\w+", text) for n in (1, 2, 3))


def test_word_starts_remembered_are_the_starts_sliced(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each word's starts are remembered: read cold, then warm, then with the memory cleared
    # under it, a text's starts are its words' own, and the memory stays bounded.
    monkeypatch.setattr(matching_module, "_STARTS", {})
    monkeypatch.setattr(matching_module, "_WORDS_KEPT", 50)
    for _ in range(2):
        for text in [*_texts()[:300], "", "a", "ab", "i am ok", "£3k", "pay pay pay"]:
            assert word_starts(text) == _starts_by_slicing(text), text
            assert len(matching_module._STARTS) <= 50


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=12), max_size=12))
def test_word_starts_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    assert word_starts(text) == _starts_by_slicing(text)


def _then_and_now_lists() -> dict[str, list[str]]:
    return yaml.safe_load(PATTERNS_PATH.read_text(encoding="utf-8"))["then_and_now"]


_TIME_WORDS = sorted(
    {w for ps in _then_and_now_lists().values() for p in ps for w in re.findall(r"[a-z]+", p)}
)
_JOINED_TIME_WORDS = {
    kind: re.compile("|".join(f"(?:{p})" for p in patterns))
    for kind, patterns in _then_and_now_lists().items()
}


# One sentence for each time pattern and most of its words, many found by it alone.
WRITTEN_TIME_WORDS = [
    "i used to love it here",
    "two years ago the rota was fine",
    "back then we had a proper duty system",
    "previously supervision was monthly",
    "gone are the days of paper files",
    "last year i had 30 cases",
    "up from 4 last time",
    "when i started the team was twelve",
    "my old manager was lovely",
    "the old building was freezing",
    "my previous authority paid more",
    "my last council had laptops that worked",
    "before the restructure we had a proper team",
    "before covid we were all in the office",
    "before i qualified i was a family support worker",
    "before they merged the teams it was calmer",
    "it was awful",
    "we were drowning",
    "i had no supervision",
    "caseloads are manageable now",
    "these days i leave on time",
    "since the new tm came it is better",
    "i am not drowning anymore",
    "no longer in at 7",
    "supervision at last",
    "currently on 17 cases",
    "this year it is better",
    "finally a manager who listens",
    "today i left at 5",
]


def test_then_and_now_finds_what_its_words_joined_find() -> None:
    # Each kind is searched with only the patterns a text could hold; it must find a match
    # exactly where the whole alternation does.
    comments = [normalise(json.loads(line)["text"]) for line in DEV.read_text().splitlines()]
    texts = [*WRITTEN_TIME_WORDS, *comments, *_texts()]
    for kind, joined in _JOINED_TIME_WORDS.items():
        searched = getattr(THEN_AND_NOW, kind)
        for text in texts:
            assert bool(searched.search(text)) == bool(joined.search(text)), (kind, text)
    for text in WRITTEN_TIME_WORDS:  # each is found by one kind or another
        assert any(joined.search(text) for joined in _JOINED_TIME_WORDS.values()), text


@pytest.mark.slow  # each new choice of patterns is compiled: the `make test` tier
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TIME_WORDS) | st.sampled_from(VOCABULARY), max_size=10))
def test_then_and_now_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    for kind, joined in _JOINED_TIME_WORDS.items():
        assert bool(getattr(THEN_AND_NOW, kind).search(text)) == bool(joined.search(text)), text


_PLAIN_PUNCTUATION = re.compile(rules_module._PUNCTUATION_MARKS)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(max_size=6)
        | st.sampled_from(["n/a", "n.a.", "¯\\_(ツ)_/¯", "¯", "-", "'", "...", "—", "🤷", "ok"]),
        max_size=10,
    )
)
def test_punctuation_with_its_prefilter_is_removed_as_without(parts: list[str]) -> None:
    text = " ".join(parts)
    assert rules_module._PUNCTUATION.pattern.startswith("(?=[")  # the prefilter is on
    assert rules_module._PUNCTUATION.sub(" ", text) == _PLAIN_PUNCTUATION.sub(" ", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A children's home's managers (forty-eighth round), and its young people.
        ("RM said well done", "registered manager said well done"),
        ("DM sat with me. my DM's great", "deputy manager sat with me. my deputy manager's great"),
        ("the YP picked the colours", "the young people picked the colours"),
        # Not a room number nor a direct message.
        ("meeting in rm 4", "meeting in rm 4"),
        ("DM me the rota", "dm me the rota"),
        ("slid into my DMs", "slid into my dms"),
        ("DM'd my TM about it", "dm'd my team manager about it"),
        # A mark after the registered manager is no room number.
        ("RM 9/10, pay 2/10", "registered manager 9/10, pay 2/10"),
    ],
)
def test_the_words_of_a_childrens_home(text: str, expected: str) -> None:
    assert normalise(text) == expected
