"""biber's default data model for BibLaTeX: which fields each entry type takes and requires.

`biber --tool --validate-datamodel --dieondatamodel` refuses an entry that has a field its type
does not take (`institution` on @misc), lacks a mandatory field (@book without author, any
dated type without date) or has a value of the wrong kind (`volume = {XXV}`). `fit` turns the
entry footcite mapped from an item into one biber accepts:

* a type whose mandatory fields are missing falls back: @book with editors only becomes
  @collection, @incollection without editors @inbook, anything else @misc (its CSL type kept in
  `entrysubtype`, so footcite reads the same type back);
* a @misc without title takes one from the archival collection, call number or archive (an
  archival file is named by them), else "[untitled]";
* a dated type without a date gets `date = {XXXX}`, EDTF for "year unknown";
* fields the type does not take, and volumes that are not integers, are left out.

Nothing is lost for footcite: whatever the entry does not give back goes into `x-csl` (see
`footcite.formats.common`), and every change is reported.
"""

from __future__ import annotations

from typing import Any

from footcite.formats.latex import unicode_to_latex

Field = tuple[str, str, bool]

_GLOBAL = frozenset(
    """abstract annotation authortype bookpagination crossref day doi endday endhour endminute
    endmonth endsecond endtimezone endyear endyeardivision entryset entrysubtype eprint
    eprintclass eprinttype execute file gender hour ids indexsorttitle indextitle isan ismn
    iswc keywords label langid langidopts library lista listb listc listd liste listf minute
    month namea nameaddon nameatype nameb namebtype namec namectype options origday
    origendday origendhour origendminute origendmonth origendsecond origendtimezone
    origendyear origendyeardivision orighour origlocation origminute origmonth origpublisher
    origsecond origtimezone origtitle origyear origyeardivision pagination presort related
    relatedoptions relatedstring relatedtype second shortauthor shorteditor shorthand
    shorthandintro shortjournal shortseries shorttitle sortkey sortname sortshorthand
    sorttitle sortyear timezone url urlday urlendday urlendhour urlendminute urlendmonth
    urlendsecond urlendtimezone urlendyear urlhour urlminute urlmonth urlsecond urltimezone
    urlyear usera userb userc userd usere userf verba verbb verbc xdata xref year
    yeardivision""".split()  # noqa: SIM905
)
# fmt: off
_FIELDS = {
    "article": (
        "addendum annotator author commentator editor editora editoratype editorb editorbtype "
        "editorc editorctype editortype eid issn issue issuesubtitle issuetitle "
        "issuetitleaddon journalsubtitle journaltitle journaltitleaddon language note number "
        "origlanguage pages pubstate series subtitle title titleaddon translator version "
        "volume "
    ),
    "book": (
        "addendum afterword annotator author chapter commentator edition editor editora "
        "editoratype editorb editorbtype editorc editorctype editortype eid foreword "
        "introduction isbn language location mainsubtitle maintitle maintitleaddon note "
        "number origlanguage pages pagetotal part publisher pubstate series subtitle title "
        "titleaddon translator volume volumes "
    ),
    "inbook": (
        "addendum afterword annotator author bookauthor booksubtitle booktitle booktitleaddon "
        "chapter commentator edition editor editora editoratype editorb editorbtype editorc "
        "editorctype editortype eid foreword introduction isbn language location mainsubtitle "
        "maintitle maintitleaddon note number origlanguage pages part publisher pubstate "
        "series subtitle title titleaddon translator volume volumes "
    ),
    "incollection": (
        "addendum afterword annotator author booksubtitle booktitle booktitleaddon chapter "
        "commentator edition editor editora editoratype editorb editorbtype editorc "
        "editorctype editortype eid foreword introduction isbn language location mainsubtitle "
        "maintitle maintitleaddon note number origlanguage pages part publisher pubstate "
        "series subtitle title titleaddon translator volume volumes "
    ),
    "inproceedings": (
        "addendum author booksubtitle booktitle booktitleaddon chapter editor editortype eid "
        "eventday eventendday eventendhour eventendminute eventendmonth eventendsecond "
        "eventendtimezone eventendyear eventendyeardivision eventhour eventminute eventmonth "
        "eventsecond eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision "
        "isbn language location mainsubtitle maintitle maintitleaddon note number "
        "organization pages part publisher pubstate series subtitle title titleaddon venue "
        "volume volumes "
    ),
    "inreference": (
        "addendum afterword annotator author booksubtitle booktitle booktitleaddon chapter "
        "commentator edition editor editora editoratype editorb editorbtype editorc "
        "editorctype editortype eid foreword introduction isbn language location mainsubtitle "
        "maintitle maintitleaddon note number origlanguage pages part publisher pubstate "
        "series subtitle title titleaddon translator volume volumes "
    ),
    "collection": (
        "addendum afterword annotator chapter commentator edition editor editora editoratype "
        "editorb editorbtype editorc editorctype editortype eid foreword introduction isbn "
        "language location mainsubtitle maintitle maintitleaddon note number origlanguage "
        "pages pagetotal part publisher pubstate series subtitle title titleaddon translator "
        "volume volumes "
    ),
    "report": (
        "addendum author chapter eid institution isrn language location note number pages "
        "pagetotal pubstate subtitle title titleaddon type version "
    ),
    "thesis": (
        "addendum author chapter eid institution language location note pages pagetotal "
        "pubstate subtitle title titleaddon type "
    ),
    "unpublished": (
        "addendum author eventday eventendday eventendhour eventendminute eventendmonth "
        "eventendsecond eventendtimezone eventendyear eventendyeardivision eventhour "
        "eventminute eventmonth eventsecond eventtimezone eventtitle eventtitleaddon "
        "eventyear eventyeardivision howpublished language location note pubstate subtitle "
        "title titleaddon type venue "
    ),
    "online": (
        "addendum author editor editortype language note organization pubstate subtitle title "
        "titleaddon version "
    ),
    "misc": (
        "addendum author editor editortype howpublished language location note organization "
        "pubstate subtitle title titleaddon type version "
    ),
    "dataset": (
        "addendum author edition editor editortype language location note number organization "
        "publisher pubstate series subtitle title titleaddon type version "
    ),
    "software": (
        "addendum author editor editortype howpublished language location note organization "
        "pubstate subtitle title titleaddon type version "
    ),
    "patent": (
        "addendum author holder location note number pubstate subtitle title titleaddon type "
        "version "
    ),
    "periodical": (
        "addendum editor editora editoratype editorb editorbtype editorc editorctype "
        "editortype issn issue issuesubtitle issuetitle issuetitleaddon language note number "
        "pubstate series subtitle title titleaddon volume yeardivision "
    ),
    "proceedings": (
        "addendum chapter editor editortype eid eventday eventendday eventendhour "
        "eventendminute eventendmonth eventendsecond eventendtimezone eventendyear "
        "eventendyeardivision eventhour eventminute eventmonth eventsecond eventtimezone "
        "eventtitle eventtitleaddon eventyear eventyeardivision isbn language location "
        "mainsubtitle maintitle maintitleaddon note number organization pages pagetotal part "
        "publisher pubstate series subtitle title titleaddon venue volume volumes "
    ),
    "manual": (
        "addendum author chapter edition editor editortype eid isbn language location note "
        "number organization pages pagetotal publisher pubstate series subtitle title "
        "titleaddon type version "
    ),
    "booklet": (
        "addendum author chapter editor editortype eid howpublished language location note "
        "pages pagetotal pubstate subtitle title titleaddon type "
    ),
}
# fmt: on
_TAKES = {etype: frozenset(words.split()) | _GLOBAL for etype, words in _FIELDS.items()}
# date fields of BibLaTeX are stored as their year/month/day parts
_DATE_PARTS = {
    "date": "year",
    "urldate": "urlyear",
    "origdate": "origyear",
    "eventdate": "eventyear",
}
# biber ignores fields outside its data model (with a warning): footcite's own go there
_OWN = frozenset({"x-csl", "x-csl-id"})
_NEED: dict[str, tuple[Any, ...]] = {
    "article": ("author", "journaltitle", "title"),
    "book": ("author", "title"),
    "inbook": ("author", "title", "booktitle"),
    "incollection": ("author", "editor", "title", "booktitle"),
    "inreference": ("author", "editor", "title", "booktitle"),
    "inproceedings": ("author", "title", "booktitle"),
    "collection": ("editor", "title"),
    "periodical": ("editor", "title"),
    "report": ("author", "title", "type", "institution"),
    "thesis": ("author", "title", "type", "institution"),
    "unpublished": ("author", "title"),
    "online": ("title", ("url", "doi")),
    "patent": ("author", "title", "number"),
    "booklet": (("author", "editor"), "title"),
}
_UNDATED = frozenset({"dataset", "software"})
_FALLBACK = {"book": ("collection", "misc"), "incollection": ("inbook", "misc")}
_TITLE_FROM = ("archive_collection", "archive_location", "archive", "container-title", "genre")


