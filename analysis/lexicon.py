"""What the eleven themes sound like in children's social care, and how staff say good and bad.

Patterns are regular expressions over normalised text (analysis.text.normalise): lower case,
abbreviations expanded ("tm" is "team manager"), contractions opened ("isn't" is "is not").
"""

from __future__ import annotations

import re

# The regex module's own parser, to read off each pattern what text it needs (typeshed has no
# stubs for these; `sre_parse` is the deprecated public name of the same module).
import re._constants as _constants  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

import yaml

from surveys.themes import THEMES

_LITERAL = _constants.LITERAL
_SUBPATTERN = _constants.SUBPATTERN
_BRANCH = _constants.BRANCH
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_AT_WORD_START = (_constants.AT, _constants.AT_BOUNDARY)
_LOOKAROUNDS = (_constants.ASSERT, _constants.ASSERT_NOT)
LEAD = 3  # how many letters of a word's start index a pattern


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

    Every match of `\\bpay\\b…` begins a word with "pay", so a text none of whose words start
    so needs no search. Read off the parsed pattern: a word boundary, then letters, or a group
    of alternatives that each start with letters. Lookbehinds before the boundary do not matter.
    """
    items = [item for item in _parser.parse(pattern) if item[0] not in _LOOKAROUNDS]
    if len(items) < 2 or items[0] != _AT_WORD_START:
        return None
    op, value = items[1]
    if op is _LITERAL:
        lead = _run(items[1:])
        return frozenset({lead}) if lead else None
    if op is _SUBPATTERN:
        group = list(value[-1])
        if len(group) == 1 and group[0][0] is _BRANCH:
            runs = frozenset(_run(branch) for branch in group[0][1][1])
            return runs if all(runs) else None
        lead = _run(group)
        return frozenset({lead}) if lead else None
    return None


def word_starts(text: str) -> frozenset[str]:
    """The first one, two and three characters of every word of `text`, for `leads`."""
    return frozenset(
        word[:n] for word in _WORDS.findall(text) for n in range(1, min(LEAD, len(word)) + 1)
    )


_WORDS = re.compile(r"\w+")


class Cues:
    """Every theme's cue patterns, indexed by how their words start: a clause is searched only
    with the cues its words could match, each a small regex, and with the few cues that cannot be
    indexed (they start with a digit, "£" or a choice of words)."""

    def __init__(self, cues: dict[str, tuple[str, ...]]) -> None:
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
            start: tuple((theme, _alternation(p)) for theme, p in themes.items())
            for start, themes in by_start.items()
        }
        self.always = tuple((theme, _alternation(p)) for theme, p in always.items())

    def themes_in(self, text: str, starts: frozenset[str]) -> set[str]:
        """The themes whose cues `text` (whose `word_starts` are `starts`) holds."""
        found: set[str] = set()
        for theme, pattern in self.always:
            if pattern.search(text):
                found.add(theme)
        for start in starts:
            for theme, pattern in self.by_start.get(start, ()):
                if theme not in found and pattern.search(text):
                    found.add(theme)
        return found


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


EXTRA_PATH: Final = Path(__file__).resolve().parent / "data" / "lexicon.yaml"
_THEMES: Final = tuple(THEMES)


class LexiconError(ValueError):
    """A word-list file that cannot be used; the message names the entry and why."""


@dataclass(frozen=True)
class QuestionLean:
    """What answers to a question lean to when their words do not say."""

    pattern: re.Pattern[str]
    direction: Literal["pos", "neg"] | None
    elsewhere: bool = False  # the answers describe another employer


@dataclass(frozen=True)
class Extra:
    """The word lists kept in data/lexicon.yaml, checked."""

    questions: tuple[QuestionLean, ...]
    cues: dict[str, tuple[str, ...]]
    phrases: tuple[tuple[str, float], ...]
    sarcasm: tuple[str, ...]
    departure: tuple[str, ...]


def _pattern(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise LexiconError(f"{where}: expected a regular expression")
    try:
        re.compile(value)
    except re.error as exc:
        raise LexiconError(f"{where}: {value!r} does not compile ({exc})") from exc
    return value


def _patterns(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list of regular expressions")
    return tuple(_pattern(item, f"{where}[{i}]") for i, item in enumerate(value))


def load_extra(path: Path = EXTRA_PATH) -> Extra:
    """Read and check the word lists in `path`; LexiconError says what is wrong where."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = path.name
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected a mapping")
    unknown = set(data) - {"questions", "cues", "phrases", "sarcasm", "departure"}
    if unknown:
        raise LexiconError(f"{name}: unknown sections {sorted(unknown)}")
    questions = []
    for i, item in enumerate(data.get("questions") or []):
        where = f"{name}, questions[{i}]"
        if not isinstance(item, dict) or item.get("lean") not in ("pos", "neg", None):
            raise LexiconError(f"{where}: expected match, and lean pos or neg")
        if not isinstance(item.get("elsewhere", False), bool):
            raise LexiconError(f"{where}: elsewhere must be true or false")
        pattern = re.compile(_pattern(item.get("match"), where))
        questions.append(QuestionLean(pattern, item.get("lean"), item.get("elsewhere", False)))
    cues = data.get("cues") or {}
    if not isinstance(cues, dict) or any(theme not in _THEMES for theme in cues):
        raise LexiconError(f"{name}, cues: keys must be themes ({', '.join(_THEMES)})")
    phrases = []
    for i, item in enumerate(data.get("phrases") or []):
        where = f"{name}, phrases[{i}]"
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[1], int | float)
            or isinstance(item[1], bool)
        ):
            raise LexiconError(f"{where}: expected [pattern, score]")
        phrases.append((_pattern(item[0], where), float(item[1])))
    return Extra(
        tuple(questions),
        {theme: _patterns(p, f"{name}, cues.{theme}") for theme, p in cues.items()},
        tuple(phrases),
        _patterns(data.get("sarcasm") or [], f"{name}, sarcasm"),
        _patterns(data.get("departure") or [], f"{name}, departure"),
    )


