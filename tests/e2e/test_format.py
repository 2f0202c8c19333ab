"""`footcite format`: notes and bibliography in a CSL style, as text, HTML, Markdown or JSON."""

from __future__ import annotations

import json

import pytest

from footcite.cli import main


def test_json_has_every_citing_note_and_the_bibliography(bekes_path, capsys):
    assert main(
        ["format", str(bekes_path), "--style", "chicago-notes-bibliography", "--format", "json"]
    ) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"notes", "bibliography"}
    assert all(set(n) == {"number", "text"} for n in data["notes"])
    numbers = [n["number"] for n in data["notes"]]
    assert numbers == sorted(numbers) and 21 in numbers and 8 not in numbers  # 8 cites nothing
    malin = {n["number"]: n["text"] for n in data["notes"]}[21]
    assert malin == "Kramer, “The ‘Malin Notes’ on the Crises in Hungary and Poland, 1956,” 389."
    bib = data["bibliography"]
    first = [
        next(k for k, e in enumerate(bib) if e.startswith(a)) for a in ("Békés", "Borhi", "Zubok")
    ]
    assert first == sorted(first)  # Békés sorts with B, before Borhi, not after Zubok
    assert not any("393" in e for e in bib if "Malin" in e)  # no locator of a note


def test_ibid_style(bekes_path, capsys, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(
        "1 Gaddis, John Lewis: We Now Know. New York, 1997. p. 12.\n"
        "2 Ibid., p. 12.\n"
        "3 Ibid., p. 14.\n",
        encoding="utf-8",
    )
    style = "chicago-notes-bibliography-subsequent-ibid"
    assert main(["format", str(notes), "--style", style, "--format", "json"]) in (0, 1)
    texts = [n["text"] for n in json.loads(capsys.readouterr().out)["notes"]]
    assert texts[1:] == ["Ibid.", "Ibid., 14."]


@pytest.mark.parametrize(("fmt", "mark"), [("html", "<i>"), ("markdown", "*"), ("text", "")])
def test_outputs(bekes_path, capsys, fmt, mark):
    assert main(["format", str(bekes_path), "--format", fmt]) in (0, 1)
    out = capsys.readouterr().out
    assert "3. William H. Hyland, " in out
    assert mark in out


def test_house_style_by_name(bekes_path, capsys):
    assert main(["format", str(bekes_path), "--style", "footcite-central-european-notes"]) in (0, 1)
    out = capsys.readouterr().out
    assert (
        "3. William H. Hyland: The Cold War. Fifty Years of Conflict. Times Books, 1990, p. 59."
        in out
    )
