"""A synthetic bibliography with known truth, for `benchmarks/dedup.py`.

Works are made first (authors, titles, journals, archival files); then each work is cited one
or more times, each citation varied the way real notes vary: initials for given names, stripped
diacritics, Hungarian family-name-first order, another-language given name (Bence/Bennett),
another transliteration of a Russian name (six systems), pinyin or Wade-Giles for a Chinese
name, typos in names and titles, dropped subtitles, changed case, abbreviated journals, page or
no page, missing year, missing author, an archival file written with its units in another
language and its repository under another name. Hard negatives are made on purpose: other
editions of a book (same title and author, another year), volumes of one multi-volume work,
generic titles shared by different authors. Everything comes from one seeded `random.Random`.
"""

from __future__ import annotations

import json
import random
import unicodedata
from importlib import resources
from typing import Any

from footcite.archives.authority import packaged_authority
from footcite.parse.names import HUNGARIAN_GIVEN


def _w(text: str) -> list[str]:
    """The words of a block of text (word lists are easier to read as text)."""
    return text.split()


WORDS = _w(
    """cold war revolution policy hungary soviet union diplomacy crisis détente alliance
empire nation state party power security strategy origins history memory europe east west
central eastern german question reunification stalin khrushchev brezhnev gorbachev dulles
eisenhower kennedy nixon truman reagan intervention containment liberation rollback propaganda
intelligence espionage economy trade aid reform uprising resistance dissent opposition church
peasants workers intellectuals writers culture science technology nuclear bomb weapons arms
race control negotiations summit conference treaty border frontier minority refugees exile
emigration communism socialism capitalism democracy transition collapse survival occupation
liberation army military navy air force council ministry foreign affairs embassy envoy
documents archives evidence sources records reports letters diaries memoirs conversations
minutes meetings politburo presidium committee congress parliament elections media press radio
free europe voice america broadcasting cinema literature poetry art music youth students women
family village city budapest warsaw prague berlin moscow vienna belgrade bucharest sofia
yalta potsdam geneva helsinki suez berlin blockade wall airlift korea vietnam china cuba
missile crisis poland czechoslovakia romania bulgaria yugoslavia albania austria finland
neutrality balance deterrence perceptions images myths legacies lessons reconsidered
revisited new perspectives approaches interpretations dilemmas limits failure success
making unmaking shaping road path years decades century age era beginning end"""
)
GENERIC = ["The Cold War", "Introduction", "Memoirs", "Documents", "The Revolution", "Diaries"]
WESTERN_GIVEN = _w(
    """John James Robert Michael William David Richard Charles Joseph Thomas Mark
Steven Paul Andrew Kenneth Peter George Edward Henry Jeffrey Ronald Raymond Daniel Matthew
Anthony Gregory Stephen Leonard Patrick Philip Samuel Timothy Walter Douglas Donald Gordon
Harold Herbert Mary Elizabeth Susan Margaret Catherine Anne Helen Judith Julia Barbara Agnes
Louise Natalie Olga Victor Frederick Lawrence Martin Nicholas Alexander Christopher"""
)
ONSETS = _w(
    """Har Mor Bel Wil Rob And Ken Dal Fer Gar Hol Lan Mar Nor Pet Ral Sel Tor Wal Ash Brad
Carl Dun Ell Fitz Gold Hart Kings Lind Mill New Pem Quin Ros Stan Thorn Ver Whit Yor Zim Ack
Bar Cor Dav Eber Fal Gil Hen Ing Jan Kel Lor Mac Nel Ost Pal Rid Sum Tal Upt Van Wes"""
)
MIDDLES = ["", "", "er", "en", "ing", "ow", "ard", "ell", "ins", "ley", "ol", "am"]
ENDS = _w(
    """son man ton ford berg stein wood field ley er s well ridge by ham cott dale worth
more hurst lock stone wick"""
)
HU_FAMILY = _w(
    """Békés Kovács Szabó Tóth Nagy Horváth Varga Kiss Molnár Németh Farkas Balogh Papp
Takács Juhász Lakatos Mészáros Oláh Rácz Fekete Szilágyi Török Fehér Gál Szűcs Kocsis Pintér
Fodor Szalai Sipos Lukács Gulyás Biró Király Katona Bogdán Boros Fazekas Kelemen Orosz Somogyi
Veres Vincze Hegedűs Deák Illés Vass Szőke Fábián Vörös Lengyel Bognár Halász Jónás Kozma Máté
Székely Pásztor Bakos Dudás Orbán Virág Barna Soós Nemes Pataki Faragó Kerekes Borbély Barta
Szekeres Csonka Mezei Szántó Kalmár Urbán Romsics Borhi Rainer Kovrig Gyarmati Ripp Litván"""
)
RU_ONSET = _w(
    """kh-r-u g-o-r-b-a b-r-e-zh m-o-l-o zh-u-k sh-e-p-i-l ch-e-r-n-ya v-o-r-o t-s-v-e-t
m-a-l-e-n s-u-s-l k-a-g-a-n p-o-n-o-m s-e-m-yo b-u-l-g-a sh-ch-e-r-b ya-k-o-v yu-d-i-n
z-a-kh-a d-o-b-r-y k-o-r-n l-e-b-e-d p-a-v-l f-ye-d-o g-r-o-m r-y-zh t-i-kh-o s-o-k-o-l"""
)
RU_MIDDLE = ["", "", "sh-ch", "n", "k", "t", "ch", "zh", "l", "sh", "ts"]
RU_END = ["e-v", "o-v", "i-n", "s-k-i-y", "e-n-k-o", "o-v-i-ch"]
RU_GIVEN = _w(
    """a-l-e-k-s-a-n-d-r m-i-kh-a-i-l s-e-r-g-e-y v-l-a-d-i-s-l-a-v k-o-n-s-t-a-n-t-i-n
d-m-i-t-r-i-y yu-r-i-y n-i-k-i-t-a v-ya-ch-e-s-l-a-v a-n-d-r-e-y b-o-r-i-s l-e-o-n-i-d
i-v-a-n o-l-e-g g-r-i-g-o-r-i-y n-i-k-o-l-a-y ye-v-g-e-n-i-y a-n-a-s-t-a-s"""
)
# Russian sounds in six transliteration systems: English (LoC-like), scholarly, German,
# French, Hungarian, Polish
SYSTEMS = {
    "zh": ("zh", "ž", "sch", "j", "zs", "ż"),
    "kh": ("kh", "ch", "ch", "kh", "h", "ch"),
    "ts": ("ts", "c", "z", "ts", "c", "c"),
    "ch": ("ch", "č", "tsch", "tch", "cs", "cz"),
    "sh": ("sh", "š", "sch", "ch", "s", "sz"),
    "shch": ("shch", "šč", "schtsch", "chtch", "scs", "szcz"),
    "ya": ("ya", "ja", "ja", "ia", "ja", "ja"),
    "yu": ("yu", "ju", "ju", "iou", "ju", "ju"),
    "yo": ("yo", "ë", "jo", "io", "jo", "io"),
    "ye": ("ye", "e", "je", "ie", "je", "je"),
    "iy": ("y", "ij", "i", "i", "ij", "ij"),
    "y": ("y", "y", "y", "y", "i", "y"),
    "s": ("s", "s", "s", "s", "sz", "s"),
    "v": ("v", "v", "w", "v", "v", "w"),
    "u": ("u", "u", "u", "ou", "u", "u"),
    "z": ("z", "z", "s", "z", "z", "z"),
}
PINYIN = _w(
    """zhang wang li liu chen yang huang zhao zhou wu xu sun zhu ma hu guo lin he gao luo zheng
liang xie song tang xiao deng feng cao peng zeng jiang cai jia ding wei xue ye yan yu dong
qian shen jin qin zhong xing jian ping hua ming guang qiang zhi chun xiang xin jun"""
)
JOURNAL_FORMS = [
    "Journal of {} Studies",
    "{} Review",
    "{} Quarterly",
    "Studies in {} History",
    "{} History",
    "International Journal of {} Affairs",
    "{} and {} Review",
]
ABBREV = {
    "journal": "J.",
    "studies": "Stud.",
    "review": "Rev.",
    "quarterly": "Q.",
    "history": "Hist.",
    "international": "Int.",
    "affairs": "Aff.",
}
UNITS = {  # (box, folder) words in English, German, Hungarian (number first), French
    "en": ("Box {}", "Folder {}"),
    "de": ("Kasten {}", "Mappe {}"),
    "hu": ("{}. doboz", "{}. tétel"),
    "fr": ("carton {}", "dossier {}"),
}


