"""Tokens with offsets, and the per-token facts both learned stages share.

A token is a run of word characters, an abbreviation of capitals ("D.C.", "U.S.") or one other
non-space character, so punctuation is its own token ("p", ".", "389") and a field boundary in
the corpus always falls between tokens.
The word facts (shape, lexicon hits) are computed once per distinct word and cached, which is
what keeps feature extraction inside the throughput budget of the issue (>= 1,000 notes/s).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from footcite.parse import lexicon as lx

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+|[^\w\s]")


class Token(NamedTuple):
    """A token and its [start, end) offsets (a tuple: notes make thousands of them)."""

    text: str
    start: int
    end: int


_new = tuple.__new__
"""Builds a Token without the Python-level `__new__` a NamedTuple has: every parse tokenizes
its note and each citation, and that extra call was a fifth of the tokenizing time."""


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        _new(Token, (m[0], m.start() + offset, m.end() + offset)) for m in _TOKEN.finditer(text)
    ]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _words_of(pattern: re.Pattern[str]) -> frozenset[str]:
    """The literal words of a lexicon regex: a cheap set lookup instead of a regex per token."""
    body = re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern)  # its look-ahead of first letters
    body = re.sub(r"\\[a-zA-Z]", " ", body)
    return frozenset(w for w in re.findall(r"[^\W\d_]{2,}", body) if w not in {"lt", "gt"})


PUBLISHER = _words_of(lx.PUBLISHER_WORDS)
CONTAINER = _words_of(lx.CONTAINER_WORDS)
GENRE = _words_of(lx.GENRE_WORDS)
ARCHIVE = _words_of(lx.ARCHIVE_WORDS) | {"NA", "Archiv", "Archivum", "Archivio", "Fond"}
PLACE_FIRST = frozenset(p.split()[0] for p in lx.PLACES)
ROLE = _words(
    "ed eds Ed Eds edited Edited szerk Hrsg hrsg red dir sost trans Trans translated Translated "
    "ford übers Übers éd dir trad przeł přel"
)
ROLE_MORE = _words(
    "Bearb bearb bearbeitet Hg hg hgg Hrsgg herausgegeben opr oprac Oprac red Red éds dir Dir "
    "coord comp Comp Szerk szerkesztette sestavil sest vyd Vyd ред сост под tr transl Transl"
)
"""More role words: editors and compilers of editions ("Bearb.", "oprac.", "sest.")."""
VOLUME = _words(
    "vol Vol vols Vols volume Volume Bd Bde Band t T tome Tome tom Tom évf évfolyam köt kötet "
    "Jg Jahrgang roč Roč ročník sv svazek Teil Tl Reihe Кн Т"
)
"""Volume words: "Vol. 3", "Bd. 2", "t. 1", "47. évf.", "II. köt.", "roč. 91", "sv. V"."""
ISSUE = _words(
    "No no Nos nos Nr nr Heft H sz szám č čís číslo n nr Issue issue Number number Nummer fasc "
    "Fasc livr z zeszyt Nº №"
)
"""Issue and number words: "No. 5", "Nr. 3", "Heft 2", "2. sz.", "č. 2", "z. 4"."""
SERIES = _words(
    "Beiheft Beihefte Schriftenreihe Reihe Series series Studien Studies Working Paper Papers "
    "Occasional Supplement Beiträge Quellen Forschungen Bulletin Cahiers Sonderheft Monographs "
    "sorozat Könyvtár Bibliotheca Biblioteka Edice Knihovna FRUS"
)
"""Words of a series title ("Studien zur Zeitgeschichte", "CWIHP Working Paper", "Beiheft")."""
GENRE_MORE = _words(
    "diss Diss PhD Ph MA thesis Thesis Dissertation Habilitationsschrift Magisterarbeit "
    "Diplomarbeit manuscript Manuskript kézirat rukopis maszynopis typescript interview "
    "Interview interjú Interjú Gespräch entretien rozhovor wywiad Memorandum memorandum report "
    "Bericht rapport Rapport unpublished unveröffentlicht"
)
"""More genre words: theses, manuscripts and interviews as they are named in notes."""
EXTENDED = False
"""Whether `word_features` adds the larger lists above (benchmarks/parse_cv.py --lexicon); it
helps the chunk features (`features.EXTRAS`) and is off with them."""
BACKREF = _words(
    "Ibid ibid Ibidem ibidem Id id Idem idem op Op loc Loc cit Ebd ebd Ebenda ebenda Uo uo "
    "Tamže tamže Tamtéž tamtéž Tamże tamże Ivi ivi Tam tam zhe ders dies art cd"
)
LOCATOR = _words("p pp S s o old f ff fol Bl l ll k str hier esp bes")
ARCH_UNIT = _words(
    "RG f op d l ll k sv kart sygn fond opis delo Box box Folder folder File file Bd Nr doboz "
    "tétel cs e Entry entry Series series carton Karton teczka a j č bod Fasz Akte vol Vol "
    "dossier carton cote"
)
CLASSIFICATION = _words(
    "Secret Confidential Titkos titkos Szigorúan Geheim geheim Streng Ściśle tajne Tajné "
    "Přísně tajné Sovershenno sekretno TÜK Restricted"
)
MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec január február március április május "
    "június július augusztus szeptember október november december Januar Februar März Juni "
    "Juli Oktober Dezember janvier février mars avril mai juin juillet août septembre octobre "
    "novembre décembre stycznia lutego marca kwietnia maja czerwca lipca sierpnia września "
    "października listopada grudnia ledna února března dubna května června července srpna "
    "září října listopadu prosince"
)
IN_WORDS = _words("In in W w V v Dans dans")
PREFIX = _words(
    "See see Cf cf Vgl vgl Siehe siehe Lásd lásd Vö vö Srov srov Viz viz Zob zob Por por "
    "Voir voir Compare compare also még auch też též aussi valamint pozri"
)
ABBREVIATION = LOCATOR | VOLUME | ISSUE | ROLE | ROLE_MORE | ARCH_UNIT | MONTHS
"""Words whose full stop is an abbreviation's ("Bd. 2", "Ed. Gati", "f. 89"), not a boundary."""


