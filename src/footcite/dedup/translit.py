"""Keys under which the romanizations of one name agree.

A Russian name reaches a bibliography through whatever transliteration the citing author used:
Khrushchev (English), Chruščev (scholarly), Hruscsov (Hungarian), Chruschtschow (German),
Khrouchtchev (French), Chruszczow (Polish). A Chinese name comes in pinyin or Wade-Giles: Chen
Jian / Chen Chien, Deng Xiaoping / Teng Hsiao-p'ing. Comparing letters fails on all of these;
comparing sounds, coarsely, does not.

`sound_keys` reduces a name to a skeleton of sound classes (all sibilants and affricates are
one class, e and o are one class, semivowels vanish), trying both readings of the letters that
are ambiguous across systems ("ch" is kh in German and Czech but tsh in English; "j" is y in
German but zh in French). Two names that share a key are romanization variants. The keys are
deliberately coarse; callers use them only together with other evidence (the given name, the
title of a work).

`chinese_key` applies only to names made wholly of pinyin or Wade-Giles syllables and maps the
two systems onto one spelling (aspiration marks dropped, ch/zh/j/q/ts/z one class, hs/x/sh/s
one class, t/d, p/b, k/g merged, Wade-Giles finals -ien, -ieh, -ung, -ih made pinyin).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters whose diacritic marks a sibilant (so they fold to a sibilant, not to their base).
_PREMAP = str.maketrans(
    {
        "š": "s", "ś": "s", "ș": "s", "ş": "s", "ž": "z", "ż": "z", "ź": "z",
        "č": "c", "ć": "c", "ç": "s", "ț": "ts", "ţ": "ts", "ł": "l", "ø": "o",
        "ß": "ss", "æ": "ae", "œ": "e", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
        "ё": "e", "ʹ": "", "ʺ": "", "'": "", "’": "", "ʼ": "", "ʻ": "", "‘": "", "`": "",
    }
)  # fmt: skip

# Sound classes. Order matters: longer spellings first.
_TOKENS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("schtsch", ("S",)),
    ("shch", ("S",)),
    ("shtch", ("S",)),
    ("tsch", ("S",)),
    ("dsch", ("S",)),
    ("dzh", ("S",)),
    ("dzs", ("S",)),
    ("sch", ("S",)),
    ("tch", ("S",)),
    ("ch", ("H", "S")),
    ("kh", ("H",)),
    ("gh", ("G",)),
    ("sh", ("S",)),
    ("zh", ("S",)),
    ("zs", ("S",)),
    ("sz", ("S",)),
    ("cz", ("S",)),
    ("cs", ("S",)),
    ("ts", ("S",)),
    ("tz", ("S",)),
    ("dz", ("S",)),
    ("ck", ("K",)),
    ("ph", ("V",)),
    ("th", ("T",)),
    ("ny", ("N",)),
    ("nj", ("N",)),
    ("ly", ("L",)),
    ("lj", ("L",)),
    ("ou", ("U",)),
    ("oo", ("U",)),
    ("s", ("S",)),
    ("z", ("S",)),
    ("x", ("KS",)),
    ("h", ("H",)),
    ("k", ("K",)),
    ("q", ("K",)),
    ("g", ("G",)),
    ("v", ("V",)),
    ("w", ("V",)),
    ("f", ("V",)),
    ("b", ("B",)),
    ("p", ("P",)),
    ("d", ("D",)),
    ("t", ("T",)),
    ("l", ("L",)),
    ("m", ("M",)),
    ("n", ("N",)),
    ("r", ("R",)),
    ("a", ("A",)),
    ("e", ("E",)),
    ("o", ("E",)),
    ("u", ("U",)),
)
_TOKEN_RE = re.compile("|".join(re.escape(t) for t, _ in _TOKENS) + "|c|j|i|y|.")
_TOKEN_MAP = dict(_TOKENS)
_VOWELS = frozenset("aeiouy")
MAX_KEYS = 8


def fold_letters(text: str) -> str:
    """Lower case ASCII letters only: sibilant diacritics become sibilants, others vanish."""
    text = text.lower().translate(_PREMAP)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if "a" <= ch <= "z")


def _classes(word: str) -> list[tuple[str, ...]]:
    """The sound-class options of each spelling unit of one folded word."""
    out: list[tuple[str, ...]] = []
    n = len(word)
    for m in _TOKEN_RE.finditer(word):
        tok = m.group(0)
        nxt = word[m.end()] if m.end() < n else ""
        if tok in ("i", "y", "j"):
            if nxt in _VOWELS and nxt not in ("i", "y"):
                options: tuple[str, ...] = ("",)  # a semivowel before a vowel: ia, ju, ye
                if tok == "j":
                    options = ("", "S")
            elif tok == "j":
                options = ("", "S")
            else:
                options = ("I",)
        elif tok == "c":
            options = ("S",) if nxt in ("e", "i", "y") else ("K", "S")
        else:
            options = _TOKEN_MAP.get(tok, ("",))
        out.append(options)
    return out


def _collapse(parts: list[str]) -> str:
    key: list[str] = []
    for part in parts:
        for ch in part:
            if not key or key[-1] != ch:
                key.append(ch)
    return "".join(key)


@lru_cache(maxsize=1 << 16)
def sound_keys(name: str) -> frozenset[str]:
    """Romanization-insensitive keys of a name (up to MAX_KEYS readings)."""
    word = fold_letters(name)
    if not word:
        return frozenset()
    readings: list[list[str]] = [[]]
    for options in _classes(word):
        if len(options) == 1 or len(readings) * len(options) > MAX_KEYS:
            for r in readings:
                r.append(options[0])
        else:
            readings = [[*r, o] for r in readings for o in options]
    return frozenset(_collapse(r) for r in readings)


_INITIALS = r"(?:ch'?|hs|ts'?|tz'?|sh|zh|ss|[bpmfdtnlgkhjqxrzcsyw]'?)?"
_FINALS = (
    r"(?:iung|iong|uang|ueng|iang|ieh|ien|ian|iao|uai|uan|üan|uei|ang|eng|ing|ong|ung|erh|"
    r"ai|ei|ao|ou|an|en|in|un|ün|ia|ie|iu|ua|uo|ui|üe|ih|er|u|a|o|e|i|ü)"
)
_SYLLABLE = re.compile(_INITIALS + _FINALS)
_SYLLABLES = re.compile(rf"(?:{_INITIALS}{_FINALS})+")
_WG_FINALS = (("ien", "ian"), ("ieh", "ie"), ("iung", "iong"), ("ung", "ong"), ("erh", "er"),
              ("uei", "ui"), ("ih", "i"), ("ü", "u"))  # fmt: skip
_CN_INITIALS = (
    ("ch", "J"), ("zh", "J"), ("ts", "J"), ("tz", "J"), ("hs", "X"), ("sh", "X"), ("ss", "X"),
    ("j", "J"), ("q", "J"), ("z", "J"), ("c", "J"), ("x", "X"), ("s", "X"),
    ("t", "D"), ("d", "D"), ("p", "B"), ("b", "B"), ("k", "G"), ("g", "G"),
)  # fmt: skip


def _cn_syllable(syl: str) -> str:
    for wg, py in _WG_FINALS:
        if syl.endswith(wg):
            syl = syl[: -len(wg)] + py
            break
    for spelled, cls in _CN_INITIALS:
        if syl.startswith(spelled):
            return cls + syl[len(spelled) :]
    return syl


@lru_cache(maxsize=1 << 15)
def chinese_key(name: str) -> str | None:
    """One spelling for the pinyin and Wade-Giles forms of a Chinese name; None if not Chinese."""
    text = unicodedata.normalize("NFC", name.lower()).replace("ʻ", "'").replace("’", "'")
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    if not words or len(words) > 3:
        return None
    out: list[str] = []
    for w in words:
        if not _SYLLABLES.fullmatch(w):
            return None
        syllables = _split_syllables(w.replace("'", "'"))
        if syllables is None or len(syllables) > 2:
            return None
        out.extend(_cn_syllable(s.replace("'", "")) for s in syllables)
    return "".join(out)


def _split_syllables(word: str) -> list[str] | None:
    """Split a word into syllables, longest first with backtracking (xiaoping -> xiao, ping)."""
    if not word:
        return []
    for end in range(len(word), 0, -1):
        head = word[:end]
        if _SYLLABLE.fullmatch(head):
            rest = _split_syllables(word[end:])
            if rest is not None:
                return [head, *rest]
    return None
