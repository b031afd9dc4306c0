"""What redaction knows about words: English, names, and the service's own vocabulary.

Redaction fails closed (DESIGN.md, anonymity rule 7): a word stays only when it is known to be an
ordinary English word or a term of the trade. Three sources, each chosen because it is maintained
by someone else and ships its data inside the package (nothing is downloaded at run time):

- English: wordfreq's frequency list (web, subtitles, books; case-folded) says how common a word
  is, and the Brill tagger lexicon that TextBlob ships says whether it has been seen written in
  lower case as an ordinary word. Frequency alone cannot tell "grace" from "joanne": both are
  common, because names are common.
- Names: the US Census 1990 first-name and surname lists (the `names` package) and our own
  first-name list (`surveys/first_names.txt`: UK baby names plus names of the communities the
  workforce and families come from). A word on these lists that is not also an ordinary word is
  a name wherever it appears; one that is both ("Grace", "Mark") is decided by context.
- The trade: `surveys/redaction_vocabulary.yaml` (acronyms, systems, team and place names,
  set phrases), which a council extends; it is validated when loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

import names as census_names
import wordfreq
from pydantic import AfterValidator, BaseModel, ConfigDict

from surveys.yamlfile import load_model

VOCABULARY_FILE = Path(str(resources.files("surveys").joinpath("redaction_vocabulary.yaml")))

# wordfreq's Zipf scale: 3 is once per million words, 6 once per thousand.
KNOWN_ZIPF = 3.0
# Below this a word that is both ordinary and a name is used more as a name ("wei", "amber").
MOSTLY_NAME_ZIPF = 4.0
# Words at least this common are the targets of the one-typo allowance ("supervison").
TYPO_TARGET_ZIPF = 3.5
_STORED_ZIPF = 2.0


def _one_word(value: str) -> str:
    value = value.strip()
    if not value or any(ch.isspace() for ch in value):
        raise ValueError(f"{value!r} must be one word (put word groups under phrases)")
    return value


def _phrase(value: str) -> str:
    if len(value.split()) < 2:
        raise ValueError(f"{value!r} is one word: put it under terms")
    return " ".join(value.split())


OneWord = Annotated[str, AfterValidator(_one_word)]
Phrase = Annotated[str, AfterValidator(_phrase)]


class VocabularyFile(BaseModel):
    """The domain vocabulary file: words and phrases that are never personal data here."""

    model_config = ConfigDict(extra="forbid")

    terms: list[OneWord]
    places: list[OneWord] = []
    phrases: list[Phrase] = []


@dataclass(frozen=True)
class Lexicon:
    """Everything the word test needs, loaded once."""

    zipf: dict[str, float]
    ordinary: frozenset[str]
    nominal: frozenset[str]
    names: frozenset[str]
    domain: frozenset[str]
    phrases: tuple[str, ...]
    typo_index: frozenset[str]


def _wordfreq_zipf() -> dict[str, float]:
    # read_cBpack returns the list bucketed by centibels (-100 cB = one tenth as common), which
    # loads in a fraction of a second and, unlike get_frequency_dict, is not kept in a cache.
    buckets = wordfreq.read_cBpack(str(wordfreq.DATA_PATH / "large_en.msgpack.gz"))
    zipf: dict[str, float] = {}
    for centibels, words in enumerate(buckets):
        value = round(9 - centibels / 100, 2)
        if value < _STORED_ZIPF:
            break
        for word in words:
            zipf.setdefault(word, value)
    return zipf


def _brill_ordinary() -> tuple[frozenset[str], frozenset[str]]:
    """Words the Brill lexicon has seen used as ordinary words (any lower-case entry, and
    capitalised ones that are not proper nouns: "Polish", "English"), and those of them that
    can be a noun or adjective, as a name can ("amber" can; "rang" cannot)."""
    text = resources.files("textblob").joinpath("en/en-lexicon.txt").read_text(encoding="utf-8")
    words: set[str] = set()
    nominal: set[str] = set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or line.startswith(";;;"):
            continue
        word, tag = parts[0], parts[1]
        if word.islower() or (word[:1].isupper() and not tag.startswith("NNP")):
            words.add(word.lower())
            if tag.startswith(("NN", "JJ", "FW")):
                nominal.add(word.lower())
    return frozenset(words), frozenset(nominal)


def _name_lists() -> frozenset[str]:
    folder = Path(census_names.__file__).parent
    found: set[str] = set()
    for name in ("dist.all.last", "dist.female.first", "dist.male.first"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    ours = resources.files("surveys").joinpath("first_names.txt").read_text(encoding="utf-8")
    for line in ours.splitlines():
        if not line.startswith("#"):
            found.update(word.lower() for word in line.split())
    return frozenset(found)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _typo_index(zipf: dict[str, float], ordinary: frozenset[str]) -> frozenset[str]:
    """Single-deletion variants of common long words: two words share one exactly when they are
    one substitution, insertion, deletion or swap apart (the SymSpell idea)."""
    index: set[str] = set()
    for word, value in zipf.items():
        if value >= TYPO_TARGET_ZIPF and len(word) >= 6 and word.isalpha() and word in ordinary:
            index.add(word)
            index.update(_deletes(word))
    return frozenset(index)


def read_vocabulary(path: Path) -> VocabularyFile:
    """Read and validate a domain vocabulary file; ConfigFileError says where it is wrong."""
    return load_model(path, VocabularyFile)


@cache
def lexicon() -> Lexicon:
    """Load the word lists once per process (about half a second)."""
    zipf = _wordfreq_zipf()
    ordinary, nominal = _brill_ordinary()
    vocabulary = read_vocabulary(VOCABULARY_FILE)
    domain = frozenset(word.lower() for word in (*vocabulary.terms, *vocabulary.places))
    return Lexicon(
        zipf=zipf,
        ordinary=ordinary,
        nominal=nominal,
        names=_name_lists() - domain,
        domain=domain,
        phrases=tuple(vocabulary.phrases),
        typo_index=_typo_index(zipf, ordinary),
    )


def near_common_word(word: str, index: frozenset[str]) -> bool:
    """Whether `word` is one typing slip away from a common English word."""
    return word in index or any(variant in index for variant in _deletes(word))
