"""Preparing staff comments for analysis: the domain's abbreviations and misspellings, and
clauses, so "my TM is brilliant but the pay is shocking" is read as two statements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from analysis.matching import could_hold, first_chars, gate, word_alternation

# Abbreviations and spellings staff use, to the words the lexicon knows. Applied to lower case.
_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    (r"\btms?\b", "team manager"),
    (r"\batms?\b", "assistant team manager"),
    # A team leader is a line manager (docs/design.md), not a senior leader.
    (
        r"(?<!leadership )(?<!management )(?<!senior )"
        r"\bteam (?:leaders?|lead(?! (?:on|the|by|in|with|to|a|an)\b))\b",
        "team manager",
    ),
    (r"(?<!\d )(?<!\d)\bpms?\b(?!\s*\d)", "practice manager"),  # "PM" but not "5 pm"
    # "My in-charge": the line manager, in the English of staff recruited from Zimbabwe, India
    # or Nigeria; not "the nurse in charge" or "in charge of".
    # The writer's own ("my", "our"), not "the in-charge social worker on the night shift",
    # "being the in charge" or "while his in charge" (he's).
    (
        r"\bin[- –]?charge\b(?:(?<=my in.charge)|(?<=our in.charge)|(?<=my incharge)"
        r"|(?<=our incharge))(?! of\b)",
        "manager",
    ),
    (r"\bin[- –]?charges\b(?:(?<=our in.charges)|(?<=our incharges))", "managers"),
    (r"\bsms?\b", "service manager"),
    # In a children's home the line managers are the registered manager and the deputy ("RM
    # sat with me", "my DM covered my shift"; forty-eighth round's probe): not a room number
    # ("rm 4", though "RM 9/10" is a mark), nor a direct message ("DM me", "in my DMs", "DM'd
    # my TM"), so "DM" only after "my", "the", "new" and the like or opening a statement.
    (r"\brms?\b(?!\s*\d+(?![\d/]))", "registered manager"),
    (
        r"\bdm\b(?:(?<=^dm)|(?<=my dm)|(?<=our dm)|(?<=the dm)|(?<=new dm)|(?<=old dm)"
        r"|(?<=her dm)|(?<=his dm)|(?<=acting dm)|(?<=\. dm)|(?<=, dm))(?! me\b|'?d\b)",
        "deputy manager",
    ),
    (r"\bc?yps?\b", "young people"),
    (r"\bppl\b", "people"),
    # "Ill leave it at that", "Ill miss them" (the fifty-first round's probe): "I'll" typed on a
    # phone, not being ill ("off ill", "ill health", "felt ill", "Half the team are ill still":
    # the round's review), so only where a statement starts.
    (
        r"(?:^|(?<=[.!?,;] )|(?<=[.!?,;])|(?<=\band )|(?<=\bbut )|(?<=\bthen ))"
        r"ill (?=(?:leave|miss|be|go|have|never|just|probably|stay|see|tell|say"
        r"|get|take|need|do|try|still|definitely|give|look|ring|call|let|put|stick|think|keep"
        r"|admit|wait|cope|manage|survive|move|hand|start|gladly|happily)\b)",
        "i will ",
    ),
    (r"\bhos\b", "head of service"),
    (r"\bslt\b", "senior leadership team"),
    (r"\bdcs\b", "director of children's services"),
    (r"\bads?\b(?=\s|$)", "assistant director"),
    (r"\bnqsws?\b", "newly qualified social worker"),
    (r"\basye\b", "asye newly qualified"),
    (r"\bcpd\b", "cpd training"),
    (r"\beap\b", "employee assistance counselling"),
    (r"\bwfh\b", "working from home"),
    (r"\btoil\b", "toil time off in lieu"),
    (r"\bmosiac\b|\bmosaik\b", "mosaic"),
    (r"\bmanagment\b|\bmanagemnt\b", "management"),
    (r"\bsupervison\b|\bsupervisons\b|\bsuppervision\b", "supervision"),
    (r"\bcase ?loads?\b|\bcaseloads\b|\bcase-loads?\b", "caseload"),
    (r"\bwork ?loads?\b|\bwork-loads?\b", "workload"),
    (r"\bwell-?being\b", "wellbeing"),
    # An idiom, not a bite: "bitten the bullet and gone part time" decided something.
    (r"\b(?:bit|bitten|bite|biting) the bullet\b", "decided"),
    (r"\bhot[- ]?desk", "hotdesk"),
    # "Staffing" is workload, but a staffing agency is an employer, a staffing panel interviews,
    # and double staffing pairs workers on a visit for their safety.
    (r"\bstaffing (?=agenc|panels?\b|compan|firms?\b)", "recruitment "),
    (r"\bdouble[- ]staff(?:ing|ed)\b", "paired"),
    (r"\bsmt\b", "senior management team"),
    (r"\bad's\b", "assistant director's"),
    (r"\bwi-?fi\b", "wifi"),
    # Signed off by a doctor is sickness, not a sign-off: "signed off sick", "signed off by the
    # GP", "I was signed off twice", "she was signed off with stress"; not "my ASYE has been
    # signed off", "I was signed off as competent", "the plan was signed off by my TM".
    (
        r"\bsigned[- ]off\b(?: sick\b|(?= by (?:the|my|a|her|his) (?:gp|doctor|doc|occ)|"
        r" with (?:work[- ]related )?(?:stress|anxiety|depression|burnout)\b)"
        r"|(?<!\w signed.off)(?= for (?:a |an |\d+ |\w+ ){0,3}(?:weeks?|wks|months?|days?"
        r"|fortnight)\b)|(?:"
        # Every branch starts "signed off" (the subject is a lookbehind over it), so the
        # expansions' first-character prefilter still holds.
        + "|".join(
            f"(?<={subject} signed.off)"
            for subject in (
                "i was",
                "i got",
                "i have been",
                "i've been",
                "ive been",
                "i had been",
                "she was",
                "he was",
                "she got",
                "he got",
                "she has been",
                "he has been",
                "they were",
                "colleague was",
                "colleague got",
                "colleague has been",
                "colleagues were",
                "of us were",
                "of us have been",
                "of us are",
            )
        )
        + r")(?! as\b| the\b| on\b| in\b| that\b| this\b| it\b|"
        r" by (?:my|the|a|our|her|his) (?:line |practice |team )?(?:manager|team|practice|senior"
        r"|head|hos|tm|pm|atm|sp|iro|panel|court|judge|assistant|director|ad|assessor|supervisor"
        r"|educator|mentor)\b))",
        "off sick",
    ),
    (r"\bsign[- ]?off\b|\bsigned[- ]off\b|\bsigning[- ]off\b", "signoff"),
    (r"\btbh\b|\btbf\b|\bimo\b|\bngl\b", ""),
    (r"\bgr8\b", "great"),
    (r"\bnites\b", "nights"),
    (r"\bhrs\b", "hours"),
    # "great team & awful manager": "and" between words (not "L&D" nor "A&E", which have no
    # space about them). So is "+" between words, not numbers ("great TM + awful team",
    # "threatened on a visit + it took 3 wks"; not "2 + 2", "C++", "50+"): forty-ninth round,
    # 221 of 460 "great … + awful …" read the wrong way.
    (r"(?<=\w)\s+&\s+(?=\w)|(?<=[a-z])\s+\+\s+(?=[a-z])", " and "),
    (r"\bsooo+\b", "so"),
    # A child in need is a kind of case (CIN), not a need: "less paperwork for a child in need
    # review" says nothing of what is needed.
    (r"\bchild(?:ren)? in need\b", "cin"),
    # "nobodys even said thank you": the negator, whether it had "has" or "is" after it.
    (r"\bnobody'?s\b", "nobody"),
    (r"\bdon'?t\b", "do not"),
    (r"\bdoesn'?t\b", "does not"),
    (r"\bdidn'?t\b", "did not"),
    (r"\bisn'?t\b", "is not"),
    (r"\baren'?t\b", "are not"),
    (r"\bwasn'?t\b", "was not"),
    (r"\bweren'?t\b", "were not"),
    (r"\bhaven'?t\b", "have not"),
    (r"\bhasn'?t\b", "has not"),
    (r"\bcan'?t\b|\bcannot\b", "can not"),
    (r"\bcouldn'?t\b", "could not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bwouldn'?t\b", "would not"),
    (r"\bshouldn'?t\b", "should not"),
    (r"\bi'?m\b", "i am"),
    (r"\bi'?ve\b", "i have"),
    # "i would", or "i had" before a past participle (`_I_HAD`).
    (r"\bi'?d\b", "i would"),
    # "the only thing that'd get me out the door": with the apostrophe only, and not "we'd" or
    # "it'd", which are as often "had" ("we'd been told", "it'd gone down").
    (r"\bthat'd\b", "that would"),
    # "they should've put a stop to it": the modal is seen as the phrases' "should have".
    (r"\bshould'?ve\b", "should have"),
    (r"\bwould'?ve\b", "would have"),
    (r"\bcould'?ve\b", "could have"),
    (r"\bmust'?ve\b", "must have"),
    (r"\bmight'?ve\b", "might have"),
    # "Leave? And lose two days at home? Not a chance", "quit?! lose my flexi?": what leaving
    # would lose is one clause with the leaving, not a clause of its own after a question.
    (r"\bleave[?!]+ +(?=(?:and )?(?:lose|give up|walk away from)\b)", "leave "),
    (r"\bquit[?!]+ +(?=(?:and )?(?:lose|give up|walk away from)\b)", "quit "),
    # With the apostrophe only: "ill" is a word of its own.
    (r"\bi'll\b", "i will"),
    (r"\bwe'll\b", "we will"),
    (r"\bthey'll\b", "they will"),
    (r"\byou'll\b", "you will"),
    (r"\bit'?s\b", "it is"),
    (r"\bthat'?s\b", "that is"),
    (r"\bthere'?s\b", "there is"),
    (r"\bthey'?re\b", "they are"),
    (r"\bwe're\b", "we are"),  # "were" is a word of its own
    (r"\byou'?re\b", "you are"),
)


def _spellings(pattern: str) -> list[str] | None:
    """The words a replacement pattern stands for, when it is only whole words ("\\btms?\\b")."""
    words: list[str] = []
    for part in pattern.split("|"):
        found = re.fullmatch(r"\\b([a-z]+)('\?)?([a-z]*)(s\?)?\\b", part)
        if found is None:
            return None
        stem, apostrophe, tail, plural = found.groups()
        for word in [stem + tail] + ([f"{stem}'{tail}"] if apostrophe else []):
            words += [word, word + "s"] if plural else [word]
    return words


# Whole-word replacements are a dictionary lookup per word; the few patterns that span words
# or look around ("5 pm" is not a practice manager) stay regexes, in one alternation.
_WORD_EXPANSIONS: dict[str, str] = {
    word: replacement
    for pattern, replacement in _REPLACEMENTS
    for word in (_spellings(pattern) or [])
}
_OTHERS = [(p, r) for p, r in _REPLACEMENTS if _spellings(p) is None]
_OTHER_EXPANSIONS = {f"r{i}": replacement for i, (_p, replacement) in enumerate(_OTHERS)}


# Each of the other patterns runs only on a text that holds one of the strings every match of it
# contains (read off the pattern: analysis.matching.gate), as one alternation of those that may
# match, in their order, with a lookahead of the characters their matches start with, so the
# search dismisses most positions with one test (`_expander`). Most comments need two or three
# of the nineteen; the whole alternation on every comment cost half of `normalise`. The labelled
# comments need about 850 choices of them: a cache of 512 dropped and compiled again some 570 a
# pass over them (a millisecond each), so it keeps 4,096.
_OTHER_GATES: Final = tuple(enumerate([gate(re.compile(p)) for p, _r in _OTHERS]))


@lru_cache(maxsize=4096)
def _expander(indexes: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of the other patterns at `indexes`, each its own named group."""
    patterns = [_OTHERS[i][0] for i in indexes]
    first = first_chars(patterns)
    return re.compile(
        (f"(?={first})" if first else "")
        + "(?:"
        + "|".join(f"(?P<r{i}>{_OTHERS[i][0]})" for i in indexes)
        + ")"
    )


