"""Personal data becomes placeholders before anything is stored; ordinary words survive.

The sentences here are our own, written per category of the issue (names of many origins, in
any case, with and without cues; addresses, dates, ids, contact details), not copied from the
development set, which is scored as a whole at the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from surveys.redact import normalise, redact
from surveys.redaction_score import LabelledText, score
from surveys.vocabulary import VOCABULARY_FILE, VocabularyFile, read_vocabulary
from surveys.yamlfile import ConfigFileError

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "redaction" / "pii_dev.jsonl"


def gone(text: str, *strings: str) -> str:
    """Redact `text` and assert none of `strings` survives (case-insensitive)."""
    out = redact(text)
    folded = normalise(out).casefold()
    for string in strings:
        assert normalise(string).casefold() not in folded, (string, out)
    return out


def kept(text: str, *strings: str) -> str:
    """Redact `text` and assert every one of `strings` survives."""
    out = redact(text)
    for string in strings:
        assert string in out, (string, out)
    return out


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("my manager joanne never does supervision", ["joanne"]),
        ("JOANNE CANCELLED SUPERVISION AGAIN", ["JOANNE"]),
        ("Tunde said he's off with stress", ["Tunde"]),
        ("Okeke keeps moving my cases", ["Okeke"]),
        ("ring kayleigh about the rota", ["kayleigh"]),
        ("WHY DOES PRITCHARD NEVER ANSWER", ["PRITCHARD"]),
    ],
)
def test_names_go_in_any_case_and_without_a_cue(text: str, names: list[str]) -> None:
    gone(text, *names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ffion and Gruffydd in the CIN team are brilliant", ["Ffion", "Gruffydd"]),
        ("Dónal and Sinéad covered duty", ["Dónal", "Sinéad"]),
        ("Ngozi Eze and Chinonso Obi held the front door", ["Ngozi", "Eze", "Chinonso", "Obi"]),
        ("Sandeep Gill from housing was helpful", ["Sandeep", "Gill"]),
        ("Bogdan Wiśniewski is our best SW", ["Bogdan", "Wiśniewski"]),
        ("Zhou Xinyi signed off my portfolio", ["Zhou", "Xinyi"]),
        ("Mehmet Yıldız, Thanh Nguyen and Piotr Zieliński", ["Yıldız", "Thanh", "Zieliński"]),
        ("Ama Owusu-Ansah left in March", ["Ama", "Owusu-Ansah"]),
        ("Abdullahi Warsame interpreted for us", ["Abdullahi", "Warsame"]),
        ("Saoirse Ní Mhurchú and Tadhg Ó Briain", ["Saoirse", "Mhurchú", "Tadhg", "Briain"]),
    ],
)
def test_names_of_many_origins_go(text: str, names: list[str]) -> None:
    gone(text, *names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("manager Pritchard ignores emails", ["Pritchard"]),
        ("TM Roisin is great", ["Roisin"]),
        ("TM Grace is off sick", ["Grace"]),
        ("ask Mark about TOIL", ["Mark"]),
        ("Mark said the rota is fixed", ["Mark"]),
        ("Rose said the rota is unfair", ["Rose"]),
        ("Bill from finance sorted it", ["Bill"]),
        ("thanks to Joy in payroll", ["Joy"]),
        ("Will Thompson in EDT", ["Will", "Thompson"]),
        ("baby amber and baby Holly", ["amber", "Holly"]),
        ("the Patel family moved to Leeds", ["Patel"]),
    ],
)
def test_names_that_are_also_words_go_when_the_context_says_person(
    text: str, names: list[str]
) -> None:
    gone(text, *names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sean O'Brien and Mc Donagh cover EDT", ["O'Brien", "Donagh"]),
        ("Ciarán O’Neill came out at 2am", ["O’Neill", "Ciarán"]),
        ("MacDonald and Mac Donald both", ["MacDonald", "Donald"]),
        ("Hart-Mensah runs the panel", ["Hart-Mensah"]),
        ("Ms Nakamura-Jones from legal", ["Nakamura-Jones"]),
        ("Aisha's mum rang", ["Aisha"]),
    ],
)
def test_apostrophes_hyphens_and_mac_keep_a_name_whole(text: str, names: list[str]) -> None:
    gone(text, *names)


def test_initials_hashtags_and_handles_go() -> None:
    gone("JS said no and J.S. agreed", "JS", "J.S.")
    gone("my TM (KB) and the SM (R.P.) disagree", "KB", "R.P.")
    gone("#JusticeForTunde is trending", "Tunde")
    gone("@tunde_sw posts about cases", "@tunde_sw")
    kept("#burnout is real", "#burnout")


def test_look_alike_letters_and_hidden_marks_do_not_hide_a_name() -> None:
    gone("Jоanne (with a Cyrillic o) and Jo\u200banne", "Joanne")
    gone("Ｔｕｎｄｅ in full width", "Tunde")


@pytest.mark.parametrize(
    ("text", "pii", "placeholder"),
    [
        ("she lives at 22 Laburnum Close now", "22 Laburnum Close", "[address]"),
        ("Flat 4, 17 Acacia Avenue is unsafe", "17 Acacia Avenue", "[address]"),
        ("family at 9 wellington st", "9 wellington st", "[address]"),
        ("visit at LS6 2QT", "LS6 2QT", "[postcode]"),
        ("new placement is b112hj", "b112hj", "[postcode]"),
        ("dob 14.02.2012 on the referral", "14.02.2012", "[date]"),
        ("born 3rd March 2015", "3rd March 2015", "[date]"),
        ("her D.O.B. is 5/6/11", "5/6/11", "[date]"),
        ("date of birth 12th May", "12th May", "[date]"),
        ("NI AB.12.34.56.C on file", "AB.12.34.56.C", "[id]"),
        ("ni number zx-98-76-54-d", "zx-98-76-54-d", "[id]"),
        ("case AB/2025/0912 reopened", "AB/2025/0912", "[id]"),
        ("ref 4471 closed", "4471", "[id]"),
        ("Mosaic ID MOS-2231907 is wrong", "MOS-2231907", "[id]"),
        ("staff number 204417", "204417", "[id]"),
        ("badge E7731 lost", "E7731", "[id]"),
        ("car reg AB12 CDE outside again", "AB12 CDE", "[id]"),
        ("dad's car yk19 pxt", "yk19 pxt", "[id]"),
        ("email jo.bloggs@council.gov.uk", "jo.bloggs@council.gov.uk", "[email]"),
        ("jo dot bloggs at council dot gov dot uk", "bloggs", "[email]"),
        ("JO[AT]GMAIL[DOT]COM please", "JO[AT]GMAIL[DOT]COM", "[email]"),
        ("s . begum @ hotmail . co . uk", "begum", "[email]"),
        ("ring 07700  900  123 today", "07700  900  123", "[phone]"),
        ("ring 0161.496.0000", "0161.496.0000", "[phone]"),
        ("ring (0113) 496 0219 ext 3381", "3381", "[phone]"),
        ("ring +44 (0)7700 900 518", "7700 900 518", "[phone]"),
        ("mobile +353 87 123 4567", "123 4567", "[phone]"),
        ("oh seven seven double oh nine double oh one two three", "double oh nine", "[phone]"),
        ("see www.facebook.com/joanne.smith", "joanne.smith", "[link]"),
        ("t.me/some_channel for rates", "some_channel", "[link]"),
    ],
)
def test_structured_identifiers_become_placeholders(text: str, pii: str, placeholder: str) -> None:
    assert placeholder in gone(text, pii)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("caseload of 24, 37.5 hours, £32,000, 40% and Q3", ["24", "37.5 hours", "£32,000", "40%"]),
        ("Level 3 training and section 20 on Tuesday", ["Level 3", "section 20", "Tuesday"]),
        ("rota changed in 2019 and again in May 2024", ["2019", "May 2024"]),
        ("visits at 9.15 and 9-5 Mon-Fri", ["9.15", "9-5", "Mon-Fri"]),
        ("4 S47s, 3 ICPCs and a PLO in week 2", ["S47s", "ICPCs", "PLO", "week 2"]),
        ("Year 9, Y9, W48, Reg 44", ["Y9", "W48", "Reg 44"]),
        ("Grace period ends Friday", ["Grace period", "Friday"]),
        ("Amber rating on the audit", ["Amber rating"]),
        ("May I say the pay is poor", ["May I"]),
        ("Frank discussion at team meeting", ["Frank discussion"]),
        ("Will you fix Mosaic", ["Will you", "Mosaic"]),
        ("Mark my words, we will lose staff", ["Mark my words"]),
        ("Dawn visits are hard. Hope is fading", ["Dawn visits", "Hope is fading"]),
        ("whoever pays the Bill", ["the Bill"]),
        ("every Tom, Dick and Harry can read it", ["Tom, Dick and Harry"]),
        ("Mosaic, MASH, SGO, IRO, CIN, CP, LAC, EHCP, TOIL and Ofsted", ["MASH", "EHCP", "Ofsted"]),
        ("Signs of Safety, the Front Door and Edge of Care", ["Signs of Safety", "Edge of Care"]),
        ("Supervison is meant to be monthly", ["Supervison"]),
    ],
)
def test_what_the_analysis_needs_stays(text: str, words: list[str]) -> None:
    kept(text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "Caseload is 27 at the moment. Can't keep going like this.",
        "Mosaic crashed twice today and I lost a whole assessment.",
        "S47 visits and ASYE support are fine; TOIL is never taken.",
        "Our TM is great but the pay is shocking",
        "Monday duty in March was 12 hours, band 9 pay",
        "I will stay if the pay is fair",
    ],
)
def test_ordinary_comments_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_a_run_of_names_reads_as_one() -> None:
    assert redact("Caoimhe Ní Bhriain is acting up") == "[name] is acting up"


def test_placeholders_survive_a_second_pass() -> None:
    once = redact("ring Tunde on 07700 900123 or tunde@x.com, 22 Laburnum Close, 1/2/2012")
    assert redact(once) == once


def test_the_vocabulary_file_is_valid_and_a_bad_one_says_where(tmp_path: Path) -> None:
    assert isinstance(read_vocabulary(VOCABULARY_FILE), VocabularyFile)
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text("terms:\n  - Mosaic\n  - two words\n", encoding="utf-8")
    with pytest.raises(ConfigFileError, match=r"line 3.*one word"):
        read_vocabulary(bad)


def test_the_development_set_meets_the_aims() -> None:
    """PII recall ≥ 0.99 and keep rate ≥ 0.95 on tests/data/redaction/pii_dev.jsonl (issue 14)."""
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines()]
    result = score(
        (LabelledText(r["id"], r["text"], tuple(r["pii"]), tuple(r["keep"])) for r in rows),
        redact,
    )
    leaked = [(m.id, m.string) for m in result.misses if m.kind == "leaked"]
    assert result.texts == 200
    assert result.recall >= 0.99, leaked
    assert result.keep_rate >= 0.95, [(m.id, m.string) for m in result.misses if m.kind == "lost"]
