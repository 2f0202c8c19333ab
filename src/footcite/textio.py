"""Safe reading of input files into `SourceText`.

Everything footcite parses passes through here, so this is where hostile input stops:

* files that are missing, empty, too large, not regular files or binary raise `InputError`
  with a message a user can act on (a PDF or a Word file is named as such);
* a file that is not UTF-8 is decoded line by line, and the lines that are not UTF-8 are read
  in the legacy code page their letters fit best (Windows-1250/1252, Latin-2, Windows-1251),
  so a file that mixes encodings keeps every line;
* mojibake (UTF-8 read as Latin-1 or Windows-1250: `BĂ©kĂ©s`, `Ã©`) is repaired with ftfy, and
  the Hungarian habit of typing ő/ű as ô/û (or õ, the Latin-2 byte read as Latin-1) is repaired
  where the words around are Hungarian;
* NUL bytes and other control characters are removed, line ends unified, the text put in NFC;
* for a paper (not a bibliography file, whose lines are data), `prepare_for_parsing` also breaks
  lines longer than `MAX_LINE_CHARS` at a space and shortens long runs of spaces, so that the
  regular expressions of the extract and parse stages always work on bounded lines.

Nothing is changed silently: every repair is a `Diagnostic` saying what was changed and where.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import attrs
import ftfy

from footcite import diagnostics as diag
from footcite.diagnostics import InputError
from footcite.model import SourceText

MAX_BYTES = 20 * 1024 * 1024
"""Inputs above this are refused: a footnoted paper is kilobytes, a book a few megabytes."""

MAX_LINE_CHARS = 5_000
"""Longer lines are broken at a space. Text extracted from a PDF has lines of under 300
characters and a paragraph-per-line file rarely passes 3,000; the bound keeps every regular
expression of the extract and parse stages working on short strings (see benchmarks/redos.py)."""

MAX_SPACE_RUN = 32
"""Longer runs of spaces and tabs are shortened to this. They are layout (columns of
`pdftotext -layout`), never data, and a run of thousands of spaces makes every `\\s*` of a
later regular expression rescan it from each position."""

_SHOWN = 5
"""How many examples a diagnostic quotes before it says "and N more"."""

# --- binary sniffing -------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file: extract its text first (for example `pdftotext -layout FILE`)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub file?): save it as plain text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc): save it as text"),
    (b"{\\rtf", "an RTF document: save it as plain text first"),
    (b"\x7fELF", "a program (ELF), not text"),
    (b"MZ", "a Windows program, not text"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"BZh", "a bzip2 archive: unpack it first"),
    (b"\xfd7zXZ\x00", "an xz archive: unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it first"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# C0 controls that are not layout (tab, line feed, form feed, carriage return), and DEL
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
_BINARY_SHARE = 0.10
"""More control bytes than this share (in the whole file or its first 8 KiB) means binary."""


def _magic(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        # "MZ" and "BZh" also start ordinary words: short magic needs control bytes after it
        if data.startswith(magic) and (len(magic) >= 4 or _control_share(data[:512]) > 0.05):
            return what
    return None


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: in Latin-script text every other byte is NUL."""
    head = data[:4096]
    if len(head) < 16:
        return None
    pairs = len(head) // 2
    even = sum(1 for i in range(0, pairs * 2, 2) if head[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if head[i] == 0)
    if odd > 0.6 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.6 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


# --- legacy code pages ---------------------------------------------------------------------

_CODECS = ("cp1250", "cp1252", "iso-8859-2", "cp1251")
_CODEC_NAMES = {
    "cp1250": "Windows-1250 (Central European)",
    "cp1252": "Windows-1252 (Western European)",
    "iso-8859-2": "ISO-8859-2 (Latin-2)",
    "cp1251": "Windows-1251 (Cyrillic)",
}
# How often the letters beyond ASCII occur in the languages footcite's papers are written or
# cite in (rough shares of all letters, from published letter-frequency tables). A decoding is
# scored by how likely its letters are in the one language that explains them best: the
# Windows-1250 reading of French "père" is "pčre", whose č a Slovak text could hold, but not
# next to French's many é.
_LETTER_FREQUENCIES = {
    "hu": "á3.4 é3.9 í.6 ó1 ö1 ő.9 ú.3 ü.6 ű.1",
    "cs": "á2.2 č.5 ď.02 é1.2 ě1.2 í3.3 ň.08 ó.03 ř1.2 š.7 ť.04 ú.1 ů.2 ý1 ž1",
    "sk": "á2 ä.1 č.9 ď.1 é.8 í1.6 ĺ.01 ľ.3 ň.1 ó.2 ô.2 ŕ.01 š.8 ť.4 ú.8 ý1.5 ž.8",
    "pl": "ą1 ć.4 ę1.1 ł1.8 ń.2 ó.8 ś.7 ź.06 ż.8",
    "sh": "č1.1 ć1 đ.3 š1 ž.7",
    "ro": "ă4 â.7 î1.4 ș1.2 ş1.2 ț1 ţ1",
    "de": "ä.6 ö.3 ü.7 ß.3",
    "fr": "à.5 â.03 æ.001 ç.1 é1.9 è.3 ê.2 ë.01 î.005 ï.005 ô.02 œ.01 ù.06 û.06 ü.001 ÿ.0001",
    "es": "á.5 é.4 í.7 ñ.3 ó.8 ú.2 ü.02",
    "pt": "à.07 á.1 â.6 ã.7 ç.5 é.3 ê.45 í.13 ó.3 ô.6 õ.04 ú.2",
    "it": "à.6 è.3 é.2 ì.6 í.01 î.01 ò.1 ó.01 ù.2 ú.01",
    "nordic": "å1 æ.9 ø.9 ä1.8 ö1.3 é.05 ü.01 ð.5 þ.2 á.2 í.1 ó.1 ú.1 ý.05",
    "cyrillic": " ".join(f"{ch}3" for ch in "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџѓќѕ"),
}


def _log_shares(table: str) -> dict[str, float]:
    pairs = [(item[0], float(item[1:])) for item in table.split()]
    total = sum(share for _, share in pairs)
    return {ch: math.log(share / total) for ch, share in pairs}


_LOG_SHARES = {lang: _log_shares(table) for lang, table in _LETTER_FREQUENCIES.items()}
_UNKNOWN_LETTER = math.log(1e-4)
_ODD_CHAR = math.log(1e-3)
_BAD_CHAR = math.log(1e-6)
_NEUTRAL = set("“”„‘’‚«»‹›–—…•·°§©®™€£¥¢\xa0\xad¡¿×÷±µ¶†‡‰")


def _plausibility(text: str) -> float:
    """Mean log-likelihood of the characters beyond ASCII of `text` (the non-UTF-8 part of a
    file) under the language that explains its letters best."""
    counts = Counter(ch for ch in text if ord(ch) > 127)
    total = sum(counts.values())
    if not total:
        return 0.0
    letters: Counter[str] = Counter()
    penalty = 0.0
    for ch, n in counts.items():
        if ch == "\ufffd" or 0x80 <= ord(ch) <= 0x9F:
            penalty += n * _BAD_CHAR
        elif ch.isalpha():
            letters[ch.lower()] += n
        elif ch not in _NEUTRAL:
            penalty += n * _ODD_CHAR
    best = 0.0
    if letters:
        best = max(
            sum(n * shares.get(ch, _UNKNOWN_LETTER) for ch, n in letters.items())
            for shares in _LOG_SHARES.values()
        )
    return (best + penalty) / total


def _best_codec(raw_lines: Iterable[bytes]) -> str:
    """The legacy code page whose decoding of these lines reads most like one language."""
    sample = b"\n".join(raw_lines)[: 256 * 1024]
    best, best_score = _CODECS[0], float("-inf")
    for codec in _CODECS:
        score = _plausibility(sample.decode(codec, errors="replace"))
        if score > best_score + 1e-9:
            best, best_score = codec, score
    return best


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_SHOWN])
    return shown + (f" and {len(numbers) - _SHOWN} more" if len(numbers) > _SHOWN else "")