EXTRA: Final[Extra] = load_extra()


def question_lean(question: str) -> QuestionLean | None:
    """How answers to `question` lean when their own words do not say, if the lists know."""
    lowered = question.lower().replace("’", "'")
    for lean in EXTRA.questions:
        if lean.pattern.search(lowered):
            return lean
    return None


_THEME_CUES: dict[str, tuple[str, ...]] = {
    "pay": (
        r"\bpay\b(?! (?:a )?(?:visit|attention))",
        r"\bpays\b(?! (?:a )?(?:visit|attention|off))",  # "agency pays more", not "it pays off"
        r"\bpaid\b(?! (?:a )?visit)",
        r"\bsalar",
        r"\bwages?\b",
        r"\bgrades?\b",
        r"\bpay ?scale",
        r"\bpay ?rise",
        r"\bpayrise",
        r"\bmarket supplement",
        r"\bsupplement\b",
        r"\bretention (?:payment|bonus)",
        r"\bgolden hello",
        r"\bbonus",
        r"£ ?\d",
        r"\b\d+ ?k\b",
        r"\bearn",
        r"\bmoney\b",
        r"\bmileage",
        r"\bcar allowance",
        r"\ballowance",
        r"\bpension",
        r"\bincrement",
        r"\bcost of living",
        r"\bunderpaid",
        r"\bday rate",
        r"\blocum rate",
        r"\bagency rate",
        r"\bpay band",
        r"\bband \d",
        r"\bbills\b",
        r"\bafford",
        r"\bwage",
    ),
    "workload": (
        r"\bcaseload",
        r"\bworkload",
        r"\b\d+ (?:cases|children|kids|families)\b",
        r"\bcases\b",
        r"\bvolume\b",
        r"\bcapacity",
        r"\bdrowning",
        r"\bsnowed under",
        r"\bstretched",
        r"\bunderstaffed",
        r"\bshort[- ]staffed",
        r"\bvacanc",
        r"\bcovering (?:for|two|three|vacant|a vacant)",
        r"\benough hours in the day",
        r"\blunch break",
        r"\btime to breathe",
        r"\bfree up (?:time|hours)",
        r"\brelentless",
        r"\bfirefighting",
        r"\b(?:seeing|see) (?:the )?(?:children|families|kids)\b",
        r"\bduty\b",
        r"\ballocat",
        r"\bunallocated",
        r"\bdirect work",
        r"\btime with (?:the )?"
        r"(?:children|kids|families|young people)",
        r"\boverloaded",
        r"\btoo much work",
        r"\bback to back",
        r"\bno admin",
        r"\bso much to do",
        r"\bnumbers\b",
        r"\bfull caseload",
        r"\bcarrying\b",
        r"\bworking on \d+",
    ),
    "work_life_balance": (
        # Time with one's own family: "I never see my kids" (the children on a caseload are
        # "the children", a workload cue).
        r"\b(?:see|seeing|saw|time with|home to|bath ?time with) my (?:own )?"
        r"(?:family|kids|children|partner|husband|wife|son|daughter)\b",
        r"\bevenings?\b",
        r"\bweekends?\b",
        r"\bsundays?\b",
        r"\bsaturdays?\b",
        r"\bovertime",
        r"\bunpaid hours",
        r"\blong hours",
        r"\bhours\b",
        r"\btoil\b",
        r"\bflexi",
        r"\bhybrid",
        r"\bworking from home",
        r"\bwork from home",
        r"\bswitch(?:ing)? off",
        r"\bwork[- ]life",
        r"\bfamily time",
        r"\bpick[- ]?up\b",
        r"\bschool run",
        r"\bleave early",
        r"\bfinish (?:early|on time|at)",
        r"\bannual leave",
        r"\bholidays?\b",
        r"\bpart[- ]time",
        r"\bcompressed hours",
        r"\bmy own time",
        r"\b\d{1,2} ?pm\b",
        r"\bmidnight",
        r"\blate (?:at night|every|most|nights?)",
        r"\bworking late",
        r"\bwork late",
        r"\bstay(?:ing)? late(?! with)",
        r"\bdays i do\b",
        r"\bchoose (?:which|my) (?:days|hours)",
        r"\bhome (?:life|by)",
        r"\bmy kids\b",
        r"\bbedtime",
        r"\bnine to five",
        r"\b9 ?- ?5\b",
        r"\blog(?:ging)? on (?:again|at)",
    ),
    "managers": (
        r"\bteam manager",
        r"\bpractice manager",
        r"\bassistant team manager",
        r"\bline manager",
        r"\bmy manager",
        r"\bour manager",
        r"\barea manager",
        r"\bmanagers?\b(?<!service manager)",
        r"\bsupervis",
        r"\bmy boss",
        r"\boversight",
        r"\breflective",
        r"\bconsultant social worker",
        r"\bmanager\b",
    ),
    "team_culture": (
        r"(?<!leadership )(?<!management )(?<!hours )(?<!same )(?<!duty )(?<!mash )\bteam\b"
        r"(?! manager| meetings?| around| days?\b| leader| from| to\b)",
        r"\bcolleagues?",
        r"\bpeers?\b",
        r"\bthe people\b",
        r"\bwell done\b",
        r"\ba number\b",
        r"\bthank you\b",
        r"\bteam days?\b",
        r"\bsurviving\b",
        r"\bculture",
        r"\bvalued\b",
        r"\b(?:feel|felt|feeling) (?:\w+ )?(?:un)?appreciated",
        r"\bnot appreciated",
        r"\bappreciated by",
        r"\brecogni",
        r"\bthanked",
        r"\bbelong",
        r"\bmorale",
        r"\bcamaraderie",
        r"\blaugh",
        r"\bsupport each other",
        r"\bon my own\b",
        r"\blonely",
        r"\bisolated",
        r"\bblame",
        r"\btoxic",
        r"\bbull(?:y|ied|ying)",
        r"\bcliqu",
        r"\bshout ?out",
        r"\bfriends?\b",
        r"\bbuddy",
    ),
    "career": (
        r"\bcareer",
        r"\bprogress",
        r"\bpromot",
        r"\badvanced practitioner",
        r"\bsenior practitioner",
        r"\bap post",
        r"\btraining",
        r"\bcourse",
        r"\bcpd",
        r"\blearning\b",
        r"\bdevelopment\b",
        r"\bdevelop\b",
        r"\bqualif",
        r"\bmasters",
        r"\bapprentice",
        r"\basye\b",
        r"\bnewly qualified",
        r"\bassessor",
        r"\bmentor",
        r"\bpractice educator",
        r"\bstudents?\b",
        r"\bconference",
        r"\bresearch",
        r"\bteaching partnership",
        r"\bstep up",
        r"\bpathway",
        r"\bopportunit",
        r"\bnext step",
        r"\bgrow",
        r"\bskills",
        r"\bsecondment",
        r"\bacting up",
        r"\bworkshops?\b",
        r"\bspeciali[sz]",
        r"\blearn\b",
    ),
    "leadership": (
        r"\bsenior lead",
        r"\bleadership",
        r"\bsenior management",
        r"\bmanagement team",
        r"\bdirector",
        r"\bheads? of service",
        r"\bchief exec",
        r"\bceo\b",
        r"\b(?:from|at) the top\b",
        r"\btop[- ]down\b",
        r"\b(?:from|everything|everyone) above\b",
        r"\bupstairs\b",
        r"\binterim",
        r"\bvisib",
        r"\bsenior managers?",
        r"\bsenior people",
        r"\bthe management\b",
        r"\bmanagement (?:team|above|do not|never listen)",
        r"\bdecisions? (?:get|are|is|were) made",
        r"\bdirectorate",
        r"\bvision\b",
        r"\bleaders?\b",
        r"\bhow the service is run",
        r"\bpractice model",
    ),
    "processes": (
        r"\bpaperwork",
        r"\bbureaucra",
        r"\bforms?\b",
        r"\bduplicat",
        r"\baudits?\b",
        r"\baudit tool",
        r"\bpanels?\b",
        r"\bsignoff",
        r"\bapprov",
        r"\bauthoris",
        r"\bprocedures?",
        r"\bpolic(?:y|ies)",
        r"\bprocess(?:es)?\b",
        r"\btemplates?",
        r"\btick[- ]?box",
        r"\bred tape",
        r"\bchronolog",
        r"\btimescales?",
        r"\bquality assurance",
        r"\bqa\b",
        r"\brecording\b",
        r"\bsame information",
        r"\bsection 20 letter",
        r"\bs17 payment",
        r"\bhoops",
        r"\bform[- ]filling",
        r"\bstatutory (?:checks|paperwork)",
    ),
    "it_systems": (
        r"\bmosaic",
        r"\blaptops?",
        r"\bsurface",
        r"\bwork phones?",
        r"\bphones?\b",
        r"\bmobiles?\b",
        r"\bwifi",
        r"\bvpn",
        r"\bitdept\b",
        r"\bit support",
        r"\bhelp ?desk",
        r"\bservice desk",
        r"\bsoftware",
        r"\bcomputers?",
        r"\bpcs?\b",
        r"\bprinters?",
        r"\bscanners?",
        r"\blog ?ins?\b",
        r"\bpasswords?",
        r"\boutlook",
        r"\btablets?",
        r"\bmonitors?",
        r"\bheadsets?",
        r"\bthe app\b",
        r"\bcrash",
        r"\bboot",
        r"\btech\b",
        r"\bsystems?\b",
        r"\bdevices?",
        r"\bsignal\b",
        r"\bbattery",
        r"\bupgrade",
    ),
    "environment": (
        r"\boffices?\b",
        r"\bbuilding",
        r"\bdesks?\b",
        r"\bhotdesk",
        r"\b(?:desk|office|breakout|quiet|confidential|work|storage|enough|no) spaces?\b",
        r"\brooms?\b",
        r"\bkitchen",
        r"\btoilets?",
        r"\blifts?\b",
        r"\bheating",
        r"\bparking",
        r"\bcar park",
        r"\bcanteen",
        r"\bfacilit",
        r"\bworkspace",
        r"\blockers?",
        r"\bmug\b",
        r"\bnois",
        r"\bopen plan",
        r"\b(?:office|building|room|floor)\b[^.]{0,25}\bfreezing",
        r"\bfreezing (?:office|building|cold)",
        r"\baircon",
        r"\bair con",
        r"\btemperature",
        r"\bdegrees\b",
        r"\btoo hot\b",
        r"\bboiling\b",
        r"\bworking environment",
        r"\bcommute",
        r"\bfloor\b",
        r"\bchairs?\b",
        r"\bwindows\b",
        r"\bair con",
        r"\bdamp\b",
        r"\bcramped",
        r"\bconfidential (?:space|room|call)",
        r"\bbreakout",
    ),
    "wellbeing": (
        r"\bstress",
        r"\bburn ?out",
        r"\bburnt out",
        r"\bburned out",
        r"\bexhaust",
        r"\btired(?! and depressing)",
        r"\bemotional",
        r"\btoll\b",
        r"\btrauma(?! informed)",
        r"\bvicarious",
        r"\bsickness",
        r"\b(?:i|i am|i was|i have been|signed|went) (?:off )?sick",
        r"\bdread",
        r"\bknackered",
        r"\bshattered",
        r"\bsurviving",
        r"\bwobble",
        r"\bdistressing",
        r"\bdrowning",
        r"\bmental health",
        r"\banxi",
        r"\bdepress",
        r"\bbreaking point",
        r"\bbroke me",
        r"\bcry",
        r"\bcrying",
        r"\bcounselling",
        r"\bemployee assistance",
        r"\bwellbeing",
        r"\bdebrief",
        r"\b(?:feel|felt|feeling|not|never) (?:\w+ )?safe\b",
        r"\bsafer\b",
        r"\bsafety",
        r"\bunsafe",
        r"\bthreat",
        r"\bassault",
        r"\baggressi",
        r"\babus(?:e|ive) (?:from|towards)",
        r"\blone working",
        r"\bpanic",
        r"\bsleep",
        r"\bresilien",
        r"\boverwhelm",
        r"\bheadspace",
        r"\bcoping",
        r"\bcan not cope",
        r"\bon my knees",
        r"\bfrightening",
        r"\bscared",
        r"\bself[- ]care",
        r"\b(?:mental|my|own|their) health\b",
    ),
}

