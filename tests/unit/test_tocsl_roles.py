"""Role words ("ed.", "szerk.", "Hrsg.") leave the name spans; the names themselves stay whole."""

from __future__ import annotations

import pytest

from footcite.parse.tagger import Tagged
from footcite.parse.tocsl import to_csl


def _editor(raw: str) -> list[dict[str, str]]:
    text = f"{raw} A Title. Budapest, 1999."
    spans = [Tagged("editor", 0, len(raw), 1.0), Tagged("title", len(raw) + 1, len(raw) + 9, 1.0)]
    return to_csl(text, 0, spans).fields["editor"]


@pytest.mark.parametrize(
    ("raw", "family", "given"),
    [
        ("Kinsey, Alfred (ed.):", "Kinsey", "Alfred"),  # "red" ends the given name
        ("Smith, Mildred, ed.,", "Smith", "Mildred"),
        ("Redford, Hans, eds.", "Redford", "Hans"),
        ("Baráth Magdolna (szerk.):", "Baráth", "Magdolna"),
        ("Ed. Jane Byford,", "Byford", "Jane"),  # "ford" (Hungarian "translated") ends it
        ("Smith, Alfred", "Smith", "Alfred"),
        ("Mildred Oxford", "Oxford", "Mildred"),
    ],
)
def test_role_words_go_and_names_stay_whole(raw: str, family: str, given: str) -> None:
    assert _editor(raw)[0] == {"family": family, "given": given}