def _equivalents() -> dict[str, list[str]]:
    text = resources.files("footcite.data").joinpath("given-names.json").read_text("utf-8")
    out: dict[str, list[str]] = {}
    for group in json.loads(text)["groups"]:
        for name in group:
            out.setdefault(name, []).extend(n for n in group if n != name)
    return out


def strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def translit(phon: str, system: int) -> str:
    out = "".join(SYSTEMS.get(p, (p,) * 6)[system] for p in phon.split("-"))
    return out[:1].upper() + out[1:]


def wade_giles(py: str) -> str:
    """Pinyin syllable to Wade-Giles (the common cases, aspiration marks included)."""
    for a, b in (
        ("zh", "ch"),
        ("q", "ch'"),
        ("x", "hs"),
        ("z", "ts"),
        ("c", "ts'"),
        ("j", "ch"),
        ("r", "j"),
        ("b", "p"),
        ("d", "t"),
        ("g", "k"),
    ):
        if py.startswith(a):
            py = b + py[len(a) :]
            break
    else:
        for a, b in (("p", "p'"), ("t", "t'"), ("k", "k'")):
            if py.startswith(a):
                py = b + py[1:]
                break
    for a, b in (("ian", "ien"), ("ong", "ung"), ("ie", "ieh"), ("hi", "hih")):
        if py.endswith(a):
            py = py[: -len(a)] + b
            break
    return py


