"""Positions inside a document: which earlier full citation a back-reference or short form means.

    "Ibid." / "Ibid., p. 5" / "Id." / "Ebd."   the work of the citation just before
    "Kovrig, op. cit." / "loc. cit."           the latest full citation by that author
    "Békés: The 1956 Hungarian Revolution ..." (author and short title, no publication data)
    "The Malin Notes, p. 393"                  (a title alone that abbreviates an earlier one)

The locator ("p. 5") stays with the citation; only the work is shared. A short title may be
worded a little differently from the full one ("The 1956 Hungarian Revolution in World
Politics" for "The 1956 Revolution and World Politics"), so titles are compared as word sets
and with rapidfuzz, and the author, when given, must be the same person (`names.compare`).
A back-reference that fits no earlier citation stays unresolved and is reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from footcite.dedup.features import title_forms
from footcite.dedup.names import DIFFERENT, Person, compare, person_of
from footcite.model import Citation, Document

_PUBLICATION = ("issued", "publisher", "publisher-place", "container-title", "archive", "page",
                "volume", "issue", "number", "collection-title", "genre", "URL", "DOI")  # fmt: skip


def _people(
    fields: Mapping[str, Any], roles: tuple[str, ...] = ("author", "editor")
) -> list[Person]:
    out = []
    for role in roles:
        for name in fields.get(role) or ():
            p = person_of(name)
            if p is not None:
                out.append(p)
    return out


def is_thin(cit: Citation) -> bool:
    """A "full" citation that states only a title (and maybe an author): perhaps a short form."""
    f = cit.fields
    return bool(f.get("title")) and not any(f.get(k) for k in _PUBLICATION)


def same_author(short: Citation, full: Citation) -> bool | None:
    """None when the short form names nobody; else whether its author is among the full's."""
    who = _people(short.fields, ("author",))
    if not who:
        return None
    theirs = _people(full.fields, ("author", "editor", "contributor"))
    return any(compare(who[0], p) != DIFFERENT and who[0].family_fold for p in theirs) or any(
        p.family_fold == who[0].family_fold for p in theirs
    )


def short_title_fits(short: str, full: str, full_main: str, with_author: bool) -> bool:
    """Whether a (folded) short title abbreviates a (folded) full title."""
    if not short or not full:
        return False
    sw, fw = short.split(), full.split()
    if short in (full, full_main):
        return True
    if fw[: len(sw)] == sw and (len(sw) >= 2 or with_author):
        return True
    if len(sw) >= 2 and set(sw) <= set(fw):
        return True
    if with_author and len(sw) >= 2:
        return fuzz.token_set_ratio(short, full) >= 90 or fuzz.ratio(short, full_main) >= 85
    return False


def _fits(cit: Citation, full: Citation) -> bool:
    author = same_author(cit, full)
    if author is False:
        return False
    title, _ = title_forms(str(cit.fields.get("title") or ""))
    if not title:
        return bool(author)  # "Kovrig, p. 5": the latest work by that author
    full_title, full_main = title_forms(str(full.fields.get("title") or ""))
    return short_title_fits(title, full_title, full_main, bool(author))


def resolve_positions(doc: Document) -> tuple[dict[str, str], list[str]]:
    """(citation id -> the earlier full citation it means, ids of unresolved back-references)."""
    target_of: dict[str, str] = {}
    unresolved: list[str] = []
    fulls: list[Citation] = []
    previous: Citation | None = None
    for note in doc.notes:
        for cit in note.citations:
            target: str | None = None
            if cit.kind == "ibid":
                if previous is not None:
                    target = target_of.get(previous.id, previous.id)
            elif cit.kind == "op-cit":
                target = next((f.id for f in reversed(fulls) if _fits(cit, f)), None)
                if target is None and not _people(cit.fields) and previous is not None:
                    target = target_of.get(previous.id, previous.id)
            elif cit.kind == "short" or (cit.kind == "full" and is_thin(cit)):
                target = next((f.id for f in reversed(fulls) if _fits(cit, f)), None)
            if target is not None:
                target_of[cit.id] = target
            else:
                if cit.kind != "full":
                    unresolved.append(cit.id)
                if cit.kind in ("full", "short"):
                    fulls.append(cit)
            previous = cit
    return target_of, unresolved
