"""kg.heap.settle: what is alive at start-up leaves the collector's walk; garbage made before it is freed.

Run in a child process: objects frozen in the test process (its apps, stores, pipelines) would never be
freed once they become cyclic garbage.
"""

from __future__ import annotations

import subprocess
import sys

from tests.paths import REPO

CHILD = """
import gc, weakref
from rdflib import Graph, Literal, URIRef
from kg.heap import settle

def graph(n):
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    return g

kept = graph(5000)            # a resource loaded at start-up
dropped = graph(5000)         # garbage of the start-up: a cycle (graph -> store -> its graphs)
gone = weakref.ref(dropped)
del dropped
walked = len(gc.get_objects())
settle()
assert gone() is None, "the start-up's cyclic garbage is collected before the freeze"
assert gc.get_freeze_count() > 5000, gc.get_freeze_count()
left = len(gc.get_objects())
assert left < walked - 5000, (walked, left)  # the kept graph's objects are no longer walked
assert len(kept) == 5000
print("ok")
"""


def test_settle_collects_then_exempts_what_is_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
