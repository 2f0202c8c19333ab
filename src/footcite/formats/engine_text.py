"""citeproc-py fixes that concern text: names, substitution, quotes and sorting.

* `initialize="false"` on cs:name is honoured (citeproc-py ignored it and turned CMOS-18 names
  into initials, "B. Kovrig").
* a variable rendered by cs:substitute is suppressed in the rest of the output, including
  names and macros (citeproc-py printed the title twice, or the editors again after "ed.").
* `text-case="title"` follows citeproc-js (`footcite.formats.titlecase`).
* quotes nest: a quoted title that holds double quotes gets single ones inside
  (“The ‘Malin Notes’ on ...”), as citeproc-js does.

Installed by `footcite.formats.engine.install()`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from citeproc import model, source
from citeproc.string import MixedString, NoCase, String

from footcite.formats.titlecase import title_case


def _patch(cls: type, name: str, replacement: Any) -> None:
    if getattr(cls.__dict__.get(name), "_footcite", False):
        return
    replacement._footcite = True
    setattr(cls, name, replacement)


# --- names ---------------------------------------------------------------------------------


def _initialize(original: Any) -> Any:
    @functools.wraps(original)
    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize") == "false":
            return mark_initials(given, mark)
        return original(self, given, mark, context)

    return initialize


_INITIALS = re.compile(r"([^\W\d_])(?:\.-?\s*[^\W\d_])*\.?")


def mark_initials(given: str, mark: str) -> str:
    """With initialize="false", full given names stay and bare initials get the mark:
    "Jim T" -> "Jim T.", "J.F." -> "J. F." (CSL 1.0.2, as citeproc-js does it)."""
    words = []
    for word in str(given).split():
        if _INITIALS.fullmatch(word) and word[:1].isupper():
            letters = [c for c in word if c.isalpha()]
            words.append("".join(letter + mark for letter in letters).rstrip())
        else:
            words.append(word)
    return " ".join(words)


# --- substitution ----------------------------------------------------------------------------

# One entry per cs:substitute child being tried: its layout and the variables that rendered.
RECORDING: list[tuple[Any, set[str]]] = []
_REPRESSIBLE = tuple(
    "{http://purl.org/net/xbiblio/csl}" + tag for tag in ("text", "names", "date", "number")
)


def record(variable: str) -> None:
    """Note that `variable` rendered text (called by the rendering fixes). Inside a
    substitute it is suppressed at once, also for the rest of the substituting element
    (citeproc-js does the same: a substituted container title is not printed twice)."""
    if RECORDING:
        layout, rendered = RECORDING[-1]
        if variable not in rendered:
            rendered.add(variable)
            for tag in _REPRESSIBLE:
                layout.repressed.setdefault(tag, []).append(variable)


def is_repressed(element: Any, variable: str, context: Any = None) -> bool:
    """Whether a substitute already rendered `variable` in this cite or entry."""
    try:
        layout = (context if context is not None else element).get_layout()
    except (AttributeError, IndexError):
        return False
    return variable in layout.repressed.get(_REPRESSIBLE[0], ())


def rendering_now(variable: str) -> bool:
    """Whether `variable` was rendered by the substitute child being rendered right now."""
    return any(variable in rendered for _, rendered in RECORDING)


def _substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """The first child that renders text wins; every variable it rendered (through macros and
    cs:choose too) is suppressed in the rest of the cite (CSL 1.0.2, cs:substitute)."""
    layout = (context if context is not None else self).get_layout()
    for child in _candidates(self.getchildren(), item, context):
        before = {tag: list(values) for tag, values in layout.repressed.items()}
        RECORDING.append((layout, set()))
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            text = None
        finally:
            _, rendered = RECORDING.pop()
        if text:
            for variable in rendered:
                record(variable)  # an enclosing substitute suppresses them too
            return text
        layout.repressed = before
    return None


def _candidates(children: Any, item: Any, context: Any) -> Any:
    """The substitute's candidates in order; a cs:choose contributes the children of its
    matching branch, each a candidate of its own (as citeproc-js treats it)."""
    from footcite.formats.engine_conditions import branch_matches

    for child in children:
        if isinstance(child, model.Choose):
            for branch in child.getchildren():
                if branch_matches(branch, item, context):
                    yield from _candidates(branch.getchildren(), item, context)
                    break
        else:
            yield child


def _names_process(original: Any) -> Any:
    @functools.wraps(original)
    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        ctx = context if context is not None else self
        if names_context is None and self.name is None:
            # a bare cs:names inside cs:substitute (also inside a cs:choose there) inherits
            # the cs:name and cs:label of the cs:names being substituted
            outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")
            if outer:
                names_context = outer[0]
        variables = (self.get("variable") or "").split()
        try:
            repressed = ctx.get_layout().repressed.get(self.tag, [])
        except (AttributeError, IndexError):
            repressed = []
        kept = [v for v in variables if v not in repressed]
        if not kept:
            raise model.VariableError
        if kept != variables:
            self.set("variable", " ".join(kept))
        try:
            text = original(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            if kept != variables:
                self.set("variable", " ".join(variables))
        if text:
            for variable in kept:
                if variable.replace("-", "_") in item.reference:
                    record(variable)
        return _author_substitute(ctx, text)

    return process


def _author_substitute(context: Any, text: Any) -> Any:
    """subsequent-author-substitute (mode complete-all): the first names of a bibliography
    entry that equal the previous entry's are replaced by the substitute (———)."""
    try:
        state = getattr(context.get_layout(), "footcite_sas", None)
    except (AttributeError, IndexError):
        return text
    if not state or state["done"] or not text:
        return text
    state["done"] = True
    state["current"] = str(text)
    if state["substitute"] is not None and state["previous"] == str(text):
        return String(state["substitute"])
    return text


