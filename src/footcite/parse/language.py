"""The language of a cited work, guessed from its title, for CSL's `language` field.

CSL styles change the case of titles only for English items ("title case"), and an item with no
`language` counts as English. So without this, "Hidegháború, enyhülés és az 1956-os magyar
forradalom" printed in Chicago style came out as "Hidegháború, Enyhülés És Az 1956-Os Magyar
Forradalom", which a Hungarian reader takes for a typing error. The guess only has to tell
English from the other languages of the corpus habits and name the language when the evidence
is plain: function words ("és", "und", "les", "się") and letters no English title has ("ő",
"ř", "ą"). When in doubt no `language` is set, which is what the note's author wrote anyway.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are frequent in titles of one language and rare in English titles. Words shared
# by several of these languages ("a", "v", "z", "o", "de") count for each of them.
_FUNCTION_WORDS: Mapping[str, frozenset[str]] = {
    "en": _words("the of and in to on for with from by an at its their between after during"),
    "hu": _words(
        "és az egy a ban ben nak nek hogy vagy mint után között alatt évi évek kapcsolatok "
        "története magyar"
    ),
    "de": _words(
        "und der die das des den dem im zur zum von mit für über auf ein eine einer zwischen nach"
    ),
    "fr": _words("le la les des du et en au aux une un sur dans pour entre de à"),
    "cs": _words("a v ve na se z ze o k pro při jako mezi od do po"),
    "sk": _words("a v vo na sa z zo o k pre pri ako medzi od do po"),
    "pl": _words("i w we z ze na do się nie o od po przez dla oraz między"),
    "it": _words("il lo la gli le di del della dei e in per tra con"),
}

# Letters that belong to one language (or a few) of the habits and to no English word.
_LETTERS: Mapping[str, str] = {
    "hu": "őűŐŰ",
    "de": "äßÄ",
    "cs": "řěůŘĚŮ",
    "sk": "ľĺŕĽĹŔ",
    "pl": "ąęłńśźżĄĘŁŃŚŹŻ",
    "fr": "çèêœÇÈÊ",
}
# Hungarian alone writes both the umlauts of German and the acute accents of Czech or Slovak.
_HU_UMLAUT = re.compile(r"[öüÖÜ]")
_HU_ACUTE = re.compile(r"[áéíóúÁÉÍÓÚ]")

MIN_EVIDENCE = 2
"""Hits needed before a language is named: one word like "a" or "de" proves nothing."""


_LANGUAGES_OF_WORD: Mapping[str, tuple[str, ...]] = {
    w: tuple(lang for lang, vocabulary in _FUNCTION_WORDS.items() if w in vocabulary)
    for w in set().union(*_FUNCTION_WORDS.values())
}
_LANGUAGE_OF_LETTER: Mapping[str, str] = {
    ch: lang for lang, marks in _LETTERS.items() for ch in marks
}
"""The two tables above turned inside out: one pass over the words and letters of a title
instead of one per language (a guess is made for every citation parsed)."""


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code for a non-English title, or None (English or not plain enough)."""
    if not text:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    if sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") * 2 > len(letters):
        return "ru"
    scores = dict.fromkeys(_FUNCTION_WORDS, 0)
    for w in _WORD.findall(text):
        for lang in _LANGUAGES_OF_WORD.get(w.lower(), ()):
            scores[lang] += 1
    for ch in text:
        lang = _LANGUAGE_OF_LETTER.get(ch)
        if lang is not None:
            scores[lang] += 2
    if _HU_UMLAUT.search(text) and _HU_ACUTE.search(text):
        scores["hu"] += 2
    english = scores.pop("en")
    best = max(sorted(scores), key=lambda lang: scores[lang])
    if scores[best] < MIN_EVIDENCE or scores[best] <= english:
        return None
    ties = [lang for lang, score in scores.items() if score == scores[best]]
    if len(ties) > 1:
        return None  # "a v na" is Czech or Slovak: better no language than a wrong one
    return best


def add_language(fields: dict[str, Any]) -> None:
    """Set `language` from the title (and the container's title) unless the fields have one."""
    if fields.get("language"):
        return
    text = " ".join(
        str(fields[key]) for key in ("title", "container-title") if isinstance(fields.get(key), str)
    )
    language = guess_language(text)
    if language is not None:
        fields["language"] = language
