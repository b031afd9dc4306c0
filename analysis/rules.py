"""The hand-written half of comment analysis: the themes a comment takes a stance on, each with a
direction, read by the domain's rules (analysis.comments combines it with the learned half).

Clause by clause: "my TM is brilliant but the pay is shocking" is two statements, managers
positive and pay negative. Within a clause the domain's own phrases come first ("no complaints
about pay", "could be better", "agency earn double", "no longer drowning"), then single words
with negation, and TextBlob's polarity only as a last, weak signal: plain TextBlob calls
"Caseloads are too high and I work most evenings" positive. No NLTK corpus is needed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Final, Literal, NamedTuple

# TextBlob's own sentiment lexicon (shipped with the package; no NLTK corpus).
from textblob.en import sentiment as textblob_lexicon

from analysis.lexicon import (
    BODY,
    DEPARTURE,
    EASED,
    GOING_TO,
    LEXICON,
    NEGATIVE,
    NEGATORS,
    PHRASE_GATES,
    PHRASE_LEADS,
    PHRASE_WORDS,
    POSITIVE,
    SARCASM,
    SURVEY,
    THEME_CUES,
    THEN_AND_NOW,
    QuestionLean,
    question_lean,
    word_starts,
)
from analysis.lexicon import LONG_DAY as _LONG_DAY  # work_life_balance's long-day cue, scored
from analysis.text import Clause, clauses, normalise
from surveys.themes import THEMES

Direction = Literal["pos", "neg"]
_SCARE_QUOTES = re.compile(r"'[a-z ]{1,20}'")
_WORD = re.compile(r"[a-z£][a-z0-9£'-]*")
# With no signal at all, what a mention most likely means: staff raise these to complain.
_LEANS_NEGATIVE = {
    "workload",
    "processes",
    "it_systems",
    "environment",
    "wellbeing",
    "work_life_balance",
    "pay",
    "leadership",
}


@dataclass(frozen=True)
class CommentAnalysis:
    """The analyser's reading of one comment."""

    themes: dict[str, Direction] = field(default_factory=dict)
    polarity: float = 0.0


def themes_in(text: str, starts: frozenset[str] | None = None) -> set[str]:
    """The themes a (normalised) text mentions; `starts` are its `word_starts` if known."""
    starts = word_starts(text) if starts is None else starts
    return THEME_CUES.themes_in(text, starts)


def _lexicon() -> tuple[dict[str, float], dict[str, float]]:
    textblob_lexicon.load()
    polarity: dict[str, float] = {}
    intensifiers: dict[str, float] = {}
    for word, senses in textblob_lexicon.items():
        if None not in senses or " " in word:
            continue
        value, _subjectivity, intensity = senses[None]
        if "RB" in senses and intensity != 1.0:
            intensifiers[word] = float(intensity)  # "very good" is better than good
        polarity[word] = float(value)
    return polarity, intensifiers


_TEXTBLOB_POLARITY, _TEXTBLOB_INTENSIFIERS = _lexicon()
_TEXTBLOB_NEGATIONS = frozenset({"no", "not", "never"})


def textblob_polarity(words: list[str]) -> float:
    """TextBlob's polarity of a clause's words, the way its pattern analyser averages them
    (an intensifier scales the next word, a negation flips and halves it), without its
    tokeniser: called on every weak clause, TextBlob's own pass cost more than all the rules."""
    if _TEXTBLOB_POLARITY.keys().isdisjoint(words):  # no word it knows: no polarity
        return 0.0
    total = 0.0
    assessed = 0
    negate = False
    boost = 1.0
    for index, word in enumerate(words):
        if word in _TEXTBLOB_NEGATIONS:
            negate = True
            continue
        value = _TEXTBLOB_POLARITY.get(word)
        if value is None:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in _TEXTBLOB_INTENSIFIERS and following in _TEXTBLOB_POLARITY:
            boost *= _TEXTBLOB_INTENSIFIERS[word]
            continue
        value *= boost
        total += -0.5 * value if negate else value
        assessed += 1
        negate, boost = False, 1.0
    return max(-1.0, min(1.0, total / assessed)) if assessed else 0.0


# A negator's reach ends at these: "my PM is never around and rude when she is" is rude. (Not
# "so": "not so bad" is mild praise.)
_SCOPE_ENDS: Final = frozenset({"and", "when", "because", "then"})
# "Never felt so overwhelmed", "never been this tired": "never" there says how much, not "not".
_DEGREE: Final = frozenset({"so", "this", "such", "more", "as"})


def _turning(words: list[str], index: int) -> tuple[list[int], list[int]]:
    """The negators that turn the word at `index` (in the three words before it, not past the
    end of their reach), and the "never"s among those words that say how much instead."""
    turning: list[int] = []
    degree: list[int] = []
    for i in range(index - 1, max(0, index - 3) - 1, -1):
        word = words[i]
        if word in _SCOPE_ENDS:
            break
        if word in NEGATORS:
            if word == "never" and _DEGREE.intersection(words[i + 1 : index]):
                degree.append(i)
            else:
                turning.append(i)
    return turning, degree


# Each good or bad word's value (no word is both: the lexicon's loader checks).
_WORD_VALUES: Final[dict[str, float]] = {**POSITIVE, **NEGATIVE}


def _word_score(words: list[str]) -> float:
    if _WORD_VALUES.keys().isdisjoint(words):  # most clauses' words: one test, in C
        return 0.0
    score = 0.0
    # A negator that is bad news by itself ("never", "barely", "lack") and turns a later word
    # says nothing more: "my TM is never rude" is praise, not a complaint softened; unless two
    # negators meet ("never not stressed"), when each keeps its own say, as before. A "never"
    # that says how much ("never felt so supported") has no say of its own either. Read from
    # the end, so a negator is known to have turned a word before its own turn comes.
    spent: set[int] = set()
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        value = _WORD_VALUES.get(word, 0.0)
        if not value or index in spent:
            continue
        turning, degree = _turning(words, index)
        spent.update(degree)
        if turning:
            value = -value * 0.8  # "not supportive" is negative; "not bad" mildly positive
            if len(turning) == 1:
                spent.update(turning)
        score += value
    return score


def spend_phrases(text: str, starts: frozenset[str] | None = None) -> tuple[str, float]:
    """The scored phrases of a clause, tried in order, each match's words spent (blanked) so a
    later phrase or word cannot count them again: the text left and the phrases' total.
    `starts` are the clause's `word_starts` if known."""
    score = 0.0
    rest = text
    starts = word_starts(text) if starts is None else starts
    # Only the phrases that could be there are tried, in order (the next one last, to pop):
    # those a word of the clause leads (or no word leads) that need no known string or one of
    # whose needed strings is in the clause.
    pending = _phrases_to_try(rest, starts, -1)
    while pending:
        index = pending.pop()
        pattern, value, _gate = PHRASE_GATES[index]
        rest, found = pattern.subn(" ", rest)  # its words are spent
        if not found:
            continue
        score += value
        # The clause changed: a phrase may end inside a word ("why i stay" in "why i stayin my
        # last job"), leaving a new word, and blanked words bring others together, so the later
        # phrases are chosen again from what is left.
        starts = starts | word_starts(rest)
        pending = _phrases_to_try(rest, starts, index)
    return rest, score


# Each phrase's needed strings and leading word starts (None: no word leads it), by index.
_NEEDS: Final = tuple(strings for _pattern, _score, strings in PHRASE_GATES)


def _phrases_to_try(text: str, starts: frozenset[str], after: int) -> list[int]:
    """The phrases after `after` that `text` (whose words start as `starts`) could hold, the
    next last: those one of whose needed strings it holds and whose first word starts as one of
    its words (or that no word leads). The few whose strings could be there are found word by
    word (`PHRASE_WORDS`); a substring test a phrase, ~29 a clause, cost a fifth of the rules."""
    found = []
    leads = PHRASE_LEADS
    for index in PHRASE_WORDS.could_pass(text):
        if index <= after:
            continue
        lead = leads[index]
        if lead is not None and lead.isdisjoint(starts):
            continue
        needs = _NEEDS[index]
        if not needs:  # nothing it needs is known: it is tried
            found.append(index)
            continue
        for literal in needs:
            if literal in text:
                found.append(index)
                break
    found.sort(reverse=True)
    return found


def clause_score(text: str, starts: frozenset[str] | None = None) -> float:
    """How good or bad a clause is, in the domain's terms (positive is good); `starts` are its
    `word_starts` if known."""
    # Scare quotes mean the opposite ("the 'quick' audit tool"): the quoted word does not count.
    # (They are blanked, so no word of the clause starts otherwise: `starts` still hold.)
    rest = _SCARE_QUOTES.sub(" ", text) if "'" in text else text
    rest, score = spend_phrases(rest, word_starts(text) if starts is None else starts)
    words = _WORD.findall(rest)
    score += _word_score(words)
    if abs(score) < 0.5:
        polarity = textblob_polarity(_WORD.findall(text))
        if abs(polarity) >= 0.2:
            score += 0.5 if polarity > 0 else -0.5
    return score


# An answer that opens by saying little or nothing is good here, to a question that asks what is
# ("What keeps you here?" "Not much, honestly. The pay's worse than next door."), and goes on:
# not "nothing beats the team", "nothing I would put in writing", "nothing dramatic", nor a
# wish question's "nothing, keep the 4-day week" (those ask what is missing, and lean "neg").
_DENIES: Final = re.compile(
    r"^(?:(?:honestly|tbh|to be honest|um|erm|well|ngl|sadly|truthfully|if i am honest)[,.]? )*"
    r"(?:(?:nothing|not much|not a lot|very little|nowt|not anything|sod all|nothing really)"
    r"(?! (?:but|except|apart|other than|beats|compares|comes close|like|else|more|much|would"
    r"|could|will|i|that|which|dramatic|specific|special|in particular|fancy|major|big|of)\b)"
    r"(?=[ ,.;:!-]+\w)"
    # "Who would you miss?" "Nobody. No one here has said two words to me": only as a whole
    # statement, not "Nobody here makes me feel like the agency one".
    r"|(?:nobody|no one|noone|no-one|none of them)"
    r"(?: (?:really|tbh|honestly|at all|lol|haha|in particular|special|here))?"
    r"(?=[.,;:!-]+ ?\w)(?![.,;:!-]+ ?(?:every\w*|all|the whole|the lot)\b))"
)
# After such an opening, the small good thing that is left ("Not much. The people, maybe.").
_SMALL_GOOD: Final = re.compile(
    r"\b(?:maybe|perhaps|possibly|i suppose|i guess|so there is that|at least|except|apart from"
    r"|other than|bar the|bar my|(?:just|only|mainly|mostly) (?:the|my|our)|i would (?:give|grant)"
    r"|to be fair)\b"
)
# An answer to a wish question that says nothing is missing, or names what to keep.
_CONTENT = re.compile(r"(?:honestly,? )?(?:nothing|not much|not a lot|not really|keep)\b")
_TWO_DIGITS = re.compile(r"\b(\d{2})\b")
_OUT_OF_HOURS = re.compile(
    r"\b(?:evenings?|weekends?|sundays?|saturdays?|(?:[6-9]|1[0-2]) ?pm|midnight|overtime)\b"
)
# Said of the past: "I used to be in from 7 to 7, not any more".
_NOT_NOW = re.compile(r"\b(?:used to|no more|not any ?more|no longer|gone are)\b")


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {
    **{word: i + 1 for i, word in enumerate(_UNITS)},
    **{word: i + 10 for i, word in enumerate(_TEENS)},
    **{word: 20 + 10 * i for i, word in enumerate(_TENS)},
    **{
        f"{ten}-{unit}": 20 + 10 * i + j + 1
        for i, ten in enumerate(_TENS)
        for j, unit in enumerate(_UNITS)
    },
}
_COUNT = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
# The verb before "from" is part of the change: "went", "dropped", "gone down" are words of
# complaint elsewhere, and here they only say which way the count moved.
# A rough count is a count: "went from like 22 to 14", "from about 30 to roughly 18".
_ROUGHLY = r"(?:about |around |over |nearly |like |roughly |almost |approx\w* )?"
_FROM_TO = re.compile(
    rf"\b(?:\w+ ){{0,2}}from {_ROUGHLY}{_COUNT} "
    rf"(?:\w+ ){{0,2}}?(?:down |up )?to (?:about |around |like |roughly )?{_COUNT}\b"
)
# The count now told first: "down to 14 from 22", "we're down to three SWs from seven", "team is
# up to 7 from 5" (thirty-second round). Groups: the way, the count now, what is counted, the
# count then; read as the same change told the usual way (`_told_the_usual_way`).
_TO_FROM = re.compile(
    rf"\b(down|up) to {_COUNT} ((?:[a-z]+ ){{0,2}}?)"
    rf"from {_ROUGHLY}{_COUNT}\b"
)
# A count then and a count now is a change too: "I used to have 30 kids, now it's 17", "had 28
# families last year and now I have 16", "we had 6 SWs, now we have 3", "caseload was 30, now
# it's 17". The count then and the count now are the pattern's two groups, as in `_FROM_TO`. A
# count now that is part of the whole or added to it ("now 17 of them are in proceedings", "now
# 12 are CP", "now 2 more") is not.
_THEN_NOW = re.compile(
    rf"\b(?:used to (?:have|hold|carry|be on|get)|had|was|were) "
    rf"(?:about |around |over |nearly |like |on )?{_COUNT} (?:\S+ ){{0,4}}?"
    rf"(?:now|nowadays|these days)(?: [\w']+){{0,3}}? "
    rf"(?:down to |up to |only |just |about |around )?{_COUNT}\b"
    r"(?! (?:more|of|are|were|others?|extra|further)\b)"
)
# The count now said before "now": "caseload was 31 back in march, it's 19 now", "had 28
# families last year, I'm on 16 now". The count now is what someone has, is on or is down to.
_THEN_NOW_AFTER = re.compile(
    rf"\b(?:used to (?:have|hold|carry|be on|get)|had|was|were) "
    rf"(?:about |around |over |nearly |like |on )?{_COUNT} (?:\S+ ){{0,6}}?"
    r"(?:it is|it has|(?:i|we) (?:have|have got|am on|are on|are at|am at|are)|there are|they are"
    r"|(?:down|up) to)"
    rf"(?: (?:down to|up to|only|just|about|around))? {_COUNT}(?: of us)? "
    r"(?:now|nowadays|these days)\b"
)
# Words between the two counts that make it no count now: a wish, a promise, a target, a denial,
# or more of the same ("now hoping for 20", "now it's not 17 like they promised", "now
# supposed to be 17", "now a further 2").
_NOT_NOW_COUNT = re.compile(
    r"\b(?:hop\w*|should|supposed|meant|promised|would|could|if|wants?|target|aim\w*|not|never"
    r"|another|further|extra|more)\b"
)
# A time of day between the two counts: "had 20 cases at 9am, now it's 11" is a clock.
_CLOCK_BETWEEN = re.compile(r"\d ?(?:am|pm)\b|o ?clock\b")
# "Working from 8 to 6", "duty rota is from 9 to 5", "the meeting moved from 10 to 2": the hours
# of a day, not a count. Both numbers are hours, and either no verb of change comes before
# "from" or the words around say it is a time.
_MOVED = re.compile(
    r"\b(?:went|gone|go|goes|going|dropped|drop|drops|fell|fallen|falls?|come|came|coming|down|up"
    r"|increased|increase|rose|risen|rises?|grew|grown|reduced|cut|doubled|halved|jumped|climbed"
    r"|crept|shot|shrunk|shrank|slashed|pushed|push|taken|took|take|brought|moved)\b"
)
_CLOCK_BEFORE = re.compile(
    r"\b(?:work(?:ing|s|ed)?|start(?:ing|s|ed)?|shifts?|rota|logged|online|office|call|desk"
    r"|meetings?|finish(?:ing|ed)?|in)\b"
)
_CLOCK_AFTER = re.compile(
    r" (?:(?:most|every|each) (?:day|night|evening|morning)s?|daily|at night|o ?clock|am\b|pm\b)"
)
# "From 5 to 4 days a week", "from 2 hours to 45 mins", "from 10 to 40 percent": a count of
# something other than cases or people.
_UNIT = re.compile(
    r" (?:days?|hours?|hrs?|mins?|minutes|weeks?|months?|years?|percent|per cent|times|miles"
    r"|grand|pounds?|k|nights?|weekends?|sessions?|meetings?)\b"
)
# A score or rating that moved is the survey's scale, not a count ("my score has gone from 4 to
# 7", "I'd rate it from 3 to 8 out of 10"); a rate alone may count people ("turnover rate").
_RATING = re.compile(
    r"\b(?:scor\w*|rated|ratings?|rate (?:it|this|us|my)|out of (?:\d+|ten|five))\b"
)
# What is counted: people in the team ("from 6 to 3 workers", "eight social workers to four"),
# where fewer is bad news; cases, families and vacancies, where fewer is good news. People who
# leave, go off sick or are agency count like cases: more of them is bad news.
_STAFF = re.compile(
    r"\b(?:workers?|staff|social workers|sws?|people|colleagues|practitioners|members|of us)\b"
)
_STAFF_OR_TEAM = re.compile(rf"{_STAFF.pattern}|\bteam\b")
_NEXT_WORDS = re.compile(r"(?: [\w-]+){1,2}")
_CASES = re.compile(
    r"\b(?:case\w*|famil\w+|child\w*|kids|referrals?|visits?|vacanc\w+|assessments?|reports?)\b"
)
# What the count's own words may name as cases: unallocated work is a load too ("14 unallocated
# in oct. 2 now"), but only named there: "since the unallocated list exploded our team went from
# 6 to 4" counts the team (the words before a count are read with `_CASES`).
_CASES_COUNTED = re.compile(rf"{_CASES.pattern}|\bunallocated\b")
# Forms, steps and sign-offs: a count of them is about processes ("from four forms to one", "the
# referral form went from 3 pages to 12", "from one sign-off to five"), where fewer is good news.
_FORMS = re.compile(
    r"\b(?:forms?|paperwork|templates?|pages?|boxes|tick ?boxes|steps|signatures?|signoffs?"
    r"|fields|screens|clicks|tabs|sections)\b"
)
_LOST_PEOPLE = re.compile(r"\b(?:leav\w*|left|leavers?|sick\w*|turnover|agency|locums?|off)\b")
# Harm to the worker (assault, threats, being spat at): whatever else a comment says, it is bad
# news for their wellbeing. "My manager backed me when I was attacked" is good news about the
# manager and bad news about safety, so this sets the wellbeing score alone. The worker must be
# the one harmed ("I was punched in the face", "a dad threatened me", "got spat at in court"):
# not "a colleague was assaulted", "got hit with the restructure news", "we got hit by budget
# cuts", "it really hit me how tired I am", "the counselling has kicked in", "got kicked around
# between teams", "bitten the bullet" or "threatened me with capability".
_HARMS = (
    r"(?:attacked|assaulted|punched|kicked|shoved|headbutted|bitten|hit|threatened|spat (?:at|on))"
)
_NOT_HARM = (
    r"(?! (?:with (?:a |the )?(?:capability|disciplinary|redundancy|formal|hr|action|sack)"
    r"|with (?:the|news|a (?:bill|letter|form|restructure))\b"
    r"|by (?:the )?(?:restructure|cuts|budget|news|changes|reality|workload|caseload)"
    r"|in\b(?! (?:the|my|his|her|a|an|their|court|front|public)\b)"
    r"|off\b|out\b|around\b|about\b|the bullet\b|how\b))"
)
_HARM = re.compile(
    rf"\b(?:i|we) (?:was|were|got|get|have been|had been|have got|keep getting) "
    rf"(?!(?:not|never)\b)(?:\w+ )?{_HARMS}\b{_NOT_HARM}"
    rf"|\b(?:{_HARMS}|bit|pinned|kicked at|lunged at) me\b{_NOT_HARM}"
    rf"|(?:^|(?<=[.,;!?] )|(?<=and ))got (?:\w+ )?{_HARMS}\b{_NOT_HARM}"
)
# Denied ("no one in the office has ever threatened me", "never once been hit") by a word earlier
# in its clause; "it really hit me", "the news hit me hard", "the workload has kicked me": the
# one doing it is not a person.
_HARM_DENIED = re.compile(r"\b(?:never|no one|nobody|not once)\b")
_NOT_A_PERSON = re.compile(
    r"\b(?:it|this|that|news|reality|penny|realisation|workload|caseload|job|week|day|year)"
    r"(?: \w+){0,2} $"
)
_CLAUSE_START = re.compile(r".*[.,;!?]", re.DOTALL)
_HARM_SCORE: Final = -1.5  # as decided as a clear complaint: harm is never good news


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _harms(text: str) -> list[re.Match[str]]:
    """The harms to the worker `text` (normalised) tells of, not denied ("never been hit")."""
    found = []
    for harm in _HARM.finditer(text):
        # Only the clause before the harm, and at most 80 characters of it: long text stays fast.
        before = text[max(0, harm.start() - 80) : harm.start()]
        cut = _CLAUSE_START.match(before)
        before = before[cut.end() :] if cut else before
        if _HARM_DENIED.search(before) or _NOT_A_PERSON.search(before):
            continue
        found.append(harm)
    return found


