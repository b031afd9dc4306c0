"""Redact personal data from free text before it is stored (DESIGN.md, anonymity rule 7).

Every stored text (pulse comments, feedback, stay and exit answers, PSW notes) passes through
`redact`, in memory; only its result is ever written to a draft, a submission, an interview or a
log. It fails closed:

1. The text is normalised (NFKC, zero-width marks dropped, Cyrillic and Greek look-alikes made
   Latin) so that "Jоanne" with a Cyrillic o or "J\u200boanne" is the same word as "Joanne".
2. Structured identifiers (e-mails, links, handles, phones, dates, NI numbers, registrations,
   postcodes, addresses, case and staff references) become placeholders (`surveys.identifiers`).
3. Every remaining word is kept only if it is an ordinary English word or a term of the trade
   (`surveys.vocabulary`); anything else may be a name and becomes [name], in any case. A word
   that is both a name and an ordinary word ("Grace", "Mark", "Will") stays unless its context
   says it is a person: a role or title before it ("TM Grace", "baby Amber"), a name beside it
   ("Will Thompson"), or a verb or a department after it ("Mark said", "Grace in payroll").

A lost word costs less than an identified colleague or child, so when in doubt a word goes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal

from surveys.identifiers import redact_identifiers
from surveys.vocabulary import (
    KNOWN_ZIPF,
    MOSTLY_NAME_ZIPF,
    Lexicon,
    lexicon,
    near_common_word,
)

NAME = "[name]"
PLACEHOLDERS = frozenset(
    {"name", "phone", "email", "link", "handle", "address", "postcode", "date", "id"}
)

Kind = Literal["keep", "name", "both"]

# Invisible characters that split a word without showing: "Jo\u200banne" must read as Joanne.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\ufeff",
    ),
    None,
)
# Cyrillic and Greek letters that look Latin; a name typed with them must not slip through as an
# unknown script. A genuinely Cyrillic or Greek word is not English either way.
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХІЈЅаеорсухіјѕԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "ABEKMHOPCTXIJSaeopcyxijsdhqwABEZHIKMNOPTYXoiv",
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})

_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_SENTENCE_END = frozenset(".!?:;\n•|")
# Dotted initials ("J.S.", "D.K.") are a person; these few are not.
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){2,3}(?![\w])")
_NOT_INITIALS = frozenset({"U.K.", "U.S.", "A.M.", "P.M.", "N.B.", "P.S.", "E.G.", "I.E."})
_CONTRACTION = re.compile(r"^(?P<base>.+?)(?:'s|s'|n't|'re|'ll|'ve|'d|'m)$", re.I)
_NAME_RUN = re.compile(r"\[name\](?:(?:\s+|\s*[-–]\s*)\[name\])+")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words before a person: titles, roles, relations, and verbs that take a person.
_BEFORE_PERSON = _set(
    """mr mrs ms miss mx dr prof sir dame cllr councillor tm tms atm pm sm hos dcs iro sw fsw
    pa ap asw sp pe csw dsl manager managers supervisor mentor colleague boss director
    worker carer educator assessor advisor adviser officer chair nurse teacher head lead
    coordinator practitioner ot hv gp baby child son daughter brother sister mum mam mom dad
    nan nana nanna gran grandma grandad grandpa granny auntie aunty aunt uncle cousin
    stepdad stepmum partner husband wife boyfriend girlfriend ex ask asked ring rang call
    called phone phoned text texted email emailed message messaged tell told thank thanks cc
    named meet met"""
)
# Verbs after a capitalised word that mark it as the subject of a sentence about a person.
_PERSON_VERBS_STRONG = _set(
    """said says told tells asked asks thinks thought reckons replied rang emailed texted
    messaged shouted shouts sorted promised refused cancelled cancels agreed explained
    mentioned confirmed insisted"""
)
_PERSON_VERBS = _PERSON_VERBS_STRONG | _set(
    """is was has had will would can could does did keeps kept never always left leaves joined
    helped helps covered covers went goes gave gives got gets"""
)
# "Grace in payroll", "Maya at Greenfields": a person placed in a department or somewhere.
_PLACED_IN = frozenset({"in", "from", "at", "on"})
_DEPARTMENTS = _set(
    """payroll hr finance housing reception admin business commissioning legal it ict systems
    edt duty mash cin cp cic fostering adoption recruitment health school schools police
    safeguarding"""
)
_DETERMINERS = _set("""the a an this that these those our your their its every each no some any""")
_FAMILY_AFTER = frozenset({"family", "families", "household", "children", "kids", "twins"})
# Particles of names ("Ó Súilleabháin", "Mc Allister", "van der Berg") go with the name after.
_PARTICLES = _set(
    """o ó ní nic ui uí mac mc ap ab bin ibn al el van von der de da di du le la del della"""
)


def normalise(text: str) -> str:
    """NFKC, no invisible marks, Latin for look-alike letters, plain apostrophes."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return text.translate(_LOOKALIKES).translate(_APOSTROPHES)