def _expand(text: str) -> str:
    """`text` with the other patterns replaced, as one alternation of them all would."""
    indexes = could_hold(_OTHER_GATES, text)
    return _expander(indexes).sub(_expansion, text) if indexes else text


# Only the words that expand are matched, so the replacement runs a few times a comment, not
# once a word; the lookahead of their first letters lets the search pass most words at once.
_TOKEN = re.compile(
    r"\b(?="
    + first_chars(list(_WORD_EXPANSIONS))
    + r")(?:"
    + word_alternation(_WORD_EXPANSIONS)
    + r")(?:'[a-z]+)?\b"
)


def _expansion(match: re.Match[str]) -> str:
    return _OTHER_EXPANSIONS[match.lastgroup or ""]


# "I'd been looking", "I'd given up": "had" before a past participle (thirty-first round); not
# "I'd never leave", where "never" could be either. Looked at only where "I'd" is, not a regex
# over every comment.
# The text here is lower-cased but its spaces not yet folded ("I'd  been", "I'd\nbeen"), and an
# adverb may come between ("I'd already given up asking", "I'd never been told").
_PARTICIPLE: Final = re.compile(
    r"\s+(?:(?:already|just|only|never|recently|barely|hardly|finally|actually|long)\s+)?"
    r"(?:been|had|got|gone|done|seen|given|taken|stopped|started|asked|told|heard|worked|"
    r"finished|moved|tried|spent|lost|written|left|applied|thought|hoped|planned)\b"
)
_I_HAD: Final = frozenset(_spellings(r"\bi'?d\b") or ())  # "i'd", "id" (also an ID: harmless)


