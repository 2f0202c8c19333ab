"""One CSL style, loaded once, rendering cites and bibliography entries through citeproc-py.

`StyleEngine` is what `footcite.formats.render` drives: it loads a style (safely, through
`styles.load_style_bytes`) once per style and output format, and renders

* one cite at a given position (`cite`), cached by everything the output depends on (item,
  position facts the style tests, locator, label, disambiguation), so a work cited in twenty
  notes is rendered once per distinct form;
* a note from its rendered cites (`note`), in the note's own order (citeproc-py reordered
  the cites of a note by bibliography order), with prefixes and suffixes spaced as
  citeproc-js spaces them, a term opening the note capitalised (Ibid.), and punctuation put
  inside quotes for locales that want it;
* the bibliography (`bibliography`): every deduplicated reference once, without the locator of
  any note (citeproc-py leaked the first note's locator into the entry), sorted once with
  collation-aware keys, with the style's subsequent-author-substitute (———) applied.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from citeproc import Citation as CpCitation
from citeproc import CitationItem, CitationStylesStyle
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc.string import join, normalize_seam

from footcite.formats import engine, engine_conditions
from footcite.formats.cslitems import engine_item
from footcite.formats.markup import capitalise_first, formatter_for, punctuation_inside_quotes
from footcite.formats.positions import (
    DEFAULT_NEAR_NOTE_DISTANCE,
    FIRST,
    SUBSEQUENT,
    Cite,
    Position,
)
from footcite.formats.styles import load_style_bytes

LOCATOR_LABELS = frozenset(
    [
        "act",
        "appendix",
        "article",
        "book",
        "canon",
        "chapter",
        "column",
        "elocation",
        "equation",
        "figure",
        "folio",
        "issue",
        "line",
        "note",
        "opus",
        "page",
        "paragraph",
        "part",
        "rule",
        "scene",
        "section",
        "sub-verbo",
        "supplement",
        "table",
        "timestamp",
        "title-locator",
        "verse",
        "version",
        "volume",
    ]
)


_NO_PERIOD = re.compile(r"([?!])((?:</?[a-z]+>|[*^~”’\"'])*)\.")


class _Registry:
    """What citeproc-py's CitationItem needs from a bibliography: source, keys, formatter."""

    def __init__(self, source: CiteProcJSON, keys: list[str], formatter: Any) -> None:
        self.source = source
        self.keys = _IndexedList(keys)
        self.formatter = formatter


class _IndexedList(list):
    """A list whose index() is a dict lookup (citeproc-py calls it for every citation number)."""

    def __init__(self, values: Iterable[str]) -> None:
        super().__init__(values)
        self._where = {v: i for i, v in enumerate(self)}

    def index(self, value: Any, *args: Any) -> int:  # type: ignore[override]
        return self._where[value]


class StyleEngine:
    """A CSL style ready to render, for one output format."""

    def __init__(self, style: str, output: str) -> None:
        engine.install()
        self.output = output
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.style = CitationStylesStyle(io.BytesIO(load_style_bytes(style)), validate=False)
        self.root = self.style.root
        self.root.formatter = formatter_for(output)
        self.is_note = self.root.get("class") == "note"
        citation = self.root.citation
        self.layout = citation.layout
        self.near_note_distance = int(
            citation.get("near-note-distance", DEFAULT_NEAR_NOTE_DISTANCE)
        )
        text = load_style_bytes(style).decode("utf-8")
        self._uses_near = "near-note" in text or "far-note" in text
        self._uses_first_number = "first-reference-note-number" in text
        self._uses_disambiguate = 'disambiguate="true"' in text
        piq = self.root.get_locale_option("punctuation-in-quote")
        self.punctuation_in_quote = str(piq).lower() == "true"
        bibliography = self.root.bibliography
        self.has_bibliography = bibliography is not None
        self.substitute = (
            bibliography.get("subsequent-author-substitute") if bibliography is not None else None
        )
        self._terms: list[str] = []

    # -- sessions -------------------------------------------------------------------------

    def session(self, items: Sequence[Mapping[str, Any]], order: Sequence[str]) -> Session:
        """A rendering session over `items`; `order` lists item ids by first citation."""
        return Session(self, items, order)

    # -- helpers used by sessions ---------------------------------------------------------

    def finish(self, text: str) -> str:
        """citeproc-js's last touches: no period after ? or !, punctuation in quotes."""
        text = _NO_PERIOD.sub(r"\1\2", text)
        if self.punctuation_in_quote:
            text = punctuation_inside_quotes(text)
        return text