# Harm by someone the comment reads as a theme: the manager's reading keeps it.
_BY_STAFF = re.compile(r"\b(?:manager|supervisor|senior|colleague|boss|director)s?\b")
# What the writer will miss, or misses, is here: "I'll miss this lot", "I already miss the team";
# so is what they would lose by going ("thought about agency but then I'd lose the training
# budget"), but not what a decided move will lose ("off to the trust, and I will lose the
# commute"). Only a statement that is the missing: "the money is better and I'll miss the
# bedtimes less" is about there.
_MISSED = re.compile(
    r"^(?:and |but |though |honestly |still )?(?:i|we)(?: will| would| already)?(?: really| so)?"
    r" miss\b"
    r"|^but (?:then )?(?:again )?(?:i|we) would (?:lose|be losing|be giving up|have to give up)\b"
)
# An answer that opens with a loss, to a question of what might make someone leave: "Losing my
# PM.", "if we lost the hybrid days", "my TM retiring". What they would lose is what keeps them
# (in the pool's answers of this shape, managers 88 of 90 good news, team culture 16 of 18,
# work-life balance 35 of 36), and the loss word read it as a complaint, so the answer's other
# complaints ("the culture is toxic", "my manager is awful") could not be told from it. Only a
# question of what might or would make them leave (a loss asked of "What has got worse?" or
# "Why are you leaving?" has happened), only the loss of a manager, the team or colleagues, or
# a way of working, and not one that says it would be welcome, that the work takes it ("losing
# my evenings to recording"), or a turnover ("another TM leaving", "the managers leaving").
_LEAVE_IF: Final = re.compile(
    r"\b(?:might|would|could|will)\b(?: \w+){0,4} (?:leave|leaving|go|quit|resign|move on)\b"
    r"|\btempt you\b"
)
_LOST_ONE: Final = (
    r"(?:team manager|practice manager|manager|supervisor|senior practitioner|mentor|boss"
    r"|assistant team manager)"
)
# What the job gives that pays or teaches ("losing the market supplement", "if we lost the car
# allowance", "losing the AP posts", "losing my mentor"): in the pool every such answer to a
# question of leaving with a label for the theme is labelled its good news. A word list, so it is
# data: patterns.yaml's fragment paid_or_taught.
_LOST_GOOD: Final = LEXICON.fragments["paid_or_taught"]
_LOST_THING: Final = (
    rf"(?:{_LOST_ONE}|team|colleagues|people around me|lot|pod|hybrid(?: \w+)?|flexi\w*"
    r"|working from home(?: \w+)?|home working|compressed \w+|(?:four|4)[- ]day week"
    r"|(?:nine|9)[- ]day fortnight|term[- ]time \w+)"
)
# The loss of such a thing is the whole news of its clause: not "losing the supplement wouldn't
# make much difference", "losing the market supplement in april was the final straw".
_WHOLE: Final = (
    r"(?=(?: (?:tbh|honestly|probably|maybe|i think|i guess|for sure|definitely|really"
    r"|to be honest|if i am honest))* *$)"
)
_LOSS_ANSWER: Final = re.compile(
    r"^(?:(?:honestly|probably|definitely|maybe|just|tbh),? )?(?:"
    rf"(?:losing|loosing|lose|if (?:i|we) (?:lost|lose)) (?:my|our|the) {_LOST_THING}"
    rf"|(?:losing|loosing|lose|if (?:i|we) (?:lost|lose)) (?:my|our|the) {_LOST_GOOD}{_WHOLE}"
    rf"|(?:my|our) {_LOST_ONE} (?:leaving|retiring|moving on|going)"
    # Without "my" only as the whole news, "tm leaving tbh", not "the manager leaving everything
    # to the last minute" or "manager going missing when it kicks off".
    rf"|(?:the )?{_LOST_ONE} (?:leaving|retiring|moving on|going)(?= *(?:$|[,.;!]"
    r"| (?:tbh|honestly|to be honest|soon|for good|next year|this year|as well|too|probably)\b))"
    # "If my manager were to go", "if my TM left".
    rf"|if (?:my|our|the) {_LOST_ONE} (?:were to|was to) (?:go|leave|retire|move on)"
    rf"|if (?:my|our|the) {_LOST_ONE} (?:went|left|leaves|goes|retired|retires|moved on)"
    # "if she left i'd go", "If he ever went, I'm out" (the fifty-third round's probes): the
    # one they would follow, as patterns.yaml's cue has it, is the manager.
    r"|if (?:she|he) (?:ever )?(?:went|left|leaves|goes|retired|retires|moved on)"
    r"(?= *(?:$|[,.;!]| (?:i|then|tbh|honestly)\b))"
    rf"|(?:my|our|the) team (?:being|getting) (?:split|broken) up"
    # "The training budget getting cut", "the supplement being withdrawn".
    rf"|(?:my|our|the) {_LOST_GOOD} (?:being|getting) (?:cut|scrapped|axed|withdrawn|taken away"
    rf"|stopped|removed|dropped){_WHOLE}"
    r")\b(?! (?:to|us|me|over|behind|off|on|mad)\b)"
)
# What follows a loss of what pays or teaches that makes it a complaint, not a thing valued: the
# loss has already happened ("the secondment being stopped - i was promised it and it got
# pulled", "they cut it last year") or the thing already falls short ("losing the mileage rate,
# it already doesnt cover the petrol", "it has not covered petrol for years"). Not "it was never
# cut", nor "i could barely cover my rent" (the worker, not the thing).
_CUT: Final = (
    r"(?:pulled|cut|stopped|scrapped|axed|withdrawn|taken away|taken off us|taken from us|removed"
    r"|dropped|suspended|paused|halved|frozen|slashed|binned|reduced to nothing)"
)
# Words between that say the cut did not happen, or not yet: "it was almost scrapped", "they
# were threatening to cut it", "it is going to be cut".
_NOT_YET: Final = (
    r"(?!(?:not|never|almost|nearly|very|going|threaten\w*|plann\w*|about|due|set|supposed"
    r"|meant|to|be)\b)"
)
_LOSS_SUFFERED: Final = re.compile(
    rf"\b(?:it|that|they|which|this)\b(?: {_NOT_YET}\w+){{0,2}}?"
    rf" (?:got|was|were|been)(?: {_NOT_YET}\w+){{0,2}}? {_CUT}\b"
    rf"|\bthey\b(?: (?:already|just|quietly|then|have|had))* (?:{_CUT}|took|taken|got rid of"
    r"|stopped paying) (?:it|them)\b"
    # "we lost it last year", "which has already happened".
    r"|\bwe (?:already |have |had )*lost (?:it|them)\b"
    r"|\b(?:which|that|it) (?:has|have|had) already happened\b"
    r"|\b(?:it|that|which|this|they|\d+p|rate|allowance|supplement|mileage)\b"
    r"(?: (?:already|still|now))?"
    r" (?:(?:does|do|did|has|have) not(?: even)?|barely|hardly|scarcely|only just)"
    r" (?:covers?|covered|touch(?:es)?)\b"
    r"|\b(?:it|that|which|this|they) (?:is|was|are|were) (?:already |now )?(?:not (?:even )?enough"
    r"|a joke|pathetic|rubbish|peanuts|nothing|a pittance|pennies)\b"
)
# What takes that back: an "if" or "when" before it in its sentence (a loss that would happen),
# another employer named in the sentence ("it was pulled at my last council"), a loss undone
# ("it was removed in 2019 and reinstated"), or a "but" that still values what is left ("it
# barely covers the commute but it helps").
_LOSS_IF: Final = re.compile(
    r"\b(?:if|when|once|unless|should|the day|in case)\b|\bhad $"  # "had it been cut, …"
)
_LOSS_ELSEWHERE: Final = re.compile(
    r"\b(?:last|previous|old|former|next|other|another|neighbouring) (?:council|la|authority"
    r"|county|job|place|employer|trust|team|borough)\b|\belsewhere\b"
    r"|\b(?:other|some|most|many|lots of) (?:councils|las|authorities|places|trusts|boroughs)\b"
    r"|\b(?:mates?|friends?|sisters?|brothers?|partners?|husbands?|wifes?)(?:'s)? (?:council|la"
    r"|authority|trust|team|place|job)\b"
)
_LOSS_UNDONE: Final = re.compile(
    r"\b(?:came back|come back|restarted|resumed|returned)\b"
    r"|\b(?:reinstated|reversed|restored|brought (?:it|them) back|put (?:it|them) back"
    r"|u-?turn\w*|backtracked|back-?tracked)\b"
    r"|\bbut (?:it|that|they) (?:still )?(?:helps?|counts?|is something|adds up)\b"
    r"|\bbetter than nothing\b"
)


def _loss_suffered(rest: str) -> bool:
    """Whether what follows a loss answer (`rest`) says the loss has already happened here or
    the thing already falls short (`_LOSS_SUFFERED`), and nothing takes that back."""
    if _LOSS_UNDONE.search(rest):
        return False
    return any(
        not _LOSS_IF.search(sentence[: match.start()]) and not _LOSS_ELSEWHERE.search(sentence)
        for sentence in re.split(r"[.!?;]", rest)
        for match in _LOSS_SUFFERED.finditer(sentence)
    )


_LOSS_WELCOME: Final = re.compile(
    r"\b(?:relief|blessing|riddance|can not wait|cannot wait|soon enough|would not bother"
    r"|not bother|best thing|good thing|glad|happy|delighted|thrilled|celebrat\w*|fingers crossed"
    r"|make my year|best news|bring it on|yes please|toxic|bull(?:y|ying|ies))\b"
)
# A clause about the place the worker is going: "a team where caseloads are 15", "there".
_THERE = re.compile(r"\b(?:where|there|new (?:team|job|role|post|council|authority))\b")
# A habit of then that no longer holds: "I used to have a good manager" is a loss, "Mosaic used
# to crash every afternoon" an end to a bad thing. Not "used to" of being accustomed ("you get
# used to it", "I am not used to this") nor one that was never so ("that never used to happen":
# the thing is new, and its words already say so).
_USED_TO = re.compile(
    r"\bused to\b"
    # Accustomed to a thing or a doing: "used to it", "used to being ignored".
    r"(?! (?:it|this|that|them)\b| (?:being|having|getting|working|doing|going|dealing|juggling"
    r"|coping|seeing|taking|hearing|waiting|chasing)\b)"
    # A load of then ("I used to have 30") has a phrase of its own that says which way.
    r"(?! (?:have|carry|hold|be on) (?:(?:around|about|over|nearly|almost|up to) )?(?:\d"
    r"|(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty"
    r"|thirty|forty|fifty)\b))"
)
# What, just before "used to", makes it no habit of the clause's own: accustomed ("get used to",
# "we are so used to", "grown used to", "not used to"); one that never was ("never used to": the
# thing is new); who or what used to ("the managers who used to support us have gone", "things
# that used to be a phone call"); then set against now in the clause's own words ("better than it
# used to be", "like I used to", "the way it used to be", "not what it used to be").
_NO_HABIT_BEFORE = re.compile(
    r"(?:\b(?:get|got|getting|be|am|are|is|was|were|been|being|not|never|so|all|grown|grew"
    r"|become|became|quite|who|which)|[a-z] that|\b(?:than|as|like|way|how|what)"
    r"(?: (?:it|we|he|i|they|you|she|there|things))?) $"
)


def _lost_habit(clause: str) -> bool:
    """Whether `clause` tells a habit of then that no longer holds: "I used to have a good
    manager" is a loss, "Mosaic used to crash every afternoon" an end to a bad thing."""
    if "used to" not in clause:  # most clauses: no regex
        return False
    return any(
        not _NO_HABIT_BEFORE.search(clause, max(0, found.start() - 24), found.start())
        for found in _USED_TO.finditer(clause)
    )


# A clause that only says the habit before it ended: "Mosaic used to crash every afternoon, now
# it doesn't", "… Not anymore." The habit's clause, turned, already tells the news; read alone,
# its "not" was a complaint (forty-second round; the forty-first round's review).
_HABIT_ENDS = re.compile(
    r"^(?:(?:but|and|although|though|thankfully|luckily|thank god|thank goodness|happily"
    r"|fortunately) )*(?:(?:now|these days|nowadays) )?(?:(?:it|they|she|he|we|that|this|i) )?"
    r"(?:does not|do not|did not|is not|are not|has not|have not|not|no|never)"
    r"(?: (?:any ?more|now|these days|nowadays|any longer|so much|as much|really|thankfully))*$"
)


# The habit goes on in another form, said in the clause after it: "Mosaic used to crash every
# afternoon, now it does it every morning", "… used to crash once a week, now it is every day"
# (the forty-second round's review); not "now it is fine", nor "now its just the PM" (the third
# probe's line 8: what the habit became is less).
_HABIT_GOES_ON = re.compile(
    r"^\W*(?:(?:but|and) )?(?:now|these days|nowadays) (?:it|they|she|he) (?:(?:does it|do it"
    r"|does that|do that|happens|does|do)\b(?! not\b| no\b| never\b)|(?:is|are) (?:every|daily"
    r"|constant|all the time|worse|even worse|twice|more|hourly|weekly)\b)"
)


# The habit holds still: "Mosaic used to be a nightmare and still is". (Every match holds
# "still": a comment without it needs no search.)
_HABIT_HOLDS = re.compile(
    r"\bstill (?:is|are|does|do|has|have|happens|the case|the same)\b|\band still\b"
)