def _word_expansion(match: re.Match[str]) -> str:
    """The expansion of a word `_TOKEN` found; "I'd" looks at the words after it."""
    word = match.group()
    if word in _I_HAD and _PARTICIPLE.match(match.string, match.end()):
        return "i had"
    if word in _WORD_EXPANSIONS:
        return _WORD_EXPANSIONS[word]
    head, apostrophe, tail = word.partition("'")  # "tm's" is the team manager's
    return _WORD_EXPANSIONS[head] + apostrophe + tail if head in _WORD_EXPANSIONS else word


# Words that turn a sentence: what follows is a separate statement, often the one that counts.
CONTRAST = (
    "but",
    "however",
    "although",
    "though",
    "yet",
    "whereas",
    "except",
    "apart from",
    "other than",
    "even so",
    "still,",
)
# Emoji end a statement as a full stop does, in the way staff type on a phone ("not the pay
# thats for sure 😂 the kids and knowing ive made a difference": two statements; forty-third
# round's probe), with their variation selectors, joiners and skin tones. Not hearts (🫶
# too), nor the older symbols (❤, ✔, ☀), which stand for a word as often ("I ❤️ my team",
# "I 💙 my PM").
_EMOJI: Final = (
    "(?![\U0001f493-\U0001f49f\U0001f5a4\U0001f90d\U0001f90e\U0001f9e1\U0001fa75-\U0001fa77"
    "\U0001faf6])[\U0001f300-\U0001faff]"
)
_EMOJI_RUN: Final = f"(?:{_EMOJI}[\ufe0f\u200d\U0001f3fb-\U0001f3ff]*)+"
_CUTS = (
    r"[.!?;\n]+|,\s*|\s+(?=\b(?:but|however|although|though|whereas|except|apart from|"
    r"other than)\b)"
    # Not "yet" after "has", "is" and the like: "the wifi has yet to discover it" is one
    # statement (forty-eighth round's review).
    r"|\s+(?=\byet\b)(?<!has )(?<!have )(?<!had )(?<!is )(?<!are )(?<!am )"
    rf"|\s+-\s+|\s+–\s+|\s*{_EMOJI_RUN}\s*"
)
# With a lookahead of the characters a cut starts with, most positions are passed at one test.
_SPLIT = re.compile(f"(?={first_chars([_CUTS])})(?:{_CUTS})")


