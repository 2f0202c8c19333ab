"""`footcite.convert`: the body keeps every word when a call marker is not where it says."""

from __future__ import annotations

from footcite.convert import to_markdown
from footcite.model import Document, Note, NoteCall, Result

BODY = "The head of the Stalin statue rolls away.\nThe West did not help Hungary.1 Nobody came."
ONE = BODY.index("1 Nobody")


def test_a_call_whose_marker_is_elsewhere_cuts_no_body_text():
    # a caption-like "note" whose marker ("Photo") is not at its offset (found in a web page)
    calls = (NoteCall("", 0, "Photo"), NoteCall("", ONE, "1"))
    notes = tuple(
        Note(number, f"Note {number}.", call=call) for number, call in enumerate(calls, 1)
    )
    manuscript = to_markdown(Result((Document("paper.txt", BODY, notes),), ()))
    body = manuscript.markdown.split("\n\n[^1]:")[0]
    assert body.startswith("[^1]The head of the Stalin statue")
    assert "help Hungary.[^2] Nobody came." in body  # a real marker is still replaced
    assert getattr(manuscript, "misplaced", None) == (1,)  # and the command warns about it
