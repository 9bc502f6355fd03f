"""``tkg articles list|show|retract|restore`` on a store loaded from the fixture (subprocesses)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.kg.cli.test_cli import tkg
from tests.paths import FIXTURE


def test_list_retract_show_restore(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert tkg("load", str(FIXTURE), store=store).returncode == 0
    listed = json.loads(tkg("articles", "list", store=store).stdout)
    assert [a["id"] for a in listed] == ["hebei-garment-parks", "qinghe-cashmere-town"]
    assert all(a["status"] == "published" and a["triples"] > 0 for a in listed)
    retracted = tkg("articles", "retract", "qinghe-cashmere-town", "--by", "alice", store=store)
    assert retracted.returncode == 0, retracted.stderr
    assert json.loads(retracted.stdout)["operation"] == "RETRACT"
    gone = json.loads(tkg("articles", "list", "--status", "retracted", store=store).stdout)
    assert [a["id"] for a in gone] == ["qinghe-cashmere-town"]
    again = tkg("articles", "retract", "qinghe-cashmere-town", store=store)
    assert again.returncode == 1 and "nothing to retract" in again.stderr
    restored = tkg("articles", "restore", "qinghe-cashmere-town", store=store)
    assert restored.returncode == 0 and json.loads(restored.stdout)["version"] == 3
    shown = json.loads(tkg("articles", "show", "qinghe-cashmere-town", store=store).stdout)
    assert shown["status"] == "published"
    assert [(v["operation"], v["by"]) for v in shown["versions"]] == [
        ("BASELINE", "loader"),
        ("RETRACT", "alice"),
        ("RESTORE", "cli"),
    ]
    older = tkg("articles", "restore", "qinghe-cashmere-town", "--version", "2", store=store)
    assert older.returncode == 0 and json.loads(older.stdout)["triples"] == 0
    unknown = tkg("articles", "show", "no-such-article", store=store)
    assert unknown.returncode == 2 and "no article" in unknown.stderr