class Corpus:
    """Works and their citations; `items[k]` is a CSL item, `truth[k]` its work number."""

    def __init__(self, n: int, seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.eq = _equivalents()
        self.hu_given = sorted(HUNGARIAN_GIVEN)
        self.repos = [r for r in packaged_authority() if not r.part_of][:40]
        self.items: list[dict[str, Any]] = []
        self.truth: list[int] = []
        n_works = max(10, int(n / 2.6))
        self.authors = [self._author() for _ in range(max(5, n_works // 3))]
        self.journals = [self._journal() for _ in range(max(20, n_works // 60))]
        self.publishers = [f"{self._title(1, 2)} Press" for _ in range(300)]
        works: list[dict[str, Any]] = []
        while len(works) < n_works:
            works.extend(self._works())
        works = works[:n_works]
        counts = [1] * len(works)
        for _ in range(n - len(works)):
            counts[self.rng.randrange(len(works))] += 1
        for w, (work, k) in enumerate(zip(works, counts, strict=True)):
            for _ in range(k):
                item = self._cite(work)
                item["id"] = f"r{len(self.items)}"
                self.items.append(item)
                self.truth.append(w)
        order = list(range(len(self.items)))
        self.rng.shuffle(order)
        self.items = [self.items[i] for i in order]
        self.truth = [self.truth[i] for i in order]

    # ---------------------------------------------------------------- works
    def _author(self) -> dict[str, Any]:
        r = self.rng.random()
        if r < 0.55:
            fam = self.rng.choice(ONSETS) + self.rng.choice(MIDDLES) + self.rng.choice(ENDS)
            return {"kind": "w", "family": fam, "given": self.rng.choice(WESTERN_GIVEN)}
        if r < 0.75:
            fam = "-".join(
                [self.rng.choice(RU_ONSET), self.rng.choice(RU_MIDDLE), self.rng.choice(RU_END)]
            )
            return {
                "kind": "ru",
                "family": fam.replace("--", "-"),
                "given": self.rng.choice(RU_GIVEN),
            }
        if r < 0.9:
            fam = self.rng.choice(HU_FAMILY)
            if self.rng.random() < 0.5:
                fam = fam + self.rng.choice(["i", "y", "né", "ffy"])
            return {"kind": "hu", "family": fam, "given": self.rng.choice(self.hu_given)}
        given = [self.rng.choice(PINYIN) for _ in range(self.rng.choice([1, 2, 2]))]
        return {"kind": "cn", "family": self.rng.choice(PINYIN[:40]), "given": given}

    def _title(self, lo: int, hi: int) -> str:
        words = self.rng.sample(WORDS, self.rng.randint(lo, hi))
        return " ".join(w.capitalize() if i == 0 or len(w) > 3 else w for i, w in enumerate(words))

    def _journal(self) -> str:
        form = self.rng.choice(JOURNAL_FORMS)
        return form.format(*(self.rng.choice(WORDS).capitalize() for _ in range(form.count("{}"))))

    def _works(self) -> list[dict[str, Any]]:
        rng = self.rng
        r = rng.random()
        who = [rng.choice(self.authors) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
        title = rng.choice(GENERIC) if rng.random() < 0.02 else self._title(3, 8)
        sub = self._title(2, 6) if rng.random() < 0.5 else ""
        year = rng.randint(1950, 2020)
        if r < 0.05:
            repo = rng.choice(self.repos)
            return [
                {
                    "type": "archival",
                    "repo": repo,
                    "code": rng.randint(1, 500),
                    "box": rng.randint(1, 3000),
                    "folder": rng.randint(1, 60),
                    "coll": self._title(2, 4),
                }
            ]
        base = {"authors": who, "title": title, "sub": sub, "year": year}
        if r < 0.40:
            art = {
                **base,
                "type": "article-journal",
                "journal": rng.choice(self.journals),
                "volume": rng.randint(1, 60),
                "issue": rng.randint(1, 4),
                "page": rng.randint(1, 400),
            }
            return [art]
        if r < 0.55:
            book = self._title(3, 6)
            return [
                {
                    **base,
                    "type": "chapter",
                    "book": book,
                    "editors": [rng.choice(self.authors)],
                    "publisher": rng.choice(self.publishers),
                    "page": rng.randint(1, 400),
                }
            ]
        work = {**base, "type": "book", "publisher": rng.choice(self.publishers)}
        out = [work]
        if rng.random() < 0.04:  # another edition: a related work, not the same one
            out.append({**work, "year": year + rng.randint(3, 15), "edition": "2"})
        if rng.random() < 0.02:  # volumes of one multi-volume work
            out = [{**work, "title": f"{title}. Volume {v}", "volume": str(v)} for v in (1, 2, 3)]
        return out

    # ---------------------------------------------------------------- citations
    def _typo(self, text: str) -> str:
        if len(text) < 4:
            return text
        i = self.rng.randrange(1, len(text) - 1)
        op = self.rng.random()
        if op < 0.33:
            return text[:i] + text[i + 1 :]
        if op < 0.66:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return text[:i] + self.rng.choice("aeiourstnl") + text[i + 1 :]

    def _name(self, a: dict[str, Any]) -> dict[str, str]:
        rng = self.rng
        kind, family, given = a["kind"], a["family"], a["given"]
        if kind == "ru":
            system = rng.randrange(6)
            family, given = translit(family, system), translit(given, system)
        elif kind == "cn":
            wg = rng.random() < 0.5
            conv = (lambda s: wade_giles(s)) if wg else (lambda s: s)
            family = conv(family).capitalize()
            parts = [conv(g) for g in given]
            given = ("-" if wg else "").join(parts).capitalize()
        if rng.random() < 0.08 and given in self.eq:
            given = rng.choice(self.eq[given])
        if rng.random() < 0.03:
            family = self._typo(family)
        if rng.random() < 0.03 and kind != "cn":
            given = self._typo(given)
        if rng.random() < 0.2:
            family, given = strip_marks(family), strip_marks(given)
        if kind != "cn" and rng.random() < 0.3:
            given = given[0] + "."
        if kind == "hu" and rng.random() < 0.25 and not given.endswith("."):
            return {"family": given, "given": family}  # "Békés Csaba" read in Western order
        return {"family": family, "given": given}

    def _cite(self, w: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        if w["type"] == "archival":
            return self._cite_archival(w)
        item: dict[str, Any] = {"type": w["type"]}
        if rng.random() > 0.03:
            item["author"] = [self._name(a) for a in w["authors"]]
        title = w["title"]
        if w["sub"] and rng.random() > 0.25:
            title = f"{title}: {w['sub']}"
        if rng.random() < 0.08:
            words = title.split()
            k = rng.randrange(len(words))
            words[k] = self._typo(words[k])
            title = " ".join(words)
        if rng.random() < 0.1:
            title = title.upper() if rng.random() < 0.5 else title.lower()
        item["title"] = title
        year = w["year"] + (rng.choice([-1, 1]) if rng.random() < 0.01 else 0)
        if rng.random() > 0.1:
            item["issued"] = {"date-parts": [[year]]}
        if w["type"] == "article-journal":
            j = w["journal"]
            if rng.random() < 0.4:
                j = " ".join(
                    ABBREV.get(x.lower(), x)
                    for x in j.split()
                    if x.lower() not in ("of", "in", "and")
                )
            item["container-title"] = j
            item["volume"] = str(w["volume"])
            if rng.random() < 0.7:
                item["issue"] = str(w["issue"])
        elif w["type"] == "chapter":
            item["container-title"] = w["book"]
            item["editor"] = [self._name(a) for a in w["editors"]]
        if w["type"] != "book" and rng.random() < 0.6:
            item["page"] = (
                f"{w['page']}-{w['page'] + rng.randint(10, 30)}"
                if rng.random() < 0.5
                else str(w["page"])
            )
        if w.get("publisher") and rng.random() < 0.7:
            item["publisher"] = w["publisher"]
        if w.get("edition"):
            item["edition"] = w["edition"]
        if w.get("volume") and w["type"] == "book":
            item["volume"] = w["volume"]
        return item

    def _cite_archival(self, w: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        repo = w["repo"]
        lang = rng.choice(sorted(UNITS))
        box, folder = UNITS[lang]
        code = f"RG {w['code']}" if rng.random() < 0.5 else f"Record Group {w['code']}"
        if lang == "hu":
            code = f"{w['code']}. fond" if rng.random() < 0.5 else f"f. {w['code']}"
        elif lang == "de":
            code = f"Bestand RG {w['code']}"
        parts = [code, box.format(w["box"]), folder.format(w["folder"])]
        item = {
            "type": "manuscript",
            "archive": rng.choice(repo.all_names()[:8]),
            "archive_collection": w["coll"]
            if rng.random() < 0.5
            else strip_marks(w["coll"]).lower(),
            "archive_location": ", ".join(parts),
        }
        return item