@cache
def _kind(word: str) -> Kind:
    """Whether a lower-case word is ordinary ("keep"), only a name ("name"), or both."""
    lex = lexicon()
    if word in lex.domain:
        return "keep"
    if "-" in word:
        return _compound_kind(word)
    if re.match(r"[a-z]'[a-z]{2}", word) and word not in lex.ordinary:
        return "name"  # O'Brien, D'Souza (but o'clock)
    is_name = word in lex.names
    ordinary = word in lex.ordinary or (not is_name and lex.zipf.get(word, 0.0) >= KNOWN_ZIPF)
    if not ordinary:
        match = _CONTRACTION.match(word)
        if match and "'" in word and not re.match(r"^[a-z]'", word):
            return _kind(match.group("base"))
        if (
            not is_name
            and "'" not in word
            and len(word) >= 7
            and near_common_word(word, lex.typo_index)
        ):
            return "keep"  # a typing slip in a long common word ("supervison")
        return "name"
    return "both" if is_name else "keep"


def _compound_kind(word: str) -> Kind:
    parts = [part for part in word.split("-") if part]
    kinds = [_kind(part) for part in parts]
    if all(kind == "keep" for kind in kinds):
        return "keep"
    if any(kind == "name" for kind in kinds):
        return "name"
    return "both"


def keep_word(word: str) -> bool:
    """Whether one word, out of context, may stay (used for hashtags and plates)."""
    return _kind(word.lower()) == "keep"


def _sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t\"'([{*-–":
        if text[index] in "-–" and index > 0 and text[index - 1] == " ":
            return True  # " - " starts a new thought, like a full stop
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _shouting(words: list[_Token]) -> bool:
    # Capitals say nothing about names in a comment typed in capitals.
    loud = sum(1 for token in words if len(token.text) > 1 and token.text.isupper())
    return len(words) >= 3 and loud > 0.6 * len(words)


def _protected(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    pattern = _phrase_pattern(lex.phrases)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


@cache
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I)


class _Token:
    __slots__ = ("capital", "end", "kind", "lower", "name", "start", "text")

    def __init__(self, match: re.Match[str]) -> None:
        self.text = match.group(0)
        self.start, self.end = match.span()
        self.lower = self.text.lower()
        self.capital = self.text[:1].isupper()
        self.kind: Kind = "keep"
        self.name = False


def _word_after(text: str, token: _Token) -> str:
    match = re.match(r"[\s(]*([\w']+)", text[token.end :])
    return match.group(1).lower() if match else ""


def _decide(text: str, tokens: list[_Token], shouting: bool) -> None:
    lex = lexicon()
    for token in tokens:
        word = token.lower
        possessive = word[:-2] if word.endswith(("'s", "s'")) else word
        if token.text.isupper() and len(token.text) <= 3 and not shouting and word.isalpha():
            # "JB said", "TM", "OK": short capitals are initials unless the trade or English
            # uses them.
            known = word in lex.domain or (
                (_kind(word) == "keep" and lex.zipf.get(word, 0.0) >= 4.5)
                or (_kind(word) == "both" and lex.zipf.get(word, 0.0) >= 5.0)
            )
            token.kind = "keep" if known else "name"
        elif (
            token.text.isupper()
            and not shouting
            and len(token.text) >= 4
            and _transposed_term(word, lex)
        ):
            token.kind = "keep"  # "AYSE" for ASYE
        else:
            token.kind = _kind(possessive if possessive != word else word)
        token.name = token.kind == "name"
    mixed = not shouting
    for index, token in enumerate(tokens):
        if token.kind != "both":
            continue
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        token.name = _person_in_context(text, token, before, after, mixed, lex)
    # Particles and single initials go with the name after them: "Ó Súilleabháin", "J. Smith".
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        gap = text[token.end : following.start]
        if following.name and token.capital and gap.strip() in ("", ".") and len(gap) <= 2:
            single = len(token.text) == 1
            if (token.lower in _PARTICLES and (single or not token.text.isupper())) or (
                single and token.text != "I"
            ):
                token.name = True