# How the worker's own manager treats them, told with the manager as the one who does it: "my
# manager belittled me in front of the team", "TM shouts at me", "I was humiliated by my PM",
# "my manager does not support me", "my TM is lovely but she never listens". The learned half
# weighs a manager's words by the many comments that praise one ("my manager", "me" and "team"
# lean positive) and read all of these as good news; the rules decide them, as harm decides
# wellbeing. Denied, a mistreatment is praise ("my TM does not micromanage", "I have never been
# shouted at by my manager", "not once has my manager shouted at me"); denied, a kindness is
# the complaint. Someone else's manager ("my last manager", "the home manager", "her
# manager"), a manager on the receiving end ("my manager is micromanaged by the HoS"), a kind
# act told roughly ("shouted at me to go home"), a wish, a habit given up ("used to"),
# sarcasm or the job someone is leaving for decides nothing.
_BOSS_WORD = (
    r"(?:(?:team|practice|line) (?:manager|mgr)s?|managers?|supervisors?|boss|mgrs?"
    # "My senior" is the senior practitioner who supervises, not "my senior colleagues".
    r"|(?<=my )senior(?! (?:colleague|sw|social worker|staff|practitioner|prac|post|role|manager"
    r"|leader|leadership|management|team|member|worker|people|officer)s?\b))"
    r"(?!'s (?!always|never|just|constantly|so|really)\w)(?!-)"
    # "the manager of the care home", "the manager at the hospital": someone else's.
    r"(?! (?:of|at|from) (?:the|a|an|that|this)\b)"
)
# Only the worker's own: "my", "our" or "the" manager (or a clause that starts with one: "TM
# shouts at me"), perhaps "new" or "current"; "my last TM", "the ward manager" and "her
# manager" do not start the pattern anywhere.
_BOSS = rf"(?:\b(?:my|our|the) (?:new |current |own )?|^){_BOSS_WORD}(?:'s)?"
# Single words only, so two ways to read the same words never meet (no catastrophic backtracking).
_HOW_OFTEN = (
    r"(?:(?:always|constantly|often|regularly|just|openly|literally|actually|then|even|also"
    r"|still|really|sometimes|basically|keeps|kept|has|had|have|will|is|was|are|been|got|gets"
    r"|once|ever|both) )*"
)
_WHOM = (
    r"(?:me|us|people|staff|everyone|everybody|the team|colleagues|workers|social workers"
    r"|the (?:newly qualified social workers?|nqsws|asyes|students|admin|juniors|new starters))\b"
)
# A rough word for a kind act: "shouted at me to go home", "told me off for logging on at 10pm".
_KIND_ACT = (
    r"(?! (?:to (?:go|take|book|rest|leave|log|stop|have|get|eat|switch)"
    r"|for (?:working|logging|staying|not taking|coming in))\b)"
)
_MISTREATS = (
    r"(?:(?:belittl|humiliat|berat|gaslight|undermin|micro ?-?manag)\w*|gaslit"
    r"|(?:shout|yell|scream|snap|snapp|bark|swear)(?:s|ed|ing|ped|ping)? "
    rf"(?:(?!about\b)\w+ ){{0,3}}at {_WHOM}|swore at {_WHOM}"
    r"|(?:bit|bites|biting|bite) (?:my|our) heads? off|(?:points?|pointing) (?:the )?fingers?"
    rf"|(?:tore|tears?|tearing|ripp?(?:s|ed|ing)?|lays?|laid) into {_WHOM}"
    rf"|talk(?:s|ed|ing)? (?:down to|over) {_WHOM}|pick(?:s|ed|ing)? on {_WHOM}"
    rf"|(?:blame|criticise|criticize)(?:s|d)? {_WHOM}|(?:blaming|criticising|criticizing) {_WHOM}"
    rf"|bull(?:y|ies|ied|ying) {_WHOM}|chas(?:e|es|ed|ing) (?:me|us)"
    r"|(?:told|tells?|telling) (?:me|us) off|threaten(?:s|ed|ing)? (?:me|us) with"
    r"|ignor(?:e|es|ed|ing) (?:me|us|(?:my|our) (?:emails?|messages?|calls?|texts?|requests?"
    r"|concerns?|questions?|ideas?))|dismiss(?:es|ed|ing)? (?:me|us|my concerns|our concerns)"
    r"|(?:is|was|are) (?:so |really |very |quite )?(?:rude|horrible|nasty|vile|cold|dismissive"
    r"|condescending|patronising|patronizing) to (?:me|us)"
    r"|thr(?:ew|ows?|owing) (?:me|us) under the bus|t(?:akes?|ook|aking) (?:the )?credit for"
    r"|(?:speaks?|spoke|talks?|talked|treats?|treated) (?:me|us) like (?:a |an )?(?:\w+ )?"
    r"(?:child|kid|idiot|student|dog|rubbish|dirt)"
    r"|cancel\w* (?:on (?:me|us)|(?:my |our )?supervision)"
    r"|(?:makes?|made|making) (?:me|us|you) (?:cry|feel (?:stupid|daft|silly|useless|small"
    r"|incompetent|worthless|rubbish|inadequate|thick|like (?:an idiot|a child|rubbish"
    r"|a failure)))|(?:a |such a |an absolute |a total )?(?:bully|tyrant))\b"
    rf"(?! by\b){_KIND_ACT}"
)
# Denied, a raised voice needs no one to be raised at: "my manager never shouts".
_TEMPER = (
    r"(?:(?:shout|yell|scream|snap|swear)(?:s|ed|ing)?|swore)\b(?! (?:about|out)\b)"
    r"|(?:raises?|raised|loses?|lost) (?:her|his|their) (?:voice|temper|rag)\b"
)
# "Does not just support me, she champions me", "doesn't always micromanage": not denials.
_DENIED = (
    r"(?:never|does not|did not|do not|will not|would not|has not|have not|is not|was not"
    r"|cannot|can not|not once|hardly ever|rarely) (?!just |only |always |really )"
)
_KINDS = (
    r"(?:listen(?:s|ed|ing)?(?: to (?:me|us|my|our|what (?:i|we)))?(?! to)"
    r"|support(?:s|ed)? (?:me|us)|support(?:ive)?(?= *[.,!?]|$)|support\b(?! (?!(?:me|us)\b)\w)"
    r"|back(?:s|ed)? (?:me|us)|(?:got|have|has) (?:my|our) backs?"
    r"|st(?:ick|icks|uck|ood|ands?) up for (?:me|us)|(?:make|makes|made|have|has|had|got)"
    r" (?:any |much |the )?time for (?:me|us)|check(?:s|ed)? in(?: on (?:me|us))?(?! on)"
    r"|help(?:ful|s (?:me|us)|ed (?:me|us)| (?:me|us))|answers? (?:my|our)"
    r"|(?:reply|replies|respond|responds|get back) to (?:me|us|my|our)"
    r"|asks? (?:how i am|if i am (?:ok|okay|alright))|cares? (?:about|for) (?:me|us|how|whether)"
    r"|(?:trust|respect|appreciate|value)(?:s|d)? (?:me|us|my|our)"
    r"|says? (?:thank you|thanks|well done))\b"
    r"(?! by\b)(?!(?: \w+){0,2} enough\b)"  # "she cannot support me enough" is praise
)
# What the manager does: a mistreatment (perhaps denied), a temper denied, or a kindness denied.
_DEED = (
    rf"(?:(?P<denied>{_DENIED}{_HOW_OFTEN})?(?P<harm>{_MISTREATS})"
    rf"|(?P<calm>{_DENIED}{_HOW_OFTEN}(?:{_TEMPER}))|{_DENIED}{_HOW_OFTEN}{_KINDS})"
)
_TREATMENT = re.compile(
    rf"{_BOSS} {_HOW_OFTEN}{_DEED}"
    r"|\b(?P<passive>(?:belittled|humiliated|berated|bullied|micro ?-?managed|undermined|blamed"
    r"|picked on|(?:shouted|yelled|screamed|snapped|sworn) at|talked down to|told off|ignored"
    r"|(?:spoken|talked) to like (?:a |an )?(?:\w+ )?(?:child|kid|idiot|student|dog))"
    rf" by (?:my|our|the) (?:new |current )?{_BOSS_WORD})"
)
# The same, said of "she" or "he" in a clause that goes on about the manager named before it:
# "my TM is lovely but she micromanages everything", "my manager is nice but never listens".
_TREATMENT_AFTER = re.compile(
    rf"^(?:but |and |though |yet |although )?(?:she |he )?(?:'s )?{_HOW_OFTEN}{_DEED}"
)
_UNREAL = re.compile(
    r"\b(?:if|unless|would|wish|used to|no longer|not any ?more|hope|imagine|not like|rather)\b"
)
# "If I'm honest", "if anything", "I would say": ways of talking, not a wish.
_NOT_UNREAL = re.compile(
    r"\bif (?:i am|i'm|im) (?:being )?honest\b|\bif anything\b|\bif i am (?:being )?truthful\b"
    r"|\bi (?:would|'d) say\b|\bwould you believe\b"
)
# A denial that leads into the manager, or into the passive: "I don't think my manager has
# ever shouted at me", "not once has my manager shouted at me", "I have never been shouted at
# by my manager", "I am not micromanaged by my TM". Not any "not" earlier in the clause: "I do
# not know why my manager shouts at me", "I am not surprised my manager ignores my emails".
_DENIED_BEFORE = re.compile(
    r"(?:\b(?:never|not once)(?: \w+){0,2}"
    r"|\b(?:do|does|did) not (?:think|believe|recall|remember|feel|get)(?: that)?"
    r"|\bcan ?not say(?: that)?|\b(?:am|is|are|was|were|have|has|had) (?:not|never)(?: ever)?"
    r"(?: been)?) $"
)
_TREATED_SCORE: Final = 1.5  # as decided as a clear complaint, or clear praise


def _treatment(text: str, after: bool = False) -> float:
    """How `text` (one clause, normalised) says the worker's own manager treats them: −1 badly
    (a mistreatment, or a kindness denied), +1 well (a mistreatment denied), 0 if it does not
    say, says both, or says it of a wish or a habit given up. `after`: the clause names no
    theme of its own and goes on about the manager named before it, so "she" may be the
    manager. A clause about the job someone is leaving for is not read ("I'm leaving for a team
    where the manager never shouts": `read` cuts the clause at "leaving")."""
    said = set()
    spoken = _NOT_UNREAL.sub(" ", text) if "if" in text or "would" in text else text
    found_all = list(_TREATMENT.finditer(spoken))
    if after and not found_all:
        found_all = [m for m in [_TREATMENT_AFTER.match(spoken)] if m is not None]
    for found in found_all:
        before = spoken[: found.start()]
        if _UNREAL.search(before) or _UNREAL.search(found[0]):
            continue
        turned = bool(_DENIED_BEFORE.search(before))
        if found["calm"] is not None:
            said.add(1.0)
        elif found["harm"] is not None or found.groupdict().get("passive") is not None:
            harm = -1.0 if found["harm"] is None or not found["denied"] else 1.0
            said.add(-harm if turned else harm)
        elif not turned:  # a kindness denied; "I don't think she never listens" says nothing
            said.add(-1.0)
    return said.pop() if len(said) == 1 else 0.0


# A question opens with a verb and its subject ("is my…", "will the…", "does this…") or a
# question word and a verb ("who is…"): "how my manager reacted" and "do share it" do not.
_ASKING = re.compile(
    r"(?:(?:is|are|will|does|do|can|could|would|should|has|have)"
    r" (?:my|the|this|it|our|i|we|you|they|anyone|someone|there|he|she|your|a|an|their)"
    r"|(?:who|how|why|what|where|when) (?:is|are|will|does|do|can|could|would|should))\b"
)
_ASKED = re.compile(r" ?\?")


def _asks(clause: str, normalised: str, position: int) -> bool:
    """Whether a clause is a question: it opens like one ("will my manager see…"), or ends in "?"
    ("… shared with my manager ?")."""
    return bool(_ASKING.match(clause) or _ASKED.match(normalised, position + len(clause)))


# A change that did not happen: "have not gone from 30 to 20"; one only wished for, promised or
# imagined: "should come down from 30 to 20", "if my caseload went from 30 to 18 I'd stay". Both
# say the count now is too high. "Will come down" is a change on its way, read as one. Only
# the few words before the change are read, without the idioms that hold "not" or "if" and deny
# nothing ("not gonna lie, my caseload went from 30 to 18", "if anything it has come down").
_NOT_DONE = re.compile(r"\b(?:not|never|no)\b")
_WISHED = re.compile(
    r"\b(?:should|could|would|supposed|meant|promised|hope|hoping|hopefully|wish|if|need|needs"
    r"|ought)\b"
)
_IDIOMS = re.compile(
    r"\bnot (?:gonna|going to) lie\b|\bno word of a lie\b|\bif anything\b|\bno joke\b"
    r"|\bnot (?:even )?joking\b|\b(?:could|can) not believe\b|\bno exaggeration\b"
)
_WANTED_SCORE: Final = -1.5  # as a clear complaint: the count is not what it should be


def _counted_span(text: str, change: re.Match[str]) -> str:
    """The words that name what a count counts: between the numbers and the two after them
    ("from 6 to 3 workers", "from 4 SWs to 9")."""
    after = _NEXT_WORDS.match(text, change.end())
    return text[change.end(1) : change.start(2)] + (after[0] if after else "")


def _counted(text: str, change: re.Match[str]) -> str | None:
    """What a count is of: "staff", people in the team ("the duty team went from 6 to 3
    workers", "the team grew from 4 SWs to 9"); "cases", cases, families, referrals or people
    lost ("caseloads in our team went from 30 to 18", "people leaving went from 3 to 10"); None
    if the words around do not say. Only the words of the count and just before it are read:
    "after people left" later in the clause does not make workers into leavers."""
    counted = _counted_span(text, change)
    lead = text[max(0, change.start() - 12) : change.start(1)]
    if _LOST_PEOPLE.search(counted) or _LOST_PEOPLE.search(lead):
        return "cases"
    if _STAFF.search(counted):
        return "staff"
    if _FORMS.search(counted):
        return "forms"
    if _CASES_COUNTED.search(counted) or _CASES.search(text, 0, change.start(1)):
        return "cases"
    if _FORMS.search(text, 0, change.start(1)):
        return "forms"
    if _STAFF_OR_TEAM.search(lead):
        return "staff"
    return None


class CountChange(NamedTuple):
    """A count that fell or rose in a clause, as `_count_change` reads it."""

    rest: str  # the clause without the count: its verb only says which way the count moved
    shift: float  # the news for workload
    # What it counts (`_counted`): "staff", "cases", "forms" or None if unsaid; or "clock", a
    # time of day the working day ends or starts (`_clock_change`).
    kind: str | None
    # Told against what it replaces ("12 families instead of 20"): to a question about what
    # would be better, or of the job someone is going to, that is their count, not ours.
    compared: bool = False

    @property
    def theme(self) -> str:
        """The theme the count is news of: processes for forms and steps, work-life balance for a
        time of day, else workload."""
        if self.kind == "clock":
            return "work_life_balance"
        return "processes" if self.kind == "forms" else "workload"


def _count_change(text: str) -> CountChange | None:
    """A count that fell or rose in a clause ("went from twenty-nine to nineteen", "used to
    have 30 kids, now it's 17"): the clause without it, the news for workload (+2 for fewer
    cases or more staff, -2 for the other way, -1.5 for a fall wished for or that did not
    happen) and what it counts; None if there is no count, it did not change, or it counts
    hours, days or a time of day ("working from 8 to 6", "from 5 to 4 days a week")."""
    # "from" and "now" first: cheap tests that skip the patterns in most clauses ("now" is in
    # "know" too: the pattern then finds none).
    change = _FROM_TO.search(text) if "from" in text else None
    if change is None and "from" in text:
        told = _told_the_usual_way(text)
        if told is not None:
            return told
    if change is None and ("instead of" in text or "rather than" in text):
        told = _told_the_usual_way(text, _INSTEAD_OF)
        # Only cases and forms: "sign-off goes to three people instead of one" is no team.
        if told is not None and told.kind in ("cases", "forms"):
            return told
        if told is not None and told.kind is None and _CONTACTS.search(text):
            return told._replace(kind="cases")  # "40 contacts a day now rather than 25"
    if change is None and "now" in text:
        change = _then_now(text)
    found = None if change is None else _change_at(text, change)
    if found is None and _clock_hinted(text):
        # A count first: "my caseload went from 30 to 18 so I log off at 5 now instead of 7"
        # is news of the caseload, whose rest tells of the day.
        return _clock_change(text)
    return found


def _told_the_usual_way(text: str, pattern: re.Pattern[str] | None = None) -> CountChange | None:
    """A count now told before the count then ("down to 3 SWs from 7", "17 kids now instead of
    26"), read as "down from 7 to 3 SWs", "from 26 to 17 kids now": the same words, the counts
    in the order `_change_at` reads them. `pattern` is `_TO_FROM` or `_INSTEAD_OF`."""
    if pattern is None:
        reversed_ = _TO_FROM.search(text)
        if reversed_ is None:
            return None
        way, now, counted, then = reversed_.groups()
        way += " "
    else:
        reversed_ = pattern.search(text)
        if reversed_ is None:
            return None
        way, (now, counted, then) = "", reversed_.groups()
        if not (
            _CASES_COUNTED.search(counted) or _FORMS.search(counted) or _CONTACTS.search(counted)
        ):
            return None  # "one helpful comment instead of twenty red marks": not a count of work
        if _VISITS.search(counted):
            return None  # "1 visit a month instead of 2": fewer visits is no lighter load
    start, end = reversed_.span()
    usual = f"{text[:start]}{way}from {then} to {now} {counted}".rstrip() + text[end:]
    change = _FROM_TO.search(usual, start)
    found = None if change is None else _change_at(usual, change)
    if found is None or pattern is None:
        return found
    lead = _IDIOMS.sub(" ", text[:start])  # "if anything I have 12 kids now instead of 20"
    # "Now" said of the count now, not of what it replaced ("instead of the three we use now").
    now_said = _SAID_OF_NOW.search(text, 0, end) is not None
    if found.shift > 0 and not now_said and _PROPOSED.search(lead):
        # "Suggestion: one form instead of three", "can we have 12 kids instead of 20": the
        # count now is the one they want, so the count they have is the complaint.
        return found._replace(shift=_WANTED_SCORE)
    return found._replace(compared=not now_said)


def _then_now(text: str) -> re.Match[str] | None:
    """A count then and a count now in `text` (`_THEN_NOW`, `_THEN_NOW_AFTER`), unless the words
    between say the count now is wished for, promised, denied or more of the same, or the counts
    are times."""
    change = _THEN_NOW.search(text) or _THEN_NOW_AFTER.search(text)
    if change is None:
        return None
    between = text[change.end(1) : change.start(2)]
    return None if _NOT_NOW_COUNT.search(between) or _CLOCK_BETWEEN.search(between) else change


def _change_at(text: str, change: re.Match[str]) -> CountChange | None:
    """The `CountChange` of a count's match in `text` (`_count_change`)."""
    before, after = _count(change[1]), _count(change[2])
    if before == after or _UNIT.match(text, change.end(1)) or _UNIT.match(text, change.end()):
        return None
    verb = text[change.start() : change.start(1)]
    counted = _counted_span(text, change)
    before_words = text[: change.start()].split()  # read for a rating, a clock, a wish
    if _RATING.search(" ".join(before_words[-3:]) + " " + verb + counted):
        return None
    # Two hours of the day, with no verb of change or with the working day in the verb's words
    # ("working from 8 to 6", "the meeting moved from 10 to 2"), are a time; unless the count
    # names what it counts ("when I started the team went from 6 to 3 workers").
    if (
        max(before, after) <= 12
        and not (_STAFF.search(counted) or _CASES.search(counted) or _FORMS.search(counted))
        and (
            not (_MOVED.search(verb) or _MOVED.search(counted))
            or _CLOCK_BEFORE.search(" ".join(before_words[-1:]) + " " + verb)
            or _CLOCK_AFTER.match(text, change.end())
        )
    ):
        return None
    rest = text[: change.start()] + " " + text[change.end() :]
    fewer = before > after
    kind = _counted(text, change)
    if kind == "staff":
        fewer = not fewer  # fewer people to do the work is bad news, more is good
    # The wish or the denial is in the verb's words or the two words before them ("should come
    # down", "if my caseload went", "have not come down"), not anywhere earlier ("I am not sure
    # why my caseload went from 30 to 18").
    lead = _IDIOMS.sub(" ", " ".join(before_words[-2:]) + " " + verb)
    if _WISHED.search(lead):
        return CountChange(rest, _WANTED_SCORE, kind)
    if _NOT_DONE.search(lead):
        # A good change that did not come is a complaint; a bad one that did not is no news.
        return CountChange(rest, _WANTED_SCORE, kind) if fewer else None
    return CountChange(rest, 2.0 if fewer else -2.0, kind)


def _then_now_across(last: str, text: str) -> CountChange | None:
    """A count then in the clause before and a count now in this one ("I used to have 30 kids,
    | now it's 17"): the change, with the rest of this clause after the count now as its rest;
    None if there is none."""
    joined = f"{last} , {text}"
    match = _then_now(joined)
    start = len(last) + 3  # where this clause starts in `joined`
    if match is None or match.start(2) < start:
        return None
    change = _change_at(joined, match)
    return None if change is None else change._replace(rest=text[match.end() - start :])


# A count then told with when it was, and the count now in the next sentence (thirty-third
# round): "Nine of us in the team when I joined. Five now.", "I had 30 kids last year. 18 now.";
# the month or season it was (thirty-fourth): "14 unallocated in oct. 2 now".
# Groups: the count then, what is counted.
_COUNT_WHEN: Final = re.compile(
    rf"(?:^|\b(?:there (?:were|was)|we (?:were|had)|i (?:had|was on|carried|held)|had) )"
    rf"(?:about |around |over |nearly |like )?{_COUNT} ((?:[\w']+ ){{0,6}}?)"
    r"(?:when i (?:first )?(?:joined|started|came|arrived|qualified)|(?:this time )?last year"
    r"|(?:a|one|two|three|four|five|\d) years? ago|back then|at the start"
    r"|(?P<month>(?:back )?in (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?"
    r"|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|the (?:spring|summer|autumn|winter))))\b"
)
# A month or season dates an event or a place as often as a load ("there were 9 of us in the
# office in the winter", "we were 20 on the course in march"): dated so, the count then must
# name cases, unallocated work or staff ("14 unallocated in oct", "8 SWs in the spring").
_DATED_LOAD: Final = re.compile(
    rf"{_CASES_COUNTED.pattern}"
    r"|\b(?:workers?|staff|social workers|sws?|practitioners|in the team|on the team)\b"
)
# The count now, a clause of its own: "five now", "now it is 19", "there are 6 of us now", "just
# two these days". Groups: the count now told after "now", or before it. Not a count of part of
# the whole, of time or more of the same ("now 9 on CP plans", "now it is 2 years later", "now
# 4 more").
_COUNT_NOW_ALONE: Final = re.compile(
    r"^(?:(?:and|but|so) )?(?:"
    r"now (?:it is |there are |there is |we are |we have |i have |i am on |i have got )?"
    rf"(?:only |just |down to |up to )?{_COUNT}"
    r"|(?:(?:there are|there is|we are|we have|i have|i am on|it is|we are down to) )?"
    rf"(?:only |just |down to |up to )?{_COUNT}(?: of us| left)? (?:now|nowadays|these days|today)"
    r")\b(?=$| (?:of us|left|kids|children|families|cases|social workers|sws|staff|people"
    r"|now|these days|nowadays|today|and|but|so|which)\b)"
)
# The words that may tell a count now alone: the guard before `_COUNT_NOW_ALONE`.
_NOW_ALONE_HINTS: Final = re.compile(r"now|these days|today")