# What surveys.redact writes (older texts may still hold [number] and [NI number]).
_PLACEHOLDER = re.compile(
    r"\[(?:name|phone|email|link|handle|address|postcode|date|id|number|NI number)\]"
)
_IT = re.compile(r"\bIT\b")


def normalise(text: str) -> str:
    """Lower case, typographic quotes made plain, the domain's abbreviations expanded."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    # Redaction placeholders say nothing about work: "[phone]" is not a comment about phones.
    if "[" in text:
        text = _PLACEHOLDER.sub(" ", text)
    # "IT" (the department) only means IT in capitals; lower-cased it is the pronoun.
    if "IT" in text:
        text = _IT.sub("itdept", text)
    text = _TOKEN.sub(_word_expansion, _expand(text.lower()))
    # str.split and the regex "\s" know the same whitespace (Python's own test of a space).
    return " ".join(text.split())


@dataclass(frozen=True)
class Clause:
    """One statement of a comment."""

    text: str
    contrast: bool  # it opens with "but", "although", …: it outweighs what came before


_BARE_CONTRAST: Final = frozenset(word.rstrip(",") for word in CONTRAST)
# Of the contrast words, those that can end a statement ("the pay is awful though."); the rest
# ("but", "yet", …) always lead into what follows.
_CAN_END: Final = frozenset({"though", "however"})
# After these a new sentence opens (not after an ellipsis: "lovely but... never there").
_OPENS: Final = re.compile(rf"(?<!\.)\.(?!\.)|[!?;\n]|{_EMOJI}")


def clauses(normalised: str) -> list[Clause]:
    """Split a normalised comment into statements at sentence ends and contrast words.

    A contrast word standing alone is not a statement. "though" or "however" after the start
    of a sentence turns the statement it ends ("the pay is awful though", "… though - so far
    it's been sink or swim"); otherwise a lone contrast word turns the statement after it
    ("However, the pay is poor", "lovely but... never there"); "yet" at the end of a statement
    is a time ("haven't gone agency yet") and turns nothing.
    Kept as a statement, it spoke of the theme before it and said nothing, and a turning
    statement that says nothing wiped what the comment said of that theme. Every statement's
    text is a piece of `normalised`, so it can be found there."""
    found: list[Clause] = []
    turn_next = False
    start = 0
    opens = True  # the next part opens a sentence
    for cut in [*_SPLIT.finditer(normalised), None]:
        end = len(normalised) if cut is None else cut.start()
        part = normalised[start:end].strip(" ,")
        start = end if cut is None else cut.end()
        ends = cut is None or _OPENS.search(cut.group()) is not None
        if not part:
            opens = opens or ends
            continue
        opened, opens = opens, ends
        if part in _BARE_CONTRAST:
            if opened or (not ends and part not in _CAN_END):
                turn_next = True  # "However, the pay is poor"; "lovely but... never there"
            elif part in _CAN_END and found:
                found[-1] = Clause(found[-1].text, contrast=True)  # "the pay is awful though"
            continue  # "not told my manager, yet." turns nothing
        found.append(Clause(part, turn_next or part.startswith(CONTRAST)))
        turn_next = False
    return found
