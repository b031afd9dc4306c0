"""Redact personal data from free text before it is stored (DESIGN.md, anonymity rule 5).

A comment is redacted in memory, and only the redacted text is ever written to a draft, a
submission, an interview or a log. Anything that could identify a member of staff, a child or a
family becomes a placeholder: e-mail addresses, phone numbers, URLs, @handles, UK postcodes,
National Insurance numbers, long digit runs (case and Mosaic ids) and personal names.

Names are found without a language model (none can be downloaded here): after a title (Mr, Dr),
after words that introduce a person ("my TM", "called", "the … family", "baby"), and where a common
UK first name is written with a capital letter, together with the surname that follows it. When in
doubt the text is redacted: a lost word costs less than an identified colleague or child.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

NAME = "[name]"

_URL = re.compile(
    r"\b(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:co\.uk|org\.uk|gov\.uk|com|org|net|uk)(?:/\S*)?\b",
    re.I,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,32}\b")
_NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.I)
_PHONE = re.compile(r"(?<!\w)(?:\+44\s?\(?0?\)?\s?|\(?0)\d(?:[\s-]?\d){8,9}(?!\w)")
_DIGITS = re.compile(r"\b\d{5,}\b|\b\d{3,}[\s-]\d{3,}(?:[\s-]\d+)*\b")
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'-]+)?"
)
# Words that introduce a person; the capitalised word after them is taken for a name.
_CUE = re.compile(
    r"\b(?P<cue>(?i:(?:my|our|the|her|his|their|a|new)\s+(?:tm|pm|sm|atm|manager|supervisor|"
    r"colleague|mentor|practice educator|team manager|service manager|head of service|director|"
    r"boss|social worker|sw|worker|iro|pa|foster carer|carer)|called|named|baby|child|"
    r"young person|yp|mum|dad|mother|father|nan|nanna|grandma|grandad|auntie|uncle|"
    r"brother|sister|son|daughter|boy|girl))\s+(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)"
)
_FAMILY = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?)\s+(?=family\b|household\b|children\b|kids\b)"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z'-]+\b")
# Capitalised words that are not names in this domain, so they never count as a surname or as
# the name after a cue.
_NOT_NAMES_TEXT = """
    I I'm I've I'd I'll The A An And But Or So If When Then This That These Those It It's Its We
    They He She You My Our Your Their His Her There Here What Why How Who Which Not No Yes Also
    Just Still Very Really Always Never Sometimes Often Since Because After Before Again Too
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June
    July August September October November December Christmas Easter Mosaic Surface Teams Zoom
    Outlook Excel Word Windows Microsoft Ofsted Council Children's Children Services Service Team
    Manager Managers Director Directors Head Leadership Senior Social Worker Workers Care Court
    Duty Panel Panels Family Families Agency Permanent London England Wales HR IT Covid Is Are Was
    Has Had Have Does Did Can Could Would Should Will Shall May Might Must Please Thanks Thank
    Great Good Bad Brilliant Amazing Lovely Really Supervision Caseload Caseloads Pay Training
    """
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


@cache
def first_names() -> frozenset[str]:
    """Common first names, from the list shipped with this package."""
    text = resources.files("surveys").joinpath("first_names.txt").read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if not line.startswith("#") for word in line.split()
    )


def _is_name_word(word: str) -> bool:
    return bool(word) and word[0].isupper() and word not in _NOT_NAMES and not word.isupper()


def _redact_names(text: str) -> str:
    text = _TITLE.sub(NAME, text)

    def cue(match: re.Match[str]) -> str:
        words = match.group("name").split()
        kept = []
        for word in words:
            if not _is_name_word(word):
                break
            kept.append(word)
        if not kept:
            return match.group(0)
        rest = match.group("name")[len(" ".join(kept)) :]
        return f"{match.group('cue')} {NAME}{rest}"

    text = _CUE.sub(cue, text)
    text = _FAMILY.sub(lambda m: f"{NAME} " if _is_name_word(m.group("name")) else m.group(0), text)

    names = first_names()
    out: list[str] = []
    position = 0
    for match in _CAPITALISED.finditer(text):
        if match.start() < position:
            continue
        word = match.group(0)
        base = word.removesuffix("'s").removesuffix("s'")
        if base not in names:
            continue
        end = match.start() + len(base)
        # Take a following capitalised surname too: "Sarah Jones" is one [name].
        after = re.match(r"\s+([A-Z][a-z'-]+)", text[end:])
        if after and _is_name_word(after.group(1)) and after.group(1) not in names:
            surname = after.group(1)
            end += after.start(1) + len(surname.removesuffix("'s"))
        out.append(text[position : match.start()])
        out.append(NAME)
        position = end
    out.append(text[position:])
    return "".join(out)


def redact(text: str) -> str:
    """Return `text` with personal data replaced by placeholders such as [email] and [name]."""
    text = _EMAIL.sub("[email]", text)
    text = _URL.sub("[link]", text)
    text = _HANDLE.sub("[handle]", text)
    text = _NI_NUMBER.sub("[NI number]", text)
    text = _POSTCODE.sub("[postcode]", text)
    text = _PHONE.sub("[phone]", text)
    text = _DIGITS.sub("[number]", text)
    text = _redact_names(text)
    # Runs of placeholders ("[name] [name]") say no more than one.
    text = re.sub(r"\[name\](?:\s+\[name\])+", NAME, text)
    return text.strip()
