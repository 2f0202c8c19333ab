"""Dates as archival citations write them, in the languages footcite reads.

Archival references date documents in the author's language and habit: "29 October 1956",
"October 29, 1956", "1956. október 29.", "29.10.1956", "29. X. 1956" (Roman month), "29
października 1956", "29 oktyabrya 1956". `DATE` finds them and `date_parts` turns them into CSL
date parts, so that a document's date can go to `issued` and a missing date can be reported.
"""

from __future__ import annotations

import re

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    r"Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember|"
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
    r"listopada|grudnia|ledna|února|března|dubna|května|června|července|srpna|září|října|"
    r"listopadu|prosince|yanvarya|fevralya|marta|aprelya|maya|iyunya|iyulya|avgusta|"
    r"sentyabrya|oktyabrya|noyabrya|dekabrya|января|февраля|марта|апреля|мая|июня|июля|"
    r"августа|сентября|октября|ноября|декабря|janvier|février|mars|avril|juin|juillet|"
    r"août|septembre|octobre|novembre|décembre"
)
_HU_MONTHS = (
    r"január|február|március|április|május|június|július|augusztus|szeptember|október|"
    r"november|december|jan|febr|márc|ápr|máj|jún|júl|aug|szept|okt|nov|dec"
)
DATE = re.compile(
    rf"\b\d{{1,2}}\.?\s+(?:{_MONTHS})\.?\s+(?:19|20)\d\d\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}},\s+(?:19|20)\d\d\b"
    rf"|\b(?:19|20)\d\d\.\s*(?:{_HU_MONTHS})\.?\s*\d{{1,2}}\.?"
    r"|\b\d{1,2}\.\s?(?:[IVX]{1,4}|\d{1,2})\.\s?(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b"
    rf"|\b(?:{_MONTHS})\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)

_MONTH_NUMBERS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner stycznia ledna yanvarya января janvier január",
        "february feb februar lutego února fevralya февраля février február febr",
        "march mar märz marca března marta марта mars március márc",
        "april apr kwietnia dubna aprelya апреля avril április ápr",
        "may mai maja května maya мая mai május máj",
        "june jun juni czerwca června iyunya июня juin június jún",
        "july jul juli lipca července iyulya июля juillet július júl",
        "august aug sierpnia srpna avgusta августа août augusztus",
        "september sep sept września září sentyabrya сентября septembre szeptember szept",
        "october oct oktober października října oktyabrya октября octobre október okt",
        "november nov listopada listopadu noyabrya ноября novembre",
        "december dec dezember grudnia prosince dekabrya декабря décembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_NUMBERS[_name] = _number
MONTHS = frozenset(_MONTH_NUMBERS)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}  # fmt: skip


def date_parts(text: str) -> list[int] | None:
    """[year, month, day] (or shorter) of a date as cited in any of the supported habits."""
    words = re.findall(r"[^\W\d_]+|\d+", text)
    year = next((int(w) for w in words if re.fullmatch(r"(?:19|20)\d\d", w)), None)
    if year is None:
        return None
    month = next(
        (_MONTH_NUMBERS[w.casefold()] for w in words if w.casefold() in _MONTH_NUMBERS), None
    )
    if month is None:
        month = next((_ROMAN[w] for w in words if w in _ROMAN), None)
    numbers = [int(w) for w in words if w.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", w)]
    if month is None:
        if re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", text.strip()) or len(numbers) >= 2:
            if text.strip()[:4].isdigit():  # ISO 1956-10-29
                month, day = numbers[0], numbers[1]
            else:  # 29.10.1956
                day, month = numbers[0], numbers[1]
            return [year, month, day] if 1 <= month <= 12 and 1 <= day <= 31 else [year]
        return [year]
    day = next((n for n in numbers if 1 <= n <= 31), None)
    return [year, month, day] if day else [year, month]
