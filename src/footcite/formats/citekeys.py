"""Stable Better-BibTeX-like citation keys: `auth + shorttitle + year`, e.g. kovrigWallsBridges1991.

* auth: the family name (or literal name) of the first author, else editor, translator or
  container author, else the first word of the archive, folded to ASCII (Cyrillic
  transliterated) and lowercased;
* shorttitle: the first one to three significant words of the short title (else the title up
  to a colon or question mark, else the archival collection or call number), skipping articles
  and prepositions in English, Hungarian, German, French, Italian and Spanish, capitalised;
* year: the first year of `issued`.

Keys that collide all get letter suffixes a, b, ... in the order of the items' canonical JSON,
so the same set of items always gets the same keys, whatever their order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from footcite.formats.common import canonical

_SKIP_WORDS = frozenset(
    """a ab aboard about above across after against al along amid among an and anti around
    as at az before behind below beneath beside besides between beyond but by d da das
    de del dell dello dei degli della delle dem den der des despite die do down du
    during egy ein eine einem einen einer eines el en es et except for from gli i il in
    inside into is l la las le les like lo los near nor of off on onto or over past per
    plus round save since so some sur than the through to toward towards un una unas
    under underneath une unlike uno unos until up upon versus via von while with within
    without yet zu zum""".split()  # noqa: SIM905
)

_CYRILLIC_LATIN = (
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia ie i i g"
)
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґ", _CYRILLIC_LATIN.split(), strict=True))
_LETTERS = {"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th"}
_LETTERS |= {"ı": "i", "ŋ": "ng", "ħ": "h"}


def fold_ascii(text: str) -> str:
    """ASCII letters and digits for `text`: accents dropped, Cyrillic transliterated."""
    out: list[str] = []
    for char in text:
        lower = char.lower()
        repl = _CYRILLIC.get(lower) or _LETTERS.get(lower)
        if repl is not None:
            repl = "" if repl == "-" else repl
            out.append(repl.capitalize() if char != lower else repl)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if part.isascii() and part.isalnum():
                out.append(part)
    return "".join(out)


def _first_name(item: dict[str, Any]) -> str:
    for role in ("author", "editor", "translator", "container-author", "collection-editor"):
        names = item.get(role)
        if isinstance(names, list) and names and isinstance(names[0], dict):
            name = names[0]
            family = name.get("family") or name.get("literal") or name.get("given") or ""
            if isinstance(family, str) and family.strip():
                return fold_ascii(family.split()[0] if "family" not in name else family).lower()
    archive = item.get("archive")
    if isinstance(archive, str):  # an unsigned archival document: the archive's first word
        for word in archive.split():
            if fold_ascii(word) and fold_ascii(word).lower() not in _SKIP_WORDS:
                return fold_ascii(word).lower()
    return ""


def _title_words(item: dict[str, Any]) -> str:
    for field in ("title-short", "title", "archive_collection", "archive_location"):
        title = item.get(field)
        if isinstance(title, str) and title.strip():
            break
    else:
        return ""
    if field == "title":
        title = re.split(r"[:?!.]\s", title, maxsplit=1)[0]
    words = []
    for raw in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", title):
        word = fold_ascii(raw)
        if word and word.lower() not in _SKIP_WORDS:
            words.append(word[0].upper() + word[1:])
        if len(words) == 3:
            break
    return "".join(words)


def _year(item: dict[str, Any]) -> str:
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = parts[0][0]
            if isinstance(year, int | str) and re.fullmatch(r"-?\d{1,4}", str(year)):
                return str(year).lstrip("-")
        for key in ("literal", "raw"):
            match = re.search(r"\b\d{4}\b", str(issued.get(key, "")))
            if match:
                return match.group()
    return ""


def base_key(item: dict[str, Any]) -> str:
    """The key of `item` before collisions are resolved."""
    return (_first_name(item) + _title_words(item) + _year(item)) or "item"


def _suffixes():
    n = 1
    while True:
        for i in range(26**n):
            letters, rest = "", i
            for _ in range(n):
                letters = chr(ord("a") + rest % 26) + letters
                rest //= 26
            yield letters
        n += 1


def assign_keys(items: Sequence[dict[str, Any]]) -> list[str]:
    """One unique key per item; colliding keys get suffixes a, b, ... by item content."""
    bases = [base_key(item) for item in items]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(bases):
        groups[key].append(index)
    keys: list[str] = list(bases)
    used = {key for key, members in groups.items() if len(members) == 1}
    for key in sorted(k for k, members in groups.items() if len(members) > 1):
        members = sorted(groups[key], key=lambda i: canonical(items[i]))
        suffixes = _suffixes()
        for index in members:
            candidate = key + next(suffixes)
            while candidate in used:
                candidate = key + next(suffixes)
            keys[index] = candidate
            used.add(candidate)
    return keys


def unique(names: Sequence[str]) -> list[str]:
    """`names` with later repeats renamed `name-2`, `name-3`, ... (first one kept)."""
    seen = set(names)
    taken: set[str] = set()
    result = []
    for name in names:
        if name in taken:
            n = 2
            while f"{name}-{n}" in seen or f"{name}-{n}" in taken:
                n += 1
            name = f"{name}-{n}"
        taken.add(name)
        result.append(name)
    return result
