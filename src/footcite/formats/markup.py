"""Output formats for rendered notes (plain text, HTML, Markdown) and text touch-ups.

citeproc-py ships plain-text and HTML formatters; Markdown is footcite's own (pandoc's
flavour: `*italic*`, `**bold**`, `^sup^`, `~sub~`, with Markdown specials escaped). The
touch-ups are what citeproc-js does after rendering and citeproc-py does not:

* `punctuation_inside_quotes`: with a locale whose `punctuation-in-quote` is true (en-US),
  a comma or period after a closing quote moves inside it (“Title,” not “Title”,), and a
  question or exclamation mark at the end of the quote swallows it.
* `capitalise_first`: a note that opens with a term (ibid.) starts with a capital (Ibid.).
"""

from __future__ import annotations

import re
import types
from html import escape

from citeproc import formatter

OUTPUTS = ("text", "html", "markdown")


def _markdown_escape(text: object) -> str:
    return re.sub(r"([\\`*_\[\]<>#^~|])", r"\\\1", str(text))


def _wrapper(before: str, after: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: object) -> Wrapped:
            inner = str(text)
            if not inner.strip():
                return super().__new__(cls, inner)
            return super().__new__(cls, before + inner + after)

    return Wrapped


def _markdown_module() -> types.ModuleType:
    module = types.ModuleType("footcite_markdown")
    module.preformat = _markdown_escape  # type: ignore[attr-defined]
    module.Italic = _wrapper("*", "*")  # type: ignore[attr-defined]
    module.Oblique = module.Italic  # type: ignore[attr-defined]
    module.Bold = _wrapper("**", "**")  # type: ignore[attr-defined]
    module.Light = str  # type: ignore[attr-defined]
    module.Underline = str  # type: ignore[attr-defined]
    module.Superscript = _wrapper("^", "^")  # type: ignore[attr-defined]
    module.Subscript = _wrapper("~", "~")  # type: ignore[attr-defined]
    module.SmallCaps = str  # type: ignore[attr-defined]
    return module


_MARKDOWN = _markdown_module()


def formatter_for(output: str) -> types.ModuleType:
    """The citeproc-py formatter module of an output format."""
    if output == "text":
        return formatter.plain
    if output == "html":
        return formatter.html
    if output == "markdown":
        return _MARKDOWN
    raise ValueError(f"unknown output format {output!r}; use one of {', '.join(OUTPUTS)}")


_CLOSERS = "”’»\"'"
_TAGS = r"(?:</[a-z]+>|\*{1,2}|\^|~)*"  # closing markup between the quote and the mark
_MOVE = re.compile(rf"((?:[{_CLOSERS}]{_TAGS})+)([.,])")
_SWALLOW = re.compile(rf"([?!])((?:{_TAGS}[{_CLOSERS}])+{_TAGS})[.,]")


def punctuation_inside_quotes(text: str) -> str:
    """Periods and commas after closing quotes go inside them (American usage)."""
    if not any(c in text for c in _CLOSERS):
        return text
    return _MOVE.sub(_move, _SWALLOW.sub(r"\1\2", text))


def _move(match: re.Match[str]) -> str:
    quotes, mark = match.group(1), match.group(2)
    if quotes[0] in "’'" and _apostrophe(match):
        return match.group(0)
    before = match.string[match.start() - 1 : match.start()]
    if before in (mark, "?", "!"):
        return quotes
    return mark + quotes


def _apostrophe(match: re.Match[str]) -> bool:
    """A ’ with no opening ‘ before it is an apostrophe (the Jameses’), not a quote."""
    return "‘" not in match.string[: match.start()]


def capitalise_first(text: str, output: str) -> str:
    """`text` with its first letter upper-cased (markup and escapes skipped)."""
    index = 0
    while index < len(text):
        char = text[index]
        if output == "html" and char == "<":
            close = text.find(">", index)
            if close < 0:
                break
            index = close + 1
            continue
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
        if char.isalnum():
            break
        index += 1
    return text


def plain_text(text: str, output: str) -> str:
    """The text without markup, for comparisons (escapes undone)."""
    if output == "html":
        from html import unescape

        return unescape(re.sub(r"<[^>]+>", "", text))
    if output == "markdown":
        return re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)[*^~]", "", text))
    return text


__all__ = [
    "OUTPUTS",
    "capitalise_first",
    "escape",
    "formatter_for",
    "plain_text",
    "punctuation_inside_quotes",
]
