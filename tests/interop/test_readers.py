"""footcite's files as real readers read them: the CSL-JSON schema, pandoc, biber, round trips.

Each test that needs a reader skips with the reason when it is not installed (`.ci/run`
installs pandoc and biber from Debian). The works are the reference set of
tests/interop/data (every kind of work, archival ones included, Hungarian and Slavic letters)
plus one with every LaTeX special character.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from footcite.formats import csljson
from footcite.formats.bibtex import read_bibtex, write_bibtex
from footcite.formats.citekeys import assign_keys
from footcite.formats.common import canonical
from footcite.formats.ris import read_ris, write_ris
from footcite.formats.styles import resolve_style
from tests.interop.compare import load

SPECIALS = {
    "id": "specials",
    "type": "book",
    "title": "Costs of 50% & $3 for #1: an_underscore, ~2 years, {braces} and a \\ backslash",
    "author": [{"family": "Őrszigethy-Übelhör", "given": "Łukasz Čestmír"}],
    "publisher": "Tóth & Társa",
    "issued": {"date-parts": [[2001, 5]]},
}


def works() -> list[dict[str, Any]]:
    items = load("references")[0] + load("bekes")[0]
    return [*items, SPECIALS]


def citing_document(keys: list[str]) -> str:
    """Markdown with one footnote citing each work."""
    return "\n".join(f"Text.[^n{k}]\n\n[^n{k}]: [@{key}]\n" for k, key in enumerate(keys))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_csljson_is_valid_against_the_csl_schema(shared_data, bekes_result):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_data / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    # the reference set holds a date given as a bare string, as some tools write it; footcite
    # reads it as {"raw": ...}, so what it writes back is valid
    ours = csljson.dumps(csljson.read_csljson(csljson.dumps(works())).items)
    for text in (ours, csljson.write_csljson(bekes_result.references).text):
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.loads(text)))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:10]]


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "biblatex"])
def test_pandoc_citeproc_reads_the_file_without_warnings(pandoc, tmp_path, fmt):
    items = works()
    if fmt == "csl-json":
        (tmp_path / "refs.json").write_text(csljson.dumps(items), encoding="utf-8")
        bibliography, keys = "refs.json", [i["id"] for i in items]
    else:
        (tmp_path / "refs.bib").write_text(write_bibtex(items, dialect=fmt).text, encoding="utf-8")
        bibliography, keys = "refs.bib", assign_keys(items)
    (tmp_path / "paper.md").write_text(citing_document(keys), encoding="utf-8")
    style = resolve_style("footcite-central-european-notes")  # prints every kind of work
    args = [pandoc, "--citeproc", "--fail-if-warnings", "--bibliography", bibliography]
    proc = run([*args, "--csl", str(style), "paper.md", "-t", "plain"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Őrszigethy-Übelhör" in proc.stdout


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_pandoc_reads_every_title_and_name_as_written(pandoc, tmp_path, dialect):
    """pandoc drops a whole title when escaping or braces are wrong; here every title, name,
    publisher and year comes back."""
    items = works()
    (tmp_path / "refs.bib").write_text(write_bibtex(items, dialect=dialect).text, encoding="utf-8")
    proc = run([pandoc, "-f", dialect, "-t", "csljson", "refs.bib"], tmp_path)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    read = {entry["id"]: entry for entry in json.loads(proc.stdout)}
    wrong = []
    for key, item in zip(assign_keys(items), items, strict=True):
        entry = read[key]
        if "title" in item and entry.get("title") != item["title"]:
            wrong.append((key, "title", item["title"], entry.get("title")))
        # pandoc joins organization and howpublished to the publisher ("A; B"): it must be there
        if "publisher" in item and item["publisher"] not in (entry.get("publisher") or ""):
            wrong.append((key, "publisher", item["publisher"], entry.get("publisher")))
        for role in ("author", "editor"):
            ours = [n.get("family") or n.get("literal") for n in item.get(role, [])]
            theirs = [n.get("family") or n.get("literal") for n in entry.get(role, [])]
            if ours != theirs:
                wrong.append((key, role, ours, theirs))
        issued = item.get("issued")
        year = issued.get("date-parts", [[None]])[0][0] if isinstance(issued, dict) else None
        if year is not None and entry.get("issued", {}).get("date-parts", [[None]])[0][0] != year:
            wrong.append((key, "issued", year, entry.get("issued")))
    # BibTeX has no publisher field for an @misc archival document: those stay in x-csl
    wrong = [w for w in wrong if not (w[1] == "publisher" and w[3] is None)]
    assert not wrong, wrong


def test_biber_accepts_biblatex_under_its_data_model(biber, tmp_path, bekes_result):
    items = [*works(), *(r.to_csl() for r in bekes_result.references)]
    (tmp_path / "refs.bib").write_text(write_bibtex(items, dialect="biblatex").text, "utf-8")
    proc = run([biber, "--tool", "--validate-datamodel", "--dieondatamodel", "refs.bib"], tmp_path)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert "ERROR" not in log


def test_biber_reads_bibtex(biber, tmp_path):
    (tmp_path / "refs.bib").write_text(write_bibtex(works(), dialect="bibtex").text, "utf-8")
    proc = run([biber, "--tool", "refs.bib"], tmp_path)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert "ERROR" not in log and "WARN" not in log


def _roundtrip(fmt: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if fmt == "ris":
        return list(read_ris(write_ris(items).text).items)
    return list(read_bibtex(write_bibtex(items, dialect=fmt).text).items)


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "ris"])
def test_round_trip_keeps_every_field(fmt):
    items = works()
    back = _roundtrip(fmt, items)
    lost = [
        (item["id"], key)
        for item, got in zip(items, back, strict=True)
        for key in item
        if canonical(item[key]) != canonical(got.get(key))
    ]
    assert lost == []
    assert [canonical(i) for i in back] == [canonical(i) for i in items]


def test_chained_conversions_keep_every_field():
    items = works()
    chained = _roundtrip("biblatex", _roundtrip("ris", _roundtrip("bibtex", items)))
    assert [canonical(i) for i in chained] == [canonical(i) for i in items]