def takes(etype: str, field: str) -> bool:
    """Whether biber's data model allows `field` on `etype` (unknown fields are ignored)."""
    if field in _OWN or etype not in _TAKES:
        return True
    return _DATE_PARTS.get(field, field) in _TAKES[etype]


def _satisfied(etype: str, present: set[str]) -> bool:
    for need in _NEED.get(etype, ("title",)):
        options = need if isinstance(need, tuple) else (need,)
        if not any(o in present for o in options):
            return False
    return True


def _rehome(fields: list[Field]) -> list[Field]:
    """On @misc, the container goes to howpublished and the publisher to organization
    (fields @misc takes) rather than out of the entry."""
    names = {name for name, _, _ in fields}
    out = []
    for name, value, bare in fields:
        if name in ("journaltitle", "booktitle") and "howpublished" not in names:
            name = "howpublished"
        elif name in ("publisher", "institution") and "organization" not in names:
            name = "organization"
        names.add(name)
        out.append((name, value, bare))
    return out


def fit(
    etype: str, fields: list[Field], item: dict[str, Any]
) -> tuple[str, list[Field], list[str]]:
    """An entry biber accepts, and what was changed (for diagnostics)."""
    notes: list[str] = []
    fields = list(fields)
    present = {name for name, _, _ in fields}
    if etype in ("report", "thesis") and "type" not in present:
        fields.append(("type", etype, False))  # biblatex prints its localised string
        present.add("type")
        notes.append(f"type = {{{etype}}} added: biber requires a type for @{etype}")
    chosen = etype
    for candidate in (etype, *_FALLBACK.get(etype, ()), "misc"):
        if candidate == "misc" or _satisfied(candidate, present):
            chosen = candidate
            break
    if chosen != etype and chosen == "misc":
        notes.append(f"@{etype} lacks a field biber requires; written as @misc")
        csl = item.get("type") if isinstance(item.get("type"), str) else None
        fields = [f for f in fields if f[0] != "entrysubtype"]
        if csl and csl != "document":
            fields.append(("entrysubtype", csl, False))
    if chosen == "misc":
        fields = _rehome(fields)
    kept: list[Field] = []
    for name, value, bare in fields:
        if not takes(chosen, name):
            notes.append(f"field {name} is not in biber's data model for @{chosen}")
        elif name in ("volume", "volumes") and not value.strip().isdigit():
            notes.append(f"{name} {value!r} is not a number, which biber's data model requires")
        else:
            kept.append((name, value, bare))
    names = {name for name, _, _ in kept}
    if "title" not in names and chosen in ("misc", "dataset", "software", "manual"):
        source = next((k for k in _TITLE_FROM if isinstance(item.get(k), str) and item[k]), None)
        title = unicode_to_latex(item[source]) if source else "[untitled]"
        kept.insert(0, ("title", title, False))
        notes.append(f"title taken from {source}" if source else "no title: [untitled] written")
    if chosen not in _UNDATED and not names & {"date", "year"}:
        kept.append(("date", "XXXX", False))
        notes.append("no date: date = {XXXX} (year unknown) written")
    return chosen, kept, notes
