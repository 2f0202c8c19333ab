"""Synthetic journal archives for `benchmarks/batch.py`: papers whose notes look like real ones.

    .venv/bin/python benchmarks/corpus.py OUT_DIR --documents 1000 [--seed 1956] [--notes 50]

Every note is made from a note of footcite's annotated corpus (`src/footcite/data/corpus`), so
the habits are the corpus's: Chicago, Hungarian, German, French, Polish, Czech and transliterated
Russian punctuation, prefixes ("See", "Lásd", "Vgl."), commentary, "Ibid." / "Uo." / "Ebd.",
"op. cit." and short forms, archival citations (repository, fonds, series, box, item). What is
new is the content: each full citation is a *work* of a per-habit pool, made by filling the
fields of a corpus citation with other names, title words, years and numbers. Works are drawn
with a heavy head (a few are cited by many papers, most by few), so the corpus has what a
journal's back issues have: the same book and the same archival file cited across papers, and
inside a paper, back-references and short forms that point to a full citation before them.

A paper is a title, an author, a body whose sentences call the notes ("...in 1956.12"), and
the numbered notes at the end. Papers go into volume folders (`v001/paper-00001.txt`), 100 a
folder, like a journal's issues. Everything derives from the seed: the same arguments give the
same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from footcite.parse.corpus import GoldCite, GoldNote, corpus_files, read_all

HABITS = {"en": 40, "hu": 15, "de": 15, "fr": 10, "pl": 7, "cs": 6, "ru": 7}
"""Share of papers per habit (corpus file prefix), in percent."""

NAMES: dict[str, tuple[str, str]] = {
    # (given names, family names) per habit; Hungarian writes the family name first
    "en": ("John Mark Charles Bennett Jennifer Catherine László Vojtech Melvyn Odd Arne Michael "
           "Robert Anne Tony Geir Stephen Marc Ruth Peter Lynne Thomas Helen",
           "Gaddis Kramer Gati Kovrig Granville Taubman Leffler Westad Trachtenberg Mastny "
           "Zubok Judt Lundestad Borhi Haslam Selverstone Schwartz Garthoff Engerman Hixson "
           "Mitrovich Stanger Hopkins Ambrose Immerman Pach Kaplan Fink"),
    "hu": ("Csaba János László Melinda György Tibor Éva Zoltán Gábor Ferenc Miklós Katalin "
           "Attila Béla Ildikó Péter Judit István",
           "Békés Rainer Borhi Kalmár Gyarmati Romsics Standeisky Ripp Litván Horváth Szabó "
           "Kovács Tóth Németh Baráth Germuska Pótó Varga Kiss Hegedűs Bencsik Mink Szakolczai"),
    "de": ("Hermann Andreas Jochen Michael Hans-Peter Ulrike Gerhard Manfred Bernd Wolfgang "
           "Dierk Sabine Monika Jürgen Klaus",
           "Weber Schmidt-Schweizer Lemke Foitzik Wettig Loth Staritz Wentker Stöver Oplatka "
           "Hoffmann Schwarz Görtemaker Wolfrum Kleßmann Hildermeier Creuzberger"),
    "fr": ("Pierre Georges-Henri Vincent François Maurice Jacques Anne Marie-Pierre Élisabeth "
           "Gérard Laurent Thomas",
           "Kende Soutou Auriol Fejtő Vaïsse Bozo Molnár Rey Marès Frank Duroselle Girault "
           "Guillen Badel Lévesque"),
    "pl": ("Andrzej Paweł Jerzy Krystyna Włodzimierz Antoni Łukasz Marcin Jan Tomasz Dariusz",
           "Paczkowski Machcewicz Eisler Kersten Borodziej Czubiński Kamiński Friszke Holzer "
           "Tyszkiewicz Stola Dudek Skobelski"),
    "cs": ("Jiří Karel Michal Jan Zdeněk Vilém Jaroslav Oldřich Vladimír Jitka Marek",
           "Pernes Kaplan Reiman Mlynář Vykoukal Litera Tejchman Prečan Kalous Blaive "
           "Tůma Suk Pažout Bárta"),
    "ru": ("Aleksandr Vladislav Konstantin Mikhail Nikita Vyacheslav Tofik Valerii Natalia "
           "Elena Iurii Sergei",
           "Fursenko Zubok Pleshakov Narinskii Islamov Musatov Orekhova Sereda Stykalin "
           "Volokitina Murashko Noskova Kramer Gibianskii Pikhoia Aksiutin"),
}  # fmt: skip
ROLE_WORDS = frozenset(
    ("ed", "eds", "edited", "hrsg", "hg", "red", "szerk", "trans", "transl", "übers", "ford",
     "tłum", "přel", "ders", "dies", "in", "interview", "interjú", "relacja", "sous")
)  # fmt: skip
PUBLICATION = frozenset(
    ("place", "publisher", "date", "container-title", "volume", "issue", "pages", "url",
     "number", "collection-title", "edition", "genre")
)  # fmt: skip
KEEP = frozenset(
    ("archive", "archive-place", "fonds", "series", "classification", "collection", "accessed",
     "note", "genre", "backref", "url")
)  # fmt: skip
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{4,}")
_TITLE_WORD = re.compile(r"[^\W\d_]+")


def _kind(cite: GoldCite) -> str:
    tags = {f.tag for f in cite.fields}
    if "backref" in tags and not tags & PUBLICATION - {"genre"} and "archive" not in tags:
        return "opcit" if "author" in tags else "ibid"
    if tags & (PUBLICATION | {"archive"}):
        return "full"
    return "short" if tags & {"author", "title"} else "ibid"


class Habit:
    """One citation habit: its note templates, its vocabulary and its pools of field values."""

    def __init__(self, code: str, notes: Sequence[GoldNote]) -> None:
        self.code = code
        self.notes = list(notes)
        self.fulls: list[tuple[GoldNote, GoldCite]] = []
        self.values: dict[str, list[str]] = defaultdict(list)
        words: set[str] = set()
        for note in notes:
            for cite in note.cites:
                if _kind(cite) == "full":
                    self.fulls.append((note, cite))
                for f in cite.fields:
                    text = note.text[f.start : f.end]
                    self.values[f.tag].append(text.rstrip(" ,.:;"))
                    if f.tag in ("title", "container-title"):
                        words.update(w.lower() for w in _WORD.findall(text))
        self.words = sorted(words)
        given, family = NAMES[code]
        self.given, self.family = given.split(), family.split()
        body = [n.text for n in notes if not n.cites and len(n.text) > 60]
        self.sentences = body or ["The evidence is discussed below."]


def _punct(template: str) -> tuple[str, str]:
    """The non-word characters around a field's text (quotes, trailing comma or colon)."""
    m = re.match(r"^([\W_]*)(.*?)([\W_]*)$", template, re.S)
    assert m is not None
    return m.group(1), m.group(3)


