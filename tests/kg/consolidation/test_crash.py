"""A process killed (SIGKILL) while it writes source graphs leaves the sources and the consolidated graph
agreeing: each write and the refresh of what it touched are one update request, one transaction."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.paths import REPO

ROUNDS = 20

# The writer: replaces and drops curated graphs that give a park other kinds and labels, for ever.
WRITER = """
import itertools, sys
from pathlib import Path
from rdflib import Graph, Literal, URIRef
from kg.namespaces import KIND, TKG, RDFS
from kg.settings import Settings
from kg.store import open_store

settings = Settings(store=Path(sys.argv[1]))
park = URIRef("https://w3id.org/textile-kg/id/park/qinghe-cashmere-town-130534")
kinds = [KIND["industrial-park"], KIND["characteristic-town"], KIND["industrial-base"]]
with open_store(settings) as store:
    print("ready", flush=True)
    for i in itertools.count():
        graph = settings.ids.curated_graph(f"crash-{i % 3}")
        if i % 4 == 3:
            store.drop_graph(graph)
            continue
        data = Graph()
        data.add((park, TKG.parkKind, kinds[i % 3]))
        data.add((park, RDFS.label, Literal(f"Park name {i}", lang="en")))
        store.replace_graph(graph, data)
"""


SEED = """
import sys
from pathlib import Path
import pyoxigraph as ox
from kg.settings import Settings
from kg.store import open_store

with open_store(Settings(store=Path(sys.argv[2]))) as store:
    store.oxigraph.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
    store.rebuild_consolidated()
"""


@pytest.fixture
def disk_store(tmp_path: Path, seed_quads: list[ox.Quad]) -> Path:
    """The seed graph with its consolidated graph on disk, written by another process (so that this one
    holds no lock on it)."""
    path, dump = tmp_path / "store", tmp_path / "seed.nq"
    dump.write_bytes(ox.serialize(seed_quads, format=ox.RdfFormat.N_QUADS) or b"")
    subprocess.run([sys.executable, "-c", SEED, str(dump), str(path)], check=True, cwd=REPO, env=_env())
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _write_then_kill(path: Path, seconds: float) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=_env(), cwd=REPO
    )
    assert child.stdout is not None
    with child.stdout:
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(seconds)
        child.send_signal(signal.SIGKILL)
        child.wait(30)


# The check, in its own process too (this one never holds the store's lock): the consolidated graph as
# the crash left it against one rebuilt from the same sources in memory.
CHECK = """
import sys
import pyoxigraph as ox
from kg.consolidation.view import Consolidation
from kg.settings import Settings

settings = Settings()
view = Consolidation.from_settings(settings)
names = [ox.NamedNode(str(g)) for g in (settings.ids.current_graph, settings.ids.conflicts_graph)]
disk = ox.Store(sys.argv[1])
memory = ox.Store()
memory.extend(disk)
memory.update(view.rebuild_text())
same = all(
    set(disk.quads_for_pattern(None, None, None, g)) == set(memory.quads_for_pattern(None, None, None, g))
    for g in names
)
print("agree" if same else "disagree", len(disk))
"""


@pytest.mark.slow
def test_sources_and_view_agree_after_kill_9_during_writes(disk_store: Path) -> None:
    rng = random.Random(11)
    for round_ in range(ROUNDS):
        _write_then_kill(disk_store, rng.uniform(0.05, 0.6))
        check = subprocess.run(
            [sys.executable, "-c", CHECK, str(disk_store)],
            capture_output=True,
            check=True,
            cwd=REPO,
            env=_env(),
        )
        assert check.stdout.split()[0] == b"agree", f"round {round_}: {check.stdout!r}"