def _transposed_term(word: str, lex: Lexicon) -> bool:
    return any(
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] in lex.domain for i in range(len(word) - 1)
    )


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    return re.fullmatch(r"\s*[()]?\s*", text[left.end : right.start]) is not None


def _person_in_context(
    text: str,
    token: _Token,
    before: _Token | None,
    after: _Token | None,
    mixed: bool,
    lex: Lexicon,
) -> bool:
    mostly_name = lex.zipf.get(token.lower, 0.0) < MOSTLY_NAME_ZIPF
    capitalised = mixed and token.capital and not token.text.isupper()
    # Beside a name: "Will Thompson", "Joy Nwachukwu", "zhang wei".
    for other in (before, after):
        if (
            other is not None
            and other.name
            and _adjacent(text, *sorted((token, other), key=_at))
            and ((capitalised and other.capital) or mostly_name)
        ):
            return True
    if not capitalised:
        # Lower case gives no capital to go on: only a role before it ("baby amber") and only
        # for words used more as names than as words.
        return (
            mostly_name
            and before is not None
            and before.lower in _BEFORE_PERSON
            and (token.lower in lex.nominal or token.lower not in lex.ordinary)
        )
    first = _sentence_start(text, token.start)
    previous = before.lower if before is not None and _adjacent(text, before, token) else ""
    following = _word_after(text, token)
    if after is not None and following in _FAMILY_AFTER and previous in ("the", ""):
        return True  # "the Khan family"
    if previous in _DETERMINERS:
        return False  # "the Bill", "a Frank discussion"
    if previous in _BEFORE_PERSON and not first:
        return True  # "TM Grace", "Uncle Frank", "thanks to Mark"
    plausible = lex.zipf.get(token.lower, 0.0) < 5.5  # "Mark said", not "Been told"
    if plausible and (
        following in _PERSON_VERBS_STRONG or (token.text.endswith("'s") and not first)
    ):
        return True  # "Mark said", "Grace's supervision"
    titled = before is not None and before.capital and before.kind == "keep" and previous != ""
    if not first and not titled and following in _PERSON_VERBS:
        return True  # "then Grace was off again", but not "the Town Hall is"
    if following in _PLACED_IN and after is not None:
        # "Grace in payroll", "Maya at Greenfields" (a capitalised place), not "Faith in senior
        # managers" or "Rose from 19".
        place = _word_after_index(text, after)
        if place in _DEPARTMENTS or (after.lower in _PLACED_IN and place[:1].isupper()):
            return True
    return False


def _word_after_index(text: str, token: _Token) -> str:
    match = re.match(r"\s+(\w+)", text[token.end :])
    if not match:
        return ""
    word = match.group(1)
    return word if word[:1].isupper() else word.lower()


def _at(token: _Token) -> int:
    return token.start


def _words(text: str, protected: list[tuple[int, int]]) -> list[_Token]:
    tokens = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        bracketed = start > 0 and text[start - 1] == "[" and text[end : end + 1] == "]"
        if bracketed and match.group(0) in PLACEHOLDERS:
            continue
        if (start > 0 and text[start - 1].isdigit()) or text[end : end + 1].isdigit():
            continue  # part of a code or a time ("8am", "S47s", "Y9"): identifiers ran already
        if any(a <= start and end <= b for a, b in protected):
            continue
        tokens.append(_Token(match))
    return tokens


def _redact_names(text: str) -> str:
    text = _INITIALS.sub(
        lambda m: (
            m.group(0)
            if m.group(0).replace(" ", "") in _NOT_INITIALS
            else NAME + (" " if m.group(0).endswith(" ") else "")
        ),
        text,
    )
    lex = lexicon()
    tokens = _words(text, _protected(text, lex))
    if not tokens:
        return text
    _decide(text, tokens, _shouting(tokens))
    out: list[str] = []
    position = 0
    for token in tokens:
        if not token.name:
            continue
        out.append(text[position : token.start])
        suffix = re.search(r"(?:'s|s')$", token.text)
        out.append(NAME + (suffix.group(0) if suffix else ""))
        position = token.end
    out.append(text[position:])
    return "".join(out)


def redact(text: str) -> str:
    """Return `text` with personal data replaced by placeholders such as [name] and [phone].

    The one function every stored text passes through; it fails closed (see the module doc).
    """
    text = normalise(text)
    text = redact_identifiers(text, keep_word)
    text = _redact_names(text)
    # Runs of placeholders ("[name] [name]") say no more than one.
    text = _NAME_RUN.sub(NAME, text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()
