"""Archival fields in BibTeX and BibLaTeX entries, both directions.

BibLaTeX: only fields of biber's default data model are written. An archival @misc gets
archive -> organization, archive_location -> library ("library name and call number"),
archive-place -> location and archive_collection -> howpublished; other entry types, where
those fields are not in the data model, get `library = {archive, call number}`. Reading takes
them back when a @misc has an organization, institution or library.

BibTeX: the fields `archive`, `archive-place`, `archive_location`, `archive_collection` (BibTeX
ignores them, Zotero and pandoc read some) plus a readable summary in `howpublished`, which
reading drops again when it still matches.
"""

from __future__ import annotations

import re
from typing import Any

from footcite.formats.latex import latex_to_unicode, unicode_to_latex

ARCHIVE_FIELDS = ("archive", "archive-place", "archive_location", "archive_collection")
_ARCHIVE = ARCHIVE_FIELDS
_AND = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)


def text_value(value: Any, *, title: bool = False, listed: bool = False) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        return None
    latex = unicode_to_latex(value, protect_case=title)
    return "{" + latex + "}" if listed and _AND.search(latex) else latex


def archive_summary(archive: dict[str, Any]) -> str:
    """The readable `howpublished` of an archival item in BibTeX."""
    head = ", ".join(
        archive[k] for k in _ARCHIVE[:3] if isinstance(archive.get(k), str) and archive[k]
    )
    tail = archive.get("archive_collection")
    if isinstance(tail, str) and tail:
        return f"{head}; {tail}" if head else tail
    return head


def put_archive(item: dict[str, Any], put, *, biblatex: bool, kind: str) -> None:
    if not biblatex:
        for name in _ARCHIVE:
            put(name, text_value(item.get(name)))
        if "medium" not in item and any(isinstance(item.get(k), str) for k in _ARCHIVE):
            put("howpublished", text_value(archive_summary(item)))
        return
    archival = any(isinstance(item.get(k), str) for k in ("archive", "archive_location"))
    if kind == "misc" and archival:
        # biber's data model: organization and location are @misc fields, library is global
        put("organization", text_value(item.get("archive"), listed=True))
        put("library", text_value(item.get("archive_location")))
        if "publisher-place" not in item:
            put("location", text_value(item.get("archive-place"), listed=True))
        if "medium" not in item:
            put("howpublished", text_value(item.get("archive_collection")))
    elif archival:
        # elsewhere only `library` ("library name and call number") is in the data model
        held = ", ".join(
            item[k] for k in ("archive", "archive_location") if isinstance(item.get(k), str)
        )
        put("library", text_value(held))


def read_archive(fields: dict[str, str], item: dict[str, Any], kind: str) -> None:
    own = {n: latex_to_unicode(fields.pop(n)) for n in _ARCHIVE if n in fields}
    if own:
        item.update({n: v for n, v in own.items() if v})
        summary = archive_summary(own)
        if latex_to_unicode(fields.get("howpublished", "")) == summary and summary:
            fields.pop("howpublished")
        return
    archival = kind == "misc" and any(
        k in fields for k in ("institution", "organization", "library")
    )
    names = (("organization", "archive"), ("library", "archive_location"))
    if kind not in ("thesis", "report"):
        names = (("institution", "archive"), *names)
    for name, csl_key in names if archival or kind not in ("misc",) else ():
        if name in fields and csl_key not in item:
            text = latex_to_unicode(fields.pop(name))
            if text:
                item[csl_key] = text
    if archival:
        for name, csl_key in (
            ("location", "archive-place"),
            ("howpublished", "archive_collection"),
        ):
            if name in fields:
                item[csl_key] = latex_to_unicode(fields.pop(name))