def _count_across(last: str, text: str) -> CountChange | None:
    """A count then in the clause before, told with when it was, and the count now alone in
    this one (`_COUNT_WHEN`, `_COUNT_NOW_ALONE`): the change as "went from 9 to 5 of us in the
    team" reads it, with the rest of this clause as its rest; None if there is none."""
    now = _COUNT_NOW_ALONE.match(text)
    then = _COUNT_WHEN.search(last) if now is not None else None
    if now is None or then is None:
        return None
    if then["month"] and not _DATED_LOAD.search(then[2]):
        return None
    # "We were 9 when I started": the team itself is counted.
    counted = "of us " + then[2] if then[0].startswith("we were") else then[2]
    usual = f"went from {then[1]} to {now[1] or now[2]} {counted}".rstrip()
    change = _FROM_TO.search(usual)
    found = None if change is None else _change_at(usual, change)
    return None if found is None else found._replace(rest=text[now.end() :])


_CONTACTS: Final = re.compile(r"\b(?:contacts?|calls?)\b")
_VISITS: Final = re.compile(r"\bvisits?\b")
# Words just before a count told against another that make it a request or a proposal, not a
# report: "can we have one form instead of three", "suggestion: two forms instead of five", "I'd
# rather have 15 cases instead of 25". Only the few words before the count are read: "I love
# that I have 15 families now instead of 28" is a report.
_PROPOSED: Final = re.compile(
    r"\b(?:suggest\w*|would|could|should|can|wish|want|wants|need|needs|if|why not|how about"
    r"|imagine|give us|rather|prefer|hope|hoping|please|pls|plz)\b[:,-]?(?: [\w':]+){0,3} $"
)
# A count now told against the one it replaced (thirty-third round): "im on 17 kids now instead
# of 26", "14 cases instead of 25". Groups: the count now, what is counted, the count then.
_INSTEAD_OF: Final = re.compile(
    rf"\b{_COUNT} ((?:[a-z]+ ){{0,4}}?)(?:now |these days |at the moment )?"
    rf"(?:instead of|rather than) (?:the |about |around |over |nearly |like )?{_COUNT}\b"
)
# Said of now, a count told against another is a report: to a question of what would be better
# ("more of the same! 14 kids now instead of 25") it is no wish.
_SAID_OF_NOW: Final = re.compile(r"\b(?:now|these days|nowadays|at the moment|currently)\b")


# A time of day that moved (thirty-third round): "home by 6 most nights now, used to be 8",
# "out the door by half 5 these days. used to be gone 8", "i used to log off at 8pm, now it is
# 6", "finishing at 5 now instead of 7". A day that ends earlier, or starts later, is good news
# for work-life balance; the other way is bad. The verbs say which end of the day it is: "home",
# "finish", "log off", "out the door" end it; "start", "log on", "in by" open it.
_HOURS: Final = {word: n for word, n in _NUMBER_WORDS.items() if n <= 12}


def _time(name: str) -> str:
    """A time of day as a pattern whose groups are named after `name`: "6", "half 5", "8pm",
    "6.30", "seven"."""
    return (
        rf"(?P<{name}_half>half (?:past )?)?(?P<{name}>\d{{1,2}}|"
        + "|".join(sorted(_HOURS, key=len, reverse=True))
        + rf")(?:[:.](?P<{name}_min>\d{{2}}))?(?: ?(?P<{name}_ap>am|pm))?(?:ish)?"
    )


# "off" is not a drop-off, a pick-up or a day off ("i can do the school drop off at 9 now").
_DAY_ENDS = (
    r"home|finish(?:ing|ed)?|done|leav(?:e|ing)|left|away|gone"
    r"|(?<!drop )(?<!pick )(?<!kick )(?<!day )(?<!time )(?<!signed )(?<!sign )(?<!log )off"
    r"|(?:log|logg(?:ing|ed)|sign(?:ing|ed)?|clock(?:ing|ed)?|knock(?:ing|ed)?) (?:off|out)"
    r"|out (?:of )?the (?:door|office|building)"
    r"|(?:working|work|worked|online|on|here|there|at my desk|in the office) (?:till|until|til|to)"
    r"|(?:my|the) (?:day|shift) (?:finishes|ends|ended|finished)"
)
# "Starts" only of the day itself: "supervision starts at 2 now" is not the working day.
_DAY_STARTS = (
    r"start(?:ing|ed)?|(?:my|the) (?:day|shift) (?:starts|started)"
    r"|(?:log|logg(?:ing|ed)|sign(?:ing|ed)?) (?:on|in)|in (?:the office |work )?(?:at|by|for)"
)
_AT = r"(?: (?:at|by|before|around|about|for|round|after|past|gone|till|until|til))?"
# What may follow a time of day: the end, a comma or full stop, or a word of when ("most nights",
# "on fridays", "these days", "now", "o'clock", "last year"); not a noun ("used to be 8 of us",
# "finished 2 assessments, was 5 last week", "off for 3 weeks").
_A_TIME = (
    r"(?=$| ?[,.!?]| (?:o'?clock|most|every|each|these|now|nowadays|today|tonight|latest"
    r"|earliest|and|but|or|used|instead|rather|compared|because|since|then|lol|tbh|ish"
    r"|last year|at the|on (?:most |a |the )?[a-z]*days?|in the (?:evening|morning|summer)"
    r"|when i (?:started|joined|came|qualified))\b)"
)
# The second time, told after the words that say it is one ("instead of", "used to be", "now it
# is"), may be followed by more ("rather than 7 I'd stay forever"), but not by what it counts
# ("used to be 8 of us") or a day of its own ("was 10 last night").
_LAST_TIME = (
    r"(?! ?(?:of|cases?|kids|children|famil\w+|sws?|social|people|staff|workers?|days?|hours?"
    r"|hrs?|weeks?|wks?|months?|years?|yrs?|percent|per|%|mins?|minutes|times|miles|visits?"
    r"|referrals?|reports?|k|grand|this|last (?:night|week)|at home|more|others?)\b)"
)
# The words between the two times: a few words, none a number (so neither time is another's:
# "in by 9 and out by 7, it was 5 when i joined" is "out by 7", then 5).
_BETWEEN = r"(?: [a-z']+){0,4}?(?: ,| \.)?(?: [a-z']+){0,3}?"
# "We were 9 when I started" is a count: the time then is told as "it was", "used to be" or
# against the time now.
_THEN_WORDS = (
    r"(?:(?P<ago>last year|a year ago|back then|when i (?:started|joined|came)),? )?"
    r"(?:(?:it|that) )?(?:used to be|(?<=it |at )(?P<was>was)|(?P<against>instead of|rather than"
    r"|compared to|compared with))"
    r"(?: (?:gone|more like|nearer|closer to|after|past|about|around|till|until|til|at|by))?"
)
# "It was 8" is a time then only when it says when: "last year it was 8", "it was 8 when I
# joined"; not "it was gone 7 when I logged off" (the same day) or "it was 9 last night".
_WAS_WHEN = (
    r"(?(was)(?(ago)|(?= (?:last year|a year ago|back then|in the summer"
    r"|when i (?:started|joined|came|qualified))\b)))"
)
# The words of when that go with a time, part of it ("8 most nights", "7 at the earliest"): the
# rest of the clause is read without them ("most nights" alone is a complaint of long days).
_WHEN = (
    r"(?: (?:most|every|each|on) (?:[a-z]+ )?(?:nights?|days?|evenings?|weeks?|[a-z]+days)"
    r"| at the (?:earliest|latest)| now| these days| nowadays| last year)*"
)
_PLACE = r"(?: (?:the|my) (?:office|building|desk|house|laptop))?"  # "leaving the office at 5"
_CLOCK_NOW_FIRST: Final = re.compile(
    rf"\b(?P<verb>{_DAY_ENDS}|{_DAY_STARTS}){_PLACE}{_AT} {_time('now')}{_A_TIME}{_BETWEEN} "
    rf"{_THEN_WORDS} {_time('then')}\b{_WAS_WHEN}{_LAST_TIME}{_WHEN}"
)
_CLOCK_THEN_FIRST: Final = re.compile(
    rf"\bused to (?:be )?(?:sat |stuck |still )?(?P<verb>{_DAY_ENDS}|{_DAY_STARTS}){_PLACE}{_AT} "
    rf"{_time('then')}{_A_TIME}{_BETWEEN} (?:and |but |whereas )?now"
    rf"(?: (?!(?:have|has|had|got)\b)[a-z']+){{0,4}}?{_AT} {_time('now')}\b{_LAST_TIME}{_WHEN}"
)
_STARTS: Final = re.compile(rf"^(?:{_DAY_STARTS})$")
# Words just before the verb that make the time a wish: "would love to be home by 6 instead of
# 8", "if I could log off at 5 rather than 7". The day as it is now is the complaint.
_CLOCK_WISHED: Final = re.compile(
    r"\b(?:should|could|would|want|wants|wanted|wish|hope|hoping|if|chance|supposed|meant)\b"
    r"(?: [\w']+){0,3} (?:be )?$"
)
_CLOCK_SCORE: Final = 2.0  # as a count that moved: the change says which way
_NOON, _EVENING = 12 * 60, 19 * 60


def _minutes(match: re.Match[str], name: str, starts: bool) -> int | None:
    """The time of day named `name` in `match`, in minutes after midnight (past it for an end in
    the small hours: "1am" is 25 hours); None if it is no time. A time with no am or pm is
    taken as the day's end in the evening ("home by 6") and its start in the morning ("start
    at 8"), as staff say them; a bare "12" as an end is midnight (`_noon_or_midnight`). An hour
    past 12 needs its minutes ("17:30"): "was 22 last year" is a count."""
    word = match[name]
    hour = int(word) if word.isdigit() else _HOURS[word]
    minute = int(match[f"{name}_min"] or 0) + (30 if match[f"{name}_half"] else 0)
    if hour > 23 or minute >= 60 or (hour > 12 and match[f"{name}_min"] is None):
        return None
    meridiem = match[f"{name}_ap"]
    if meridiem is not None:
        if hour == 0 or hour > 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
        if not starts and hour < 12:
            hour += 24  # an end in the morning is after midnight: "log off at 1am", "till 12am"
    elif hour <= 12 and starts:
        hour = hour + 12 if hour <= 4 else hour  # "start at 1" is an afternoon
    elif hour <= 12:
        hour = hour + 12 if hour < 12 else 24  # "till 12" is midnight
    return hour * 60 + minute


def _bare_twelve(match: re.Match[str], name: str) -> bool:
    word = match[name]
    return match[f"{name}_ap"] is None and (word == "12" or word == "twelve")


def _noon_or_midnight(match: re.Match[str], now: int, then: int) -> tuple[int, int]:
    """A bare "12" (or "half 12") as the end of the day is midnight beside an evening ("working
    till 12 now, used to be 10") and noon beside an afternoon ("we finish at 12 on fridays now
    instead of half 4"); a "12am" or "12pm" is as said."""
    if _bare_twelve(match, "now") and then < _EVENING:
        now -= _NOON
    if _bare_twelve(match, "then") and now < _EVENING:
        then -= _NOON
    return now, then


def _clock_change(text: str, across: int = 0) -> CountChange | None:
    """A time the working day ends or starts that moved, in `text`: the text without it and the
    news for work-life balance (+2 for a shorter day, -2 for a longer one, -1.5 for a shorter
    day only wished for); None if there is none. With `across`, only a change told on both
    sides of that point (two clauses joined), with the text after it as its rest."""
    for pattern in (_CLOCK_NOW_FIRST, _CLOCK_THEN_FIRST):
        for match in pattern.finditer(text):
            if across and not match.start() < across < match.end():
                continue
            starts = bool(_STARTS.match(match["verb"]))
            now, then = _minutes(match, "now", starts), _minutes(match, "then", starts)
            if now is None or then is None:
                continue
            if not starts:
                now, then = _noon_or_midnight(match, now, then)
            if now == then:
                continue
            rest = (
                text[match.end() :] if across else f"{text[: match.start()]} {text[match.end() :]}"
            )
            wished = _CLOCK_WISHED.search(text, max(0, match.start() - 40), match.start())
            now_said = _SAID_OF_NOW.search(text, 0, match.end()) is not None
            if wished and not now_said:
                return CountChange(rest, _WANTED_SCORE, "clock")
            shorter = now > then if starts else now < then
            compared = pattern is _CLOCK_NOW_FIRST and match["against"] is not None
            news = _CLOCK_SCORE if shorter else -_CLOCK_SCORE
            return CountChange(rest, news, "clock", compared and not now_said)
    return None


def _clock_across(last: str, text: str) -> CountChange | None:
    """A time of day in the clause before and the time it replaced in this one, or the other
    way ("home by 6 most nights now | used to be 8", "i used to log off at 8pm | now it is 6"):
    the change, with the rest of this clause after it as its rest; None if there is none."""
    return _clock_change(f"{last} , {text}", across=len(last) + 1)


# The words that may hold a moved time of day: skips the patterns in most clauses.
_CLOCK_HINTS: Final = re.compile(r"used to|instead of|rather than|t was|compared")


def _clock_hinted(text: str) -> bool:
    return _CLOCK_HINTS.search(text) is not None


def _theme_score(clause: Clause, theme: str, base: float, shift: float) -> float:
    """A theme's score for a clause, from the clause's `base` score and the `shift` of a count
    of what the theme is about that rose or fell in it (0 if none)."""
    text = clause.text
    if theme == "processes" and shift:
        return base + shift  # "from four forms to one": fewer is good news, as for cases
    if theme == "workload":
        if shift:
            # A count of cases or families that fell is good news whatever the verb, and one
            # that rose is bad; the rest of the clause ("and I can see my kids now") has its say.
            return base + shift
        numbers = [int(n) for n in _TWO_DIGITS.findall(text)]
        # "27 cases" with nothing said either way is a complaint; "down to 19" is not.
        if any(18 <= n <= 60 for n in numbers) and base == 0 and "only" not in text:
            return base - 1.5
    if theme == "work_life_balance":
        if shift:
            return base + shift  # "home by 6 now, used to be 8": the time says which way
        if base == 0 and _OUT_OF_HOURS.search(text):
            return -1.0
        # A twelve-hour day is bad news unless the clause clearly says otherwise: a weak
        # positive word ("most days now") does not make it good.
        if base < 1 and _LONG_DAY.search(text) and not _NOT_NOW.search(text):
            return min(base, -1.0)
    return base


@dataclass(frozen=True)
class Reading:
    """What the rules make of a comment: each theme's score (positive is good) and the clauses
    that spoke of it, for the learned half to weigh."""

    normalised: str
    scores: dict[str, float]
    local: dict[str, str]
    total: float
    lean: QuestionLean | None
    # The comment as it speaks of work: without the clauses about the survey itself, and with
    # the survey's own words ("my wellbeing score") blanked where the clause says more.
    work_text: str
    harmed: bool = False  # it tells of harm to the worker: wellbeing is bad news, decided
    # The news of a count that fell or rose, for each theme whose score it decided ("my
    # caseload went from 31 to 19": workload; "from four forms to one": processes) where no
    # clause about the theme says otherwise (`_count_decides`): positive is good news.
    counted: tuple[tuple[str, float], ...] = ()
    # How the worker's own manager treats them, when a clause says so and no clause about the
    # manager says otherwise (`_treatment`): positive is good news; 0 when none did.
    treated: float = 0.0
    # The themes a degree question asks about ("How supported do you feel by your manager?",
    # "… by your manager and team?"), each with the news of the degree or mark the answer opens
    # with ("Very.", "2/10"), if it does; empty if it does not. So are the people a question
    # names, if the answer says they are never seen ("who?", "never met them"): bad news.
    answered: tuple[tuple[str, float], ...] = ()
    # The answer is only that degree or mark ("Very.", "2/10"): it speaks of what the question
    # asked about and of nothing else the question's words name ("… since your manager left?").
    degree_only: bool = False
    # Of the themes such a question asks about, those the answer goes on to name with its own
    # good or bad words after the degree ("Very. Not the team though"): spoken of, told by them.
    told_apart: tuple[str, ...] = ()
    # It says nothing of its own (`says_nothing`: "n/a", "ok", "?"): no theme, whatever the
    # question's words suggest.
    empty: bool = False
    # Each clause of `work_text`, in order, with what it added to `total`: the learned half
    # reads a change told through the past from them without scoring any clause again.
    clauses: tuple[tuple[str, float], ...] = ()
    # The clauses (by index) whose habit of then no longer holds, turned by the rules ("I used
    # to have a good manager"): the learned half reads the words said of then as they were.
    lost_habits: tuple[int, ...] = ()
    # It tells what the work does to the worker's body or sleep ("panic attacks", "not
    # sleeping"): wellbeing is spoken of, whatever the learned half finds; which way is its.
    bodily: bool = False
    # It tells that what the work did to the worker's body has eased ("not had a panic attack
    # since I moved teams", "fewer migraines"), and its clauses read wellbeing as good news:
    # good news for wellbeing, decided.
    eased: bool = False
    # It opens by denying what a question of good news takes for granted and names no small
    # good thing after ("What keeps you here?" "Not much. The pay's worse than next door."):
    # the question leans it nowhere (`lean` is None).
    denied: bool = False
    # The themes an answer to a question of leaving names as what it would lose ("What might
    # make you leave?" "Losing the market supplement."), and the comment's words read as good
    # news: good news, decided.
    valued: tuple[str, ...] = ()
    # The themes such an answer names whose loss, it goes on to say, already happened or that
    # already fall short ("losing the supplement, they took it off us in april"), and that the
    # comment reads as bad news: bad news, decided.
    suffered: tuple[str, ...] = ()

    @property
    def decided(self) -> dict[str, Direction]:
        """The directions the rules decide whatever the learned half reads: harm is bad news
        for wellbeing, a count that fell or rose is the news for workload, how the worker's
        manager treats them is the news for managers, the degree an answer opens with is
        the news for what the question asked about, and what an answer to a question of leaving
        names as its loss is valued, or a complaint if it says the loss already happened."""
        decided: dict[str, Direction] = {}
        for theme, news in self.answered:
            decided[theme] = "pos" if news > 0 else "neg"
        for theme in self.told_apart:  # "Very. Not the team though": its own words tell
            decided[theme] = "pos" if self.scores[theme] > 0 else "neg"
        if self.harmed:
            decided["wellbeing"] = "neg"
        elif self.eased:
            decided["wellbeing"] = "pos"
        for theme, news in self.counted:
            decided[theme] = "pos" if news > 0 else "neg"
        if self.treated:
            decided["managers"] = "pos" if self.treated > 0 else "neg"
        for theme in self.valued:
            decided[theme] = "pos"
        for theme in self.suffered:
            decided[theme] = "neg"
        return decided

    @property
    def certain(self) -> frozenset[str]:
        """The themes the rules know are spoken of whatever the learned half finds: a manager
        who treats the worker well or badly is a stance on managers however few the words, and
        "Very." to "How supported do you feel by your manager?" is one too, and so is the team
        in "Very. Not the team though" to "… by your manager and team?"; so is wellbeing in
        "panic attacks before every ICPC" beside whatever else the comment speaks of; and so is
        what a loss answer says was already taken ("losing the bonus, they scrapped it last
        year")."""
        certain = {"managers"} if self.treated else set()
        if self.bodily or self.eased:
            certain.add("wellbeing")
        certain.update(theme for theme, _news in self.answered)
        certain.update(self.told_apart)
        certain.update(self.suffered)
        return frozenset(certain)