# Indexed by how their words start: a clause is searched with a few small regexes, not 350 cues.
for _theme, _cues in EXTRA.cues.items():
    _THEME_CUES[_theme] = (*_THEME_CUES[_theme], *_cues)
THEME_CUES: Final[Cues] = Cues(_THEME_CUES)

# Phrases whose meaning is not the sum of their words, scored before single words.
_RULE_PHRASES: tuple[tuple[str, float], ...] = (
    (r"\bno complaints?\b", 2.0),
    (r"\bcan not fault\b", 2.0),
    (r"\bnot bad\b", 1.0),
    (r"\bnot too bad\b", 1.0),
    (r"\bno longer\b[^,]*", 1.5),
    (r"\bnot drowning\b", 2.0),
    (r"\bcould (?:be|do with being) (?:better|improved|higher|more)\b", -1.5),
    (r"\bcould be worse\b", 0.5),
    (r"\bleaves? a lot to be desired\b", -2.0),
    (r"\bnot (?:great|good|ideal|the best|brilliant|amazing|fair|enough)\b", -1.5),
    (r"\b(?:is|are|was|were) not (?:great|good|ideal|fair|enough)\b", -1.5),
    (r"\bmakes? (?:all )?the difference\b", 2.0),
    (r"\b(?:why|reason) i (?:have )?stay", 2.0),
    (r"\bwhy i have not left\b", 2.0),
    (r"\bkeeps? me here\b", 2.0),
    (r"\bkept me going\b", 2.0),
    (r"\bgot me through\b", 2.0),
    (r"\bfor once\b", 1.0),
    (r"\bat last\b", 0.5),
    (r"\bfinally\b", 0.5),
    (r"\bnever (?:get|got|have|had|happens?)\b", -2.0),
    (r"\bno one\b", -1.0),
    (r"\bnobody\b", -1.0),
    (r"\bagain\b", -1.0),
    (r"\bstill waiting\b", -2.0),
    (r"\btoo (?:high|many|much|big|heavy|long|slow)\b", -2.0),
    (
        r"\b(?:earn|get|paid|pay|make)s? (?:nearly |almost |about |roughly )?(?:double|twice)",
        -2.0,
    ),
    (r"\b(?:£ ?\d[\d,.]*k?|\d+ ?k) (?:more|extra)\b", -2.0),
    (r"\b(?:more|better) (?:money|pay) (?:elsewhere|at|in|as)\b", -2.0),
    (r"\bearn(?:ing)? more\b", -2.0),
    (r"\bstacking shelves\b", -2.0),
    (r"\bliving the dream\b", -2.0),
    (r"\bthanks a lot\b", -1.0),
    (r"\bthe only (?:reason|thing)\b", 0.5),
    (r"\blearned? (?:a lot|loads|so much)\b", 2.0),
    (r"\bover the moon\b", 2.0),
    (r"\bhas (?:really )?helped\b", 1.5),
    (r"\bon my own\b", -1.5),
    (r"\bcovering for\b", -1.0),
    (r"\bin the evenings?\b", -1.0),
    (r"\bat (?:the )?weekends?\b", -1.0),
    (r"\bmost (?:evenings|nights|weekends)\b", -1.5),
    (r"\bon (?:a )?(?:sunday|saturday)\b", -1.0),
    (r"\b\d{2} cases\b", -1.5),
    (r"\bout of touch\b", -2.0),
    (r"\bnot listened\b", -2.0),
    (
        r"\bno (?:support|one to|time|space|desk|room|admin|progression|training|"
        r"supervision)\b",
        -2.0,
    ),
    (r"\btick[- ]?box\b", -1.5),
    (r"\bwaste of time\b", -2.0),
    (r"\bnot (?:convinced|sure)\b", -1.5),
    (r"\bdoes not (?:work|help|fix|change)\b", -1.5),
    (r"\bdid not help\b", -1.5),
    (r"\bcan not (?:record|work|cope|get|find|switch)\b", -1.5),
    (r"\bmore than (?:me|us|i)\b", -1.0),
    (r"\bgood (?:week|day|month)\b", 1.0),
    (r"\bdaily battle\b", -2.0),
    (r"\bgave up\b", -1.5),
    (r"\bright down\b", -1.0),
    # Bad things getting less: good news.
    (r"\b(?:come|came|gone|went|coming) down\b", 2.0),
    (r"\b(?:got |been )?reduced\b", 1.5),
    (
        r"\bless (?:bureaucracy|paperwork|pressure|stress|admin|"
        r"time (?:typing|on|doing|filling))",
        2.0,
    ),
    (r"\bfewer (?:cases|forms|panels|meetings)\b", 2.0),
    (r"\bno more\b", 1.5),
    (r"\blighter\b", 1.5),
    (r"\bshorter\b", 1.0),
    (r"\bcut out\b", 1.5),
    (r"\bmore time (?:with|for) (?:the )?(?:children|families|kids|direct|young)", 2.0),
    (r"\bmuch (?:quicker|faster|easier|fairer|better)\b", 1.5),
    # Wishes: something is missing.
    (r"\bwould be (?:nice|good|great|helpful|lovely|better)\b", -2.0),
    (r"\bit would (?:help|be good)\b", -2.0),
    (r"\bcould do with\b", -2.0),
    (r"\bwould make (?:a|all the) (?:huge |big |real )?difference\b", -2.0),
    (r"\bif only\b", -2.0),
    (r"\bi wish\b", -1.5),
    (r"\bwe need (?:more|better|a)\b", -1.5),
    # Better than where I was before: good here.
    (
        r"\b(?:than|in|at|from) my (?:last|previous|old) "
        r"(?:la|authority|council|job|team|employer|"
        r"role|post)\b",
        1.5,
    ),
    (r"\bwhich i could not\b", 1.0),
    (r"\bfor my (?:last|previous|old) (?:la|authority|council|job|team|employer)\b", 1.5),
    # The domain's own ways of saying it.
    (r"\brock bottom\b", -2.5),
    (r"\bnon-?existent\b", -2.0),
    (r"\bno idea\b", -1.5),
    (r"\bon top of\b", -1.0),
    (r"\bfor everything\b", -1.5),
    (r"\bmore time (?:filling|typing|doing|on|in front)\b[^,]* than\b", -2.0),
    (r"\bwithout (?:a |any )?(?:working|proper|decent)\b", -2.0),
    (r"\b(?:had|have) to (?:use|pay for|buy) (?:my|our) own\b", -2.0),
    (r"\bpaying to\b", -2.0),
    (r"\bmy own (?:money|phone|car|course)\b", -1.0),
    (r"\b(?:has|have) not (?:gone up|changed|improved|increased|moved)\b", -2.0),
    (r"\bnever available\b", -2.0),
    (r"\bstayed late with\b", 1.5),
    (r"\bpulled together\b", 2.0),
    (r"\blook(?:s|ed)? out for (?:each other|me)\b", 2.0),
    (r"\b(?:manage|have|had) a laugh\b", 1.5),
    (r"\bbats an eyelid\b", 2.0),
    (r"\bdo not mind\b", 1.5),
    (r"\bnever (?:makes?|made) me feel (?:guilty|bad|judged)\b", 2.5),
    (r"\bmakes? (?:it|the school run|life|things) (?:possible|easier|work)\b", 2.0),
    (r"\bi would struggle\b", 1.0),
    (r"\bbeing watched\b", -1.5),
    (r"\bcut (?:the |it |them )?(?:[a-z]+ )?down\b", 2.0),
    (r"\bbeen cut (?:from|down|to)\b", 2.0),
    (r"\bhalf the length\b", 1.5),
    (r"\bless of a burden\b", 2.0),
    (r"\b(?:budget )?cuts (?:to|in)\b|\bbudget cuts\b", -2.0),
    (r"\bonly reason i (?:have not|am still|stay|stayed|lasted)\b", 2.5),
    (r"\bif it (?:was|were) not for\b", 2.5),
    (r"\bnot once (?:has|have|did)\b", 2.0),
    (r"\bwould (?:help|love|like)\b", -1.5),
    (r"\bon the floor\b", -2.0),
    (r"\bcounting the days\b", -2.0),
    (r"\bheads? down\b", -1.0),
    (r"\brushed\b", -1.5),
    (r"\bsays? otherwise\b", -2.0),
    (r"\bkeep(?:s)? telling us\b", -1.0),
    (r"\bbehaved itself\b", 2.0),
    (r"\bmakes? sense\b", 1.5),
    (r"\bgiving it a chance\b", 1.0),
    (r"\bknows? (?:my|our) names?\b", 1.5),
    (r"\bstill not\b", -2.0),
    (r"\bdifferent answers\b", -2.0),
    (r"\bno one can\b", -1.5),
    (r"\b(?:get|got|getting) the time back\b", 1.5),
    (r"\bnever expected to\b", 1.5),
    (r"\b(?:made|make|makes) (?:all )?the difference\b", 2.0),
    (r"\bless (?:knackered|tired|stressed|exhausted|anxious|burnt out)\b", 2.0),
    (r"\bchecked in\b", 1.5),
    (r"\blooked after\b", 1.5),
    (r"\bwhile it lasted\b", -2.0),
    (r"\bcan not (?:claim|take|get released|afford)\b", -2.0),
    (r"\bsheer (?:amount|volume|number)\b", -2.0),
    (r"\btakes? \d+ (?:minutes|mins|hours)\b", -1.5),
    (r"\bnot even a\b", -2.0),
    (r"\bkept in the dark\b", 0.5),
    (r"\bbeen (?:really )?open about\b", 2.0),
    (r"\bwithout any fuss\b", 2.0),
    (r"\bhats off\b", 2.0),
    (r"\bdeserves? a medal\b", 2.0),
    (r"\bnothing here for\b", -2.0),
    (
        r"\bno (?:clear |real |obvious )?(?:route|path|plan|way up|prospects?|chance to)\b",
        -2.0,
    ),
    (
        r"\bknows? (?:us|me|everyone|all of us|staff) by (?:our |my )?(?:first )?names?\b",
        2.0,
    ),
    (r"\bsurvivable\b", 1.5),
    (r"\bprotected (?:my )?caseload\b", 2.0),
    (r"\bmanagers actually manage\b", 2.0),
    (r"\bcan not fault\b", 2.0),
    (r"\bis (?:it|that) (?:management|good|fair|ok)\?", -2.0),
)
PHRASES: Final[tuple[tuple[re.Pattern[str], float], ...]] = tuple(
    (re.compile(p), score) for p, score in (*_RULE_PHRASES, *EXTRA.phrases)
)


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


