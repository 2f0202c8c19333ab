"""CSL names to BibTeX name lists and back.

A person is written `von Family, Jr, Given` (the CSL non-dropping particle is BibTeX's "von"
part, the suffix its "Jr" part); a literal name is braced whole: `{Hungarian National
Archive}`. A part is braced when BibTeX would otherwise split or re-case it (spaces, commas,
"and", a lowercase start). Reading splits with bibtexparser's own name parser; a name that is
one brace group and has no comma reads back as a literal.
"""

from __future__ import annotations

import re
from typing import Any

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from footcite.formats.latex import latex_to_unicode, unicode_to_latex

_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def _brace_if(latex: str, needed: bool) -> str:
    return "{" + latex + "}" if needed else latex


def _risky(text: str) -> bool:
    return bool(_AND.search(text)) or "," in text or text != text.strip()


def _family(text: str) -> str:
    latex = unicode_to_latex(text)
    plain = bool(text) and not any(c.isspace() for c in text) and not text[:1].islower()
    return _brace_if(latex, not plain or _risky(text) or "~" in latex)


def name_to_bibtex(name: Any) -> str | None:
    """One name in BibTeX form, or None if `name` is not a CSL name object."""
    if not isinstance(name, dict):
        return None
    literal = name.get("literal")
    if isinstance(literal, str) and literal:
        return "{" + unicode_to_latex(literal) + "}"
    texts = {k: v for k, v in name.items() if isinstance(v, str) and v}
    family = texts.get("family", "")
    particle = texts.get("non-dropping-particle", "")
    if texts.get("dropping-particle"):
        particle = " ".join(p for p in (texts["dropping-particle"], particle) if p)
    front = _family(family) if family else "{}"
    if particle:
        words = particle.split(" ")
        plain = all(w and w[:1].islower() and w.isalpha() for w in words)
        front = unicode_to_latex(particle) if plain else "{" + unicode_to_latex(particle) + "}"
        front += " " + _family(family)
    parts = [front]
    suffix = texts.get("suffix")
    given = texts.get("given")
    if suffix:
        parts.append(_brace_if(unicode_to_latex(suffix), _risky(suffix)))
    if given or suffix:
        given_latex = unicode_to_latex(given or "")
        parts.append(_brace_if(given_latex, _risky(given or "") or "~" in given_latex))
    return ", ".join(parts)


def names_to_bibtex(names: Any) -> str | None:
    """A BibTeX name list (`A and B`), or None if `names` is not a list of CSL names."""
    if not isinstance(names, list) or not names:
        return None
    written = [name_to_bibtex(name) for name in names]
    if any(w is None for w in written):
        return None
    return " and ".join(w for w in written if w is not None)


def _is_one_group(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, char in enumerate(text):
        if char in "{}" and (i == 0 or text[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


def bibtex_to_names(value: str) -> list[dict[str, str]]:
    """CSL names from a BibTeX name list; never raises."""
    names: list[dict[str, str]] = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if _is_one_group(raw):
            names.append({"literal": latex_to_unicode(raw[1:-1])})
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except Exception:  # a name bibtexparser cannot split is kept whole
            names.append({"literal": latex_to_unicode(raw)})
            continue
        name: dict[str, str] = {}
        for key, words in (
            ("family", parts.last),
            ("given", parts.first),
            ("non-dropping-particle", parts.von),
            ("suffix", parts.jr),
        ):
            text = latex_to_unicode(" ".join(words))
            if words and (text or key == "family"):
                name[key] = text
        names.append(name or {"literal": latex_to_unicode(raw)})
    return names