class _Finding(NamedTuple):
    """What the clause that decides a theme said of it: its score, and the news of a count
    that decided the score (workload only; positive is good news, 0 when no count did)."""

    score: float
    news: float = 0.0


def _count_decides(finding: _Finding | None, said: list[float]) -> float:
    """The news of the count that decided a theme's score, if no clause about the theme says
    otherwise ("caseload went from 40 to 36, awful, still awful" is a complaint); else 0."""
    if finding is None or not finding.news:
        return 0.0
    news = finding.news
    return news if all(score * news >= 0 for score in said) else 0.0


# Words just before a departure cue that say the writer is not going: denied ("not leaving for
# an agency", "could not imagine moving to", "never dream of leaving for"); a reason to stay
# ("the only thing stopping me going to agency"); someone else going ("a colleague left for
# agency", "my manager is joining another council", "we are moving to a new building"); or a
# move within here or in the past ("since moving to the new building", "feels like joining a
# different organisation", "signed me off for another month"). What follows is about here.
_NOT_GOING: Final = re.compile(
    r"(?:\b(?:not|never|no)\b(?: [a-z']+){0,3}"
    r"|\b(?:stop(?:s|ped|ping)?(?: [a-z']+){0,5}|(?:kept|keep(?:s|ing)?) (?:\w+ )?from"
    r"|talked (?:\w+ )?out of"
    r"|instead of|rather than|signed(?: \w+)?)"
    r"|\b(?:she|he|they|we|it|who|colleagues?|someone|people|staff|others|everyone|manager|locum"
    r"|managers|starter|friend|mate|workers?|team|council|service|leadership|\w+ of (?:us|them))"
    r"(?:'s|'re| is| are| was| were| has| have| had| all| just| recently| both| also| now)*"
    r"|\b(?:like|since|after|before|when|until)(?: i| i am| we| we are)?)"
    r"(?: (?:be|really|ever|even|actually|increasingly|still|already|often|all|just))* $"
)
# Words just before a departure cue that make it a thought, not a fact ("if I left for an
# agency", "I nearly left for", "thinking about leaving for"): still a departure for what
# follows, but the clause it is in is not cut there.
_MAYBE_GOING: Final = re.compile(
    r"\b(?:if|whether|nearly|almost|thought about|thinking about|think about|considered"
    r"|considering|tempted|wondering about)\b(?: [a-z']+){0,3} $"
)
_BEFORE_CUE: Final = 60  # characters before a cue that can deny it: searches stay short


def _departure(normalised: str) -> int | None:
    """Where `normalised` starts to tell of the job someone is leaving for, if it does: the
    first departure cue not denied ("I'm not leaving for an agency" tells of none)."""
    at = 0
    while (found := DEPARTURE.search(normalised, at)) is not None:
        if not _NOT_GOING.search(normalised, max(0, found.start() - _BEFORE_CUE), found.start()):
            return found.start()
        at = found.end()  # "not going to be leaving for": the denial covers the cue inside
    return None


def _cuts(normalised: str, departure_at: int) -> bool:
    """Whether the clause the departure falls inside is cut there: only where the cue names a
    job elsewhere ("leaving for a", "off to a council", "going agency"), not a cue that can be
    a move within here ("off to a training course", "starting a secondment"), and not a
    thought of leaving ("if I left for an agency I'd lose the best team")."""
    if GOING_TO.match(normalised, departure_at) is None:
        return False
    return not _MAYBE_GOING.search(normalised, max(0, departure_at - _BEFORE_CUE), departure_at)


_AND: Final = re.compile(r" and ")
# Read clearly one way: a clear word of the lexicon (1), or one denied ("not supportive": 0.8
# of its 1.0); the learned half's plain statements use the same measure.
CLEARLY: Final = 0.8


# A statement whose pieces lean on each other: a condition, a cause, a change or a comparison
# ("if the pay matched the rent and the numbers came down", "fewer cases fewer late nights and
# I'm sleeping again", "I can earn the same as an agency worker and keep my weekends"). Its pieces
# read apart would lose what the whole says.
_LEANS_ON: Final = re.compile(
    r"\b(?:if|unless|when|whenever|until|so|because|cos|since|as|than|still|again|now|anymore"
    r"|fewer|less|more|even|can|could|would|should|might|will|used to|no longer|need|needs"
    r"|want|wants|wish|hope|hoping|other|others|elsewhere|agency|tackl\w*|challeng\w*|calls? out"
    r"|deal\w*|handl\w*|stands? up|protect\w*|shield\w*|fight\w*)\b"
)


def _opposed_apart(found: list[Clause]) -> list[Clause]:
    """`found` with each statement that joins verdicts with "and", each clearly one way and the
    next its opposite, each about themes of its own, cut in two there ("my manager is great and
    my pay is awful", "supportive TM and shocking caseloads"): read whole, the praise and the
    complaint cancel and both themes are told nothing (the forty-sixth round: 1,726 of the
    3,480 themes of "X is great and Y is awful" statements of two themes read the wrong way).

    The pieces between "and"s are taken in order: one read clearly one way opens a part, and
    one that is not joins the part before ("good team and manager | and awful pay", "my team
    are great and supportive | and the pay is awful"). Parts that go the same way are one
    ("caseloads are too high and I work most evenings"). A statement is cut only if every part
    names a theme and no two parts name the same one ("great team and I love it" and "lovely
    team and the team is mad" stay whole)."""
    cut: list[Clause] = []
    for clause in found:
        text = clause.text
        # The cheap tests first: a statement is cut only between two themes or more.
        if " and " not in text or len(themes_in(text)) < 2 or _LEANS_ON.search(text):
            cut.append(clause)
            continue
        parts: list[tuple[int, float]] = []  # where each part starts, and its sign
        start = 0
        for joint in [*_AND.finditer(text), None]:
            end = len(text) if joint is None else joint.start()
            score = clause_score(text[start:end])
            if not parts:
                parts.append((0, score))
            elif abs(parts[-1][1]) < CLEARLY:
                # The first piece said no verdict ("my manager | and my team are great"): the
                # next says the part's, whichever way.
                parts[-1] = (parts[-1][0], score)
            elif abs(score) >= CLEARLY and (score > 0) != (parts[-1][1] > 0):
                parts.append((start, score))
            elif score and abs(score) < CLEARLY:
                # A weak verdict of its own ("… and the hours are fine"): joined to the part
                # before it would take that part's sign (the round's second review).
                parts = []
                break
            start = end if joint is None else joint.end()
        if len(parts) < 2 or abs(parts[0][1]) < CLEARLY:
            cut.append(clause)
            continue
        bounds = [at for at, _sign in parts[1:]]
        pieces = [
            text[at : (bound - len(" and ")) if bound < len(text) else bound]
            for at, bound in zip([0, *bounds], [*bounds, len(text)], strict=True)
        ]
        named = [themes_in(piece) for piece in pieces]
        if any(not themes for themes in named) or len(set().union(*named)) < sum(map(len, named)):
            cut.append(clause)
            continue
        cut.append(Clause(pieces[0], clause.contrast))
        cut.extend(Clause(piece, False) for piece in pieces[1:])
    return cut


# A label and its verdict cut apart by a dash ("manager - great. team - awful.", "Supervision –
# excellent, pay - poor"): the label opens its sentence (or follows a comma) in at most two
# words and says nothing itself; the verdict, at most three words, says something and ends its
# sentence (or meets a comma). Cut apart, the label was a statement that said nothing and the
# verdict one about nothing (forty-eighth round: 188 of 460 "manager - great. colleagues -
# awful." read the wrong way). Not "team great - manager awful" (the first part says its own).
# So is a label asked and answered ("Love the manager. The team? Not so much.", "Pay? Shocking.":
# forty-ninth round, 156 of 460 read the wrong way, each theme the other's way): the answer
# was a statement about nothing, and the weights read the label by its theme's usual news.
_DASHED: Final = re.compile(r"\s+[-–]\s+|\?+\s*")
_LABEL_WORDS: Final = 2  # words of the label, after a "the", "my" or "our"
_LABEL_DETERMINERS: Final = frozenset({"the", "my", "our"})
_VERDICT_WORDS: Final = 3


def _labels_joined(found: list[Clause], normalised: str) -> list[Clause]:
    """`found` with each label joined to the verdict a dash or a question mark cut it from
    (`_DASHED`)."""
    if " - " not in normalised and " – " not in normalised and "?" not in normalised:
        return found
    starts, position = [], 0
    for clause in found:
        position = normalised.find(clause.text, position)
        starts.append(position)
        position += len(clause.text)
    joined: list[Clause] = []
    index = 0
    while index < len(found):
        clause = found[index]
        if index + 1 < len(found) and _is_label(found, starts, index, normalised):
            after = found[index + 1]
            text = normalised[starts[index] : starts[index + 1] + len(after.text)]
            joined.append(Clause(text, clause.contrast))
            index += 2
            continue
        joined.append(clause)
        index += 1
    return joined


def _is_label(found: list[Clause], starts: list[int], index: int, normalised: str) -> bool:
    """Whether clause `index` of `found` is a label the next clause, after a dash or a question
    mark, says the verdict of (`_labels_joined`)."""
    label, verdict = found[index], found[index + 1]
    end = starts[index] + len(label.text)
    if not _DASHED.fullmatch(normalised, end, starts[index + 1]):
        return False
    before = normalised[: starts[index]].rstrip()
    after = normalised[starts[index + 1] + len(verdict.text) :].lstrip()
    opens = not before or before[-1] in ".!?;,\n"
    ends = not after or after[0] in ".!?;,\n"
    if not (opens and ends):
        return False
    named = label.text.split()
    if named and named[0] in _LABEL_DETERMINERS:  # "The senior leaders? Invisible."
        named = named[1:]
    if len(named) > _LABEL_WORDS or len(verdict.text.split()) > _VERDICT_WORDS:
        return False
    return clause_score(label.text) == 0 and clause_score(verdict.text) != 0


def _at_departure(
    normalised: str, departure_at: int | None, cut_inside: bool
) -> list[tuple[int, Clause, bool, bool]]:
    """The clauses of `normalised`, each with where it starts, whether it tells of the job
    someone is leaving for, and whether it is the clause the departure starts in, told whole.
    A clause tells of the job being left for if it comes after the one the departure falls
    in, or is that one and `cut_inside` (`_cuts`). That one is cut in two at the departure if
    what comes before names a theme of its own: "my caseload is 30 so I'm leaving for a council
    where it's 15" speaks of here up to "leaving", and of the job being left for from it. If
    it names none ("honestly I'm off to a trust where …", "… but I'm off to a post with better
    pay"), the whole clause tells of the job being left for."""
    found, position = [], 0
    for clause in _opposed_apart(_labels_joined(clauses(normalised), normalised)):
        position = normalised.find(clause.text, position)
        cut = -1 if departure_at is None else departure_at - position
        if 0 <= cut < len(clause.text) and cut_inside:
            before = clause.text[:cut].rstrip(" ,")
            if before and themes_in(before):
                found.append((position, replace(clause, text=before), False, False))
                found.append((position + cut, Clause(clause.text[cut:], False), True, False))
            else:
                found.append((position, clause, True, True))
        else:
            found.append((position, clause, departure_at is not None and cut <= 0, False))
        position += len(clause.text)
    return found


def _treatment_decides(said: list[tuple[float, float, bool]]) -> float:
    """How the manager treats the worker, from each clause about managers in order as (its
    score, its `_treatment`, whether it turns the sentence), if the clauses that tell of it
    agree and no other says otherwise or turns against it ("my TM never shouts but she cancels
    supervision every week" decides nothing); else 0. A clause that turns the sentence to tell
    of it outweighs what came before ("my TM is lovely but she micromanages everything")."""
    told = {treated for _score, treated, _turns in said if treated}
    if len(told) != 1:
        return 0.0
    news = told.pop()
    turning = [i for i, (_score, treated, turns) in enumerate(said) if treated and turns]
    if turning:
        said = said[turning[-1] :]
    others = [(score, turns) for score, treated, turns in said if not treated]
    agree = all(score * news > 0 or (score == 0 and not turns) for score, turns in others)
    return news if agree else 0.0


# A question that asks how much of something good the worker has ("How supported do you feel
# by your manager?", "How valued do you feel?"): an answer that opens with a degree or a mark out
# of ten answers it, whatever else follows ("Very. Which is lucky, because nobody above her has
# a clue who I am"; "Not very. I get more from the senior prac"; "9/10"). Only where the
# question holds the good word: "How is your workload?" "Very heavy" is no "very".
# The degree questions that ask how bearable the load is: answered in words of quantity, they
# tell the load, not the degree (`_QUANTITY`).
_OF_THE_LOAD_WORDS: Final = r"manageable|sustainable"
_DEGREE_QUESTION: Final = re.compile(
    r"^how (?:well )?(?:supported|valued|listened to|included|safe|looked after|appreciated"
    r"|happy|satisfied|confident"
    # "How manageable is your workload?" "It's not." (forty-first round's probe).
    rf"|{_OF_THE_LOAD_WORDS})\b"
    # "What are you learning here?" "Nothing new." is a degree too (a low one).
    r"|^what (?:are|am) (?:you|i) learning\b"
)
# The answer's opening statement must be the degree or the mark and nothing else but words that
# hedge or stress it ("Very.", "Not at all, if I am honest.", "8 out of 10. The missing 2 is…"):
# "Completely let down", "Hardly a day goes by without her checking in", "Really? No.", "So, where
# do I start", "10/10 would not recommend", "2/10 before she came, 9/10 now" and "9 out of 10
# times she cancels" are statements of their own, read by the rest of the rules.
_HEDGES: Final = (
    r"(?: (?:tbh|honestly|to be honest|if i am honest|if i am being honest|no question|indeed"
    r"|yes|no|really|actually|now|these days|at the moment|right now|to be fair|tbf|thankfully"
    r"|luckily|sadly|so|much so|supported|mate|at all|whatsoever|at present|so far|lately"
    r"|recently|for now|currently|this week|this month|most of the time|most days|mostly"
    r"|on the whole|for the most part"
    # Who, when the question asks of several: "Really well by both." (the fifty-second round's
    # review, where a sign-off after it turned the answer).
    # Only as the answer's last words ("Not by all my team" is of some of them, not a degree).
    r"|(?:by both|from both|by both of them|by them both|by all of them|by everyone|by all"
    r"|by either|from either|by either of them|all round|across the board)(?= *$)))*"
)
# Before the degree, words that only lead into it ("ngl not at all"); after it, unpunctuated, a
# new statement may start with its subject ("very she rings me after every visit").
_LEAD: Final = r"^(?:(?:ngl|tbh|honestly|oh|um|erm|hmm|well|i would say|i think) )*"
_END: Final = r"(?:$| (?=(?:she|he|they|my|we|i|it)\b))"
_MARK: Final = re.compile(rf"{_LEAD}(\d{{1,2}}(?:\.\d)?) ?(?:/ ?|out of )10(?!\d|/){_HEDGES}{_END}")
_DEGREE_LOW: Final = re.compile(
    # "It's not.", "it is not really" to "How manageable is your workload?": only as the whole
    # opening ("it's not my manager, it's the people above her" names who it is not).
    rf"{_LEAD}(?:it is|its) not(?: (?:very|really|at all|much|particularly|especially|overly"
    rf"|hugely|so|well))?{_HEDGES}$"
    rf"|{_LEAD}(?:not(?: (?:very|at all|really|much|enough|particularly|especially|overly|hugely"
    r"|so|well|supported|valued))?|barely|hardly|rarely|poorly|badly|unsupported|minimally"
    r"|very little|little|none|nothing(?: new| much)?|nil|nowt|nada|zero|0|no support"
    # The question's own good word denied: "supported is a strong word", "valued is pushing it"
    # (not any word: "neglected is a strong word" defends, "everything is a stretch" is the load).
    r"|(?:feeling )?(?:supported|valued|listened to|included|safe|looked after|appreciated|happy"
    r"|satisfied|confident) (?:is|would be|might be) (?:a (?:strong|big) word|pushing it"
    r"|(?:a bit of )?a stretch|stretching it)"
    # Less than the worker was ("Less than I did. Supervision has turned into a checklist…": the
    # fifty-first round's last probe read the manager as good news).
    r"|(?:a lot |much |far )?less (?:so )?than (?:i did|i used to|i was|before|it was|it used to be"
    r"|last year|a year ago|when i started))"
    rf"{_HEDGES}{_END}"
)
_DEGREE_HIGH: Final = re.compile(
    rf"{_LEAD}(?:very|extremely|completely|totally|fully|hugely|massively|incredibly|absolutely"
    r"|brilliantly|well supported|very well|really well|canny well|very much|supported|loads"
    r"|lots|a lot"
    rf"|heaps|tons|plenty|masses|so much){_HEDGES}{_END}"
)
# A fair degree, said as the whole of the answer's first statement: "Well enough." to "… by
# your manager and team?" (the fifty-third round's probe) answers for both, as "Pretty well."
# and "Well enough." to "… by your manager?" are praise of the manager in the pool, 3 of 3.
# Not grudged or conditioned ("Well enough I suppose, but…", "Fairly well I guess, could be
# better…", "Pretty well, when she's in", "Pretty well, apart from my manager": the round's
# reviews); turned in the next breath, the turn tells its theme apart ("Well enough, but
# not by the team").
_DEGREE_FAIR: Final = re.compile(
    rf"{_LEAD}(?:well enough|pretty well|quite well|fairly well|reasonably well){_HEDGES}$"
)
_GRUDGED: Final = re.compile(
    r"^(?:i suppose|i guess|i think|could be better|ish|when|considering|apart from|except"
    r"|other than|bar|given)\b"
)
# A high degree in words of quantity ("loads", "plenty") answers how much support or value there
# is, but to a question of how bearable the load is it tells the load: no degree.
_QUANTITY: Final = re.compile(rf"{_LEAD}(?:loads|lots|a lot|heaps|tons|plenty|masses|so much)\b")
_OF_THE_LOAD: Final = re.compile(rf"^\W*how (?:{_OF_THE_LOAD_WORDS})\b")
# The good word the question asks a degree of, said back in the answer: "Very manageable",
# "manageable at the moment", "completely unmanageable", "not sustainable", "I don't feel
# valued" (forty-second round: to "How manageable is your workload?" the first read as bad news
# and the third as nothing). Only the word asked: "How supported…?" "Valued." is no answer of
# degree. "Moderately", "somewhat" and "sort of" are no side; "mostly", "reasonably" and
# "fairly" lean to the good (in the pool, "Reasonably." and "Mostly." to "How supported…?" are
# praise of the manager in 5 of 6).
_ASKED_WORD: Final = re.compile(
    r"^how (?:well )?(supported|valued|listened to|included|safe|looked after|appreciated|happy"
    rf"|satisfied|confident|{_OF_THE_LOAD_WORDS})\b"
)
# The word's own opposites besides its un-, dis- and under- forms ("unmanageable",
# "dissatisfied", "undervalued").
_OPPOSITES: Final = {
    "included": "excluded|left out",
    "listened to": "ignored|unheard",
    "looked after": "neglected",
    "valued": "devalued",
}
_HIGHER: Final = (
    r"very|really|quite|pretty|mostly|generally|largely|reasonably|relatively|fairly|totally"
    r"|completely|fully|extremely|perfectly|entirely|absolutely|incredibly|so|always|definitely"
    r"|genuinely|truly|super|well"
    # The North East's "very" ("canny well tbf": the fifty-first round's probe).
    r"|canny"
)
_LOWER: Final = (
    r"(?:not|never)(?: (?:very|really|at all|that|so|particularly|always|exactly|entirely|fully"
    r"|too|remotely|even|hugely|overly|especially|massively))?"
    r"|barely|hardly|scarcely|rarely|far from|anything but|less than"
)
# Who says it, before the word: "I feel valued", "it is manageable"; said with a denial, a low
# degree: "I do not feel valued", "it is not sustainable".
_SAYER: Final = r"(?:i|we) (?:feel|am|are)|feeling|feel|(?:it|that|this) (?:is|feels)|its"
_SAYER_DENIES: Final = (
    r"(?:i|we) (?:do not|did not|never) feel|(?:i am|we are|(?:it|that|this) is|its) not"
)