class Work(NamedTuple):
    """A pooled work: its citation (\\x00 where the locator goes) and what short forms use."""

    text: str
    locator: str
    family: str
    title: str


class Pools:
    """Works (full citations with their fields filled anew) per habit, drawn with a heavy head."""

    def __init__(self, seed: int, size: int) -> None:
        notes = read_all(corpus_files())
        by_habit: dict[str, list[GoldNote]] = defaultdict(list)
        for note in notes:
            by_habit[note.source[:2]].append(note)
        self.habits = {code: Habit(code, by_habit[code]) for code in HABITS}
        self.seed = seed
        self.size = size
        self._works: dict[tuple[str, int], Work] = {}

    def person(self, habit: Habit, rng: random.Random) -> tuple[str, str]:
        return rng.choice(habit.given), rng.choice(habit.family)

    def names(self, habit: Habit, template: str, rng: random.Random) -> tuple[str, str]:
        """The field with its names replaced (role words kept), and the first family name."""
        tokens = template.split(" ")
        spots = [
            i for i, t in enumerate(tokens)
            if t[:1].isupper() and t.strip("().,:;").lower() not in ROLE_WORDS
        ]  # fmt: skip
        if not spots:
            return template, ""
        people = [self.person(habit, rng) for _ in range(1 if rng.random() < 0.8 else 2)]
        joiner = {"hu": " – ", "de": " / ", "fr": " et ", "pl": " i ", "cs": " – "}
        written = []
        for given, family in people:
            if habit.code in ("en", "fr") and rng.random() < 0.1:
                given = given[0] + "."  # initials, as some notes write them
            written.append(f"{family} {given}" if habit.code == "hu" else f"{given} {family}")
        text = joiner.get(habit.code, " and ").join(written)
        _, tail = _punct(tokens[spots[-1]])
        out = [*tokens[: spots[0]], text + tail, *tokens[spots[-1] + 1 :]]
        return " ".join(out), people[0][1]

    def title(self, habit: Habit, template: str, rng: random.Random) -> str:
        """The template title with its longer words replaced by words of the habit."""

        def swap(m: re.Match[str]) -> str:
            word = rng.choice(habit.words)
            return word.capitalize() if m.group(0)[0].isupper() else word

        return _WORD.sub(swap, template)

    def numbers(self, template: str, rng: random.Random, low: int = 1, high: int = 600) -> str:
        """Other numbers in the same places: years stay years, a range stays a rising range."""
        seen: list[int] = []

        def swap(m: re.Match[str]) -> str:
            value = int(m.group(0))
            if 1900 <= value <= 2030:
                return str(rng.randint(1946, 2020))
            seen.append(seen[-1] + rng.randint(1, 30) if seen else rng.randint(low, high))
            return str(seen[-1])

        return _NUMBER.sub(swap, template)

    def work(self, code: str, index: int) -> Work:
        """One work of a habit's pool (made on first use, the same every time)."""
        key = (code, index)
        if key not in self._works:
            self._works[key] = self._make_work(code, index)
        return self._works[key]

    def _make_work(self, code: str, index: int) -> Work:
        rng = random.Random(f"{self.seed}:{code}:{index}")
        habit = self.habits[code]
        note, cite = rng.choice(habit.fulls)
        pos, parts, family, title, locator = cite.start, [], "", "", ""
        for f in cite.fields:
            parts.append(note.text[pos : f.start])
            text = note.text[f.start : f.end]
            if f.tag in ("author", "editor", "translator", "interviewer"):
                text, who = self.names(habit, text, rng)
                family = family or (who if f.tag == "author" else "")
            elif f.tag in ("title", "translated-title") or (
                f.tag == "container-title" and cite.type == "chapter"
            ):
                text = self.title(habit, text, rng)
                title = title or (text if f.tag == "title" else "")
            elif f.tag in ("container-title", "place", "publisher") and habit.values[f.tag]:
                head, tail = _punct(text)
                text = head + rng.choice(habit.values[f.tag]) + tail
            elif f.tag == "locator":
                locator = text
                parts.append("\x00")  # where the locator goes
                pos = f.end
                continue
            elif f.tag not in KEEP:
                text = self.numbers(text, rng)
            parts.append(text)
            pos = f.end
        parts.append(note.text[pos : cite.end])
        return Work("".join(parts), locator, family, title)

    def pick(self, rng: random.Random) -> int:
        """A work index: a heavy head (u**3), so popular works recur across many papers."""
        return int(self.size * rng.random() ** 3)


