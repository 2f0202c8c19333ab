"""Unicode to LaTeX and back, for the values of BibTeX fields.

`unicode_to_latex` writes text that BibTeX, biber and LaTeX all read back as the same
characters, and that always has balanced braces, counted the BibTeX way (escaped braces count):

* the LaTeX specials ``% & $ # _`` become ``\\% \\& \\$ \\# \\_``; a backslash, tilde and caret
  become ``{\\textbackslash}``, ``{\\textasciitilde}``, ``{\\textasciicircum}``;
* braces that pair up in the input become ``\\{`` and ``\\}``; a stray brace becomes
  ``{\\textbraceleft}`` or ``{\\textbraceright}``, so the written value stays balanced;
* accented Latin letters become accent macros in a brace group, the way BibTeX wants its
  "special characters": ő ``{\\H{o}}``, ű ``{\\H{u}}``, č ``{\\v{c}}``, ů ``{\\r{u}}``,
  ą ``{\\k{a}}``, ż ``{\\.z}``, é ``{\\'e}``, í ``{\\'\\i}``; letters of their own become
  ``{\\l}``, ``{\\o}``, ``{\\ss}``, ``{\\ae}``, ``{\\dh}``, ...;
* en and em dashes and curly double quotes become ``--``, ``---``, ````` and ``''``; a no-break
  space becomes ``~``;
* control characters (newlines, tabs, ...) and lone surrogates become ``{\\char N}``;
* everything else (Cyrillic such as ё, Greek, CJK, curly single quotes) stays as UTF-8, which
  biber and a UTF-8 LaTeX read as is. (``{\\cyryo}`` and friends would need the T2A encoding.)

`latex_to_unicode` reads such text back, plus what other tools write (``\\"{o}``, ``\\'\\i``,
``\\textendash``, ``$\\alpha$``, ``\\emph{...}``); macros it does not know itself are looked up
in pylatexenc's table. ``latex_to_unicode(unicode_to_latex(s)) == s`` for every string ``s``.

Titles: `unicode_to_latex(title, protect_case=True)` wraps each word that has a capital letter
in braces (``{Walls}``), so that BibTeX styles which lowercase titles keep the capitals; the
first word is left alone when only its first letter is a capital. A lower-case word that opens
the title, or follows ``. : ? !``, is braced too (``{the}``): pandoc capitalises it otherwise.
Reading removes every grouping brace, so the protection disappears again.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# fmt: off
# Combining mark -> accent macro. Symbol macros are written {\'e}, letter macros {\H{o}}.
_ACCENT_MACROS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0307": ".",
    "\u0308": '"', "\u0306": "u", "\u030a": "r", "\u030b": "H", "\u030c": "v", "\u0327": "c",
    "\u0328": "k", "\u0323": "d", "\u0331": "b",
}
# Letters with a macro of their own (written and read).
_LETTER_MACROS = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "å": "aa", "Å": "AA", "ı": "i", "ȷ": "j", "đ": "dj", "Đ": "DJ", "ð": "dh",
    "Ð": "DH", "þ": "th", "Þ": "TH", "ŋ": "ng", "Ŋ": "NG",
}
# Control words read as text (besides letters, accents and pylatexenc's table).
_WORD_TEXT = {macro: char for char, macro in _LETTER_MACROS.items()} | {
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textbraceleft": "{", "textbraceright": "}", "textendash": "–", "textemdash": "—",
    "textquotedblleft": "“", "textquotedblright": "”", "textquoteleft": "‘",
    "textquoteright": "’", "textunderscore": "_", "textdollar": "$", "textpercent": "%",
    "textampersand": "&", "textbar": "|", "textless": "<", "textgreater": ">",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "S": "§", "P": "¶", "copyright": "©",
    "dots": "…", "ldots": "…", "textellipsis": "…", "relax": "", "protect": "",
}
# Control symbols read as text (the accent symbols are handled separately).
_SYMBOL_TEXT = {
    "{": "{", "}": "}", "%": "%", "&": "&", "$": "$", "#": "#", "_": "_", " ": " ",
    "\\": " ", ",": "\u2009", "-": "", "/": "", "@": "",
}
_SIMPLE_ESCAPES = {
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_", "\\": "{\\textbackslash}",
    "~": "{\\textasciitilde}", "^": "{\\textasciicircum}", "\u00a0": "~", "–": "--",
    "—": "---", "“": "``", "”": "''",
}
# fmt: on
_MACRO_ACCENTS = {macro: mark for mark, macro in _ACCENT_MACROS.items()}
_MACRO_ACCENTS["t"] = "\u0361"  # tie: \t{oo}, read only
_LIGATURE_CHARS = "-`'"
_WHITESPACE = " \t\n\r"


def unicode_to_latex(text: str, *, protect_case: bool = False) -> str:
    """LaTeX for `text`, with balanced braces; `protect_case` braces words with capitals."""
    partners = _pair_braces(text)
    out: list[str] = []
    words = _protected_words(text) if protect_case else {}
    i = 0
    while i < len(text):
        end = words.get(i)
        if end is not None:
            inner = "".join(_encode_char(text, j, partners) for j in range(i, end))
            out.append("{" + inner + "}")
            i = end
            continue
        _append(out, _encode_char(text, i, partners))
        i += 1
    return "".join(out)


def _append(out: list[str], piece: str) -> None:
    last = out[-1][-1:] if out else ""
    if piece[:1] in _LIGATURE_CHARS and piece[:1] == last:
        out.append("{}")  # keep -- ``  '' from forming where the text has no such thing
    elif piece == " " and last == " ":
        out.append("{}")  # keep runs of spaces: the reader folds raw whitespace runs
    out.append(piece)


def _encode_char(text: str, index: int, partners: set[int]) -> str:
    char = text[index]
    if char in "{}":
        if index in partners:
            return "\\" + char
        return "{\\textbraceleft}" if char == "{" else "{\\textbraceright}"
    return _encode_single(char)


@functools.lru_cache(maxsize=4096)
def _encode_single(char: str) -> str:
    if char in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[char]
    code = ord(char)
    if unicodedata.category(char) in ("Cc", "Cs") or char in "\u2028\u2029":
        return f"{{\\char{code}}}"
    if code < 128:
        return char
    if char in _LETTER_MACROS:
        return f"{{\\{_LETTER_MACROS[char]}}}"
    candidate = _accented(char)
    if candidate is not None and latex_to_unicode(candidate) == char:
        return candidate
    return char


def _accented(char: str) -> str | None:
    """`{\\H{o}}` for ő, or None if `char` is not an ASCII letter with known accents."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or not ("a" <= base.lower() <= "z") or any(m not in _ACCENT_MACROS for m in marks):
        return None
    inner = "\\" + base if base in "ij" else base
    for mark in marks:
        macro = _ACCENT_MACROS[mark]
        bare = len(inner) == 1 or inner in ("\\i", "\\j")
        if macro.isalpha():
            inner = "\\" + macro + "{" + inner + "}"
        else:
            inner = "\\" + macro + (inner if bare else "{" + inner + "}")
    return "{" + inner + "}"