def _name_process(original: Any) -> Any:
    """Names of Hungarian and Vietnamese items, and names in scripts without
    upper/lower case (CJK), keep their own order: family name first, no comma, never
    initialised ("Ripp Zoltán"), as citeproc-js writes them."""

    @functools.wraps(original)
    def process(self: Any, item: Any, variable: str, context: Any = None, **kwargs: Any) -> Any:
        names = dict.get(item.reference, variable)
        if not names:
            return original(self, item, variable, context=context, **kwargs)
        language = str(dict.get(item.reference, "language", "") or "")
        by_language = language in ("hu", "vi")
        if not by_language and not any(_static(n) for n in names):
            return original(self, item, variable, context=context, **kwargs)
        form = self.get_option("form", context, kwargs.get("sort_options"))
        swapped = [_static_form(n, form) if by_language or _static(n) else n for n in names]
        dict.__setitem__(item.reference, variable, swapped)
        try:
            return original(self, item, variable, context=context, **kwargs)
        finally:
            dict.__setitem__(item.reference, variable, names)

    return process


_ROMANESQUE = re.compile(
    r"[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u1f00-\u1fff]"
)


def _static(name: Any) -> bool:
    """A name with no letters of a cased or romanised script (citeproc-js: not romanesque)."""
    if "literal" in name:
        return False
    text = " ".join(str(name.get(k) or "") for k in ("family", "given"))
    return bool(text.strip()) and not _ROMANESQUE.search(text)


def _static_form(name: Any, form: str) -> Any:
    if "literal" in name:
        return name
    family = " ".join(str(p) for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    if form == "short":
        return source.Name(literal=family)
    given = str(name.get("given") or "")
    return source.Name(literal=" ".join(p for p in (family, given) if p))


def _text_process(original: Any) -> Any:
    """A macro called through cs:text inside a sort key still renders in sort mode
    (citeproc-py dropped the sort options there, so names sorted as displayed)."""

    @functools.wraps(original)
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        options = kwargs.get("sort_options")
        if not options or "macro" not in self.attrib:
            return original(self, item, context, **kwargs)
        try:
            language = item.reference.language[:2]
        except model.VariableError:
            language = self.get_root().get("default-locale", "en")[:2]
        macro = self.get_macro(self.get("macro"))
        return macro.render(item, context if context is not None else self, options), language

    return process


# --- text case -----------------------------------------------------------------------------


def _case(original: Any) -> Any:
    @functools.wraps(original)
    def case(self: Any, text: Any, language: Any = None) -> Any:
        if type(text) is str:  # name parts arrive as plain str, which has no capitalize_first
            text = String(text)
        if self.get("text-case") != "title" or language != "en":
            return original(self, text, language)
        if isinstance(text, MixedString) and any(isinstance(s, NoCase) for s in text):
            return original(self, text, language)
        return String(title_case(str(text)))

    return case


# --- quotes --------------------------------------------------------------------------------


def _quote(self: Any, string: Any) -> Any:
    if self.get("quotes", "false").lower() != "true":
        return string
    outer = (self.get_single_term(name="open-quote"), self.get_single_term(name="close-quote"))
    inner = (
        self.get_single_term(name="open-inner-quote"),
        self.get_single_term(name="close-inner-quote"),
    )
    if str(outer[0]) and str(inner[0]) and str(outer[0]) != str(inner[0]):
        string = _swap_quotes(string, outer, inner)
    return outer[0] + string + outer[1]


def _swap_quotes(string: Any, outer: tuple[Any, Any], inner: tuple[Any, Any]) -> Any:
    """Outer quote marks inside `string` become inner ones and the reverse."""
    if not all(len(str(x)) == 1 for x in (*outer, *inner)):
        return string  # quote terms of several characters (French «\u00a0) are left alone
    table = {
        ord(str(outer[0])): str(inner[0]),
        ord(str(outer[1])): str(inner[1]),
        ord(str(inner[0])): str(outer[0]),
    }
    if str(inner[1]) != "’":  # ’ is also the apostrophe: only swap it where it closes a quote
        table[ord(str(inner[1]))] = str(outer[1])
    text = str(string)
    if not any(ch in text for ch in (str(outer[0]), str(outer[1]), str(inner[0]))):
        return string
    if isinstance(string, MixedString):
        return MixedString([type(s)(str(s).translate(table)) for s in string])
    return (
        type(string)(text.translate(table)) if isinstance(string, String) else text.translate(table)
    )


def install() -> None:
    _patch(model.Name, "initialize", _initialize(model.Name.__dict__["initialize"]))
    _patch(model.Substitute, "render", _substitute_render)
    _patch(model.Names, "process", _names_process(model.Names.__dict__["process"]))
    _patch(model.Quoted, "quote", _quote)
    _patch(model.TextCased, "case", _case(model.TextCased.__dict__["case"]))
    _patch(model.Text, "process", _text_process(model.Text.__dict__["process"]))
    _patch(model.Name, "process", _name_process(model.Name.__dict__["process"]))