def _decode(data: bytes, name: str) -> tuple[str, str, list[diag.Diagnostic]]:
    """Text from bytes: BOM, then UTF-8, then line by line with the best legacy code page."""
    notes: list[diag.Diagnostic] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, errors="replace")
            bad = text.count("\ufffd")
            if bad:
                message = f"{bad} byte sequence(s) are not valid {codec}; replaced by U+FFFD"
                notes.append(diag.error("input-encoding", message, name))
            return text, codec, notes
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace")
        message = f"read as {utf16.upper()} without a byte order mark (save it as UTF-8)"
        notes.append(diag.warning("input-encoding", message, name))
        return text, utf16, notes
    raw_lines = data.split(b"\n")
    decoded: list[str | None] = []
    bad_lines: list[int] = []
    utf8_non_ascii = 0
    for number, raw in enumerate(raw_lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            bad_lines.append(number)
            continue
        decoded.append(line)
        if not raw.isascii():
            utf8_non_ascii += 1
    codec = _best_codec(raw_lines[n - 1] for n in bad_lines)
    undefined = 0
    for number in bad_lines:
        line = raw_lines[number - 1].decode(codec, errors="replace")
        undefined += line.count("\ufffd")
        decoded[number - 1] = line
    text = "\n".join(line or "" for line in decoded)
    label = _CODEC_NAMES[codec]
    if utf8_non_ascii:
        message = (
            f"mixed encodings: line(s) {_numbers(bad_lines)} are not UTF-8 and were read as "
            f"{label}, judged from their letters; the other lines are UTF-8"
        )
        notes.append(diag.warning("input-mixed-encoding", message, name))
        encoding = f"utf-8+{codec}"
    else:
        message = f"not UTF-8; read as {label}, judged from its letters (save it as UTF-8)"
        notes.append(diag.warning("input-encoding", message, name))
        encoding = codec
    if undefined:
        message = f"{undefined} byte(s) undefined in {label} were replaced by U+FFFD"
        notes.append(diag.error("input-encoding", message, name))
    return text, encoding, notes


# --- repairs of decoded text -----------------------------------------------------------------

_CRLF = re.compile(r"\r\n?")
_OTHER_BREAKS = re.compile(r"[\u2028\u2029\x85]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_C0 = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")
_SPACE_RUN = re.compile(rf"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]{{{MAX_SPACE_RUN + 1},}}")
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\S+")


def _changed_words(before: str, after: str) -> list[tuple[str, str]]:
    """Up to `_SHOWN` (old, new) word pairs where a repair changed the text."""
    if before.count("\n") != after.count("\n"):
        return []
    pairs: list[tuple[str, str]] = []
    for old_line, new_line in zip(before.split("\n"), after.split("\n"), strict=True):
        if old_line == new_line:
            continue
        old, new = _TOKEN.findall(old_line), _TOKEN.findall(new_line)
        if len(old) != len(new):
            pairs.append((old_line.strip()[:60], new_line.strip()[:60]))
        else:
            pairs.extend((a, b) for a, b in zip(old, new, strict=True) if a != b)
        if len(pairs) >= _SHOWN:
            break
    return pairs[:_SHOWN]


def _quote_pairs(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{a!r} → {b!r}" for a, b in pairs)


_FTFY_OPTIONS = {
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "normalization": "NFC",
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "remove_control_chars": False,
    "explain": False,
}
_C1 = re.compile(r"[\x80-\x9f]")


def _suspect(line: str) -> bool:
    """Lines ftfy could change: mojibake-like sequences and C1 controls."""
    return not line.isascii() and (bool(_C1.search(line)) or ftfy.badness.is_bad(line))


def _fix_mojibake(text: str, name: str) -> tuple[str, list[diag.Diagnostic]]:
    """ftfy's repair of UTF-8 read in a single-byte code page; the text's own quotes are kept.

    ftfy costs some 40 microseconds a line, so only the lines it could change are given to it
    (a clean 20 MB file would otherwise take ten seconds).
    """
    if text.isascii():
        return text, []
    lines = text.split("\n")
    suspects = [i for i, line in enumerate(lines) if _suspect(line)]
    if not suspects:
        return text, []
    pairs: list[tuple[str, str]] = []
    how = ""
    for i in suspects:
        before = lines[i]
        after = ftfy.fix_text(before, **_FTFY_OPTIONS)
        if after == before or "\n" in after:
            continue
        lines[i] = after
        if len(pairs) < _SHOWN:
            pairs.extend(_changed_words(before, after)[: _SHOWN - len(pairs)])
        if not how:
            explained = ftfy.fix_and_explain(before).explanation or []
            codecs = [arg for step, arg in explained if step == "encode"]
            if codecs:
                how = f" (UTF-8 that had been read as {codecs[0]})"
    fixed = "\n".join(lines)
    if fixed == text:
        return text, []
    shown = f": {_quote_pairs(pairs)}" if pairs else ""
    message = f"repaired mis-decoded characters{how}{shown}"
    return fixed, [diag.warning("input-mojibake", message, name)]


# Hungarian has ő/ű, but texts typed with a Latin-1 font show ô/û, and a Latin-2 file read as
# Latin-1 shows õ. Neither ô nor õ is a Hungarian letter, so in Hungarian words they are ő.
_HU_WRONG = str.maketrans({"ô": "ő", "õ": "ő", "û": "ű", "Ô": "Ő", "Õ": "Ő", "Û": "Ű"})
_HU_WRONG_LETTER = re.compile("[ôõûÔÕÛ]")
_HU_LETTERS = set("abcdefghijklmnopqrstuvwxyzáéíóöőúüűôõû")
_HU_WORDS = frozenset(
    """az és egy hogy nem volt mint csak már szerint között után alatt című kiadó évek évben
    évi magyar valamint illetve vagy sem ahol amely amelyek mert pedig tehát kötet szerk
    budapest forradalom története kapcsolatok""".split()  # noqa: SIM905
)
# a ô/û near these words is French, Slovak or Portuguese, where it is a letter of its own
_NOT_HU_WORDS = frozenset(
    """le la les des du une dans pour avec est aux et sur qui que au sa je pre ako pri alebo aj
    do da os das dos não em com uma para""".split()  # noqa: SIM905
)
_HU_WINDOW = 200


def _hungarian_context(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - _HU_WINDOW) : end + _HU_WINDOW].lower()
    words = _WORD.findall(around)
    if any(w in _NOT_HU_WORDS for w in words):
        return False
    function_words = sum(1 for w in words if w in _HU_WORDS)
    umlauts = sum(1 for w in words if any(ch in w for ch in "öüőű"))
    return function_words >= 1 or umlauts >= 2


def _word_around(text: str, at: int) -> tuple[int, int]:
    start = at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = at + 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _fix_hungarian(text: str, name: str) -> tuple[str, list[diag.Diagnostic]]:
    """ô/õ/û → ő/ű in Hungarian words, reported word by word."""
    if not any(ch in text for ch in "ôõûÔÕÛ"):
        return text, []
    changed: Counter[tuple[str, str]] = Counter()
    pieces: list[str] = []
    done = 0
    for match in _HU_WRONG_LETTER.finditer(text):
        if match.start() < done:
            continue  # a second wrong letter of a word already handled
        start, end = _word_around(text, match.start())
        word = text[start:end]
        if set(word.lower()) <= _HU_LETTERS and _hungarian_context(text, start, end):
            fixed = word.translate(_HU_WRONG)
            changed[(word, fixed)] += 1
            pieces.append(text[done:start])
            pieces.append(fixed)
            done = end
    if not changed:
        return text, []
    pieces.append(text[done:])
    shown = ", ".join(f"{a!r} → {b!r} ({n}×)" for (a, b), n in changed.most_common(_SHOWN))
    more = f" and {len(changed) - _SHOWN} more word(s)" if len(changed) > _SHOWN else ""
    message = f"Hungarian ő/ű typed as ô/õ/û (a Latin-1 font) repaired: {shown}{more}"
    return "".join(pieces), [diag.warning("input-hungarian-accents", message, name)]


_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def _line_numbers(text: str, positions: list[int]) -> list[int]:
    """The distinct line numbers of sorted offsets, counting each line feed once."""
    numbers: list[int] = []
    line, last = 1, 0
    for at in positions:
        line += text.count("\n", last, at)
        last = at
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


def _remove_controls(
    text: str, name: str, controls: re.Pattern[str] = _C0
) -> tuple[str, list[diag.Diagnostic]]:
    """Terminal escape sequences, NUL and other control characters mean nothing in a paper
    (and could rewrite a terminal showing it); they are removed."""
    notes: list[diag.Diagnostic] = []
    escapes = [m.start() for m in _ESCAPES.finditer(text)] if controls is _C0 else []
    if escapes:
        lines = _line_numbers(text, escapes)
        message = f"removed {len(escapes)} terminal escape sequence(s) on line(s) {_numbers(lines)}"
        notes.append(diag.warning("input-escapes", message, name))
        text = _ESCAPES.sub("", text)
    found = controls.findall(text)
    if not found:
        return text, notes
    lines = _line_numbers(text, [m.start() for m in controls.finditer(text)])
    kinds = ", ".join(f"U+{ord(c):04X}×{n}" for c, n in Counter(found).most_common(_SHOWN))
    message = f"removed {len(found)} control character(s) ({kinds}) on line(s) {_numbers(lines)}"
    notes.append(diag.warning("input-control-chars", message, name))
    return controls.sub("", text), notes


def _break_point(line: str, limit: int) -> int:
    """Where to break an overlong line: the last space in its second half that is not after a
    hyphen nor before a digit (a digit at a line start could be taken for a note number)."""
    for i in range(limit, limit // 2, -1):
        if line[i - 1].isspace() and i < len(line):
            before = line[i - 2] if i >= 2 else ""
            if before != "-" and not line[i].isdigit() and not line[i].isspace():
                return i
    for i in range(limit, limit // 2, -1):
        if not line[i].isdigit() and not line[i - 1].isspace():
            return i
    return limit


def bound_lines(text: str, limit: int = MAX_LINE_CHARS) -> tuple[str, list[int]]:
    """Break every line longer than `limit` into lines of at most `limit` characters.

    Notes and the body are folded back into running text later, so a break at a space changes
    nothing a user sees; a line with no space to break at is cut (the cut adds one space).
    Returns the text and the numbers of the lines that were broken.
    """
    if all(len(line) <= limit for line in text.split("\n")):
        return text, []
    out: list[str] = []
    broken: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) <= limit:
            out.append(line)
            continue
        broken.append(number)
        while len(line) > limit:
            cut = _break_point(line, limit)
            out.append(line[:cut].rstrip() if line[cut - 1].isspace() else line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out), broken


def normalise_text(text: str, name: str = "<text>") -> SourceText:
    """Normalise text already in memory: line ends, mojibake, control characters, Hungarian
    accents, NFC. Every change is reported in the diagnostics.

    This is safe for any text file, a bibliography (CSL-JSON, BibTeX, RIS) included: it never
    adds a line break. What only a paper needs comes in `prepare_for_parsing`.
    """
    notes: list[diag.Diagnostic] = []
    text = _CRLF.sub("\n", text)
    if _SURROGATES.search(text):  # only text handed over in memory can hold them
        count = len(_SURROGATES.findall(text))
        text = _SURROGATES.sub("\ufffd", text)
        message = f"{count} lone surrogate code point(s) replaced by U+FFFD"
        notes.append(diag.error("input-surrogates", message, name))
    text = unicodedata.normalize("NFC", text)
    # C0 controls go before the mojibake repair (they hide sequences from it), C1 controls
    # after it: they are what ftfy reads the right letters from
    text, found = _remove_controls(text, name)
    notes.extend(found)
    text, found = _fix_mojibake(text, name)
    notes.extend(found)
    text, found = _remove_controls(text, name, _C1_CONTROLS)
    notes.extend(found)
    if found:  # what stood between the C1 characters may be mojibake now
        text, found = _fix_mojibake(text, name)
        notes.extend(found)
    text, found = _fix_hungarian(text, name)
    notes.extend(found)
    text = unicodedata.normalize("NFC", text)
    return SourceText(name=name, text=text, diagnostics=tuple(notes))


def prepare_for_parsing(source: SourceText) -> SourceText:
    """The text of a paper bounded for the regular expressions of the extract and parse
    stages: Unicode line separators become line feeds, runs of more than `MAX_SPACE_RUN`
    spaces are shortened and lines longer than `MAX_LINE_CHARS` are broken at spaces. Notes
    and body are folded into running text afterwards, so none of this changes what a user sees
    (and each change is reported)."""
    name = source.name
    notes: list[diag.Diagnostic] = []
    text = _OTHER_BREAKS.sub("\n", source.text)
    runs = len(_SPACE_RUN.findall(text))
    if runs:
        text = _SPACE_RUN.sub(lambda m: m.group(0)[:MAX_SPACE_RUN], text)
        message = f"{runs} run(s) of more than {MAX_SPACE_RUN} spaces were shortened (layout only)"
        notes.append(diag.info("input-space-runs", message, name))
    text, broken = bound_lines(text)
    if broken:
        message = (
            f"line(s) {_numbers(broken)} are longer than {MAX_LINE_CHARS:,} characters and "
            "were broken, at spaces where there are any (a paper's lines are far shorter; "
            "is this really text?)"
        )
        notes.append(diag.warning("input-long-line", message, name))
    if text == source.text:
        return source
    return attrs.evolve(source, text=text, diagnostics=(*source.diagnostics, *notes))


def _read_bounded(p: Path, name: str, max_bytes: int) -> bytes:
    """At most `max_bytes` + 1 bytes: enough to know a file is too large without reading it
    all (a FIFO or a device has no size to check beforehand)."""
    try:
        with p.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc


def _too_large(name: str, size: int | None, max_bytes: int) -> InputError:
    shown = f"{size / 2**20:.1f} MiB, " if size is not None else ""
    return InputError(
        f"{name}: the file is too large ({shown}more than the {max_bytes / 2**20:g} MiB limit "
        "for one document); split it into parts"
    )


def decode_bytes(data: bytes, name: str = "<bytes>", *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Bytes of a text file into `SourceText`, or `InputError` saying why they are not text."""
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if not data:
        raise InputError(f"{name}: the file is empty")
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        what = _magic(data)
        if what is not None:
            raise InputError(f"{name}: looks like a binary file, not text: {what}")
        if _utf16_without_bom(data) is None and (
            _control_share(data[:8192]) > _BINARY_SHARE or _control_share(data) > _BINARY_SHARE
        ):
            raise InputError(
                f"{name}: looks like a binary file, not text (convert it to .txt first)"
            )
    text, encoding, notes = _decode(data, name)
    if not text.strip("\x00 \t\n\r\f\v\ufeff"):
        raise InputError(f"{name}: the file holds no text (only white space)")
    source = normalise_text(text, name)
    return SourceText(
        name=name,
        text=source.text,
        encoding=encoding,
        diagnostics=(*notes, *source.diagnostics),
    )


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read a text file for parsing, or raise `InputError` saying why it cannot be."""
    p = Path(path)
    name = str(path)
    try:
        if not p.exists():
            raise InputError(f"{name}: no such file")
        if p.is_dir():
            raise InputError(f"{name}: is a folder, not a text file")
        size = p.stat().st_size
    except OSError as exc:  # a name too long, a permission denied on the folder
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    regular = p.is_file()
    if regular and size == 0:
        raise InputError(f"{name}: the file is empty")
    if regular and size > max_bytes:
        raise _too_large(name, size, max_bytes)
    data = _read_bounded(p, name, max_bytes)
    if len(data) > max_bytes:
        raise _too_large(name, None, max_bytes)
    return decode_bytes(data, name, max_bytes=max_bytes)
