"""Blocking: which items are compared at all, so that a million items never means 10^12 pairs.

Every item gets a few keys; only items that share a key are compared. The keys are chosen so
that each variation of a citation (a typo in the title, another transliteration of the author,
a missing year, a dropped subtitle) leaves at least one key intact:

    a:  first creator's sound key + first word of the main title + initial of the second
    y:  first creator's sound key + year + initial of the title
    t:  first three words of the title        u:  second to fourth words of the title
    t:  (chapters) first words of the container, to meet the book they are in
    t:  first words of a translated or original title, to meet the translation
    i:  a DOI or ISBN
    r:  archival repository + each pair of numbered units (or the one unit), or each code

Keys are hashed with CRC-32 (deterministic across runs, unlike `hash`) into one integer with
the item index, and the integers are sorted: the runs of equal hashes are the blocks. This costs
a sort of a few integers per item, O(n log n), and little memory. A block larger than
`MAX_BLOCK` is not compared all-pairs: its items are sorted by title and each is compared with
its `WINDOW` next neighbours (the sorted-neighbourhood method), so a common name ("Smith") or a
common title word cannot make the work quadratic.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations

from footcite.dedup.features import Features

MAX_BLOCK = 16
WINDOW = 8


def _prefix(word: str) -> str:
    return word[:5]


def keys_of(f: Features) -> list[str]:
    """The blocking keys of one item."""
    keys = [f"i:{i}" for i in f.ids]
    if f.kind == "archival":
        units = [f"{unit}{value}" for unit, value in sorted(f.units.items())]
        if len(units) >= 2:  # a record is identified by two units at least: key on pairs
            keys.extend(f"r:{f.archive}:{x}:{y}" for x, y in combinations(units, 2))
        else:
            keys.extend(f"r:{f.archive}:{x}" for x in units)
        keys.extend("r:" + f.archive + ":" + c for c in sorted(f.codes)[:3])
        if not f.units and not f.codes:
            keys.append("r:" + f.archive + ":" + f.collection[:24])
        return keys
    words = f.title_main.split() or f.title.split()
    who = ""
    if f.creators:
        first = f.creators[0]
        who = min(first.family_keys) if first.family_keys else first.family_fold
        if first.family_cn:
            who = first.family_cn
    if who:
        if words:
            second = words[1][:1] if len(words) > 1 else ""
            keys.append(f"a:{who}:{_prefix(words[0])}:{second}")
        if f.year is not None:
            keys.append(f"y:{who}:{f.year}:{words[0][:1] if words else ''}")
    if len(words) >= 3:
        keys.append(f"t:{_prefix(words[0])}:{_prefix(words[1])}:{_prefix(words[2])}")
    elif words:
        keys.append("t:" + ":".join(_prefix(w) for w in words))
    if len(words) >= 4:
        keys.append(f"u:{_prefix(words[1])}:{_prefix(words[2])}:{_prefix(words[3])}")
    if f.translated:  # to meet the translation
        keys.append("t:" + ":".join(_prefix(w) for w in f.translated.split()[:3]))
    if f.kind == "part" and f.container and not f.ctype.startswith("article"):
        cw = f.container.split()
        keys.append("t:" + ":".join(_prefix(w) for w in cw[:3]))
    return keys


def blocks(all_keys: Iterable[Sequence[str]], n: int) -> Iterator[list[int]]:
    """The blocks (lists of item indices, ascending) of the `n` items that share a key.

    `all_keys` may be a generator: only the hashed codes are kept, never the key strings.
    """
    shift = max(24, n.bit_length())
    mask = (1 << shift) - 1
    codes: list[int] = []
    append = codes.append
    crc = zlib.crc32
    for i, keys in enumerate(all_keys):
        for k in keys:
            append((crc(k.encode()) << shift) | i)
    codes.sort()
    start = 0
    total = len(codes)
    while start < total:
        head = codes[start] >> shift
        end = start + 1
        while end < total and codes[end] >> shift == head:
            end += 1
        if end - start > 1:
            yield [c & mask for c in codes[start:end]]
        start = end


def pairs_of_block(
    members: list[int], titles: Sequence[str], order: Sequence[str]
) -> Iterator[tuple[int, int]]:
    """All pairs of a small block; sorted-neighbourhood pairs of a large one."""
    if len(members) <= MAX_BLOCK:
        for x in range(len(members)):
            a = members[x]
            for y in range(x + 1, len(members)):
                yield a, members[y]
        return
    ranked = sorted(members, key=lambda i: (titles[i], order[i]))
    for x in range(len(ranked)):
        for y in range(x + 1, min(x + 1 + WINDOW, len(ranked))):
            a, b = ranked[x], ranked[y]
            yield (a, b) if a < b else (b, a)
