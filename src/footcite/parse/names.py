"""Person names as written in notes, into CSL name objects.

Handles lists joined by ",", "and", "&", "és", "und", dashes ("Zubok — Pleshakov"), inverted
"Family, Given", initials, particles, Hungarian and Chinese family-name-first order (recognised
from tables of given names and surnames), and institutional authors kept as `literal`.
"""

from __future__ import annotations

import re
from typing import Any


def _words(text: str) -> list[str]:
    """A word list written as running text (easier to read and extend than a list literal)."""
    return text.split()


HUNGARIAN_GIVEN = frozenset(
    _words("""Ábel Ádám Adrienn Ágnes Ágota Albert Alajos Aladár Andor András Andrea Anikó Anna
    Antal Árpád Attila Balázs Bálint Barbara Béla Bence Bernadett Csaba Dániel Dávid Dénes
    Dezső Dóra Edit Ede Elemér Emese Endre Erik Ernő Erzsébet Ervin Eszter Éva Ferenc Flóra
    Gábor Gáspár Gergely Géza Gizella Gyula György Györgyi Gyöngyi Hajnalka Henrik Ibolya Ignác
    Ildikó Ilona Imre István Iván Ivett Jenő János Jolán József Judit Julianna Júlia Kálmán
    Károly Katalin Kinga Klára Krisztina Krisztián Kristóf Lajos László Levente Lőrinc Magdolna
    Margit Mária Márk Márta Márton Melinda Mihály Miklós Mónika Nándor Norbert Olga Orsolya
    Ottó Pál Péter Piroska Rezső Richárd Róbert Rita Rózsa Sándor Sára Szabolcs Szilvia Tamás
    Tibor Tihamér Tünde Valéria Vilmos Viktor Viktória Zita Zoltán Zsolt Zsófia Zsuzsanna""")
)
CHINESE_SURNAMES = frozenset(
    _words(
        """Chen Zhang Wang Li Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng
    Liang Xie Song Tang Deng Feng Han Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye
    Cheng Wei Su Lu Ding Ren Shen Yao Jin Qian Zou Xiong Mao Qin Shi Niu Kong Bai Cui Kang Mo
    Chang Chou Chu Hsu Hsieh Teng Tsai Chiang Kuo Wong Ho"""
    )
)
PARTICLES = frozenset(_words("von van de del della der den di da du le la ten ter zu vom dos das"))

_SPLIT = re.compile(
    r"\s*(?:—|–|\s-\s|;|&|\band\b|\bund\b|\bés\b|\bet\b|\bi\b|\ba\b(?=\s+[A-Z]))\s*"
)
_INITIAL = re.compile(r"^[A-ZÀ-ÖØ-Þ]\.?$|^[A-ZÀ-ÖØ-Þ]\.[A-ZÀ-ÖØ-Þ]\.?$")
_INSTITUTION = re.compile(
    r"\b(Committee|Commission|Council|Ministry|Department|Office|Institute|Intézet|"
    r"University|Archives?|Agency|Party|Bizottság|Minisztérium|Center|Centre|Foundation|Bureau)\b"
)


def parse_names(text: str) -> list[dict[str, Any]]:
    """Parse a list of names ("Melvyn P. Leffler, Davis S. Painter") into CSL names."""
    text = text.strip().strip(":,;").strip()
    if not text:
        return []
    if _INSTITUTION.search(text):
        return [{"literal": text}]
    parts = [p for p in _SPLIT.split(text) if p and p.strip(" ,.")]
    names: list[dict[str, Any]] = []
    for part in parts:
        names.extend(_comma_group(part.strip(" ,")))
    return names


def _comma_group(text: str) -> list[dict[str, Any]]:
    """ "Marchio, David James" is one inverted name; "A. B. Smith, C. Jones" is two names."""
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    if len(pieces) == 2 and len(pieces[0].split()) == 1 and len(pieces[1].split()) <= 3:
        family, given = pieces
        if not _INITIAL.match(family.rstrip(".")) or len(family) > 2:
            return [_clean({"family": family.rstrip("."), "given": given})]
    if len(pieces) >= 2 and all(len(p.split()) == 1 for p in pieces):
        # "Dulles, J.F." or "Dulles. J. F." style: family then initials
        return [_clean({"family": pieces[0].rstrip("."), "given": " ".join(pieces[1:])})]
    return [parse_name(p) for p in pieces]


def parse_name(text: str) -> dict[str, Any]:
    """One name in direct order, or family-first when the tables say so."""
    tokens = text.replace(".", ". ").split()
    tokens = [t for t in tokens if t]
    # rejoin initials split above ("J." "F.")
    if not tokens:
        return {"literal": text}
    if len(tokens) == 1:
        return {"family": tokens[0]}
    if tokens[0] in CHINESE_SURNAMES and len(tokens) == 2 and not _INITIAL.match(tokens[1]):
        return {"family": tokens[0], "given": tokens[1]}
    if (
        len(tokens) >= 2
        and tokens[-1] in HUNGARIAN_GIVEN
        and tokens[0] not in HUNGARIAN_GIVEN
        and not _INITIAL.match(tokens[0])
    ):
        # Hungarian order: "Rainer M. János", "Kalmár Melinda"
        return {"family": tokens[0], "given": " ".join(tokens[1:])}
    # particles: "Mario del Pero", "Ludwig von Mises"
    for i in range(1, len(tokens) - 1):
        if tokens[i].lower() in PARTICLES:
            return _clean(
                {
                    "family": " ".join(tokens[i + 1 :]),
                    "given": " ".join(tokens[:i]),
                    "non-dropping-particle": " ".join(
                        t for t in tokens[i : i + 1] if t.lower() in PARTICLES
                    ),
                }
            )
    return _clean({"family": tokens[-1], "given": " ".join(tokens[:-1])})


_SPACES = re.compile(r"\s+")
_ROLE = re.compile(r"\((?:eds?|Eds?|szerk|Hrsg|red|dir)\.?\)")
_WORDS = re.compile(r"[^\s,.—–]+")


def _clean(name: dict[str, Any]) -> dict[str, Any]:
    family = name.get("family")
    if family and len(family) > 2 and family.endswith("."):
        name["family"] = family.rstrip(".")
    given = name.get("given")
    if given is not None:
        name["given"] = _SPACES.sub(" ", given.replace(". ", ".").replace(".", ". ")).strip()
    return {k: v for k, v in name.items() if v}


def looks_like_names(text: str) -> bool:
    """Whether a string before a colon is a list of personal names, not a title or a place."""
    text = text.strip()
    if not text or len(text) > 120:
        return False
    text = _ROLE.sub("", text).strip()
    for part in _SPLIT.split(text):
        part = part.strip(" ,")
        if not part:
            continue
        for piece in part.split(","):
            words = piece.replace(".", ". ").split()
            if not words:
                continue
            if len(words) > 5:
                return False
            for w in words:
                if w.lower() in PARTICLES:
                    continue
                if not (
                    w[0].isupper()
                    and (w.rstrip(".").replace("-", "").replace("’", "").replace("'", "").isalpha())
                ):
                    return False
    tokens = _WORDS.findall(text)
    return len(tokens) >= 2 or text.endswith(".")