def _lexicon(groups: tuple[tuple[str, frozenset[str]], ...]) -> dict[str, tuple[str, ...]]:
    """Word -> the names of the lists that hold it, in the order of `groups`, each name once:
    one dictionary lookup per word instead of a set lookup per list."""
    out: dict[str, tuple[str, ...]] = {}
    for name, words in groups:
        for word in words:
            if name not in out.get(word, ()):
                out[word] = (*out.get(word, ()), name)
    return out


_LEXICON = _lexicon(
    (
        ("pub", PUBLISHER),
        ("cont", CONTAINER),
        ("genre", GENRE),
        ("arch", ARCHIVE),
        ("place", PLACE_FIRST),
        ("role", ROLE),
        ("back", BACKREF),
        ("loc", LOCATOR),
        ("unit", ARCH_UNIT),
        ("class", CLASSIFICATION),
        ("month", MONTHS),
        ("in", IN_WORDS),
        ("pre", PREFIX),
    )
)
_LEXICON_EXTENDED = _lexicon(
    (
        ("role", ROLE_MORE),
        ("vol", VOLUME),
        ("iss", ISSUE),
        ("ser", SERIES),
        ("genre", GENRE_MORE),
    )
)
"""The lists `EXTENDED` adds; a name the base lists already gave a word is not repeated."""


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """ "Kovrig" -> "Xx", "1956" -> "dddd", "XIX" -> "X", "12v" -> "dx": a compressed shape.

    Numbers and capitalised or lowercase words, most of a note, are answered without the loop
    over their characters (caches are emptied between benchmark runs, so this counts)."""
    if word.isdigit():
        return "d" * min(len(word), 6)  # digits are never merged
    if word.isalpha() and word[1:].islower():  # the letters after the first are lowercase
        if word[0].isupper():
            return "Xx"
        if word[0].islower():
            return "x"
    out = []
    for ch in word:
        if ch.isdigit():
            c = "d"
        elif ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        else:
            c = ch
        if not out or out[-1] != c or c == "d":
            out.append(c)
            if len(out) == 6:
                break  # the shape keeps six characters
    return "".join(out)


_ROMAN = re.compile(r"^[IVXLC]+$|^[ivxlc]+$")
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """Features of a word on its own; cached, since words repeat across notes."""
    low = word.lower()
    feats = [
        "w=" + low,
        "sh=" + shape(word),
        "p3=" + low[:3],
        "s3=" + low[-3:],
        "s2=" + low[-2:],
    ]
    if len(word) == 1:
        feats.append("one")
    if word[0].isupper():
        feats.append("cap")
    if word[0] in "12" and _YEAR.match(word):  # the cheap test first
        feats.append("year")
    elif word.isdigit():
        feats.append("num" + str(min(len(word), 4)))
    if len(word) <= 5 and _ROMAN.match(word):
        feats.append("roman")
    names = _LEXICON.get(word, ())
    feats += names
    if EXTENDED:
        feats += (name for name in _LEXICON_EXTENDED.get(word, ()) if name not in names)
    if low in lx.PROSE_WORDS:
        feats.append("prose")
    return tuple(feats)
