"""Hyphenation for the report's narrow columns (table cells), written for this project.

reportlab breaks a word that does not fit a line only when the style names a hyphenator: a
callable that gives (head, tail) pairs for a word, the longest head first. This one splits
between syllables by a small rule per language, good enough for the Source column of a
table ("Personal-kosten-über-sicht" rather than "Personalkostenübersi / cht"):

* a single consonant between two vowels starts the next syllable ("Pro-duk-tion");
* of two or more consonants between vowels, the last starts the next syllable ("Kos-ten"),
  unless the last two (or more) form a group the language keeps together ("ch", "sch",
  "schl", "ck", "ph", "th", and consonant + l/r: "be-schluss", "pre-su-pues-to");
* in German, a compound joined by an "s" breaks after it ("Rechnungs-prüfung");
* at least two letters stay on either side.

reportlab calls the hyphenator only for words made of letters (its own check), so numbers
and dates ("1.234,56", "2027") are never hyphenated. Chinese and Japanese break between
characters (``linebreak.py``) and get no hyphenator; neither does a language without rules
here (its words break at the column's edge as before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

Hyphenator = Callable[[str], Iterator[tuple[str, str]]]

_VOWELS = {
    "en": "aeiouy",
    "de": "aeiouyäöü",
    "fr": "aeiouyàâæéèêëîïôœûùü",
    "es": "aeiouáéíóúü",
    "it": "aeiouàèéìíòóùú",
    "nl": "aeiouyë",
    "pt": "aeiouáâãàéêíóôõú",
}
_LIQUID_PAIRS = ("bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr", "vr")
_KEEP = {
    "en": ("ch", "sh", "th", "ph", "wh", "ck", "qu", *_LIQUID_PAIRS),
    "de": (
        *("schl", "schm", "schn", "schr", "schw", "sch", "spr", "str", "ch", "ck", "ph"),
        *("th", "qu", "pr", "pl", "br", "bl", "kr", "kl", "gr", "gl", "fr", "fl", "dr", "tr"),
    ),
    "fr": ("ch", "ph", "gn", "qu", "gu", "th", *_LIQUID_PAIRS),
    "es": ("ch", "ll", "rr", "qu", "gu", *_LIQUID_PAIRS),
    "it": ("ch", "gh", "gn", "sc", "qu", *_LIQUID_PAIRS),
    "nl": ("ch", "sch", "ng"),
    "pt": ("ch", "lh", "nh", "qu", "gu", *_LIQUID_PAIRS),
}
MIN_HEAD = 2
MIN_TAIL = 2


def break_points(word: str, language: str) -> list[int]:
    """Where ``word`` may be hyphenated (indices a line may end before), in order."""
    vowels = _VOWELS.get(language)
    if vowels is None:
        return []
    keep = _KEEP[language]
    lower = word.lower()
    points: list[int] = []
    i = 0
    count = len(lower)
    while i < count:
        if lower[i] not in vowels:
            i += 1
            continue
        j = i + 1
        while j < count and lower[j] in vowels:
            j += 1
        k = j
        while k < count and lower[k] not in vowels:
            k += 1
        if k >= count or j == k:  # no vowel follows: the word's last syllable
            i = k
            continue
        cluster = lower[j:k]
        cut = _cut(cluster, keep, language) + j
        if MIN_HEAD <= cut <= count - MIN_TAIL:
            points.append(cut)
        i = k
    return points


def _cut(cluster: str, keep: tuple[str, ...], language: str) -> int:
    """Where in a consonant ``cluster`` between two vowels the next syllable starts: before
    the longest group the language keeps together that ends it, else before its last letter.
    German compounds joined by an "s" break after it ("Rechnungs-prüfung")."""
    if language == "de":
        joint = cluster.find("s", 2)
        if 0 < joint < len(cluster) - 2 and not cluster.startswith("sch", joint):
            return joint + 1
    for group in sorted(keep, key=len, reverse=True):
        if cluster.endswith(group) and len(group) <= len(cluster):
            return len(cluster) - len(group)
    return len(cluster) - 1


@lru_cache(maxsize=16)
def hyphenator(language: str) -> Hyphenator | None:
    """reportlab's hyphenator for ``language`` ("de", "en_US", ...); None without rules."""
    code = language.replace("-", "_").split("_")[0].lower()
    if code not in _VOWELS:
        return None

    def pairs(word: str) -> Iterator[tuple[str, str]]:
        for point in reversed(break_points(word, code)):
            yield word[:point], word[point:]

    return pairs
