"""Unicode <-> LaTeX for BibTeX values: letters, specials, brace balance, title protection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcite.formats.latex import is_balanced, latex_to_unicode, unicode_to_latex

ENCODED = [
    ("ő", r"{\H{o}}"),
    ("ű", r"{\H{u}}"),
    ("Ő", r"{\H{O}}"),
    ("Ű", r"{\H{U}}"),
    ("č", r"{\v{c}}"),
    ("ř", r"{\v{r}}"),
    ("š", r"{\v{s}}"),
    ("ž", r"{\v{z}}"),
    ("ě", r"{\v{e}}"),
    ("ů", r"{\r{u}}"),
    ("ł", r"{\l}"),
    ("Ł", r"{\L}"),
    ("ą", r"{\k{a}}"),
    ("ę", r"{\k{e}}"),
    ("ż", r"{\.z}"),
    ("ś", r"{\'s}"),
    ("é", r"{\'e}"),
    ("í", r"{\'\i}"),
    ("ö", r"{\"o}"),
    ("ç", r"{\c{c}}"),
    ("ß", r"{\ss}"),
    ("ø", r"{\o}"),
    ("ǘ", r"{\'{\"u}}"),
    ("ё", "ё"),
    ("Ё", "Ё"),
    ("Москва", "Москва"),
    ("%", r"\%"),
    ("&", r"\&"),
    ("$", r"\$"),
    ("#", r"\#"),
    ("_", r"\_"),
    ("~", r"{\textasciitilde}"),
    ("^", r"{\textasciicircum}"),
    ("\\", r"{\textbackslash}"),
    ("{x}", r"\{x\}"),
    ("{", r"{\textbraceleft}"),
    ("}", r"{\textbraceright}"),
    ("a\u00a0b", "a~b"),
    ("1956–1989", "1956--1989"),
    ("a — b", "a --- b"),
    ("“Cold War”", "``Cold War''"),
    ("a--b", "a-{}-b"),
    ("a  b", "a {} b"),
    ("a\nb", r"a{\char10}b"),
]

HUNGARIAN = [
    ("Békés Csaba", r"B{\'e}k{\'e}s Csaba"),
    ("Rákosi Mátyás", r"R{\'a}kosi M{\'a}ty{\'a}s"),
    ("Győr", r"Gy{\H{o}}r"),
    ("Műszaki Könyvkiadó", r"M{\H{u}}szaki K{\"o}nyvkiad{\'o}"),
    ("Dvořák", r"Dvo{\v{r}}{\'a}k"),
    ("Łódź", r"{\L}{\'o}d{\'z}"),
    ("Wałęsa", r"Wa{\l}{\k{e}}sa"),
]

DECODED = [
    (r"\"{o}", "ö"),
    (r"{\"o}", "ö"),
    (r"\H{o}", "ő"),
    (r"\H o", "ő"),
    (r"{\H{U}}", "Ű"),
    (r"\'{\i}", "í"),
    (r"\'\i", "í"),
    (r"\v{S}koda", "Škoda"),
    (r"\v S", "Š"),
    (r"{\l}{\'o}d{\'z}", "łódź"),
    (r"\L{}\'od\'z", "Łódź"),
    (r"\k{a}", "ą"),
    (r"\.{z}", "ż"),
    (r"\r{u}", "ů"),
    (r"\cyryo", "ё"),
    (r"\textendash", "–"),
    ("12--15", "12–15"),
    ("a---b", "a—b"),
    ("``Cold War''", "“Cold War”"),
    ("a~b", "a\u00a0b"),
    (r"\emph{Walls}", "Walls"),
    (r"\textit{Of} {Walls}", "Of Walls"),
    (r"$\alpha$-rays", "α-rays"),
    (r"50\% \& more", "50% & more"),
    ("{{NATO}}", "NATO"),
    ("Title\n   continued", "Title continued"),
    ("stray } brace", "stray  brace"),
    ("\\", "\\"),
]

TITLES = [
    (
        "Of Walls and Bridges: The United States and Eastern Europe",
        "Of {Walls} and {Bridges}: {The} {United} {States} and {Eastern} {Europe}",
    ),
    ("Cold War", "Cold {War}"),
    ("NATO and the Warsaw Pact", "{NATO} and the {Warsaw} {Pact}"),
    ("the origins of the Cold War", "{the} origins of the {Cold} {War}"),
    ("Őrség and Győr", r"{\H{O}}rs{\'e}g and {Gy{\H{o}}r}"),
    ("Az 1956-os forradalom", "Az 1956-os forradalom"),
    ("McCarthy", "{McCarthy}"),
]


@pytest.mark.parametrize(("text", "latex"), ENCODED + HUNGARIAN)
def test_encode(text, latex):
    assert unicode_to_latex(text) == latex
    assert latex_to_unicode(latex) == text


@pytest.mark.parametrize(("latex", "text"), DECODED)
def test_decode_what_other_tools_write(latex, text):
    assert latex_to_unicode(latex) == text


@pytest.mark.parametrize(("title", "latex"), TITLES)
def test_title_capitals_are_brace_protected_and_unprotected_on_read(title, latex):
    assert unicode_to_latex(title, protect_case=True) == latex
    assert latex_to_unicode(latex) == title


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "}}}",
        "}{",
        "{{x}",
        "a\\",
        "\\{",
        "\\}",
        "%}{%",
        "\\textbf{",
        "x\u0301\u030b",
        "\u0000\u0007\u001f\u007f\u0085",
        "\ud800",
        "e\u0301 é",
        "ı\u0301",
        "---",
        "--–",
        "``''",
        "'''",
        "  ",
        " lead and trail ",
        "\t\r\n",
        "\u2028\u2029",
        "Å",
        "İstanbul",
    ],
)
def test_hard_strings_round_trip_and_stay_balanced(text):
    for protect in (False, True):
        latex = unicode_to_latex(text, protect_case=protect)
        assert latex_to_unicode(latex) == text
        assert is_balanced(latex)
        assert is_balanced(latex, count_escaped=False)


def test_stray_braces_are_not_written_as_escaped_braces():
    latex = unicode_to_latex("a { b")
    assert "\\{" not in latex
    assert latex.count("{") == latex.count("}")


@pytest.mark.parametrize(
    ("latex", "balanced", "bibtexparser_balanced"),
    [("{a}", True, True), ("{a", False, False), (r"\{a", False, True), (r"a}\{", False, False)],
)
def test_is_balanced(latex, balanced, bibtexparser_balanced):
    assert is_balanced(latex) is balanced
    assert is_balanced(latex, count_escaped=False) is bibtexparser_balanced


TEXT = st.text(alphabet=st.characters(codec=None), max_size=60) | st.text(
    alphabet="{}\\%$&#_~^ -`'\"őűŐŰčřšžěůłążёÉ\u0301\u030b\u00a0\n\t", max_size=40
)


@settings(deadline=None)
@given(TEXT, st.booleans())
def test_decode_encode_is_identity(text, protect):
    latex = unicode_to_latex(text, protect_case=protect)
    assert latex_to_unicode(latex) == text
    assert is_balanced(latex)
    assert is_balanced(latex, count_escaped=False)


@settings(deadline=None)
@given(st.text(alphabet="{}\\$%~-`'ab Hv\"^", max_size=60) | st.text(max_size=60))
def test_decode_never_fails(latex):
    assert isinstance(latex_to_unicode(latex), str)


def test_deep_nesting_is_read_without_recursion_errors():
    assert latex_to_unicode("{" * 5000 + "x" + "}" * 5000) == "x"
    assert latex_to_unicode("\\'{" * 2 + "e" + "}" * 2) == "é\u0301"
    assert isinstance(latex_to_unicode("\\'{" * 500 + "e" + "}" * 500), str)
