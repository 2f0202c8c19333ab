"""Normalised keys for works: what two citations of the same work have in common.

Keys fold case, diacritics, punctuation and quotation marks, and keep only the first words of a
title, so that "The “Malin Notes” on the Crises..." in notes 11 and 21 give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_STOP = frozenset(
    ["the", "a", "an", "of", "and", "in", "on", "for", "to", "az", "egy", "és", "der", "die", "das",
     "le", "la", "les", "de"]
)  # fmt: skip


_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "ß": "ss"})
_PUNCT = re.compile(r"[^\w\s]|_")


def fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits only, single spaces.

    ASCII text (most of any bibliography) skips Unicode decomposition: this runs several times
    for every item of a library of a million.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_SPECIAL)
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def title_words(title: str, n: int = 6) -> tuple[str, ...]:
    words = [w for w in fold(title).split() if w not in _STOP]
    return tuple(words[:n])


def first_creator(fields: Mapping[str, Any]) -> str:
    for role in ("author", "editor", "contributor"):
        names = fields.get(role)
        if names:
            first = names[0]
            return fold(str(first.get("family") or first.get("literal") or ""))
    return ""


def work_key(fields: Mapping[str, Any]) -> tuple[str, ...]:
    """A first, simple identity of a work (the dedup issue makes it strong)."""
    if fields.get("archive"):
        return (
            "archival",
            fold(str(fields.get("archive", ""))),
            fold(str(fields.get("archive_collection", ""))),
            fold(str(fields.get("archive_location", ""))),
        )
    title = str(fields.get("title") or fields.get("container-title") or "")
    return ("work", first_creator(fields), *title_words(title))


def year_of(fields: Mapping[str, Any]) -> str:
    issued = fields.get("issued")
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if parts and parts[0]:
            return str(parts[0][0])
    return ""


def readable_id(fields: Mapping[str, Any]) -> str:
    """A stable, readable id: creator-titleword-year, ascii, lower case."""
    if fields.get("archive"):
        base = [w for w in fold(str(fields["archive"])).split() if w not in _STOP][:3]
        coll = title_words(str(fields.get("archive_collection", "")), 2)
        parts = ["arch", *base, *coll]
    else:
        who = first_creator(fields).split()
        words = title_words(str(fields.get("title") or fields.get("container-title") or ""), 2)
        parts = [*(who[-1:] if who else []), *words, year_of(fields)]
    slug = "-".join(p for p in parts if p)
    return slug or "ref"


def unique_ids(bases: Sequence[str], content: Callable[[int], str]) -> list[str]:
    """One id per work from its base: a base shared by several works gets "-2", "-3", ...

    The works sharing a base are ordered by `content(k)` (their canonical merged fields), not
    by input order, so the same works get the same ids whatever order they came in. One paper
    (`engine.deduplicate`) and a corpus (`batch.corpus_dedup`) name works with this function.
    """
    by_base: dict[str, list[int]] = defaultdict(list)
    for k, base in enumerate(bases):
        by_base[base].append(k)
    ids = [""] * len(bases)
    taken = set(by_base)
    for base, ks in by_base.items():
        if len(ks) > 1:
            ks.sort(key=content)
        ids[ks[0]] = base
        n = 2
        for k in ks[1:]:
            while f"{base}-{n}" in taken:
                n += 1
            ids[k] = f"{base}-{n}"
            taken.add(ids[k])
    return ids