def _pair_braces(text: str) -> set[int]:
    """Indices of braces in `text` that have a partner (these are written as \\{ \\})."""
    stack: list[int] = []
    paired: set[int] = set()
    for i, char in enumerate(text):
        if char == "{":
            stack.append(i)
        elif char == "}" and stack:
            paired.update((stack.pop(), i))
    return paired


def _protected_words(text: str) -> dict[int, int]:
    """Start -> end of the words to brace-protect: words with a capital letter (the first word
    is left alone when only its first letter is a capital), and lower-case words that open
    the title or a sentence or subtitle in it (pandoc and some styles capitalise those)."""
    spans: dict[int, int] = {}
    first = True
    for match in _WORD.finditer(text):
        word = match.group()
        if any(c.isupper() for c in word):
            only_initial = not any(c.isupper() for c in word[1:])
            if not (first and only_initial):
                spans[match.start()] = match.end()
        elif word[:1].isalpha() and _OPENS.search(text[: match.start()]):
            spans[match.start()] = match.end()
        first = False
    return spans


_OPENS = re.compile(r"(?:^\W*|[.:?!]\s+\W*)$")
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


# --- reading -------------------------------------------------------------------------------


def latex_to_unicode(latex: str) -> str:
    """The text that a BibTeX value in LaTeX stands for; never raises."""
    return _Reader(latex, 0).read()


_MAX_ACCENT_NESTING = 20


