"""``tkg`` starts fast: building the command line and printing its help load no graph, store,
validation or loader code (each command imports those when it runs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# What a command that runs needs and what its help does not: SHACL, the loaders, the ingest pipeline,
# RDF parsing, the stores and their HTTP client, curation, evaluation, the synthesizer.
HEAVY = (
    "pyshacl",
    "loaders",
    "kg.ingest.pipeline",
    "kg.ingest",
    "rdflib",
    "httpx",
    "kg.store",
    "kg.curation",
    "kg.eval",
    "kg.synth",
)

# The child imports the command line, runs it with argv[2:] (if any), and writes the names of the
# modules it has loaded to the file argv[1].
CHILD = """
import json, sys
from pathlib import Path
from kg.cli import app
if len(sys.argv) > 2:
    try:
        app(sys.argv[2:])
    except SystemExit as exc:
        assert exc.code == 0, exc.code
Path(sys.argv[1]).write_text(json.dumps(sorted(sys.modules)), encoding="utf-8")
"""


def loaded_modules(args: tuple[str, ...], tmp_path: Path) -> set[str]:
    listing = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(listing), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(listing.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "args",
    [
        pytest.param((), id="import-kg.cli"),
        pytest.param(("--help",), id="tkg-help"),
        pytest.param(("load", "--help"), id="tkg-load-help"),
        pytest.param(("articles", "list", "--help"), id="tkg-articles-list-help"),
    ],
)
def test_the_command_line_and_its_help_load_no_heavy_module(args: tuple[str, ...], tmp_path: Path) -> None:
    modules = loaded_modules(args, tmp_path)
    assert "kg.cli" in modules
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert not heavy, f"loaded at start: {', '.join(heavy[:20])}"