def _gate(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Literal strings one of which every match of a phrase pattern contains (empty: none known).

    Read off the parsed pattern, so it is sound by construction: concatenations require any
    one of their parts, alternations the union of their branches, repeats of at least one their
    body; optional parts and character classes require nothing.
    """
    required = _required(_parser.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(required)) if required else ()


# Each phrase with the strings that gate it: a clause is checked for them (substring tests, in
# C) before the phrase's regex runs, so a clause costs a few regex searches, not a hundred.
PHRASE_GATES: Final[tuple[tuple[re.Pattern[str], float, tuple[str, ...]], ...]] = tuple(
    (pattern, score, _gate(pattern)) for pattern, score in PHRASES
)
_PHRASE_LEADS = tuple(leads(pattern.pattern) for pattern, _score in PHRASES)
# Which phrases a word start unlocks, and the phrases with no lead (always tried).
LEAD_INDEX: Final[dict[str, tuple[int, ...]]] = {
    start: tuple(i for i, found in enumerate(_PHRASE_LEADS) if found and start in found)
    for start in sorted({start for found in _PHRASE_LEADS if found for start in found})
}
UNLED: Final[tuple[int, ...]] = tuple(i for i, found in enumerate(_PHRASE_LEADS) if not found)

# Sarcasm turns praise into complaint.
SARCASM: Final[re.Pattern[str]] = re.compile(
    r"🙃|🙄|\boh (?:great|good|joy|wonderful)\b|\bjust what we needed\b|\bliving the dream\b|"
    r"\byeah right\b|\bwhat fun\b|\bhow lovely\b|\b(?:love|loving) (?:doing|spending|being)\b[^,.]*"
    r"\b(?:\d{1,2} ?pm|midnight|sunday|saturday|weekend|evening)"
    + "".join(f"|{p}" for p in EXTRA.sarcasm)
)
# Leaving for something better elsewhere: what is better there is a reason to leave here.
DEPARTURE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:leaving|going|moving|off|left|joining|starting|taking a job|taken a job|accepted)\b"
    r"[^.]{0,40}\b(?:agency|locum|council|authority|la\b|elsewhere|private|independent|"
    r"over the border|next door|neighbouring|new job|new role|another|nhs)"
    r"|\bgot (?:a|the) job\b|\b(?:got )?offered a (?:perm |permanent )?(?:post|job|role)\b"
    r"|\bhanded in my notice\b|\b(?:could|can) not turn it down\b"
    + "".join(f"|{p}" for p in EXTRA.departure)
)

POSITIVE: Final[dict[str, float]] = {
    w: 1.0
    for w in (
        "great",
        "brilliant",
        "amazing",
        "fantastic",
        "excellent",
        "good",
        "lovely",
        "love",
        "loved",
        "loves",
        "supportive",
        "helpful",
        "helped",
        "helps",
        "appreciate",
        "appreciated",
        "valued",
        "welcome",
        "welcomed",
        "improved",
        "improving",
        "improvement",
        "manageable",
        "fair",
        "generous",
        "competitive",
        "decent",
        "happy",
        "enjoy",
        "enjoyed",
        "flexible",
        "flexibility",
        "reasonable",
        "proud",
        "listened",
        "visible",
        "approachable",
        "regular",
        "glad",
        "thankful",
        "relief",
        "easier",
        "sorted",
        "fixed",
        "nice",
        "useful",
        "impressed",
        "best",
        "brill",
        "spot",
        "outstanding",
        "solid",
        "stable",
        "consistent",
        "kind",
        "caring",
        "encouraging",
        "encouraged",
        "invested",
        "inspiring",
        "inspired",
        "positive",
        "smooth",
        "quick",
        "quickly",
        "fast",
        "faster",
        "fairer",
        "safer",
        "supported",
        "backed",
        "backs",
        "listen",
        "listens",
        "listening",
        "matters",
        "actually",
        "reflective",
        "open",
        "clear",
        "clearer",
        "simple",
        "simpler",
        "better",
        "safe",
        "calm",
        "quiet",
        "warm",
        "bright",
        "comfortable",
        "fab",
        "fabulous",
        "genuinely",
        "rewarding",
        "worth",
        "thriving",
        "blessed",
        "lucky",
        "trusted",
        "trust",
        "respected",
        "recognised",
        "thanked",
        "structured",
        "remembered",
        "accessible",
        "reliable",
        "cracking",
        "superb",
        "wonderful",
        "perfect",
        "ace",
        "praise",
        "celebrated",
        "boost",
        "boosted",
        "promoted",
        "funded",
        "cheers",
        "gem",
    )
}
NEGATIVE: Final[dict[str, float]] = {
    w: -1.0
    for w in (
        "terrible",
        "awful",
        "shocking",
        "poor",
        "poorly",
        "bad",
        "worse",
        "worst",
        "rubbish",
        "useless",
        "broken",
        "broke",
        "crashed",
        "crashes",
        "crashing",
        "slow",
        "slower",
        "nightmare",
        "ridiculous",
        "frustrating",
        "frustrated",
        "stressful",
        "stressed",
        "overwhelmed",
        "overwhelming",
        "drowning",
        "struggle",
        "struggling",
        "lack",
        "lacking",
        "cancelled",
        "canceled",
        "unpaid",
        "underpaid",
        "low",
        "lower",
        "unfair",
        "insulting",
        "joke",
        "impossible",
        "exhausted",
        "exhausting",
        "burnout",
        "burnt",
        "leave",
        "leaving",
        "left",
        "quit",
        "quitting",
        "invisible",
        "ignored",
        "hard",
        "battle",
        "fight",
        "killed",
        "kills",
        "waste",
        "wasted",
        "pointless",
        "chaos",
        "chaotic",
        "drops",
        "dropped",
        "freezing",
        "freezes",
        "freezed",
        "frozen",
        "cold",
        "cramped",
        "noisy",
        "nowhere",
        "unrealistic",
        "relentless",
        "unsustainable",
        "unmanageable",
        "constant",
        "constantly",
        "endless",
        "nothing",
        "never",
        "missing",
        "missed",
        "late",
        "worried",
        "worry",
        "scared",
        "unsafe",
        "threatened",
        "assaulted",
        "isolated",
        "lonely",
        "alone",
        "toxic",
        "bullied",
        "blame",
        "blamed",
        "undervalued",
        "unsupported",
        "overlooked",
        "stuck",
        "dead",
        "demoralised",
        "demoralising",
        "exhausted",
        "tired",
        "sick",
        "anxious",
        "anxiety",
        "crying",
        "cried",
        "unpaid",
        "overtime",
        "stretched",
        "short",
        "understaffed",
        "vacancies",
        "vacancy",
        "delays",
        "delayed",
        "delay",
        "duplication",
        "duplicate",
        "repetitive",
        "bureaucratic",
        "bureaucracy",
        "faff",
        "clunky",
        "outdated",
        "ancient",
        "temperamental",
        "buggy",
        "glitchy",
        "dire",
        "grim",
        "horrendous",
        "horrible",
        "appalling",
        "disgrace",
        "disgraceful",
        "mess",
        "messy",
        "shambles",
        "laughable",
        "insane",
        "crazy",
        "mad",
        "frozen",
        "stagnant",
        "nobody",
        "unclear",
        "confusing",
        "inconsistent",
        "patchy",
        "rarely",
        "barely",
        "hardly",
        "lost",
        "losing",
        "problem",
        "problems",
        "issue",
        "issues",
        "fails",
        "failed",
        "failing",
        "down",
        "breaking",
        "guilty",
        "guilt",
        "dread",
        "dreading",
        "knackered",
        "shattered",
        "fed",
        "sick",
        "upset",
        "angry",
        "annoyed",
        "annoying",
        "locum",
        "agency",
        "elsewhere",
        "heavy",
        "cancel",
        "instead",
        "expensive",
        "afford",
        "shelves",
        "revolving",
        "turnover",
        "churn",
        "gone",
        "went",
        "going",
        "hurts",
        "hurt",
        "buzzwords",
        "insult",
        "hate",
        "hated",
        "hates",
        "detest",
        "dislike",
        "loathe",
        "dreadful",
        "pathetic",
        "shambolic",
        "miserable",
        "unbearable",
        "intolerable",
        "crap",
        "naff",
        "pants",
    )
}
NEGATORS: Final[frozenset[str]] = frozenset(
    {"not", "no", "never", "without", "hardly", "barely", "nor", "neither", "lack", "zero"}
)
