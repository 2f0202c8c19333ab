"""Photo credits and "writes X" attributions: the citations of web articles without notes.

A web article cites its sources in credit lines under its pictures ("The head of the Stalin
statue in Budapest rolls away. Photo: Wikimedia Commons/Fortepan/Hofbauer Róbert") and in
attributions inside sentences ("..., writes numizmatikamagyarorszag.hu."). Both are citations
as much as a footnote is: a credit names where the photograph is kept (Fortepan), where it was
taken from (Wikimedia Commons) and who gave it (the donor, for Fortepan) or took it.

A credit's parts are told apart with the repository authority: the last part that is a known
repository holds the photograph, the known parts before it are where it was found, and a
person's name after it is the donor (archives arranged by donor, see `_DONOR_ARCHIVES`) or the
photographer. Unknown parts are kept as written, never guessed into a field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from footcite.archives.authority import Authority, packaged_authority
from footcite.model import Citation, Note, NoteCall, Span

_LABEL = (
    r"Photo(?:graph)?|Photo credit|Picture|Image|Source|Credit|Foto|Fotó|Kép|Forrás|Quelle|"
    r"Bild|Źródło|Zdroj|Zdjęcie|Фото|Источник"
)
CREDIT = re.compile(
    rf"(?:^|(?<=[.!?…”\"])\s+|\s*[|–—-]\s*|^)(?P<label>{_LABEL})\s*:\s*(?P<credit>[^\n]{{2,200}}?)\s*$"
)
WRITES = re.compile(
    r"(?:^|,?\s+)(?P<verb>writes|wrote|reports|reported|according to|as reported by|írja|schreibt|"
    r"pisze|píše)\s+(?P<site>(?:[\w-]+\.)+[a-z]{2,24})\b(?=[.,;:!?]|\s|$)",
    re.IGNORECASE,
)
# Archives whose credit lines name the donor of a photograph rather than its photographer.
_DONOR_ARCHIVES = frozenset({"hu-fortepan"})
_PERSON = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]+\.?){1,3}$")


@attrs.frozen
class Credit:
    """One credit line or attribution as found in a text, with its offsets in that text.

    `kind` is "photo" for a picture credit and "web" for "writes X"; `credit` is what follows
    the label as written ("Wikimedia Commons/Fortepan/Hofbauer Róbert"); `caption` is the
    picture's caption, or for "web" the sentence that makes the attribution.
    """

    kind: str
    label: str
    credit: str
    caption: str | None
    start: int
    end: int

    @property
    def text(self) -> str:
        return (
            f"{self.label}: {self.credit}"
            if self.kind == "photo"
            else f"{self.label} {self.credit}"
        )


def find_credits(text: str) -> list[Credit]:
    """Every photo credit line and "writes X" attribution of a text, in order."""
    found: list[Credit] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        m = CREDIT.search(bare)
        # a credit is short or a path ("Archive/Donor"); a long "Source: ..." is prose
        if m is not None and ("/" in m.group("credit") or len(m.group("credit").split()) <= 6):
            caption = bare[: m.start()].strip() or None
            found.append(
                Credit("photo", m.group("label"), m.group("credit").rstrip(". "), caption,
                       offset + m.start("label"), offset + m.end("credit"))
            )  # fmt: skip
        else:
            for w in WRITES.finditer(bare):
                sentence = _sentence_around(bare, w.start())
                found.append(
                    Credit("web", w.group("verb"), w.group("site"), sentence,
                           offset + w.start("verb"), offset + w.end("site"))
                )  # fmt: skip
        offset += len(line)
    return found


def _sentence_around(line: str, at: int) -> str:
    starts = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-ZÀ-Þ])", line[:at])]
    start = starts[-1] if starts else 0
    end = re.search(r"[.!?](?:\s|$)", line[at:])
    return line[start : at + end.end() if end else len(line)].strip()


def parse_credit_note(text: str) -> Credit | None:
    """The credit a note made by `credit_notes` holds (its text is the credit as written)."""
    credits = find_credits(text)
    return credits[0] if len(credits) == 1 else None


def credit_parts(credit: Credit, authority: Authority | None = None) -> dict[str, Any]:
    """The credit's parts by role: source (platform), archive, donor, author, location."""
    auth = authority or packaged_authority()
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s*,\s*", credit.credit) if p.strip()]
    known = [(i, auth.by_name(p)) for i, p in enumerate(parts)]
    known = [(i, f[0]) for i, f in known if f is not None]
    roles: dict[str, Any] = {"parts": parts}
    if known:
        at, repo = known[-1]
        roles["archive"] = parts[at]
        roles["archive_id"] = repo.id
        roles["source"] = [parts[i] for i, _ in known[:-1]]
        rest = parts[at + 1 :]
    else:
        rest = parts
    for part in rest:
        if _PERSON.match(part) and not re.search(r"\d", part):
            role = "donor" if roles.get("archive_id") in _DONOR_ARCHIVES else "author"
            roles.setdefault(role, part)
        elif re.search(r"\d", part):
            roles.setdefault("location", part)
        elif "archive" not in roles:
            roles["archive"] = part
    return roles