class _Reader:
    """Reads LaTeX text; grouping braces vanish, so `{Walls}` and `Walls` read the same."""

    def __init__(self, text: str, nesting: int) -> None:
        self.text = text
        self.pos = 0
        self.nesting = nesting

    def read(self) -> str:
        out: list[str] = []
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in "{}":
                self.pos += 1
            elif char == "\\":
                out.append(self.control())
            elif char in _WHITESPACE:
                while self.pos < len(text) and text[self.pos] in _WHITESPACE:
                    self.pos += 1
                out.append(" ")
            elif char == "$":
                out.append(self.math())
            else:
                out.append(self.plain(char))
        return "".join(out)

    def plain(self, char: str) -> str:
        text = self.text
        run = 1
        if char in _LIGATURE_CHARS:
            while run < 3 and self.pos + run < len(text) and text[self.pos + run] == char:
                run += 1
        if char == "-":
            self.pos += run
            return {1: "-", 2: "–", 3: "—"}[run]
        if char in "`'" and run >= 2:
            self.pos += 2
            return "“" if char == "`" else "”"
        self.pos += 1
        return "\u00a0" if char == "~" else char

    def control(self) -> str:
        text = self.text
        self.pos += 1
        if self.pos >= len(text):
            return "\\"
        char = text[self.pos]
        if not (char.isascii() and char.isalpha()):
            self.pos += 1
            if char in _MACRO_ACCENTS:
                return self.accent(_MACRO_ACCENTS[char])
            return _SYMBOL_TEXT.get(char, char)
        start = self.pos
        while self.pos < len(text) and text[self.pos].isascii() and text[self.pos].isalpha():
            self.pos += 1
        name = text[start : self.pos]
        self.skip_spaces()
        if name in _MACRO_ACCENTS:
            return self.accent(_MACRO_ACCENTS[name])
        if name == "char":
            return self.char_code()
        if name in _WORD_TEXT:
            return _WORD_TEXT[name]
        return _pylatexenc_text(name)

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    def accent(self, mark: str) -> str:
        """The accented argument: `o` for `\\H o`, `{o}` for `\\H{o}`, `\\i` for `\\'\\i`."""
        self.skip_spaces()
        if self.pos >= len(self.text) or self.text[self.pos] == "}":
            return mark
        char = self.text[self.pos]
        if char == "{":
            end = _group_end(self.text, self.pos)
            inner = self.text[self.pos + 1 : end]
            self.pos = min(end + 1, len(self.text))
            if self.nesting >= _MAX_ACCENT_NESTING:
                base = inner
            else:
                base = _Reader(inner, self.nesting + 1).read()
        elif char == "\\":
            base = self.control()
        else:
            self.pos += 1
            base = char
        if not base:
            return mark
        first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])
        return unicodedata.normalize("NFC", first + mark) + base[1:]

    def char_code(self) -> str:
        match = _CHAR_CODE.match(self.text, self.pos)
        if not match:
            return ""
        self.pos = match.end()
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        self.skip_spaces()
        return chr(code) if code <= 0x10FFFF else ""

    def math(self) -> str:
        end = self.pos + 1
        while end < len(self.text) and self.text[end] != "$":
            end += 2 if self.text[end] == "\\" else 1
        if end >= len(self.text):
            self.pos += 1
            return "$"
        segment = self.text[self.pos : end + 1]
        self.pos = end + 1
        return _pylatexenc_math(segment)


_CHAR_CODE = re.compile(r'"([0-9A-Fa-f]{1,6})|([0-9]{1,7})')


def _group_end(text: str, start: int) -> int:
    """Index of the brace closing the group opened at `start` (or len(text))."""
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


@functools.lru_cache(maxsize=1024)
def _pylatexenc_text(name: str) -> str:
    """Text for a control word from pylatexenc's table, or "" (the macro is dropped)."""
    try:
        from pylatexenc.latex2text import get_default_latex_context_db

        spec = get_default_latex_context_db().get_macro_spec(name)
    except Exception:  # pylatexenc is an aid here, never a reason to fail
        return ""
    repl = getattr(spec, "simplify_repl", None) if spec is not None else None
    if isinstance(repl, str) and "%" not in repl:
        return repl
    return ""


def _pylatexenc_math(segment: str) -> str:
    try:
        from pylatexenc.latex2text import LatexNodes2Text

        return LatexNodes2Text(math_mode="text").latex_to_text(segment)
    except Exception:  # unreadable math is kept as written
        return segment


def is_balanced(latex: str, *, count_escaped: bool = True) -> bool:
    """Whether the braces in `latex` nest properly.

    BibTeX counts every brace, escaped or not (`count_escaped=True`); bibtexparser ignores
    braces right after a backslash (`count_escaped=False`).
    """
    depth = 0
    for i, char in enumerate(latex):
        if char in "{}" and (count_escaped or i == 0 or latex[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0