# The hedges that may follow the question's own word: not "yes" or "no" ("Valued no").
_OWN_HEDGES: Final = _HEDGES.replace("|yes|no|", "|")


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _own_word_degree(question: str) -> re.Pattern[str] | None:
    """The answer to a degree question that says the question's own good word back, with a
    degree ("very manageable") or its opposite ("unmanageable", "not manageable"); its group
    "low" is set when the degree is low. None if the question is no degree question."""
    asked = _ASKED_WORD.match(normalise(question))
    if asked is None:
        return None
    word = re.escape(asked.group(1))
    opposite = rf"(?:un|dis|under){word}"
    if asked.group(1) in _OPPOSITES:
        opposite += "|" + _OPPOSITES[asked.group(1)]
    # The whole opening: no statement may run on from it ("manageable i wish", "manageable my
    # arse").
    return re.compile(
        rf"{_LEAD}(?:"
        rf"(?P<low>(?:(?:{_SAYER}) )?(?:(?:{_LOWER}) {word}|(?:(?:{_HIGHER}) )*(?:{opposite}))"
        rf"|(?:{_SAYER_DENIES})(?: (?:{_HIGHER}))* {word})"
        rf"|(?:(?:{_SAYER}) )?(?:(?:{_HIGHER}) )*{word}"
        rf"){_OWN_HEDGES}$"
    )


# What, after the opening, takes the word back or makes it hang on something: "Manageable,
# barely", "Manageable, if I work every evening", "manageable, on paper", "Manageable. Not.",
# "satisfied, until I see what agency get", "Listened to, nothing changes" (the forty-second
# round's review).
_OWN_TAKEN_BACK: Final = re.compile(
    r"^\W*(?:barely|hardly|only just|just about|just|not|nope|no|if|as long as|provided|in theory"
    r"|on paper|until|unless|when|except|apart from|but|though|although|i wish|my arse|lol|haha"
    r"|jk|joking|apparently|supposedly|allegedly|said no one|ish|at a push|at best|sometimes"
    r"|some days|on a good day|depends|nothing (?:changes|happens|gets done|ever changes|is done))"
    r"\b"
)


_DEGREE_SCORE: Final = 2.0
# The answer's opening statement ends at the first sentence end or comma.
_OPENING_END: Final = re.compile(r"\s*[.,!?;:\n]+\s*|\s+-\s+")
# A second degree that says the first was its start: "Very, very poorly".
_OPENING_TURNS: Final = re.compile(
    r"^(?:very|really|so|extremely|totally|completely) (?:poor\w*|bad\w*|little|un\w+|not|rarely"
    r"|low)\b"
)


# A whole answer that says nothing of its own, whatever was asked: nothing to add, a shrug, a
# pointer to another answer, a placeholder. The question's own words must not make it a stance
# ("How supported do you feel by your manager?" "n/a" is no news of the manager). Not "no" or
# "not really", nor "none" or "nothing" to a question that asks a degree: to that question they
# are an answer ("not supported"; `_degree_answer` reads them first).
_NOTHING_SAID: Final = (
    r"n ?[/\\∕⁄] ?a|n a|n\.a\.?|na|nil|none|nada|nothin'?|nothing|nowt|not appli\w*"
    r"|nothing (?:(?:else|more|much|further|new|in particular|of note) ?)?"
    r"(?:to (?:add|report|say|declare|mention))?"
    r"|no (?:further |more |other )?comments?(?: (?:at this (?:time|stage)|to make))?"
    r"|no (?:thanks|thank you|ty|thx)"
    r"|(?:i am )?(?:not (?:too |really |that )?sure|unsure)|(?:i have )?no idea|dunno|idk"
    r"|(?:i )?(?:do not|don't) know|pass|skip"
    r"|(?:i )?(?:would |i'd )?(?:prefer|rather) not(?: to)? (?:say|answer)"
    r"|x+|tbc|test(?:ing)?|shrug|eh|ha(?:ha)+|um+|erm+|hmm+|err+"
    # Pointers: "see above", "as mentioned above", "see my previous answer", "same as q2".
    r"|(?:see|same as|as|ditto)(?: (?:said|stated|mentioned|per|in|my|the|comments?|answers?))*"
    r" (?:above|before|previous|earlier|last (?:time|week|month|one)|q ?\d+|question ?\d+)"
    r"(?: (?:answers?|comments?|questions?|one))?|ditto|same again"
    # Middling: no news either way ("How supported…?" "ok"; "5/10" is a middling mark).
    r"|(?:(?:i am|it is|feel|feeling|i feel|yeah|yes) )?(?:ok|okay|ok-?ish|fine|alright|all right"
    r"|so-?so|so so|average|adequate(?:ly)?|reasonabl[ey]|fairly|meh|middling|mixed|50 ?/ ?50)"
    r"|(?:[56](?:\.\d)?|5 ?- ?6|five|six) ?(?:/ ?|out of |outta )(?:10|ten)"
)
_SIGN_OFFS: Final = (
    r"really|at all|thanks|thank (?:you|u)|thanks u|thx|ty|ta|cheers|x+|sorry|honestly"
    r"|i guess|i suppose|i think|mostly|on the whole|at (?:the moment|present)|right now|atm"
    r"|rn|for now|from me|this (?:time|week)|so far|to me"
)
_NOTHING: Final = re.compile(
    rf"^(?:(?:um+|erm+|hmm+|well|honestly|sorry|err+) )*(?:{_NOTHING_SAID})"
    rf"(?: (?:{_NOTHING_SAID}|{_SIGN_OFFS}))*$"
)
_NOTHING_LONGEST: Final = 80  # characters
# What is left of an answer without its punctuation: emoji, brackets and dashes go ("N/A - see
# above"); the slash of "n/a" and the dot of "n.a." stay, as do apostrophes inside words.
# (Every match starts with a character that is none of a word's, a slash or a space: with that
# as a lookahead, most positions are passed at one test, not four; it cost a fortieth of the
# analyser's time.)
_PUNCTUATION_MARKS: Final = r"¯\\_\(ツ\)_/¯|[^\w/\\∕⁄'.\s-]+|(?<!\w)[.'-]+|[.'-]+(?!\w)"
_PUNCTUATION: Final = re.compile(rf"(?=[^\w/\\∕⁄\s])(?:{_PUNCTUATION_MARKS})")


def says_nothing(normalised: str, question: str | None = None) -> bool:
    """Whether a (normalised) comment says nothing of its own: no word at all ("", "?", "🤷",
    "tbh"), or only a placeholder, a shrug, a pointer or a middling degree ("n/a", "nothing to
    add", "same as above", "ok i guess", "5/10"). Sarcasm says something ("Fine 🙄"); so do a
    degree ("None.") and a side taken in emoji ("👎") to a question that asks for one."""
    # Most comments are long: a long one says nothing only if it has no word at all.
    if len(normalised) > 2 * _NOTHING_LONGEST and any(c.isalnum() for c in normalised):
        return False
    if question and _degree_answer(normalised, question):
        return False
    bare = _PUNCTUATION.sub(" ", normalised)
    if not bare.isascii():  # full-width and other compatibility forms as plain letters ("ｎ／ａ")
        bare = unicodedata.normalize("NFKC", bare)
    bare = " ".join(bare.split())
    if not any(character.isalnum() for character in bare):
        return True
    # A non-answer is short; the limit also bounds the pattern's backtracking (its parts can
    # follow one another in more than one way: "x x x").
    return (
        len(bare) <= _NOTHING_LONGEST
        and bool(_NOTHING.match(bare))
        and not SARCASM.search(normalised)
    )


# A mark in words is a mark ("ten out of ten", "two out of ten").
_MARK_WORDS: Final = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b(?= (?:out of|outta|/))"
    r"|(?<=out of )ten\b"
)


def _mark_in_figures(match: re.Match[str]) -> str:
    word = match.group()
    return "0" if word == "zero" else str(_NUMBER_WORDS[word])


# Emoji and emoticons that take a side: an answer of nothing else answers a degree question.
_GOOD_SYMBOLS: Final = re.compile(r"[👍👌💯🙂😊😀😁😃😄❤♥💪🙌⭐🌟]|:-?\)|:-?d\b|\(:")
_BAD_SYMBOLS: Final = re.compile(r"[👎😡😠🙁☹😞😢😭💩🤬😩😫😤😔😟]|:-?\(|:-?/|:'\(|\):")
_SYMBOLS: Final = re.compile(
    rf"{_GOOD_SYMBOLS.pattern}|{_BAD_SYMBOLS.pattern}|[\s\ufe0f\u200d\U0001f3fb-\U0001f3ff]+"
)


# Where a degree question stops naming what it asks about: what follows compares, sets a time
# or leaves something out ("… by your manager compared with your last team?", "… since the
# restructure of senior leadership?", "… apart from pay?").
_ASKED_ENDS: Final = re.compile(
    r"[(;:]| (?:compared (?:with|to)|in comparison|since|now that|when|whenever|while|after"
    r"|before|because|given|apart from|aside from|except|excluding|not counting|other than"
    r"|as opposed to|rather than|instead of|including|unlike|versus|vs)\b"
)


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _said_apart_clearly(theme: str, score: float, said: Iterable[tuple[str, float]]) -> bool:
    """Whether a clause of `said` (each clause with its score) names `theme` alone and scores
    it clearly (at least 1), saying it of now, plainly (`_NOT_APART`), and every clause that
    names it scores it the way `score` (the comment's score for it) goes."""
    clear = False
    for clause, clause_score in said:
        named = themes_in(clause)
        if theme not in named:
            continue
        if clause_score and (clause_score > 0) != (score > 0):
            return False
        clear = clear or (
            named == {theme}
            and abs(clause_score) >= 1
            and bool(score)
            and not _NOT_APART.search(clause)
        )
    return clear


# What keeps a part from telling its theme apart: a loss imagined ("without my team I'd have
# quit", whose score is the quitting's), a wish or a condition ("the team would be better with
# more staff"), or a time before ("my previous team was amazing"): the round's review.
_NOT_APART: Final = re.compile(
    r"\b(?:without|if|unless|would|could|should|might|previous|old|former|ex|used to|last"
    r"|before|not for|but for|when)\b"
)


def _part_degrees(
    work: list[str], asked: tuple[str, ...]
) -> tuple[list[tuple[str, float]], frozenset[int]]:
    """The parts of an answer to a degree question that are the name of one theme and a word of
    degree ("team yes", "manager less so", "by my colleagues, very"), each with that theme and
    its news: the degree of a theme the question `asked` of, or of the people the worker is
    supported or valued by, whether or not the question named them ("How valued do you feel?"
    "By my colleagues, very. By the organisation, …"). Not of a burden, where "never" and
    "always" say the opposite ("Paperwork no, stress always" to "How manageable is your
    workload?"). With them, the clauses (by index) they are made of: a part split in two
    ("by the team", "very supported") is its own, and neither half speaks of the theme apart
    from it."""
    told = _told_parts(work, asked)
    made_of = {index for _theme, _news, halves in told for index in halves}
    return [(theme, news) for theme, news, _halves in told], frozenset(made_of)


def _told_parts(
    work: list[str], asked: tuple[str, ...]
) -> list[tuple[str, float, tuple[int, ...]]]:
    """`_part_degrees`'s parts, each with the clauses (by index) it is made of."""
    parts = []
    for index, clause in enumerate(work):
        said = _PART_DEGREE.match(clause)
        halves: tuple[int, ...] = (index,)
        if said is None and index + 1 < len(work):  # "by my colleagues" , "very"
            said = _PART_DEGREE.match(f"{clause} {work[index + 1]}")
            halves = (index, index + 1)
            if said is not None and _WHOLE_TAIL.sub("", said.group("label")) != _WHOLE_TAIL.sub(
                "", clause.removeprefix("by ").removeprefix("from ")
            ).removeprefix("the ").removeprefix("my ").removeprefix("our "):
                said = None
        if (
            said is None
            and index + 1 < len(work)
            and _BY_SOMEONE.match(clause)
            and len(themes_in(clause)) == 1
        ):
            said = _DEGREE_ALONE.match(work[index + 1])  # "by the council that hosts us" , "very"
            halves = (index, index + 1)
        if said is None:
            said = _DEGREE_PART.match(clause)  # "less so by my manager"
            halves = (index,)
        if said is None:
            continue
        label = said.group("label") if "label" in said.re.groupindex else None
        named = themes_in(label) if label is not None else set()
        if not named and len(halves) == 2:
            # A name only its whole clause makes a theme's: "by the council" (not "council"),
            # "yes" (the fifty-second round's review).
            named = themes_in(work[index])
        if (
            not named
            and "managers" in asked
            and label == "management"
            and not any("managers" in themes_in(other) for other in work)
        ):
            # "management" alone names no theme (the managers or the leaders), but asked of the
            # manager, "By management, it depends who's in the chair" is the manager's (the
            # fifty-third round's probe; in the pool, of the 30 comments with a sentence that
            # opens "(by|from) management", 18 are labelled for the manager, 6 for the leaders).
            # Not "upper management", nor beside the manager named ("My TM yes. Management, it
            # depends who you get": those above her; the round's reviews).
            named = {"managers"}
        if said.groupdict().get("depends") and _excused_after(work, halves):
            continue  # "Team, depends who's on shift, but mostly great": no low degree
        if len(named) == 1 and not named.isdisjoint(_BY_WHOM.union(asked)):
            news = _DEGREE_SCORE if said.group("high") else -_DEGREE_SCORE
            parts.append((next(iter(named)), news, halves))
    return parts


# Some of those asked of, not all: "Very. Other managers, no." (the round's review).
_SOME_OF: Final = re.compile(r"\b(?:other|another|some|one of|a few|certain)\b")
# What may follow a part and take back, excuse or soften it: "…, but mostly great", "…, but
# that's because they're all swamped too", "…, though she always gets back to me".
_EXCUSED: Final = re.compile(r"^(?:but|though|although|tho|mostly|usually|generally|normally)\b")


def _excused_after(work: list[str], halves: tuple[int, ...]) -> bool:
    """Whether the clause after a part (made of the clauses `halves`) excuses it."""
    after = halves[-1] + 1
    return after < len(work) and bool(_EXCUSED.match(work[after]))


def _part_of(clause: str) -> bool:
    """Whether `clause` is a name and a word of degree (`_part_degrees`), either way round."""
    return bool(_PART_DEGREE.match(clause) or _DEGREE_PART.match(clause))


# Whom a worker is supported or valued by.
_BY_WHOM: Final = frozenset({"managers", "team_culture", "leadership"})
# A word of a part's name: not a word of degree ("manager not very" is the manager, "not very").
# Nor "it": "By management, it depends who's in the chair" (the fifty-third round's probe).
_LABEL_WORD: Final = (
    r"(?!(?:not|less|much|very|no|never|always|hardly|barely|so|really|it)\b)[a-z]+"
)
# What may follow a name to say it is the whole of it: "By the council as a whole, yes" (the
# fifty-second round's review).
_LABEL_TAIL: Final = (
    r"(?: (?:as a whole|itself|at large|more widely|more broadly|in general|overall))?"
)
_WHOLE_TAIL: Final = re.compile(rf"{_LABEL_TAIL}$")
# A name of one or two words and a word of degree, as the whole of a part: "team yes", "manager
# less so", "by my colleagues very" (whether the name is a theme's, and whose, is
# `_part_degrees`'s to say).
# A part's word of degree, with the degree's own verb ("By the team, very supported.": the
# fifty-first round's probe).
_PART_DEGREE_WORDS: Final = (
    r"(?:(?P<high>yes|yeah|yep"
    r"|very|very much|very much so|definitely|defo|absolutely|totally|always|massively|100 ?%"
    r"|brilliant|great|amazing)|(?P<low>no|nope|nah|not really|not at all|not much|not very"
    r"|not so much|not as much|less so|much less so|a lot less so|hardly|barely|never"
    r"|not always|not great|not good|not brilliant"
    # "By management, it depends who's in the chair that month" (the fifty-third round's probe):
    # support that depends on who gives it is unsteady; in the pool 68 of the 86 comments where
    # it depends on who, which or what are the manager's bad news, 6 good; of the 17 where it
    # depends on the day, week or mood, 15 are the manager's bad news. Not what it depends on
    # otherwise ("depends what you need": the round's review), nor one taken back after
    # (`_EXCUSED`).
    r"|(?P<depends>(?:it |that )?(?:all )?depends(?: (?:on )?(?:who|whose|which"
    r"|what (?:day|mood|week|time|shift)|(?:the|her|his|their) (?:day|week|mood|shift|month))"
    r"\b[^,;]*)?)))"
    r"(?: (?:supported|valued|appreciated))?$"
)
_PART_DEGREE: Final = re.compile(
    r"^(?:by |from )?(?:the |my |our )?(?!(?:her|his|their|your|its)\b)"
    rf"(?P<label>{_LABEL_WORD}(?: {_LABEL_WORD})?){_LABEL_TAIL},? {_PART_DEGREE_WORDS}"
)
# A part's word of degree as a clause of its own, after a clause of whom it is of, however long:
# "By the council that employs me" , "very." (the fifty-second round's review).
_DEGREE_ALONE: Final = re.compile(rf"^{_PART_DEGREE_WORDS}")
_BY_SOMEONE: Final = re.compile(r"^(?:by|from) ")
# The same the other way round, a word of degree and whom it is of: "well supported by the
# team", "less so by my manager" (the eighteenth probe).
_DEGREE_PART: Final = re.compile(
    r"^(?:(?P<high>very|very well|really well|well|very much|totally|fully|well supported"
    r"|very supported|really supported|supported|yes|yeah|mostly)|(?P<low>less so|much less so"
    r"|not so much|not as much|not really|not at all|not much|barely|hardly|less|not|no"
    r"|unsupported|not supported))(?: so)? (?:by|from) (?:the |my |our )?"
    rf"(?!(?:her|his|their|your|its)\b)(?P<label>{_LABEL_WORD}(?: {_LABEL_WORD})?){_LABEL_TAIL}$"
)
# A turn or a denial in a clause after an opening degree: what it says may set a theme apart
# from the degree (`_bears_degree_out`; not `_OPENING_TURNS`, which turns the degree itself).
_TURNS: Final = re.compile(
    r"\b(?:but|though|tho|although|except|apart from|however|less|worse|only|not|never|no"
    r"|nor|nobody|no one|none|rarely|seldom|hardly|barely)\b"
)