def _name(text: str, family_first: bool) -> dict[str, str]:
    """A person as CSL: Hungarian credits put the family name first ('Hofbauer Róbert')."""
    words = text.split()
    if len(words) < 2:
        return {"literal": text}
    if family_first:
        return {"family": words[0], "given": " ".join(words[1:])}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def credit_fields(credit: Credit, authority: Authority | None = None) -> dict[str, Any]:
    """CSL-JSON fields of a credit: a graphic for a photo, a webpage for an attribution."""
    if credit.kind == "web":
        return {
            "type": "webpage",
            "title": credit.credit,
            "custom": {"attribution": credit.label, "domain": credit.credit},
        }
    roles = credit_parts(credit, authority)
    fields: dict[str, Any] = {"type": "graphic", "medium": "photograph"}
    if credit.caption:
        fields["title"] = credit.caption.rstrip(". ")
    if "archive" in roles:
        fields["archive"] = roles["archive"]
    if roles.get("source"):
        fields["source"] = ", ".join(roles["source"])
    if "location" in roles:
        fields["archive_location"] = roles["location"]
    if "author" in roles:
        auth = authority or packaged_authority()
        archive_id = roles.get("archive_id")
        hungarian = (archive_id in auth and auth.get(archive_id).lang == "hu") or bool(
            re.search(r"[őűŐŰ]", roles["author"])
        )
        fields["author"] = [_name(roles["author"], hungarian)]
    custom: dict[str, Any] = {"credit": f"{credit.label}: {credit.credit}"}
    if "donor" in roles:
        custom["donor"] = roles["donor"]
    fields["custom"] = custom
    return fields


def credit_notes(
    text: str, body: str, first_number: int, note_texts: Sequence[str], document: str | None
) -> list[Note]:
    """Notes for the credits of a text outside its numbered notes, numbered from `first_number`.

    Credits are found line by line in the source `text` (the body is folded into paragraphs,
    which joins a credit line to the next one). The note's text is the credit as written and
    its span is in `text`; its call is the caption (or the sentence of an attribution) at its
    place in `body`, which is what the credit is attached to.
    """
    notes: list[Note] = []
    for credit in find_credits(text):
        if any(credit.credit in t for t in note_texts):
            continue  # a credit quoted inside a numbered note belongs to that note
        anchor = credit.caption or credit.text
        call = NoteCall(sentence=anchor, offset=max(body.find(anchor), 0), marker=credit.label)
        notes.append(
            Note(
                number=first_number + len(notes),
                text=credit.text,
                call=call,
                document=document,
                span=Span(credit.start, credit.end),
            )
        )
    return notes


def credit_citations(note: Note, doc_key: str = "d") -> tuple[Citation, ...]:
    """The citation of a credit note (empty for any other note).

    Meant for the parse stage: a note made by `credit_notes` holds nothing the footnote parser
    can read, so its one citation comes from here, with the same id scheme as parsed notes.
    """
    credit = parse_credit_note(note.text)
    if credit is None or note.call is None or note.call.marker != credit.label:
        return ()
    credit = attrs.evolve(credit, caption=note.call.sentence or None)
    return (
        Citation(
            id=f"{doc_key}-n{note.number}-c1",
            text=credit.text,
            span=Span(0, len(note.text)),
            fields=credit_fields(credit),
        ),
    )
