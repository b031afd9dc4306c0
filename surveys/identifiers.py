"""Structured identifiers in free text: contact details, addresses, dates, ids and registrations.

These have a shape, so patterns find them whatever the words around them. They run before the
word-by-word name check in `surveys.redact`, on text that is already normalised (NFKC, no
zero-width marks, Latin look-alikes mapped), and each becomes a placeholder the analyser ignores.
The order matters: an e-mail address contains a domain that looks like a link, a date looks like a
phone extension, and an NI number looks like a case id, so the more specific pattern goes first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

EMAIL = "[email]"
LINK = "[link]"
HANDLE = "[handle]"
PHONE = "[phone]"
ADDRESS = "[address]"
POSTCODE = "[postcode]"
DATE = "[date]"
ID = "[id]"

# "at"/"dot" spelt out, bracketed or spaced are how people hide an address from scrapers.
_DOT = r"(?:\s*(?:\.|\(dot\)|\[dot\]|\{dot\}|\bdot\b)\s*)"
_AT = r"(?:\s*(?:@|\(at\)|\[at\]|\{at\})\s*|\s+at\s+)"
_TLD = r"(?:com|co|uk|org|net|gov|ac|nhs|me|io|info|biz|edu|ie|eu|scot|wales|cymru|email|mail)"
_EMAIL = re.compile(
    rf"(?<![\w.])[\w+\-]+(?:{_DOT}[\w+\-]+)*{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}{_TLD}\b(?![\-'’])",
    re.I,
)
# Short top-level domains ("t.me") count only with a path, so "fine.Me and" (a missing space)
# is not taken for a link.
_URL = re.compile(
    r"\b(?:https?://|www\.)\S*[\w/]"
    r"|\b(?:[a-z0-9\-]+\.)+(?:com|co\.uk|org\.uk|gov\.uk|ac\.uk|nhs\.uk|org|net|uk|info)\b"
    r"(?:/\S*[\w/])?"
    r"|\b(?:[a-z0-9\-]+\.)+(?:me|io|ly|gl|be|tv|ie)/\S*[\w/]",
    re.I,
)
_HANDLE = re.compile(r"(?<![\w@])@[\w.]*\w")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")

# Phones: UK numbers from +44, 0044 or 0, then 9-10 more digits with any spacing, dots, dashes or
# brackets between them, and an extension; other countries from +. Digits only, so "9.15" and
# "9-5" (a time, a shift) stay.
_SEP = r"[\s.\-()/]*"
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)\s*44{_SEP}(?:\(\s*0\s*\){_SEP})?|(?:\(\s*)?0)(?:{_SEP}\d){{9,10}}"
    rf"|(?<![\w+])\+\s*[1-9](?:{_SEP}\d){{7,13}}",
)
_EXTENSION = re.compile(r"^\s*(?:ext\.?|extension|x)\s*\d{1,6}\b", re.I)
_DIGIT_WORDS = "zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|treble|triple"
# A phone number read out in words: seven or more digit words in a row ("oh seven seven double oh").
_SPOKEN_PHONE = re.compile(
    rf"\b(?:(?:{_DIGIT_WORDS}|\d+)[\s,\-]+){{6,}}(?:{_DIGIT_WORDS}|\d+)\b", re.I
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}|'?\d{2}"
# Full dates only: a day, a month and a year. "Tuesday 3rd", "in May", "2019" and "9.15" stay.
_DATE = re.compile(
    r"\b\d{1,2}([/.\-])\d{1,2}\1(?:\d{4}|\d{2})\b"
    rf"|\b(?:19|20)\d{{2}}-[01]\d-[0-3]\d\b"
    rf"|\b{_DAY}(?:\s+of)?[\s\-]+{_MONTH}[\s,\-]+(?:{_YEAR})\b"
    rf"|\b{_MONTH}\s+{_DAY},?\s+(?:{_YEAR})\b",
    re.I,
)
# After "born" or "date of birth" a day and month alone are a date of birth too.
_BIRTH = re.compile(
    rf"\b(?P<cue>(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday(?: is| on)?)[:\s]*\(?\s*)"
    rf"(?P<date>{_DAY}(?:\s+of)?\s+{_MONTH}|{_MONTH}\s+{_DAY}|\d{{1,2}}[/.\-]\d{{1,2}})\b",
    re.I,
)

# National Insurance numbers: two letters, six digits, a letter A-D, any separators between.
_NI_SEP = r"[\s.\-]?"
_NI = re.compile(
    rf"\b[a-z]{_NI_SEP}[a-z]{_NI_SEP}\d{{2}}{_NI_SEP}\d{{2}}{_NI_SEP}\d{{2}}{_NI_SEP}[a-d]\b", re.I
)
# Registrations: current (AB12 CDE), prefix (A123 BCD) and suffix (ABC 123D) plates.
# Registrations: current plates in any case (AB12 CDE, "wn70xyz"); the older prefix (A123 BCD)
# and suffix (ABC 123D) plates only in capitals, as "Y9 and" or "for 2s" would match otherwise.
_REGISTRATION = re.compile(
    r"\b(?P<current>[a-z]{2}\d{2})(?P<space>\s?)(?P<letters>[a-z]{3})\b"
    r"|\b(?-i:[A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z])\b",
    re.I,
)
# The inward code is a digit and two letters; "3rd" and "4th" after a year group are ordinals.
_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d(?!st|nd|rd|th)[abd-hjlnp-uw-z]{2}\b", re.I)

_STREET_TYPES = (
    r"street|st|road|rd|lane|ln|avenue|ave|close|cl|drive|dr|way|grove|gr|crescent|cres|"
    r"court|ct|place|pl|gardens|gdns|terrace|terr|walk|park|square|sq|mews|row|hill|rise|"
    r"parade|croft|fold|vale|gate|estate|wharf|yard|boulevard|circus|heights|villas|cottages|"
    r"meadows"
)
# Words that cannot be part of a street's name, so "2 of the chairs" or "3 Family Court hearings"
# are not addresses.
_NAME_WORD = (
    r"(?!(?:the|a|an|of|in|on|at|to|for|and|or|my|our|their|his|her|family|crown|county|youth|"
    r"magistrates|days|weeks|months|years|hours|hrs|mins|minutes|miles|km|times|each|every|per|"
    r"all|more|less|other|cases|families|children|people|staff)\b)[^\W\d_][\w'’\-]*"
)
_FLAT = r"(?:(?:flat|apartment|apt|unit|room)\s*\d+[a-z]?\b,?\s*)"
# House number and street, with a flat before it: "22 Laburnum Close", "flat 3, 27 Beech Grove".
_ADDRESS = re.compile(
    rf"\b{_FLAT}?\d{{1,4}}[a-z]?,?\s+(?:{_NAME_WORD}\s+){{1,3}}(?:{_STREET_TYPES})\b\.?"
    rf"|\b{_FLAT}(?:[A-Z][\w'’\-]*\s+){{1,3}}(?:{_STREET_TYPES})\b"
    rf"|\b{_FLAT}",
    re.I,
)
# A street named without a number is still an address when both words carry capitals and the
# type is one that only streets use ("lives on Hollin Lane").
_STREET = re.compile(
    r"\b(?:[A-Z][\w'’\-]+\s+){1,2}(?:Street|Road|Lane|Avenue|Close|Drive|Grove|Crescent|Terrace|"
    r"Gardens|Mews|Rd|St)\b(?!\s+(?:[A-Z]\w+\s+)?(?:Primary|Academy|School|Station|Hospital))"
)

# Case, Mosaic, staff and payroll references: slashed forms, letters with four or more digits,
# and bare runs of four or more digits that are not a year, a sum of money or a count of things.
_SLASHED = re.compile(r"\b[a-z]{0,5}\d*(?:/[a-z]*\d+[a-z]*){2,}\b|\b[a-z]{1,5}/\d{3,}\b", re.I)
_CODED = re.compile(
    r"\b(?=[\w\-]*\d{4})(?=[\w\-]*[a-z])[a-z]+-?\d+[a-z\-\d]*\b|\b\d{4,}(?!s\b)[a-z]+\b",
    re.I,
)
_A_YEAR = re.compile(r"19[5-9]\d|20[0-4]\d")
_COUNT = re.compile(
    r"\s+(?:miles|words|hours|hrs|people|staff|cases|children|families|visits|referrals|"
    r"pounds|calls|emails|steps)\b",
    re.I,
)
_DIGITS = re.compile(
    r"(?<![£$€.,\d])\b(?P<num>\d{4,})\b(?![.,]\d)(?P<after>\s+[a-z]+\b)?(?!%)", re.I
)
# A number after one of these is an identifier whatever its size ("ref 2021", "case 317").
_ID_CUE = re.compile(
    r"\b(?P<cue>(?:(?:case|child|person|staff|employee|payroll|mosaic|badge|hr|works|personnel)"
    r"\s+(?:id|no|number|ref)|ref|reference|id)\.?\s*[:#]?\s*)(?P<num>\d{3,})\b",
    re.I,
)


def _phone(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in match.group(0))
        if digits < 10:
            continue
        end = match.end()
        ext = _EXTENSION.match(text, end)
        if ext:
            end = ext.end()
        out.append(text[position : match.start()])
        out.append(PHONE)
        position = end
    out.append(text[position:])
    return "".join(out)


def _digits(match: re.Match[str]) -> str:
    number = match.group("num")
    after = match.group("after") or ""
    if _A_YEAR.fullmatch(number) or _COUNT.match(after):
        return match.group(0)
    return ID + after


def _hashtag(keep_word: Callable[[str], bool]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        # "#JusticeForTunde" is three words; the tag stays only if every one of them would.
        parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", match.group(1))
        if parts and all(part.isdigit() or keep_word(part) for part in parts):
            return match.group(0)
        return "[name]"

    return replace


def _registration(keep_word: Callable[[str], bool]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        letters = match.group("letters")
        # "fy24 end" is a year and a word; "ld68 pxz" is a plate.
        if letters and match.group("space") and letters.islower() and keep_word(letters):
            return match.group(0)
        return ID

    return replace


def redact_identifiers(text: str, keep_word: Callable[[str], bool]) -> str:
    """Replace structured identifiers in normalised `text` with placeholders.

    `keep_word` decides whether one word of a hashtag may stay (the same test as for any word).
    """
    text = _EMAIL.sub(EMAIL, text)
    text = _URL.sub(LINK, text)
    if "@" in text:
        text = _HANDLE.sub(HANDLE, text)
    if "#" in text:
        text = _HASHTAG.sub(_hashtag(keep_word), text)
    text = _SPOKEN_PHONE.sub(PHONE, text)
    if not any(ch.isdigit() for ch in text):
        return _ADDRESS.sub(ADDRESS, _STREET.sub(ADDRESS, text))  # only "flat"/street forms
    text = _NI.sub(ID, text)  # before dates: "AB.12.34.56.C" holds a date-like 12.34.56
    text = _DATE.sub(DATE, text)
    text = _BIRTH.sub(lambda m: m.group("cue") + DATE, text)
    text = _phone(text)
    text = _REGISTRATION.sub(_registration(keep_word), text)
    text = _POSTCODE.sub(POSTCODE, text)
    text = _ADDRESS.sub(ADDRESS, text)
    text = _STREET.sub(ADDRESS, text)
    text = _SLASHED.sub(ID, text)
    text = _ID_CUE.sub(lambda m: m.group("cue") + ID, text)
    text = _CODED.sub(ID, text)
    return _DIGITS.sub(_digits, text)