class Session:
    """Items bound to a style: renders cites, notes and the bibliography, with caches."""

    def __init__(
        self, style: StyleEngine, items: Sequence[Mapping[str, Any]], order: Sequence[str]
    ) -> None:
        self.style = style
        self.keys: dict[str, str] = {}
        prepared = []
        for item in items:
            item_id = str(item.get("id", ""))
            if item_id in self.keys:
                continue
            key = f"r{len(self.keys)}"
            self.keys[item_id] = key
            prepared.append({**engine_item(item), "id": key})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = CiteProcJSON(prepared)
        engine.alias_name_variables(source)
        ranked = [self.keys[i] for i in order if i in self.keys]
        seen = set(ranked)
        ranked += [k for k in self.keys.values() if k not in seen]
        self.registry = _Registry(source, ranked, style.root.formatter)
        self._cache: dict[tuple[Any, ...], tuple[str | None, bool]] = {}
        self._levels: dict[str, int] | None = None
        self._tests: dict[tuple[Any, ...], int] = {}

    def knows(self, item_id: str) -> bool:
        return item_id in self.keys

    def _item(self, cite: Cite | None, item_id: str) -> Any:
        kwargs: dict[str, Any] = {}
        if cite is not None and cite.locator:
            label = cite.label if cite.label in LOCATOR_LABELS else "page"
            kwargs["locator"] = Locator(label, cite.locator)
        item = CitationItem(self.keys[item_id], **kwargs)
        CpCitation([item]).bibliography = self.registry
        item[engine.REFERENCE_KEY] = self.registry.source[self.keys[item_id]]
        return item

    def _key(self, cite: Cite, position: Position, disambiguate: int) -> tuple[Any, ...]:
        """Everything a rendered cite depends on (the position facts the style tests)."""
        style = self.style
        facts = (
            position.position,
            position.near_note if style._uses_near else None,
            position.first_note if style._uses_first_number else None,
        )
        return (cite.id, facts, cite.locator, cite.label, disambiguate)

    def cite(
        self, cite: Cite, position: Position, disambiguate: int = 0
    ) -> tuple[str | None, bool]:
        """The rendered cite (None when the style renders nothing) and whether it opens with
        a term (such as ibid.) that citeproc-js capitalises at the start of a note."""
        style = self.style
        key = self._key(cite, position, disambiguate)
        hit = self._cache.get(key) if engine.CACHING else None
        if hit is not None:
            return hit
        item = self._item(cite, cite.id)
        item[engine_conditions.POSITION_KEY] = position
        if disambiguate:
            item[engine_conditions.DISAMBIGUATE_KEY] = disambiguate
        layout = style.layout
        layout.repressed = {}
        engine.TERMS.clear()
        engine_conditions.reset_disambiguation()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = layout.render_children(item)
        self._tests[key] = engine_conditions.DISAMBIGUATION["seen"]
        rendered = None if text is None else str(text)
        opens = rendered is not None and any(t and rendered.startswith(t) for t in engine.TERMS)
        self._cache[key] = (rendered, opens)
        return rendered, opens

    def disambiguation(self, item_ids: Sequence[str]) -> dict[str, int]:
        """The disambiguation level of works whose short (subsequent) cites read alike, found
        the way citeproc-js finds it: the style's `disambiguate="true"` tests are turned on
        one more at a time until the cites differ or no test is left (citeproc-js's other
        means, more names or given names, are not modelled here)."""
        if self._levels is not None:
            return self._levels
        self._levels = {}
        if not self.style._uses_disambiguate:
            return self._levels
        known = list(dict.fromkeys(i for i in item_ids if self.knows(i)))
        pending = [ids for ids in self._clashes(known, 0) if len(ids) > 1]
        while pending:
            ids = pending.pop()
            level = self._levels.get(ids[0], 0) + 1
            probe = Position(SUBSEQUENT)
            tests = max(self._tests.get(self._key(Cite(i), probe, level - 1), 0) for i in ids)
            if level > tests:
                continue  # no test left: they stay alike, as fully disambiguated as they get
            for item_id in ids:
                self._levels[item_id] = level
            pending += [sub for sub in self._clashes(ids, level) if len(sub) > 1]
        return self._levels

    def _clashes(self, ids: Sequence[str], level: int) -> list[list[str]]:
        groups: dict[str | None, list[str]] = {}
        for item_id in ids:
            text = self.cite(Cite(item_id), Position(SUBSEQUENT), level)[0]
            groups.setdefault(text, []).append(item_id)
        return [g for text, g in groups.items() if text]

    def note(
        self,
        cites: Sequence[Cite],
        positions: Sequence[Position],
        levels: Mapping[str, int] | None = None,
    ) -> str:
        """One note: its cites rendered and joined in the note's order."""
        style = self.style
        layout = style.layout
        preformat = style.root.formatter.preformat
        parts: list[Any] = []
        for index, (cite, position) in enumerate(zip(cites, positions, strict=True)):
            level = (levels or {}).get(cite.id, 0) if position.position != FIRST else 0
            text, opens_with_term = self.cite(cite, position, disambiguate=level)
            if text is None:
                continue
            if index == 0 and not cite.prefix and opens_with_term and style.is_note:
                text = capitalise_first(text, style.output)
            if cite.prefix:
                text = _spaced(preformat(cite.prefix.strip()), text, before=True)
            if cite.suffix:
                text = _spaced(preformat(cite.suffix.strip()), text, before=False)
            parts.append(text)
        if not parts:
            return ""
        body = join(parts, layout.get("delimiter", ""))
        return style.finish(str(layout.format(layout.wrap(body))))

    def bibliography(self, item_ids: Sequence[str] | None = None) -> list[str]:
        """The bibliography entries of `item_ids` (all items when None), sorted once."""
        style = self.style
        if not style.has_bibliography:
            return []
        ids = list(self.keys) if item_ids is None else [i for i in item_ids if i in self.keys]
        items = [self._item(None, item_id) for item_id in ids]
        bib = style.root.bibliography
        layout = bib.layout
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if bib.find("cs:sort", bib.nsmap) is not None:
                items = bib.sort(items)
            else:
                rank = self.registry.keys.index
                items.sort(key=lambda it: rank(it.key))
            entries: list[str] = []
            engine_text_state = {"previous": None, "substitute": style.substitute}
            for item in items:
                layout.repressed = {}
                engine.TERMS.clear()
                layout.footcite_sas = {**engine_text_state, "done": False}
                try:
                    body = layout.render_children(item)
                finally:
                    engine_text_state["previous"] = layout.footcite_sas.get("current")
                    layout.footcite_sas = None
                text = layout.format(layout.wrap(body)) if body is not None else None
                if text is None or not str(text).strip():
                    continue
                text = str(text)
                if any(t and text.startswith(t) for t in engine.TERMS):
                    text = capitalise_first(text, style.output)
                entries.append(style.finish(text))
        return entries


def _spaced(affix: str, text: Any, *, before: bool) -> Any:
    """Prefix or suffix joined with one space, as citeproc-js joins them."""
    if before:
        glue = "" if affix.endswith(("(", "[", "“", "‘")) else " "
        return affix + normalize_seam(affix, glue) + text if glue else affix + text
    glue = "" if affix[:1] in ",.;:)]”’" else " "
    return text + glue + affix


@lru_cache(maxsize=16)
def style_engine(style: str, output: str) -> StyleEngine:
    """The engine of a style for an output format, loaded once per process."""
    return StyleEngine(style, output)