def _cite_text(
    pools: Pools,
    habit: Habit,
    note: GoldNote,
    cite: GoldCite,
    rng: random.Random,
    cited: list[Work],
) -> str:
    """One citation of the paper, following the kind of the corpus citation it is made from."""
    kind = _kind(cite)
    if kind != "full" and not cited:
        kind = "full"
    if kind == "full":
        if rng.random() < 0.12 and cited:  # cited again in full further on
            work = rng.choice(cited)
        else:
            work = pools.work(habit.code, pools.pick(rng))
            cited.append(work)
        loc = pools.numbers(work.locator, rng) if work.locator else ""
        return work.text.replace("\x00", loc)
    pieces, pos = [], cite.start
    work = rng.choice(cited[-4:])  # a short form names a work cited not long before
    for f in cite.fields:
        pieces.append(note.text[pos : f.start])
        text = note.text[f.start : f.end]
        head, tail = _punct(text)
        if f.tag == "author" and work.family:
            text = head + work.family + tail
        elif f.tag == "title" and work.title:
            words = _TITLE_WORD.findall(work.title)[: rng.randint(2, 4)]
            text = head + " ".join(words) + tail
        elif f.tag not in KEEP:
            text = pools.numbers(text, rng)
        pieces.append(text)
        pos = f.end
    pieces.append(note.text[pos : cite.end])
    return "".join(pieces)


def paper(pools: Pools, k: int, notes: int) -> tuple[str, int]:
    """(text, number of notes) of paper number k: title, author, body calling the notes, notes."""
    rng = random.Random(f"{pools.seed}:paper:{k}")
    code = rng.choices(list(HABITS), weights=list(HABITS.values()))[0]
    habit = pools.habits[code]
    count = max(5, int(rng.gauss(notes, notes / 4)))
    cited: list[Work] = []
    texts: list[str] = []
    for _ in range(count):
        note = rng.choice(habit.notes)
        out, pos = [], 0
        for cite in note.cites:
            out.append(note.text[pos : cite.start])
            out.append(_cite_text(pools, habit, note, cite, rng, cited))
            pos = cite.end
        out.append(note.text[pos:])
        texts.append(" ".join("".join(out).split()))
    title = pools.title(habit, rng.choice(habit.values["title"] or ["The Crisis"]), rng)
    given, family = pools.person(habit, rng)
    lines = [title, "", f"{given} {family}", ""]
    sentences = []
    for n in range(1, count + 1):
        sentence = rng.choice(habit.sentences).rstrip(".")
        sentences.append(f"{sentence}.{n}")
        if n % 5 == 0:
            lines.append(" ".join(sentences))
            lines.append("")
            sentences = []
    if sentences:
        lines += [" ".join(sentences), ""]
    lines += [{"hu": "Jegyzetek", "de": "Anmerkungen"}.get(code, "Notes"), ""]
    dot = "." if rng.random() < 0.6 else ""
    lines += [f"{n}{dot} {text}" for n, text in enumerate(texts, 1)]
    return "\n".join(lines) + "\n", count


def paper_path(root: Path, k: int) -> Path:
    return root / f"v{k // 100 + 1:03d}" / f"paper-{k + 1:05d}.txt"


def make_corpus(root: Path, documents: int, seed: int = 1956, notes: int = 50) -> int:
    """Write `documents` papers under `root`; returns the number of notes written."""
    pools = Pools(seed, size=max(50, documents * 12))
    total = 0
    for k in range(documents):
        text, count = paper(pools, k, notes)
        path = paper_path(root, k)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        total += count
    return total


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out", type=Path, help="folder to write the papers into")
    p.add_argument("--documents", type=int, default=100)
    p.add_argument("--seed", type=int, default=1956)
    p.add_argument("--notes", type=int, default=50, help="mean notes per paper (50)")
    args = p.parse_args(argv)
    made = make_corpus(args.out, args.documents, args.seed, args.notes)
    print(f"wrote {args.documents} papers, about {made} notes, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