def _bears_degree_out(
    news: float, score: float, said: Iterable[str], answered: tuple[tuple[str, float], ...]
) -> bool:
    """Whether a theme an opening degree answered (`news`), whose clauses (`said`) score it
    `score`, is still the degree's: its score goes faintly the other way (under 1), and each
    clause that names it, with no turn (`_TURNS`), names a theme the degree did not answer,
    which the faint score is of ("after a difficult visit"; not "Manager and team both a bit
    distant lately", the round's review)."""
    if not score or (score > 0) == (news > 0) or abs(score) >= 1:
        return False
    every = {theme for theme, _news in answered}
    clauses = list(said)
    return bool(clauses) and all(
        not _TURNS.search(clause) and bool(themes_in(clause) - every) for clause in clauses
    )


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _degree_question(question: str) -> bool:
    """Whether `question` asks a degree ("How valued do you feel?")."""
    return bool(_DEGREE_QUESTION.match(normalise(question)))


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _asked_degree(question: str) -> tuple[str, ...]:
    """The themes `question` asks a degree of, if it is a degree question ("How supported do
    you feel by your manager?": managers; "… by your manager and team?": both), in the order
    of THEMES; none if it is not one or names none. Only the words before a comparison, a time
    or an exception are what is asked about ("… by your manager compared with your last team?"
    asks of the manager alone)."""
    asked = normalise(question)
    return _themes_asked(asked) if _DEGREE_QUESTION.match(asked) else ()


def _themes_asked(asked: str) -> tuple[str, ...]:
    """The themes a (normalised) question names before a comparison, a time or an exception,
    in the order of THEMES."""
    end = _ASKED_ENDS.search(asked)
    themes = themes_in(asked[: end.start()] if end else asked)
    return tuple(theme for theme in THEMES if theme in themes)


def _degree_answer(normalised: str, question: str) -> tuple[tuple[str, float], ...]:
    """The themes a degree question asks about, each with the news of the answer's opening
    degree or mark, if the question is one and the answer's opening statement is only that
    (not "Very, very poorly", nor "Very 🙃": sarcasm turns the degree); otherwise none. One
    degree answers every theme the question names: "Very." to "How supported do you feel by
    your manager and team?" is good news of both."""
    themes = _asked_degree(question)
    if not themes:
        return ()
    cut = _OPENING_END.search(normalised)
    opening, rest = (
        (normalised[: cut.start()], normalised[cut.end() :]) if cut else (normalised, "")
    )
    if cut is not None and "?" in cut.group():
        return ()  # "Supported? I haven't had supervision in 11 weeks"
    if opening == "well" and cut is not None and cut.group().strip() == ",":
        # "Well, not really.": "well" leads into the degree, after its comma.
        return _degree_answer(rest, question)
    if _OPENING_TURNS.match(rest):
        return ()  # "Very, very poorly"
    symbols = _SYMBOLS.sub("", normalised)
    mark = _MARK.match(_MARK_WORDS.sub(_mark_in_figures, opening))
    if normalised and not symbols:  # only emoji or emoticons that take a side ("👍", ":(")
        good, bad = bool(_GOOD_SYMBOLS.search(normalised)), bool(_BAD_SYMBOLS.search(normalised))
        news = 0.0 if good == bad else 1.0 if good else -1.0
    elif mark is not None:
        value = float(mark.group(1))
        news = 1.0 if 7 <= value <= 10 else -1.0 if value <= 4 else 0.0
    elif (
        (own := _own_word_degree(question)) is not None
        and (said := own.match(opening))
        and not _OWN_TAKEN_BACK.match(rest)
    ):
        news = -1.0 if said.group("low") else 1.0
    elif _DEGREE_LOW.match(opening):
        news = -1.0
    elif opening == "well" and (cut is None or cut.group().strip() == ".") and _bears_out(rest):
        # "Well. Door open. Answers the phone when I'm on a late visit." (forty-third round's
        # probe): "well" said as a sentence of its own is the degree where what follows bears it
        # out, not the "well, …" that leads into one ("Well, not really"), nor a "Well." that
        # hesitates before a complaint ("Well. Supervision cancelled three times.", "Well.
        # Could be better.", "Well. Used to be.") or exclaims ("Well! Where do I start").
        news = 1.0
    elif _DEGREE_FAIR.match(opening) and not _GRUDGED.match(rest):
        news = 1.0
    elif _DEGREE_HIGH.match(opening):
        if _QUANTITY.match(opening) and _OF_THE_LOAD.match(question.lower()):
            return ()  # "Loads. 30 kids" to "How manageable is your workload?" is the load
        news = 1.0
    else:
        return ()
    return tuple((theme, news * _DEGREE_SCORE) for theme in themes) if news else ()


# What may follow a "Well." that hesitates rather than answers: a habit gone, a laugh, a sigh.
_HESITATES: Final = re.compile(
    r"^(?:used to|ha+|(?:ha)+|lol|hmm+|um+|erm+|er+|sigh|where (?:do|shall|to) (?:i )?start)\b"
)
_LEAVING: Final = re.compile(r"\b(?:notice|leav\w*|quit\w*|resign\w*|moving on|off to)\b")


def _bears_out(rest: str) -> bool:
    """Whether what follows an answer's "Well." bears it out as the degree: nothing, or words
    that read no worse than nothing, with no leaving and no hesitation ("Door open. Answers the
    phone when I'm on a late visit."; not "Could be better.", "Used to be.", "Ha.", "I've put
    my notice in.")."""
    if not rest:
        return True
    cut = _OPENING_END.search(rest)
    first = rest[: cut.start()] if cut else rest
    return (
        clause_score(first) >= 0
        and read(rest).total >= 0
        and _departure(rest) is None
        and not _LEAVING.search(rest)
        and not _HESITATES.match(rest)
    )


# A question that asks how something is ("How is your workload at the moment?", "How are
# things with your manager?", "What do you think of the new office?"): an answer that names
# nothing of its own and says good or bad ("manageable", "awful", "brilliant") says it of what
# the question names (forty-third round's probe: "manageable" read as bad news of workload,
# "awful" as nothing, "great" to the manager question as bad news). Not the degree questions,
# whose answers `_degree_answer` reads ("about as valued as the printer" is no praise).
_VERDICT_QUESTION: Final = re.compile(
    r"^(?:how (?:is|are|was|were|has|have|would you (?:describe|rate|sum up)|do you (?:find"
    r"|rate|feel about)|did you find|are you finding|have you found)|what do you (?:think|make)"
    r" (?:of|about)|what is your (?:view|opinion|take) (?:of|on))\b"
)


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _verdict_asked(question: str) -> tuple[str, ...]:
    """The themes a question asks how they are, if it is one that asks (`_VERDICT_QUESTION`):
    the themes it names before a comparison, a time or an exception, in THEMES order."""
    asked = normalise(question)
    if not _VERDICT_QUESTION.match(asked) or _DEGREE_QUESTION.match(asked):
        return ()
    return _themes_asked(asked)


def _verdict_answer(normalised: str, question: str, total: float) -> tuple[tuple[str, float], ...]:
    """The themes a question asks how they are, each with the news of an answer that names no
    theme of its own and whose words (`total`) say good or bad; none for an answer that asks
    back ("better?")."""
    themes = _verdict_asked(question)  # most questions ask no verdict: cached, no search
    if not themes or "?" in normalised or not _VERDICT.match(normalised):
        return ()
    if SARCASM.search(normalised):
        return ()
    news = _DEGREE_SCORE if total > 0 else -_DEGREE_SCORE
    return tuple((theme, news) for theme in themes)


# A verdict is a few words of one statement, five at most ("manageable", "very heavy at the
# moment", "not great"), with nothing that says it is not one: hearsay, no first-hand
# knowledge, a hedge, a joke or a condition ("Haven't been yet, heard it's lovely", "Never used
# it", "Good question", "Hard to say", "Haha good one", "great in theory"; the forty-third
# round's review).
_VERDICT: Final = re.compile(
    r"^(?!.*\b(?:heard|hear|apparently|supposedly|yet|never|question|say|sure|know|depends"
    r"|ha(?:ha)*|lol|jk|joke|one|theory|paper|when|if|until|unless|for)\b)\w+(?: \w+){0,4}\W*$"
)


# An answer that says the people the question asks about are never seen: "who?", "never met
# them", "I have met one of them once, in 2022", "wouldn't know her if I passed her in the
# corridor" to "How do you feel about senior leadership?" (forty-second round's probe: each read
# nothing). Only of the people a question names (senior leaders, managers).
_UNSEEN: Final = re.compile(
    r"^\W*(?:(?:um+|erm+|sorry|honestly|tbh|genuinely) )*who(?: even)?(?: (?:are|is|r)"
    r" (?:they|them|that|those|she|he|these people))?"
    r"(?: (?:again|exactly|even|lol|haha|tbh|now|sorry))*\W*$"
    r"|\b(?:never|not once|not ever|not yet|have not|has not|had not) (?:actually )?(?:met|seen"
    r"|spoken to|heard from|laid eyes on|clapped eyes on) (?:them|him|her|any of them|one of them"
    r"|a single one)\b(?! yet\b)"
    r"|\bmet (?:one of )?(?:them|him|her) (?:once|twice)\b"
    r"|\b(?:would not|could not|do not|did not) (?:know|recognise|recognize|pick out) (?:them|him"
    r"|her|who (?:they|he|she) (?:are|is))\b"
    r"|\b(?:no|not a|not the faintest|not the foggiest) (?:idea|clue) who (?:they|he|she)"
    r" (?:are|is)\b"
)
_PEOPLE: Final = ("managers", "leadership")
# Where "never met them" is not of the people asked about: someone else named before it ("The
# families on my caseload? I haven't seen them in weeks"), another place or time set against
# now ("At my last LA I never met them, here they come to team meetings"), or a newcomer ("I
# only started last month").
_UNSEEN_ELSE: Final = re.compile(
    r"\b(?:famil(?:y|ies)|children|kids?|child|parents?|mums?|dads?|young (?:person|people)|carers?"
    r"|colleagues|clients|(?:my |the )?(?:last|previous|old|other) (?:la|las|council|authority|job"
    r"|team|place|role)|before i (?:came|started|joined|moved)|(?:only|just) (?:started|joined)"
    r"|new (?:here|starter)|here (?:they|he|she) (?:come|comes|visit|visits)|now i (?:see|meet))\b"
)


def _praises(clause: str) -> bool:
    """Whether a clause that reads good news says so outside the words that tell someone is never
    seen: "I met her once and she was lovely" does, "who are they lol" does not ("lol" reads as
    good news)."""
    unseen = _UNSEEN.search(clause)
    if unseen is None:
        return True
    return clause_score(f"{clause[: unseen.start()]} {clause[unseen.end() :]}".strip()) > 0


@lru_cache(maxsize=256)  # a survey asks a few questions, each many times
def _people_asked(question: str) -> tuple[str, ...]:
    """The people `question` names (managers, senior leaders), in `_PEOPLE` order."""
    asked = themes_in(normalise(question))
    return tuple(theme for theme in _PEOPLE if theme in asked)


def _unseen_answer(
    normalised: str,
    question: str,
    scores: dict[str, float],
    clauses: Iterable[tuple[str, float]],
) -> tuple[tuple[str, float], ...]:
    """The people a question names (managers, senior leaders), as bad news, if the answer says
    they are never seen ("who?", "never met them") and none of its `clauses` (text, score) reads
    good news ("Never met her in person but she rings me every day, brilliant" praises her by a
    pronoun)."""
    people = _people_asked(question)
    if not people:  # most questions name no one: no search
        return ()
    if not _UNSEEN.search(normalised) or _UNSEEN_ELSE.search(normalised):
        return ()
    if any(score > 0 and _praises(said) for said, score in clauses):
        return ()
    return tuple((theme, -_DEGREE_SCORE) for theme in people if scores.get(theme, 0.0) <= 0)


def _negated(clause: str) -> bool:
    """Whether a clause holds a negator ("not", "never", "barely"): "but not by the team"."""
    return not NEGATORS.isdisjoint(_WORD.findall(clause))


# A negator that governs a theme's own name, with only these words between: "not by the team",
# "never the team", "not even my team", "nor the team". A negator elsewhere in the clause is about
# something else ("could not do it without the team", "not least the team", "not even 3 months
# in the team"); the one to two words after the run are where the theme must be named.
_SETS_APART: Final = re.compile(
    r"\b(not|never|nor|neither)((?: (?:even|really|so much|as much|by|from|with|of|for|in|the|a"
    r"|my|our|their|his|her|that|those|this))*) (\S+(?: \S+)?)"
)
# After a low degree the negator adds the theme to the complaint only with one of these: "not
# even the team", "not by the team either", "nor the team".
_ALSO_NOT: Final = frozenset({"even", "either", "neither", "nor"})


def _set_apart(clause: str, theme: str, news: float) -> bool:
    """Whether a clause that names `theme` with no good or bad word of its own, after a degree
    whose news is `news`, says the theme is bad news: a negator governing its name sets it apart
    from praise ("Very, but not by the team") or, with "even", "either", "neither" or "nor", adds
    it to a complaint ("Not at all, not even the team"). Set apart from a complaint by a bare
    negator ("Not at all, not by my team"), it could be either way: not decided."""
    for match in _SETS_APART.finditer(clause):
        if theme not in themes_in(match.group(3)):
            continue
        if news > 0:
            return True
        if not _ALSO_NOT.isdisjoint(_WORD.findall(clause[match.start() :])):
            return True
    return False


def _valued(
    named: set[tuple[str, int]],
    work: list[str],
    scored: list[float],
    local: dict[str, list[str]],
    scores: dict[str, float],
) -> tuple[str, ...]:
    """The themes a loss answer names that the comment reads as good news and that no other
    clause speaks ill of ("Losing the bonus. The pay is awful." is a complaint of pay)."""
    return tuple(
        sorted(
            theme
            for theme, at in named
            if scores.get(theme, 0.0) > 0
            and not any(
                score < 0 and index != at and clause in local.get(theme, ())
                for index, (clause, score) in enumerate(zip(work, scored, strict=True))
            )
        )
    )


# A thing named only to be denied, the whole clause ("not the pay", "definitely not mosaic
# though"); `phrases` read it as the thing's bad news. (`learned._NOT_THIS` also takes "not for
# the money", where what follows is read as about the money still.)
_DENIED_NAME: Final = re.compile(
    rf"^{LEXICON.fragments['denial_lead']}not (?:the |my |our )?[a-z]+(?: [a-z]+)?"
    rf"{LEXICON.fragments['denial_tail']}$"
)
# The worker's own state, denied, as the whole of a statement: "Manager great. I am not."
_SELF_NOT: Final = re.compile(
    r"^(?:but |and |me )?(?:i am|i feel|me) not(?: (?:so|really|very|that))?(?: (?:great|good|ok"
    r"|okay|fine|well|alright|all right|coping|so much|doing (?:so |too |that )?(?:well|great"
    r"|good)))?$"
)
# "Good team. Shame about the manager.", "… a real shame about everything else": a complaint of
# what it names, never of the theme before (any few words may lead to it: the clause names no
# theme of its own, or it would not inherit one).
_SHAME_ABOUT: Final = re.compile(r"^(?:[a-z']+ ){0,4}?shame about\b")
# A statement that opens by pointing back to what was just named ("She has been amazing.").
_REFERS_BACK: Final = re.compile(
    r"^(?:and |but )?(?:she|he|they|it|her|his|their|them|that|this|those|these|which)\b"
)


