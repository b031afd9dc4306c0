"""The learned half of comment analysis: linear weights over a comment's words, word pairs,
the question it answers and what the rules made of it, scored by hand.

The weights are trained by `python -m analysis.train` (scikit-learn, a development dependency)
and shipped as a small JSON file beside this module. Scoring is dictionary lookups and one
numpy sum of the weighted features' rows, in whole units of the weights' last decimal: a
scikit-learn `predict` per comment costs more than the whole rule pass.

Two models:
- detection, one linear model per theme over the comment's features: does it take a stance on
  the theme at all? The rules' own findings are features, so the model learns how far to trust
  each of them, and can find a theme the rules missed ("a dad threatened me on a visit").
- direction, one linear model for every theme over the clauses that spoke of the theme (or the
  whole comment), the rules' score for it, and the question: good news or bad?
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise, repeat
from typing import Any, Final

import numpy as np

from analysis.lexicon import DATA, LEXICON, THEN_AND_NOW
from analysis.matching import recalled
from analysis.neighbours import LIFTED_WITHIN, NEIGHBOURS_PATH, Neighbours, load
from analysis.rules import (
    CLEARLY,
    CommentAnalysis,
    Direction,
    Reading,
    direction_of,
    polarity_of,
    themes_in,
)
from surveys.themes import THEMES

# Beside the lexicon, not beside this module's own file: compiled, that is in build/compiled.
MODEL_PATH: Final = DATA / "comment_model.json"
# 2: detection also reads word starts ("s:threa"); 3: and letter triples; 4: words of the survey
# itself and the "team" of "team manager" are not read, "organisation of" is an arrangement; 5: and
# word pairs ("p:no one", "p:home visit")
FORMAT: Final = 5
_WORD = re.compile(r"[a-z£][a-z0-9£']*|\d+")
_DIGIT = re.compile(r"\d")
_WORD_CACHE: Final = 1 << 16  # words remembered per model, then forgotten all at once
# Weights are kept to four decimal places (training rounds them so); scores are added up in
# units of the last, as whole numbers.
DIGITS: Final = 4
UNITS: Final = 10**DIGITS
_SHORT: Final = 5  # words: a comment this short is read by the rules' cues in a way of its own
_HEDGES: Final = ("not", "never", "no", "nothing", "nobody", "none", "without", "if", "less")
_HEDGED: Final = re.compile(rf"\b(?:{'|'.join(_HEDGES)}|used to|unless|but|though)\b|\?")


# Words that say a complaint outright, whoever reads them: not "mad" or "crazy", which staff
# say of a team they love ("my mad team"), nor "hard" or "stuck", which may be the very
# reason they stay ("hard to find hybrid elsewhere", "stuck on the pension").
_OUTRIGHT: Final = re.compile(
    r"\b(?:toxic|useless|awful|rubbish|terrible|horrible|appalling|shocking|dire|hopeless"
    r"|bullying|bullies|vile|worst|hate|hated|horrendous|atrocious|diabolical)\b"
    # What keeps not happening ("supervision keeps getting cancelled" to "What keeps you
    # here?": in the pool 33 of the 34 comments with it are bad news; the weights turned it
    # to the question's good news in the forty-seventh and fifty-second rounds).
    r"|\b(?:keeps?|kept) (?:getting|being) (?:cancelled|canceled|moved|bumped|postponed"
    r"|pushed back)\b|\b(?:keeps?|kept) (?:sliding|slipping)\b"
)
# A bad thing that went is good news ("the toxic TM finally left", "my anxiety has gone").
_GONE: Final = re.compile(
    r"\b(?:left|leav\w*|gone|went|retired|moved on|quit|sacked|replaced|finally|stopped|"
    r"no longer|used to|anymore|any more)\b"
)


# The thing named only to be denied: "What will you miss?" "Not Mosaic.", "not the pay".
_NOT_THIS: Final = re.compile(
    rf"^{LEXICON.fragments['denial_lead']}not (?:for )?(?:the |my |our )?[a-z]+(?: [a-z]+)?"
    rf"{LEXICON.fragments['denial_tail']}$"
)


def _plain_complaint(reading: Reading, score: float) -> bool:
    """A complaint said outright, or the thing named only to be denied, in one clause, to a
    question that asks what is good here.

    Not to a wish question or one about elsewhere, and not of a bad thing that went.
    """
    lean = reading.lean
    text = reading.work_text
    return (
        score < 0
        and lean is not None
        and lean.direction == "pos"
        and not lean.wish
        and not lean.elsewhere
        and len(reading.clauses) == 1  # "my team. rest is awful": the complaint is the rest
        and (
            (_OUTRIGHT.search(text) is not None and not _HEDGED.search(text))
            or _NOT_THIS.match(text) is not None
        )
        and _GONE.search(text) is None
    )


_PLAIN_WORDS: Final = 8  # words: a statement this short, in one clause, says what its words say


def _plain_statement(reading: Reading, score: float, words: list[str]) -> bool:
    """A short plain statement with no question: one clause of at most `_PLAIN_WORDS` words,
    with nothing that hedges, turns, wishes, jokes or asks (`_HEDGED`, `_NOT_PLAIN`: "my
    manager is awful", "The office is lovely.", "Mosaic is great"), whose words the rules read
    clearly (a score of at least 1).

    Its words say which way, not the weights: they learned each theme's usual news from the
    pool, where most short pulse comments about the manager or the team are praise (six in ten)
    and nearly all about the office, Mosaic or the paperwork complaints, and they turned such
    statements against their words (forty-third round: 258 of 1,216 plain "X is good/bad"
    statements, one theme each, read the wrong way; none after). On the held-out split the rule
    reads 4 more directions right than the weights alone; at 10 words it read 3 more, at 12
    words 4 fewer. Not to a question: there the question's lean and the degree rules read the
    answer ("About as valued as the printer." to "How valued do you feel?" is no praise).

    A denial that is the statement's own is no hedge (`_DENIED_VERDICT`, `_SET_VERDICT`;
    forty-fifth round: "the team is not great", "the office is not too bad", "No problems with
    the pay", "Nothing good to say about my manager"): the rules read it, and a clear word
    denied scores `_DENIED_CLEARLY`. The weights read such statements by the theme's usual
    news (the team's and the manager's praise, the pay's complaint), against their words; the
    pool holds almost none of eight words or fewer, so it is the tests' sentences that show it
    (`tests/analysis/test_mixed_verdicts.py`)."""
    # The cheap tests first: most comments are longer than a plain statement.
    if (
        reading.lean is not None
        or abs(score) < _DENIED_CLEARLY
        or len(words) > _PLAIN_WORDS
        or len(reading.clauses) != 1
    ):
        return False
    text = reading.normalised
    denial = _SET_VERDICT.match(text) or _DENIED_VERDICT.search(text) or _LESS_VERDICT.search(text)
    if denial is not None:
        text = f"{text[: denial.start()]}x{text[denial.end() :]}"
    elif abs(score) < 1:
        return False
    return not _HEDGED.search(text) and not _NOT_PLAIN.search(text)


# A denial that is the statement's own, not a hedge on it. Its verb denied, then the verdict
# that ends it ("the team is not great", "my colleagues aren't supportive", opened to "are
# not" by normalising; "the office is not too bad"): not a thing denied ("the problem is not
# my manager"), a place or a clause ("is not somewhere I feel safe"), nor the speaker ("I am
# not paid for overtime"), which the rules may read the wrong way (the forty-fifth round's
# review). Or a set verdict made with a denial that opens it ("No problems with the pay",
# "Nothing good to say about my manager", "can't fault"; not "leadership have no problem
# cutting our mileage").
_DENIED_VERDICT: Final = re.compile(
    r"\b(?:is|are|was|were) not (?:(?:very|that|so|too|really|particularly|overly|always) )?"
    r"(?!(?:my|the|a|an|our|their|his|her|your|this|that|these|those|it|him|them|us|me|one"
    r"|somewhere|anywhere|something|anything|what|where|why|how|who|when)\b)"
    r"[a-z'-]+(?: enough)?[.!]*$"
)
# The same denial as the whole verdict a label is given ("Pay? Not great.", "team - not
# supportive"; the labels `rules._labels_joined` joins): the "not" is the answer's own.
_DENIED_ANSWER: Final = re.compile(
    r"(?:\?|\s[-–]) ?(not) (?:(?:very|that|so|too|really|particularly|overly|always) )?"
    r"[a-z'-]+(?: enough)?[.!]*$"
)
# A verdict made by less of a thing, the statement's own, as a denial is ("the team is less
# supportive", "my manager is a lot less approachable these days": the fifty-first round's
# probe, whose "less" hedged the statement and left it to the weights, which read "supportive").
_LESS_VERDICT: Final = re.compile(
    r"\b(?:is|are|was|were|seems?|feels?) (?:(?:a lot|much|far|way|a bit|even|so) )?less"
    r" [a-z'-]+(?: (?:now|these days|lately"
    r"|than (?:before|it|they|she|he|we) (?:used to be|was|were)))?[.!]*$"
)
_SET_VERDICT: Final = re.compile(
    r"(?:no (?:complaints?|problems?|issues?) (?:with|about)|nothing (?:good|positive|nice) to say"
    r" about|can not fault|nothing (?:at all |much |really |particularly )?wrong with)\b"
)
# What the rules make of a clear word denied ("not supportive": 0.8 of its 1.0).
_DENIED_CLEARLY: Final = CLEARLY


# What hedges a part of a statement of parts: `_HEDGED` less the contrast words, which are what
# join the parts ("great team but awful manager": each part has a theme of its own); and words
# that point back to another part, whose part is then not one of its own ("lovely in theory,
# who takes it", "great, shame the caseloads make it impossible", "I feel safe in this team.
# That matters more than…"), or set a part's time against another's ("Previous manager was
# awful. Current team is great."): the forty-fifth round's review.
_POINTS_BACK: Final = (
    "it", "its", "they", "them", "that", "this", "those", "these", "shame", "theory", "who",
    "what", "why", "how", "which", "previous", "old", "ex", "former", "current", "new", "last",
    "next", "now", "then",
)  # fmt: skip
_POINTER: Final = re.compile(r"\b(?:it|them|that|this|they)\b")
_ANSWER_END: Final = re.compile(r"[.!;,]")
_HEDGED_PART: Final = re.compile(rf"\b(?:{'|'.join(_HEDGES + _POINTS_BACK)}|used to|unless)\b|\?")


def _plain_parts(reading: Reading) -> frozenset[str]:
    """The themes of a statement of short plain parts, each about a theme of its own, with no
    question ("wonderful team, awful manager", "Good supervisor. Bad building.", "my team are
    great, my manager is awful"), whose own part says which way, as a one-part plain statement
    does (`_plain_statement`); none if the comment is not one.

    Every clause is one theme's and only its (no clause that belongs to the one before, which
    is how "a nice idea but nobody can take it" turns its praise, nor one two themes share), of
    at most `_PLAIN_WORDS` words, read clearly (a score of at least 1, the theme's own the same
    way; 0.8 for a verdict the part makes its own with a denial, `_PART_VERDICT`,
    `_DENIED_VERDICT`: "the team not so much", "Not happy with the pay"), and nothing else in
    the comment hedges, wishes, jokes, asks or points back from one part to another
    (`_HEDGED_PART`, `_NOT_PLAIN`). The weights read such a comment by all its
    words and by each theme's usual news, so the praise of the team beside a complaint of the
    manager made both praise (forty-fifth round: 4,309 of the 13,920 themes of
    `test_mixed_verdicts.py`'s 6,960 statements of two parts read the wrong way). With the
    weights that ship it decides 155 themes of the training pool and 42 of the held-out split
    (106 and 38 before the forty-eighth round's things called fine, labels and marks; 95 and 33
    before the forty-sixth round's opposed verdicts joined by "and"); of those the analyser
    finds (150 and 38), the weights alone would read 5 and 1 the other way, each against its
    label."""
    clauses = reading.clauses
    # Made once a comment, the cheap tests first, the searches last.
    if reading.lean is not None or len(clauses) < 2:
        return frozenset()
    if any(abs(clause_score) < _DENIED_CLEARLY for _clause, clause_score in clauses):
        return frozenset()
    # Each clause one theme's alone: a theme spoken of in two clauses has them joined, and a
    # clause two themes share may be one the rules took for a second ("Team is short
    # staffed.": the team's and the workload's).
    owners: dict[str, set[str]] = {}
    for theme, local in reading.local.items():
        owners.setdefault(local, set()).add(theme)
    if any(not _owned(clause, owners.get(clause, set())) for clause, _score in clauses):
        return frozenset()
    if any(len(_words(clause)) > _PLAIN_WORDS for clause, _score in clauses):
        return frozenset()
    text = reading.normalised
    clear: dict[str, float] = {}  # each part's clear score: 1, or a verdict of its own denied
    before = 0.0  # the part before's score
    for clause, clause_score in clauses:
        own = (
            _PART_VERDICT.search(clause)
            or _DENIED_VERDICT.search(clause)
            or _DENIED_ANSWER.search(clause)
        )
        if own is None and before > 0:
            own = _NOT_SO_MUCH.search(clause)
        before = clause_score
        if own is None:
            clear[clause] = 1.0
        else:
            # "the team not so much", "Not happy with the colleagues": the part's own verdict,
            # no hedge on another's (forty-sixth round).
            clear[clause] = _DENIED_CLEARLY
            start, end = own.span(own.lastindex or 0)  # a bare "not": that word alone
            text = text.replace(clause, f"{clause[:start]}x{clause[end:]}", 1)
    if any(abs(score) < clear[clause] for clause, score in clauses):
        return frozenset()
    for clause, _score in clauses:
        if "?" in clause:
            # A label asked and answered ("The team? Not so much.", "The pay? Love it."): no
            # question, and the answer's "it" is its own label, not another part.
            label = clause[: clause.rindex("?") + 1]
            at = text.find(label)
            if at < 0:  # no longer as it was (a verdict of its own rewrote it): left as it is
                continue
            closed = _ANSWER_END.search(text, at + len(label))
            stop = len(text) if closed is None else closed.start()
            answer = _POINTER.sub("x", text[at + len(label) : stop])
            text = f"{text[:at]}{label[:-1]} {answer}{text[stop:]}"
    if _HEDGED_PART.search(text) or _NOT_PLAIN.search(text):
        return frozenset()
    said = Counter([clause for clause, _score in clauses])
    part_score = dict(clauses)
    decided = []
    for theme, local in reading.local.items():
        score = reading.scores.get(theme, 0.0)
        if (
            said[local] == 1
            and abs(score) >= clear[local]
            and (part_score[local] > 0) == (score > 0)
        ):
            decided.append(theme)
    return frozenset(decided)


# A verdict a part of a statement of parts makes its own with a word that would hedge another:
# it opens the part ("Not happy with the colleagues", "Shame about the team", "shame the team is
# so bad", not a loss or a plight: "shame my manager is going", "shame the team is so short";
# "No problems with the pay") or ends it ("the team not so much", "the colleagues could
# be better"). The
# forty-fifth round left such parts to the weights, which read them by the theme's usual news
# (forty-sixth round: 115 of 460 "the manager is good, the team not so much", 125 of 460 "Not
# happy with the colleagues", 165 of 460 "Shame about the team, …" and 154 of 460 "… could be
# better" read the wrong way; forty-seventh: 159 of 460 "the manager is lovely, shame the team
# is so bad").
_PART_VERDICT: Final = re.compile(
    r"^(?:really |just )?not (?:happy|impressed|keen|satisfied|pleased|thrilled)"
    r" (?:with|about|by)\b|^(?:what a |such a |a )?shame (?:about\b|(?:that )?(?=(?:the|my|our) )"
    r"(?!.*\b(?:going|moving|retir\w*|leav\w*|left|off|short|stretched|small|understaffed)\b))"
    r"|^(?:no (?:complaints?|problems?"
    r"|issues?) (?:with|about)|nothing (?:good|positive|nice) to say about|can not fault"
    r"|nothing (?:at all |much |really |particularly )?wrong with)\b"
    r"|\b(?:could be better|could do better)$"
    # "… but the team makes up for it": its "it" points back to the other part's complaint, the
    # verdict is its own (forty-eighth round: 174 of 460 read the wrong way).
    r"|\b(?:more than )?(?:make|makes|made) up for (?:it|that)$"
)
# "the team not so much" after praise of another part is a complaint of the team; after a
# complaint it takes the complaint back ("The workload is crazy, the team not so much": the
# round's second review), which the rules do not read: a part of its own only after praise.
# So is a bare "not" after a subject of up to three words ("Manager great. Team not.": the
# forty-seventh round, 153 of 460 read the wrong way), but not one that hedges ("the team
# sometimes not", "overtime or not"); only the "not" counts as the part's own, so the subject's
# words are still looked at ("Old manager was not.": a time set against now).
_NOT_SO_MUCH: Final = re.compile(
    r"\bnot so (?:much|great|good)$|^(?!.*\b(?:sometimes|often|usually|always|mostly|maybe"
    r"|perhaps|probably|or|either)\b)(?:[a-z]+ ){0,2}[a-z]+ (not)$"
)


# Words that condemn what they describe, as a turn after praise ("friendly but useless"): not
# its plight ("great but undervalued", "lovely but struggling", "great but short"), which is
# no verdict on it, nor faint praise after a complaint ("poor but reliable", "cramped but
# friendly"): the forty-sixth round's review.
_CONDEMNS: Final = re.compile(
    r"\b(?:useless|awful|rubbish|terrible|horrible|appalling|shocking|dire|hopeless|toxic|vile"
    r"|atrocious|diabolical|disorgani[sz]ed|unreliable|inconsistent|clueless|incompetent|lazy"
    r"|unapproachable|unsupportive|unhelpful|rude|patroni[sz]ing|cliquey|gossipy|bitchy|erratic"
    r"|ineffective|pointless|clunky|buggy|unusable|cold|noisy|dirty|filthy|freezing|chaotic"
    r"|inadequate|poor|bad|weak|flaky|slow|invisible|absent|distant|controlling|micromanaging)\b"
)


def _owned(clause: str, themes: set[str]) -> bool:
    """Whether `clause` is a part of its own: one theme's alone, or the themes its subject
    names together ("my manager and my team are awful", "the pay and the hours are great"; the
    forty-sixth round's review), not a part two themes share by one cue ("Team is short
    staffed.": the team's and the workload's)."""
    if len(themes) == 1:
        return True
    if not themes:
        return False
    subject = _SUBJECT_VERDICT.match(clause)
    return (
        subject is not None
        and " and " in subject.group(1)
        and themes_in(subject.group(1)) == themes
    )


def _own_parts(reading: Reading) -> frozenset[str]:
    """The themes of a comment with no question that its own parts decide, whatever the
    theme's usual news: a statement of plain parts (`_plain_parts`), or one theme turned by a
    bare verdict (`_plain_turn`)."""
    parts = _plain_parts(reading)
    if parts:
        return parts
    turned = _plain_turn(reading)
    return frozenset() if turned is None else frozenset((turned,))


# "X is A": the subject that names the theme, the verb, the verdict.
_SUBJECT_VERDICT: Final = re.compile(r"^(.+?) (?:is|are|was|were) ")
_TURN_WORDS: Final = 3  # words: "but useless", "but a bit disorganised"


def _plain_turn(reading: Reading) -> str | None:
    """The theme of a short plain statement of one theme turned by a bare verdict after "but"
    ("my manager is friendly but useless", "the team is nice. But disorganised."), whose turn
    says which way, as the rules read it; None if the comment is not one.

    The first part names the theme as its subject and praises it in at most `_PLAIN_WORDS`
    words; the turn is "but" and at most `_TURN_WORDS` words that name no theme, read clearly
    as a complaint and condemn (`_CONDEMNS`); nothing hedges, wishes, jokes, asks or points back
    (`_HEDGED_PART`, `_NOT_PLAIN`: not "lovely but never there", whose weights already read
    it). The weights read such a statement by the theme's usual news and the praise that
    opens it (forty-sixth round: 68 of 288 of `test_mixed_verdicts.py`'s turns to a complaint
    read as praise, all of the manager, the team or hybrid working). Where the turn is no bare
    verdict it may be about another theme ("A good team, but a very heavy week", "everyone is
    stretched but kind": the pool's)."""
    clauses = reading.clauses
    if reading.lean is not None or len(clauses) != 2 or len(reading.local) != 1:
        return None
    (said, said_score), (turn, turn_score) = clauses
    if not turn.startswith("but ") or min(abs(said_score), abs(turn_score)) < _DENIED_CLEARLY:
        return None
    if said_score < 0 or turn_score > 0 or _CONDEMNS.search(turn) is None:
        return None
    if len(_words(said)) > _PLAIN_WORDS or len(_words(turn)) > _TURN_WORDS + 1:
        return None
    subject = _SUBJECT_VERDICT.match(said)
    [theme] = reading.local
    if subject is None or themes_in(subject.group(1)) != {theme} or themes_in(turn):
        return None
    text = reading.normalised
    if _HEDGED_PART.search(text) or _NOT_PLAIN.search(text):
        return None
    score = reading.scores.get(theme, 0.0)
    return theme if (score > 0) == (turn_score > 0) and abs(score) >= _DENIED_CLEARLY else None


# What makes a short statement other than plain (the forty-third round's review): a wish or a
# condition ("a manager would be invaluable", "friendly until you raise concerns"), a time set
# against now ("lovely before the move"), a joke ("awful lol jk"), a degree that takes back
# ("hardly supportive"), leaving ("I felt awful leaving my team"), hearsay ("they say the office
# is lovely") or a favour to some ("only friendly to her favourites").
_NOT_PLAIN: Final = re.compile(
    r"\b(?:would|could|should|might|may|wish|hope|hoping|when|whenever|until|till|before|after"
    r"|once|lol|jk|joking|kidding|haha|hardly|barely|scarcely|rarely|seldom|only|just|leav\w*"
    r"|left|miss\w*|quit\w*|say|says|said|apparently|supposedly|allegedly|even|way|at)\b"
)


class ModelError(ValueError):
    """A weights file that cannot be used; the message says why."""


# Words read in another sense than the one the data taught. "Team" that names a manager or the
# senior leaders is not the team: "my TM is great" (team manager) says nothing about colleagues,
# and the word "team" is strong evidence of team culture. "The organisation of the rota" is how
# it is arranged; "the organisation" alone is staff's word for the employer (leadership).
_NOT_THE_TEAM: Final = re.compile(
    r"\b(?:(?<=leadership )|(?<=management ))team\b|\bteam (?=managers?\b)"
)
_ARRANGEMENT: Final = re.compile(r"\borgani[sz]ation(?= of\b)")


def _words(text: str) -> list[str]:
    if "team" in text:
        text = _NOT_THE_TEAM.sub("", text)
    if "organi" in text:
        text = _ARRANGEMENT.sub("arrangement", text)
    words = _WORD.findall(text)
    if not _DIGIT.search(text):  # most comments: no number to rename
        return words
    # Numbers by their size, not their value: "27 cases" and "31 cases" are the same complaint.
    return [(f"<{min(len(w), 3)}d>" if w[0].isdigit() else w) for w in words]


def comment_words(reading: Reading) -> list[str]:
    """The words the learned half reads in a comment: the detectors' words, and the words the
    nearest training comments are found by (analysis.neighbours)."""
    return _words(reading.work_text)


def _grams(prefix: str, words: list[str], into: set[str]) -> None:
    for word in words:
        into.add(prefix + word)
    for first, second in pairwise(words):
        into.add(f"{prefix}{first} {second}")


def _stems(prefix: str, words: list[str], into: set[str]) -> None:
    """Word starts of four and five letters: "threatened", "threatening" and "threats" share
    "threa", so a word the training data spelt otherwise still counts."""
    for word in words:
        if len(word) >= 5:
            into.add(prefix + word[:4])
            if len(word) >= 6:
                into.add(prefix + word[:5])


# Cached per word: words recur across comments. The bot only ever analyses redacted text, so
# the cache holds no name or number a redactor took out.
@lru_cache(maxsize=1 << 16)
def _word_triples(word: str) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple("c:" + padded[i : i + 3] for i in range(len(padded) - 2))


def _triples(words: list[str], into: set[str]) -> None:
    """Each word's letter triples, its edges marked ("<sh", "sho", "hov", "ove", "ved", "ed>"):
    a word the training data spelt otherwise ("shoved", "shoving", "supervison") still shares
    most of them. Cached by word: staff reuse their words."""
    for word in words:
        into.update(_word_triples(word))


def _sign(score: float) -> str:
    if score >= 1.5:
        return "pos2"
    if score > 0:
        return "pos"
    if score <= -1.5:
        return "neg2"
    return "neg" if score < 0 else "none"


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _question_features(question: str) -> tuple[str, ...]:
    return tuple("q:" + word for word in _words(question.lower()))


def _context(into: set[str], reading: Reading, question: str | None, source: str | None) -> None:
    if question:
        into.update(_question_features(question))
    if reading.lean is not None:
        into.add(f"lean:{reading.lean.direction}")
    elif reading.denied:  # "What keeps you here?" "Not much. …": the rest is mostly complaint
        into.add("lean:denied")
    into.add(f"src:{source or 'pulse'}")


def _word_features(word: str) -> set[str]:
    """The detection features one word makes by itself: the word, its starts, its triples."""
    features = {"w:" + word}
    _stems("s:", [word], features)
    features.update(_word_triples(word))
    return features


def _detection_context(
    reading: Reading, question: str | None, source: str | None, length: int
) -> set[str]:
    """The detection features that are not made from the comment's own words."""
    features = {f"len:{min(length, 8) // 3}"}  # one-word answers behave differently
    # In a comment of five words or fewer the rules' theme is nearly always the writers' (98 %
    # of two-word comments in the pool), but the length's own weight, learned from every theme
    # and every short comment, dropped it ("snowed under"): a feature of its own lets the model
    # trust a cue in a short comment by itself, where the rules also said which way (a bare cue,
    # "feel like a mug", "interim care order granted", is as often another sense).
    short = length <= _SHORT
    for theme, score in reading.scores.items():
        features.add("cue:" + theme)
        features.add(f"cue:{theme}:{_sign(score)}")
        if short and score:
            features.add(f"cue:{theme}:short")
    _context(features, reading, question, source)
    return features


def detection_features(
    reading: Reading,
    question: str | None = None,
    source: str | None = None,
    words: list[str] | None = None,
) -> set[str]:
    """What the theme detectors look at: words, their starts and letter triples, the pairs of
    words side by side, the rules' themes, the question; `words` are the comment's `_words` if
    known."""
    words = _words(reading.work_text) if words is None else words
    features = _detection_context(reading, question, source, len(words))
    features.update(["w:" + word for word in words])
    _stems("s:", words, features)
    _triples(words, features)
    # Pairs say what a word alone does not: "no one" asked, a "home visit", "not valued",
    # "cover duty" (twenty-first round: +0.015 macro-F1 in writer-grouped CV).
    features.update([f"p:{first} {second}" for first, second in pairwise(words)])
    return features


def direction_features(
    reading: Reading,
    theme: str,
    question: str | None = None,
    source: str | None = None,
    words: list[str] | None = None,
) -> set[str]:
    """What the direction model looks at for one theme: the clauses that spoke of it, the rules'
    score for it, and the question; `words` are the comment's `_words` if known."""
    words = _words(reading.work_text) if words is None else words
    features = set(_comment_features(reading, question, source, words))
    features.update(_theme_features(reading, theme, words))
    return features


def _theme_features(reading: Reading, theme: str, words: list[str]) -> set[str]:
    """The direction features of one theme of a comment. None has the name of one of
    `_comment_features` ("t:", "l:", "h:", "rule:", "lean:THEME:" and "bare:" are theirs
    alone)."""
    features = _theme_tags(reading, theme)
    now, then = _local_words(reading, theme, words)
    _grams("l:", now, features)
    _grams("h:", then, features)
    return features


def _local_words(reading: Reading, theme: str, words: list[str]) -> tuple[list[str], list[str]]:
    """The words of the clauses that spoke of `theme` (or of all the comment's clauses if none
    did), and apart from them the words of those that told a habit of then that no longer holds
    ("I used to have a good manager"): those are not said of now."""
    local = reading.local.get(theme)
    if not reading.lost_habits:
        if local is None or local.replace(" , ", " . ") == reading.work_text:
            # Every clause spoke of it: the same words as the comment's (the two texts differ
            # only in the commas and full stops that join the clauses, which no word holds).
            return words, []
        return _words(local), []
    habits = {reading.clauses[index][0] for index in reading.lost_habits}
    said = [clause for clause, _score in reading.clauses] if local is None else local.split(" , ")
    return (
        _words(" , ".join(clause for clause in said if clause not in habits)),
        _words(" , ".join(clause for clause in said if clause in habits)),
    )


def _mixed(reading: Reading) -> bool:
    """Whether the rules read good news of one theme and bad of another in the comment."""
    signs = {score > 0 for score in reading.scores.values() if abs(score) >= 0.5}
    return len(signs) == 2


def _theme_tags(reading: Reading, theme: str) -> set[str]:
    """The direction features of one theme of a comment that are not made from its words."""
    features = {"t:" + theme}
    score = reading.scores.get(theme)
    rule = "unseen" if score is None else _sign(score)
    features.add("rule:" + rule)
    features.add(f"rule:{theme}:{rule}")
    if _mixed(reading):
        features.add("mix:" + rule)
    if reading.lean is not None:
        features.add(f"lean:{theme}:{reading.lean.direction}")
        if not score:  # the words say nothing either way: the question decides ("the commute")
            features.add(f"bare:{reading.lean.direction}")
    return features


def _comment_features(
    reading: Reading, question: str | None, source: str | None, words: list[str]
) -> frozenset[str]:
    """The direction features that are the same for every theme of a comment: its words, its
    total, the question and source (made once a comment, not once a theme)."""
    features = _comment_tags(reading, question, source)
    features.update(["w:" + word for word in _said_of_now(reading, words)])
    return frozenset(features)


def _said_of_now(reading: Reading, words: list[str]) -> list[str]:
    """The comment's `words`, without those of a habit of then that no longer holds ("I used
    to have a good manager": "good" is not said of now; the theme's own features keep them,
    apart)."""
    if not reading.lost_habits:
        return words
    habits = set(reading.lost_habits)
    return _words(
        " . ".join(clause for i, (clause, _) in enumerate(reading.clauses) if i not in habits)
    )


def _comment_tags(reading: Reading, question: str | None, source: str | None) -> set[str]:
    """The direction features of a comment that are not made from all its words: its total,
    the question and source, and a change told through the past."""
    features = {"total:" + _sign(reading.total)}
    _context(features, reading, question, source)
    features.update(_then_and_now(reading))
    return features


# Not cached: a cache would keep comments' text in memory after they are read (only questions'
# and single words' features are cached).
def _then_and_now(reading: Reading) -> tuple[str, ...]:
    """A change told through the past, as direction features: the rules' sign of the clauses
    about then beside that of the rest ("then:neg:none" for "the old office was freezing. we
    moved in june"), and the words said of then ("pw:freezing"). The words alone read such a
    comment as the complaint it quotes: of 360 improvements told so by writers who had not seen
    the analyser, 0.565 of the directions were read right before these (docs/analysis.md,
    twenty-fifth round). The clauses and their scores are the rules' own (`Reading.clauses`)."""
    text = reading.work_text
    then_words, was_words, now_words = THEN_AND_NOW.then, THEN_AND_NOW.was, THEN_AND_NOW.now
    if not then_words.search(text) and not (now_words.search(text) and was_words.search(text)):
        return ()
    then = now = 0.0
    said_then: set[str] = set()
    seen_now = False
    for index, (clause, score) in enumerate(reading.clauses):
        if then_words.search(clause) or (was_words.search(clause) and not now_words.search(clause)):
            # Said of then as the words said it, not as the rules turned a habit that ended.
            then += -score if index in reading.lost_habits else score
            said_then.update(_words(clause))
        else:
            now += score
            seen_now = True
    if not said_then or not seen_now:
        return ()
    return (
        f"then:{_sign(then)}:{_sign(now)}",
        f"then:{_sign(then)}",
        *sorted("pw:" + word for word in said_then),
    )


class _Tables:
    """A model's weights laid out for scoring by lookup, made once a model (`Model._tables`)."""

    def __init__(self, model: Model) -> None:
        # Scores are added up in whole units of the file's last decimal place, exactly: the sum
        # is then the same in any order, so a comment whose score sits exactly on the threshold
        # (or a lean of exactly 0) reads the same every time, whatever order the features come.
        self.direction_units = {f: _units(weight) for f, weight in model.direction.items()}
        # Each weighted feature's row in `detect_matrix`, and the feature of each row.
        self.detect_rows = {feature: row for row, feature in enumerate(model.detect)}
        self.row_features = tuple(model.detect)
        # Each weighted feature's weights for every theme in units, one row a feature, in
        # THEMES order (0 where none).
        column = {theme: i for i, theme in enumerate(THEMES)}
        matrix = np.zeros((len(model.detect), len(THEMES)), dtype=np.int64)
        for row, pairs in enumerate(model.detect.values()):
            for theme, weight in pairs:
                matrix[row, column[theme]] = _units(weight)
        self.detect_matrix = matrix
        self.detect_bias_units = np.array(
            [_units(model.detect_bias[theme]) for theme in THEMES], dtype=np.int64
        )
        # The row of each weighted word pair ("p:FIRST SECOND"), by its two words: a comment's
        # pairs are looked up as they are, not made into a feature's string each.
        self.pair_rows: dict[tuple[str, str], int] = {}
        for feature, row in self.detect_rows.items():
            if feature.startswith("p:"):  # two words: `model_from_json` checks
                first, second = feature[2:].split(" ", 1)
                self.pair_rows[first, second] = row
        # Each word seen so far: the rows of those of its own features that carry a weight, up
        # to `word_cache` words.
        self.word_rows: dict[str, frozenset[int]] = {}
        # An attribute, not the constant read where it is used: compiled, the constant is
        # built in, and a test shrinks the memory of one model's tables.
        self.word_cache = _WORD_CACHE
        # The direction units of the word features, by word: "w:WORD" and "l:WORD" by the word,
        # "l:FIRST SECOND" by the pair of words. A comment's words are then looked up as they
        # are, not made into a feature's string each (a third of the direction model's time); a
        # pair is one lookup of the two words side by side.
        self.word_units: dict[str, int] = {}
        self.local_units: dict[str, int] = {}
        self.local_pair_units: dict[tuple[str, str], int] = {}
        for feature, units in self.direction_units.items():
            kind, _colon, gram = feature.partition(":")
            if kind == "w":
                self.word_units[gram] = units
            elif kind == "l" and " " in gram:
                first, second = gram.split(" ", 1)
                self.local_pair_units[first, second] = units
            elif kind == "l":
                self.local_units[gram] = units


@dataclass(frozen=True)
class Model:
    """Trained weights, laid out for scoring by lookup."""

    detect_bias: Mapping[str, float]
    detect: Mapping[str, tuple[tuple[str, float], ...]]  # feature -> (theme, weight)
    direction_bias: float
    direction: Mapping[str, float]
    threshold: float = 0.0  # a theme is found when its detection score is above this
    # The training comments, whose ten nearest vote beside the detectors (analysis.neighbours);
    # None in a model made by hand. Not compared: two models are the same weights.
    neighbours: Neighbours | None = field(default=None, compare=False)

    # The weights laid out for scoring, made on first use (a list, so a frozen model can hold
    # them; not compared, and made anew for a model `replace` makes).
    _laid_out: list[_Tables] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def _tables(self) -> _Tables:
        laid_out = self._laid_out
        if not laid_out:
            laid_out.append(_Tables(self))
        return laid_out[0]

    def detection_rows(
        self, reading: Reading, question: str | None, source: str | None, words: list[str]
    ) -> set[int]:
        """The rows of the `detection_features` that carry a weight, found word by word: a
        word's own features are made and looked up once per word (staff reuse their words),
        not once per comment; then each pair of words side by side. In the bot, the cache
        holds only words of comments it analyses, which are redacted first (`staypulse
        analyse`, a short-lived command, reads what it is given)."""
        tables = self._tables
        index = tables.detect_rows
        rows: set[int] = set().union(*recalled(tables.word_rows, set(words), self._rows_of_word))
        context = _detection_context(reading, question, source, len(words))
        rows.update(map(index.__getitem__, index.keys() & context))
        pair_rows = tables.pair_rows
        rows.update(map(pair_rows.__getitem__, pair_rows.keys() & pairwise(words)))
        return rows

    def _rows_of_word(self, word: str) -> frozenset[int]:
        """The rows of `word`'s own features that carry a weight, remembered."""
        tables = self._tables
        cache = tables.word_rows
        found = cache.get(word)
        if found is None:
            index = tables.detect_rows
            found = frozenset(
                index[feature] for feature in _word_features(word) if feature in index
            )
            if len(cache) >= tables.word_cache:  # junk text must not hold the memory for good
                cache.clear()
            cache[word] = found
        return found

    def feature_of_row(self, row: int) -> str:
        """The detection feature a row of `detection_rows` stands for."""
        return self._tables.row_features[row]

    def detect_scores(self, rows: set[int], words: list[str] | None = None) -> dict[str, float]:
        """Each theme's detection score (positive: the comment takes a stance on it), from the
        `detection_rows` of a comment and, given its `words`, the vote of its nearest training
        comments on the themes near the threshold (`detected`). Most features carry no
        weight; the few rows that do are added up in numpy, a column a theme (a tuple of
        weights a feature, added up with zip and sum, took about twice as long)."""
        totals = self._totals(rows, words, frozenset())
        # An exact count of units over a power of ten is the float nearest the decimal, as the
        # threshold is: comparing the two is exact.
        return {theme: total / UNITS for theme, total in zip(THEMES, totals, strict=True)}

    def detected(
        self, rows: set[int], words: list[str], kept: frozenset[str] = frozenset()
    ) -> frozenset[str]:
        """The themes whose detection score (`detect_scores` with the comment's `words`) is
        above the threshold, besides the `kept` ones, found regardless (the rules' certain
        themes): the vote is not asked for them, nor for a comment with no other theme near
        the threshold (about six comments in ten)."""
        totals = self._totals(rows, words, kept)
        return frozenset(
            theme
            for theme, total in zip(THEMES, totals, strict=True)
            if total / UNITS > self.threshold and theme not in kept
        )

    def _totals(self, rows: set[int], words: list[str] | None, kept: frozenset[str]) -> list[int]:
        """Each theme's score in units (THEMES order): the detectors', and the vote of the
        nearest comments where it decides. The vote moves a theme from 1.0 under the threshold
        (`LIFTED_WITHIN`) up to its reach above it; one further under is not lifted (writer
        CV: the same to the fourth decimal with every theme lifted, and about a fifth fewer
        votes to count), and one further over than the vote can take away is not voted on."""
        # (`np.add.reduce`, not `.sum`: the same exact sum in integers, without the Python
        # wrapper around it.)
        # (The rows made an array with `fromiter`: a list of them first cost a tenth more.)
        tables = self._tables
        totals: list[int] = (
            tables.detect_bias_units
            + np.add.reduce(
                tables.detect_matrix.take(np.fromiter(rows, np.intp, len(rows)), axis=0), axis=0
            )
        ).tolist()
        memory = self.neighbours
        if words is None or memory is None:
            return totals
        down = memory.reach(UNITS)
        threshold = self.threshold
        # Compared as the decision compares (a count of units over UNITS against the
        # threshold): a theme found by more than the vote can take away is found whatever it
        # says, because (total + move) / UNITS >= (total - down) / UNITS > threshold.
        near = [
            i
            for i, (theme, total) in enumerate(zip(THEMES, totals, strict=True))
            if total / UNITS > threshold - LIFTED_WITHIN
            and (total - down) / UNITS <= threshold
            and theme not in kept
        ]
        if near:
            moved = memory.vote(words, UNITS)
            if moved is not None:
                for i in near:
                    totals[i] += int(moved[i])
        return totals

    def direction_units(self, features: set[str] | frozenset[str]) -> int:
        """The direction weights of `features`, added up in units (without the bias)."""
        # A lookup per feature, with no set made between (most features carry no weight).
        return sum(map(self._tables.direction_units.get, features, repeat(0)))

    def comment_units(
        self, reading: Reading, question: str | None, source: str | None, words: list[str]
    ) -> int:
        """`direction_units` of `_comment_features`, without making them."""
        by_word = self._tables.word_units
        words = _said_of_now(reading, words)
        return sum(map(by_word.get, set(words), repeat(0))) + self.direction_units(
            _comment_tags(reading, question, source)
        )

    def theme_units(self, reading: Reading, theme: str, words: list[str]) -> int:
        """`direction_units` of `_theme_features`, without making them."""
        tables = self._tables
        by_word, by_pair = tables.local_units, tables.local_pair_units
        grams, habit = _local_words(reading, theme, words)
        total = sum(map(by_word.get, set(grams), repeat(0)))
        # The weighted pairs, each counted once, as in a set of features.
        total += sum(map(by_pair.get, set(pairwise(grams)), repeat(0)))
        if habit:  # rare: made as features
            said_then: set[str] = set()
            _grams("h:", habit, said_then)
            total += self.direction_units(said_then)
        return total + self.direction_units(_theme_tags(reading, theme))

    def apply(
        self, reading: Reading, question: str | None = None, source: str | None = None
    ) -> CommentAnalysis:
        """The themes and directions of a comment the rules have read."""
        if reading.empty:
            # "n/a" to "How supported do you feel by your manager?" is no news of the manager:
            # the question's words alone must not make a stance.
            return CommentAnalysis({}, polarity_of(reading))
        if reading.degree_only:
            # "Not at all." to "How happy are you in your team since your manager left?" is
            # news of the team alone: the question's other words must not make a stance.
            return CommentAnalysis(reading.decided, polarity_of(reading))
        words = comment_words(reading)
        certain = reading.certain
        found = self.detected(self.detection_rows(reading, question, source, words), words, certain)
        themes: dict[str, Direction] = {}
        decided = reading.decided
        shared_lean: int | None = None  # the bias and the weights every theme's features share
        own_parts = _own_parts(reading) if question is None else frozenset()
        for theme in THEMES:
            if theme not in found and theme not in certain:
                continue
            lean_of_question = reading.lean.direction if reading.lean is not None else None
            score = reading.scores.get(theme, 0.0)
            if lean_of_question is not None and not score and not reading.total:
                # Nothing in the words says good or bad ("Why do you stay?" "the pay"): the
                # question does, whatever the theme usually means in other comments.
                themes[theme] = lean_of_question
                continue
            if (
                lean_of_question is not None
                and len(words) <= _SHORT
                and abs(score) >= 1
                and (
                    (
                        (score > 0) == (lean_of_question == "pos")
                        and not _HEDGED.search(reading.work_text)
                    )
                    or _plain_complaint(reading, score)
                )
            ):
                # A short answer whose words and question agree ("What might make you leave?"
                # "my manager is awful", "toxic"): the weights, which learned that most short
                # answers about the manager or the team to that question name what would be
                # lost ("losing my PM"), must not turn it. In the pool 216 of the 217 such
                # answers with a label for the theme are labelled the way both say. Not where
                # a negation, a condition or a comparison may be what made the rules' sign
                # ("not my TM, she's great", "if my manager got awful", "less toxic now").
                # So is a short complaint to a question of staying ("What keeps you here?" "my
                # manager is useless", "toxic"): the words say it and nothing hedges them, and
                # the weights would turn it to the question's good news. In the pool no such
                # answer is labelled praise once emphasis ("hands down") is read as neither.
                # So is the thing named only to be denied ("What will you miss?" "Not
                # Mosaic."; in the pool, every "Not the pay." to a question of staying is
                # labelled pay's bad news).
                themes[theme] = "pos" if score > 0 else "neg"
                continue
            if theme in own_parts or (question is None and _plain_statement(reading, score, words)):
                # "my manager is awful", "the office is lovely", "great team, awful manager":
                # the words, not the theme's usual news.
                themes[theme] = "pos" if score > 0 else "neg"
                continue
            if theme in decided:
                # Harm to the worker is never good news for their wellbeing, however warmly the
                # rest speaks ("my TM was brilliant after I got shoved"); a count that fell or
                # rose is the news for workload ("the team grew from 4 SWs to 9"); how the
                # manager treats the worker is the news for managers ("my TM talks over me").
                themes[theme] = decided[theme]
                continue
            if shared_lean is None:
                shared_lean = _units(self.direction_bias) + self.comment_units(
                    reading, question, source, words
                )
            # The theme's own features never share a name with the comment's (their prefixes
            # differ; a test checks), so the comment's are added up once, not once a theme.
            lean = shared_lean + self.theme_units(reading, theme, words)
            if lean == 0:  # no evidence either way: the rules' reading
                themes[theme] = direction_of(theme, score, reading.lean)
            else:
                themes[theme] = "pos" if lean > 0 else "neg"
        return CommentAnalysis(themes, polarity_of(reading))

    def to_json(self) -> dict[str, Any]:
        """The weights as the shipped file holds them (sorted, so diffs are readable)."""
        by_feature: dict[str, dict[str, float]] = {}
        for feature, pairs in self.detect.items():
            by_feature[feature] = dict(sorted(pairs))
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "detect": {
                "bias": dict(sorted(self.detect_bias.items())),
                "weights": dict(sorted(by_feature.items())),
            },
            "direction": {
                "bias": self.direction_bias,
                "weights": dict(sorted(self.direction.items())),
            },
        }


def _units(weight: float) -> int:
    return round(weight * UNITS)


def _number(value: object, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ModelError(f"{where}: expected a number")
    return float(value)


def model_from_json(data: object) -> Model:
    """A model from its JSON form, checked."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"expected a weights object of format {FORMAT}")
    detect, direction = data.get("detect"), data.get("direction")
    if not isinstance(detect, dict) or not isinstance(direction, dict):
        raise ModelError('expected "detect" and "direction" objects')
    bias = detect.get("bias")
    if not isinstance(bias, dict) or set(bias) != set(THEMES):
        raise ModelError("detect.bias must give every theme a bias")
    pairs: dict[str, list[tuple[str, float]]] = {}
    for feature, weights in dict(detect.get("weights") or {}).items():
        if not isinstance(weights, dict) or not set(weights) <= set(THEMES):
            raise ModelError(f"detect.weights[{feature!r}] must map themes to numbers")
        if feature.startswith("p:") and " " not in feature[2:]:
            raise ModelError(f"detect.weights[{feature!r}]: a word pair needs two words")
        pairs[feature] = [
            (t, _number(w, f"detect.weights[{feature!r}]")) for t, w in weights.items()
        ]
    return Model(
        {theme: _number(b, f"detect.bias.{theme}") for theme, b in bias.items()},
        {feature: tuple(p) for feature, p in pairs.items()},
        _number(direction.get("bias"), "direction.bias"),
        {
            feature: _number(w, f"direction.weights[{feature!r}]")
            for feature, w in dict(direction.get("weights") or {}).items()
        },
        _number(data.get("threshold", 0.0), "threshold"),
    )


@lru_cache(maxsize=1)
def shipped_model() -> Model:
    """The weights shipped with the package (analysis/data/comment_model.json), with the
    memory of the training comments beside them (analysis/data/neighbours.npz)."""
    weights = model_from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    return replace(weights, neighbours=load(NEIGHBOURS_PATH))