def read(text: str, question: str | None = None) -> Reading:
    """The rules' reading of `text`, answered to `question` if it was one."""
    normalised = normalise(text)
    lean = question_lean(question) if question else None
    if says_nothing(normalised, question):
        return Reading(normalised, {}, {}, 0.0, lean, "", empty=True)
    found: dict[str, _Finding] = {}
    # What each clause about a theme a count can decide said of it.
    count_said: dict[str, list[float]] = {"workload": [], "processes": []}
    managers_said: list[tuple[float, float, bool]] = []  # score, treatment, turns, a clause
    local: dict[str, list[str]] = {}
    total = 0.0
    sarcastic = bool(SARCASM.search(text.lower()))
    # "Where are you going, and what does it offer?": every answer praises somewhere else;
    # "What would you change?": every good thing named is one that is missing here.
    departure_at = 0 if lean is not None and (lean.elsewhere or lean.wish) else None
    if lean is not None and lean.wish and _CONTENT.match(normalised):
        departure_at = None  # "Not much honestly, the team were lovely", "keep the 4-day week"
    asked_elsewhere = departure_at == 0  # the question asks of somewhere else, or a wish
    # Asked what might make them leave, an answer may name what they would lose (`_LOSS_ANSWER`).
    loss_answer = (
        lean is not None
        and lean.direction == "neg"
        and departure_at is None
        and bool(_LEAVE_IF.search(question.lower() if question else ""))
    )
    departure = _departure(normalised) if departure_at is None else None
    cuts = departure is not None and _cuts(normalised, departure)
    departure_at = departure if departure is not None else departure_at
    holds = "still" in normalised and bool(_HABIT_HOLDS.search(normalised))
    # Each clause is a piece of `normalised`: if the whole holds none of the strings a word
    # about the survey needs, no clause is searched for one.
    of_survey = SURVEY.regex_for(normalised) is not None
    previous: set[str] = set()
    # The themes a loss answer names (`_LOSS_ANSWER`), each with its clause's index in `work`.
    valued: set[tuple[str, int]] = set()
    suffered: set[str] = set()  # the themes of a loss answer whose loss already happened
    work: list[str] = []
    scored: list[float] = []  # what each clause of `work` added to `total`
    lost_habits: list[int] = []  # the clauses of `work` a habit of then that ended turned
    said_before: set[str] = set()  # the themes of `count_said` the clause before spoke of
    last_spoke: set[str] = set()  # the themes the clause before spoke of
    hinted_last = False  # whether the clause before holds a hint of a moved time (`_clock_hinted`)
    after_denial = False  # whether the clause before names a thing only to deny it
    for position, clause, elsewhere, told_whole in _at_departure(normalised, departure_at, cuts):
        if of_survey and SURVEY.search(clause.text):
            # "Is my wellbeing score shared?" is about the survey, not work; "my wellbeing score
            # is low because my caseload is 32" is about the caseload. A question about the
            # survey stays about the survey ("will my manager see my wellbeing score?").
            rest = SURVEY.sub(" ", clause.text)
            if _asks(clause.text, normalised, position) or not themes_in(rest):
                previous = set()
                continue
            clause = replace(clause, text=" ".join(rest.split()))
        work.append(clause.text)
        starts = word_starts(clause.text)
        mentioned = themes_in(clause.text, starts)
        inherited = not mentioned
        # (The clause a departure starts in, if it names no theme, is not about the theme
        # before it: "The team is great. I'm leaving for an agency"; the part of a clause cut
        # at the departure is: "the pay is the reason I'm | leaving for an agency".)
        if (
            not mentioned
            and not told_whole
            and not _SHAME_ABOUT.match(clause.text)
            and not _SELF_NOT.match(clause.text)
        ):
            # "PM is lovely but never available", "caseload is 27, can't keep going like this":
            # a statement with no theme of its own is about the one before. Not "shame about
            # everything else" after "Lovely team.", which is about what it names, nor "I am
            # not." after "Manager great.", which is the worker's own state.
            mentioned = previous
        if after_denial and inherited and not told_whole and not _REFERS_BACK.match(clause.text):
            # "not the pay thats for sure. the kids": what follows a thing named only to be
            # denied is not about it (forty-third round's probe), unless it points back to it
            # ("Not my manager. She has been amazing.": the review).
            mentioned = previous = set()
        previous = mentioned or previous
        after_denial = bool(mentioned) and _DENIED_NAME.match(clause.text) is not None
        # "… used to crash every afternoon, | now it doesn't": no news of its own.
        ends_habit = bool(lost_habits) and lost_habits[-1] == len(work) - 2
        ends_habit = ends_habit and _HABIT_ENDS.match(clause.text) is not None
        if ends_habit:
            mentioned = set()
        change = _count_change(clause.text)
        if change is None and len(work) > 1 and "now" in clause.text:
            change = _then_now_across(work[-2], clause.text)
            if change is not None and change.theme in said_before:
                # The clause before read the count then alone ("I had 28 families": 28 cases,
                # a complaint); the change is the news of both, so that reading is dropped.
                count_said[change.theme].pop()
        # A count or a time of day told over this clause and the one before, newly read
        # (thirty-third round): the clause before told half of it, read alone.
        across = False
        if change is None and len(work) > 1 and _NOW_ALONE_HINTS.search(clause.text):
            change = _count_across(work[-2], clause.text)
            across = change is not None
        # (The hint of either half: "home by 6 now | used to be 8", "used to log off at 8 | now 6".)
        hinted = _clock_hinted(clause.text)
        if change is None and len(work) > 1 and (hinted or hinted_last):
            change = _clock_across(work[-2], clause.text)
            across = change is not None
        if change is not None and change.theme not in mentioned:
            # A count of staff or cases is about workload ("we went from eight social workers
            # to four", "referrals went from 12 to 5 a day"), one of forms or steps about
            # processes ("from four forms to one"); a count of anything else only when the
            # clause is about workload.
            change = change if change.kind else None
            mentioned = {*mentioned, change.theme} if change is not None else mentioned
        # The theme of a change told over two clauses, kept: the news of both clauses.
        retold = change.theme if across and change is not None else None
        if retold is not None and last_spoke <= {retold}:
            # The clause before told half of the change and nothing else, read alone ("home by
            # 6 most nights now": long nights; "I had 28 families": a complaint); that reading
            # is taken back.
            if retold in said_before:
                count_said[retold].pop()
            total -= scored[-1]
            scored[-1] = 0.0
        # "My caseload went from 31 to 19": the count says which way, and the rest of the clause
        # is read without it (its verb only says which way the count moved).
        rest, shift = (change.rest, change.shift) if change is not None else (clause.text, 0.0)
        if "wellbeing" in mentioned:
            # Harm speaks of wellbeing alone (set below): "a dad threatened me and my PM drove
            # straight out" is good news about the manager. Harm by a manager or a colleague
            # stays in their reading ("my manager threatened me").
            for harm in reversed(_harms(rest)):
                if not _BY_STAFF.search(rest, max(0, harm.start() - 60), harm.start()):
                    rest = rest[: harm.start()] + " " + rest[harm.end() :]
        own_starts = None if rest is not clause.text else starts  # (rest's own, if it is cut)
        base = 0.0 if ends_habit else clause_score(rest, own_starts)
        if sarcastic and base > 0:
            base = -base  # "Love doing my recording at 11pm on a Sunday 🙃"
        if elsewhere and base > 0 and not _MISSED.search(clause.text):
            # "Leaving for a locum role - better money": better there, not here. What they
            # will miss is here ("Agency, better money. I'll miss the people though").
            base = -base
        lost = (
            loss_answer
            and not found  # the answer's opening: no theme spoken of before ("honestly, …")
            and base <= 0
            and len(mentioned) == 1
            and _LOSS_ANSWER.match(clause.text) is not None
            and not _LOSS_WELCOME.search(normalised)
        )
        kept = lost and mentioned <= {"managers", "team_culture", "work_life_balance"}
        if lost and mentioned <= {"pay", "career", "environment"}:
            # What pays or teaches only where nothing after speaks of it again ("Losing the
            # bonus. The pay is awful." is a complaint of pay), and not where the rest says the
            # loss already happened: then it is a complaint, and the learned half's lean to the
            # question ("losing X" to a question of leaving: X is valued) must not turn it.
            after = normalised.partition(clause.text)[2]
            if not mentioned & themes_in(after):
                kept = not _loss_suffered(after)
                if not kept:
                    suffered.update(mentioned)
        if kept:
            # "What might make you leave?" "Losing my PM.", "my TM retiring": what the loss
            # would take is valued.
            base = -base or 1.0
            valued.update((theme, len(work) - 1) for theme in mentioned)
        # A better count told against another ("12 families instead of 20") is theirs in a clause
        # about the job someone is going to ("leaving for an agency, 28 kids here instead of 18"
        # is about here); a time of day only when the question asks of it ("starting at 9 now
        # rather than 7" is no departure).
        theirs = (
            change is not None
            and change.compared
            and change.shift > 0
            and (asked_elsewhere or change.kind != "clock")
        )
        if shift and elsewhere and (theirs or _THERE.search(clause.text)):
            # "off to a team where caseloads went from 30 to 15": fewer cases there is a reason
            # to leave here; "leaving, my caseload went from 20 to 35" is about here.
            shift = -shift
        # A habit of then that no longer holds turns what the clause says of now, whichever
        # rule read it (a count that moved says which way itself).
        # (A clause that says now itself is not about then alone: "the helpdesk answers now,
        # used to be a 2 day wait".)
        habit = (
            not shift
            and not elsewhere  # the place they are going: turned already, and not a habit here
            and not holds
            and _lost_habit(clause.text)
            and not THEN_AND_NOW.now.search(clause.text)
            and not _HABIT_GOES_ON.match(normalised.partition(clause.text)[2])
        )
        clause_total = -base if habit and base else base
        if habit:
            lost_habits.append(len(work) - 1)
        said: set[str] = set()  # the themes of `count_said` this clause spoke of
        # Sarcasm and the job someone is leaving for turn what the words say: not decided here.
        told = "managers" in mentioned and not sarcastic and not elsewhere
        treated = _treatment(clause.text, after=inherited) if told else 0.0
        treated = -treated if habit and treated else treated
        for theme in mentioned:
            local.setdefault(theme, []).append(clause.text)
            counts = change is not None and theme == change.theme
            score = _theme_score(clause, theme, base, shift if counts else 0.0)
            score = -score if habit and score else score
            if theme in count_said:
                count_said[theme].append(score)
                said.add(theme)
            elif theme == "managers":
                # The clause's own reading ("my manager never shouts": not the "never"), kept
                # even when another clause disputes it and nothing is decided.
                score = _TREATED_SCORE * treated if treated else score
                managers_said.append((score, treated, clause.contrast))
            if score != (-base if habit else base) and (len(mentioned) == 1 or theme == retold):
                # A theme's own reading of a clause about it alone (a caseload count that rose
                # or fell, "went from twenty-nine to nineteen"; work out of hours) decides the
                # clause, so the comment's total says so too, not only the theme's score.
                clause_total = score
            earlier = found.get(theme)
            # A later clause wins when it turns the sentence ("... but") or is more decided.
            # A change told over two clauses outweighs the half the clause before read alone.
            if (
                earlier is None
                or clause.contrast
                or theme == retold
                or abs(score) > abs(earlier.score)
            ):
                # A count decides its theme only if nothing else in the clause says otherwise
                # ("went from 40 to 35, which is still ridiculous" is a complaint).
                decided = counts and base * shift >= 0
                found[theme] = _Finding(score, shift if decided else 0.0)
        total += clause_total
        scored.append(clause_total)
        said_before = said
        last_spoke = set(mentioned)
        hinted_last = hinted
    scores = {theme: finding.score for theme, finding in found.items()}
    harmed = "wellbeing" in scores and bool(_harms(normalised))
    if harmed:
        scores["wellbeing"] = min(scores["wellbeing"], _HARM_SCORE)
    treated = _treatment_decides(managers_said)
    if treated:  # decided: the comment's reading of the manager is this one
        scores["managers"] = _TREATED_SCORE * treated
    answered = _degree_answer(normalised, question) if question else ()
    if question and not answered:
        answered = _unseen_answer(normalised, question, scores, zip(work, scored, strict=True))
    if question and not answered and not found and abs(total) >= 1:
        answered = _verdict_answer(normalised, question, total)
    if sarcastic:
        # Sarcasm in an answer that names nothing else turns the degree's praise ("Very 🙃",
        # "Extremely. Said no one ever."), not its complaint ("Not at all 🙄"); where the answer
        # names something else, it may be about that ("Very. Oh great, another restructure"):
        # the degree decides nothing.
        answered = () if found else tuple((theme, -abs(news)) for theme, news in answered)
    told_apart: tuple[str, ...] = ()
    if len(answered) > 1:
        # Asked of several, an answer that goes on to name one of them tells it apart: "Very.
        # Pay is still rubbish though", "Not at all, my manager is lovely". Its own words
        # decide that one; the degree answers the rest. It is spoken of however few its
        # words ("Very. Not the team though"): the question asked, the answer singled it out.
        # Not a theme whose only words go on to tell of every theme asked at once, faintly the
        # other way and with no turn: "Very. My TM rings after a difficult visit without being
        # asked and the rest of the team are the same" bears the degree out (the fiftieth
        # round's probe: the visit's "difficult" read both as bad news).
        borne_out = {
            theme
            for theme, news in answered
            if _bears_degree_out(news, scores.get(theme, 0.0), local.get(theme, ()), answered)
        }
        told_apart = tuple(
            theme for theme, _news in answered if scores.get(theme) and theme not in borne_out
        )
        # Named with no good or bad word but set apart by a negator, it is bad news: "Very, but
        # not by the team", "Not at all, not even the team".
        for theme, news in answered:
            if (
                theme in found
                and not scores[theme]
                and any(_set_apart(said, theme, news) for said in local[theme])
            ):
                scores[theme] = -abs(news)
                told_apart += (theme,)
        # A later part of a name and a degree the other way tells its theme apart too: "Very,
        # by the team. By management, it depends who's in the chair that month" (the
        # fifty-third round's probe, where the opening "Very" answered for the manager). Not a
        # part of a time before, a wish or some of them ("Very. Previous manager, no.", "Very.
        # Other managers, no."), one excused after ("The team, not always, but that's because
        # they're all swamped too"), nor one of two parts of a theme that disagree ("My TM yes,
        # my PM no."): the round's reviews.
        opening = dict(answered)
        later = [
            (theme, news)
            for theme, news, halves in _told_parts(work, tuple(opening))
            if not any(
                _NOT_APART.search(work[index]) or _SOME_OF.search(work[index]) for index in halves
            )
            and not _excused_after(work, halves)
        ]
        parted_later = {
            theme
            for theme, news in later
            if theme in opening
            and news * opening[theme] < 0
            and theme not in told_apart
            and all(other_news == news for other, other_news in later if other == theme)
        }
        for theme in parted_later:
            scores[theme] = -opening[theme]
            told_apart += (theme,)
        # Named with no good or bad word, it shares the degree ("Very. The team too"), unless
        # a negator sets it apart (above; where that is not clear, nothing is decided).
        answered = tuple(
            (theme, news)
            for theme, news in answered
            if theme not in parted_later
            and (
                theme not in found
                or theme in borne_out
                or not (scores[theme] or any(_negated(said) for said in local[theme]))
            )
        )
    elif question and not answered and _degree_question(question):
        # A degree question answered part by part, with no degree first. A part that is a
        # theme's name and a word of degree ("Team yes, manager less so"; "By my colleagues,
        # very. By the organisation, …" to "How valued do you feel?": the fiftieth round's
        # probe) is that theme's degree, unless the rules' reading of the theme elsewhere, or
        # a clause that names it, says the other way, or two parts of it disagree (then
        # neither tells it apart). Asked of several, a part that names one of them alone
        # and says clearly which way tells that one apart too, as "Very. Pay is still rubbish
        # though" does ("team 10/10. tm 6/10, shes lovely but never there" to "… by your
        # manager and team?": the forty-ninth round's probe, where the weights dropped the
        # team).
        asked = _asked_degree(question)
        parts, made_of = _part_degrees(work, asked)
        # Contested only by a clause that names the theme itself: "by my team yeah. by the
        # council, my payslip says otherwise" says nothing against the team.
        contested = {
            theme
            for theme, news in parts
            # The rules' own reading of the theme, or a clause that names it, says the other
            # way ("Team yes. The team is cliquey and awful."); or two parts of one theme
            # disagree ("My TM yes. My PM no.").
            if (
                scores.get(theme, 0.0) * news < 0
                and any(
                    theme in themes_in(clause)
                    for index, clause in enumerate(work)
                    if index not in made_of and not _part_of(clause)
                )
            )
            or any(
                said * news < 0 and theme in themes_in(clause)
                for clause, said in zip(work, scored, strict=True)
            )
            or any(other == theme and other_news != news for other, other_news in parts)
        }
        for theme, news in parts:
            if theme not in contested:
                held = scores.get(theme, 0.0)
                scores[theme] = held if held * news > 0 and abs(held) > abs(news) else news
        parted = {theme for theme, _news in parts if theme not in contested}
        told_apart = tuple(
            theme
            for theme in THEMES
            if theme in parted
            or (
                len(asked) > 1
                and theme not in contested
                and theme in asked
                and _said_apart_clearly(
                    theme, scores.get(theme, 0.0), zip(work, scored, strict=True)
                )
            )
        )
    for theme, news in answered:  # the answer's opening degree is the answer to the question
        scores[theme] = news
    degree_only = bool(answered) and len(work) == 1 and not found
    # "What keeps you here?" "Not much. The pay's worse than next door": an answer that opens
    # by denying what the question takes for granted does not lean the question's way; its own
    # words tell. One that goes on to name a small good thing still answers the question ("Not
    # much. The standby rate, maybe.", "The building's had a coat of paint, so there's that.").
    denied = (
        lean is not None
        and lean.direction == "pos"
        and _DENIES.match(normalised) is not None
        and sum(scored[1:]) <= 0
        and not _SMALL_GOOD.search(normalised)
    )
    return Reading(
        normalised,
        scores,
        {theme: " , ".join(texts) for theme, texts in local.items()},
        total,
        None if denied else lean,
        " . ".join(work),
        harmed,
        tuple(
            (theme, news)
            for theme, said in count_said.items()
            if (news := _count_decides(found.get(theme), said))
        ),
        treated,
        answered,
        degree_only=degree_only,
        told_apart=told_apart,
        clauses=tuple(zip(work, scored, strict=True)),
        lost_habits=tuple(lost_habits),
        bodily="wellbeing" in scores and _said_of_self(BODY, normalised),
        eased=scores.get("wellbeing", 0.0) > 0 and _said_of_self(EASED, normalised),
        denied=denied,
        valued=_valued(valued, work, scored, local, scores),
        suffered=tuple(sorted(theme for theme in suffered if scores.get(theme, 0.0) < 0)),
    )


# Someone the worker works with or for, whose body a sentence may be about instead.
_SOMEONE_ELSE: Final = re.compile(
    r"\b(?:he|she|they|his|her|their|him|them|child|children|young (?:person|people)|kids?|"
    r"mum|dad|mother|father|parents?|boy|girl|carers?|family|families|baby|colleague|client|"
    r"mrs|mr|ms|service users?|yp|cyp)"
    r"(?:'s)?\b"
)


def _said_of_self(pattern: re.Pattern[str], normalised: str) -> bool:
    """`pattern` tells of the worker's own body or sleep ("panic attacks before every ICPC"), not
    a child's or a colleague's ("the young person has panic attacks"): no one else is named
    before it in its sentence."""
    for match in pattern.finditer(normalised):
        start = max(normalised.rfind(end, 0, match.start()) for end in ".!?;")
        if not _SOMEONE_ELSE.search(normalised, start + 1, match.start()):
            return True
    return False


def direction_of(theme: str, score: float, lean: QuestionLean | None = None) -> Direction:
    """A rule score as a direction; with no signal, what the question or the theme suggests."""
    if score > 0:
        return "pos"
    if score < 0:
        return "neg"
    if lean is not None and lean.direction is not None:
        return lean.direction  # "What might make you leave?" "the commute"
    return "neg" if theme in _LEANS_NEGATIVE else "pos"


def polarity_of(reading: Reading) -> float:
    """The comment's overall polarity, -1..1."""
    return round(max(-1.0, min(1.0, reading.total / 3)), 3)


def analyse_rules(text: str, question: str | None = None) -> CommentAnalysis:
    """The rules alone: themes with directions and overall polarity."""
    reading = read(text, question)
    themes = {t: direction_of(t, s, reading.lean) for t, s in reading.scores.items()}
    return CommentAnalysis(themes, polarity_of(reading))
