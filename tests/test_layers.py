"""The import contract: imports point one way, api -> kg -> loaders (DESIGN.md), with named exceptions.

- loaders import nothing from kg but kg.namespaces (IRIs are spelled once, in kg), and nothing from api;
- only kg.cli, the composition root (``tkg serve`` builds the app), imports api;
- api does not import loaders (the curation functions in kg do);
- only kg.store (``open_store``) and kg.cli know the embedded backend; everything else sees ``Store``.

Every import counts, also one inside a function. ``from kg.store import EmbeddedStore`` counts as an
import of ``kg.store.EmbeddedStore``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("api", "kg", "loaders")


@dataclass(frozen=True)
class Rule:
    """Modules under ``importers`` may not import names under ``forbidden``, except ``allowed`` ones;
    modules under one of ``exempt`` are not bound by the rule."""

    importers: str
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    exempt: tuple[str, ...] = ()


RULES = [
    pytest.param(
        Rule("loaders", ("kg",), allowed=("kg.namespaces",)), id="loaders-import-only-kg.namespaces"
    ),
    pytest.param(Rule("loaders", ("api",)), id="loaders-do-not-import-api"),
    pytest.param(Rule("kg", ("api",), exempt=("kg.cli",)), id="only-kg.cli-imports-api"),
    pytest.param(Rule("api", ("loaders",)), id="api-does-not-import-loaders"),
    pytest.param(
        Rule("", ("kg.store.embedded", "kg.store.EmbeddedStore"), exempt=("kg.store", "kg.cli")),
        id="only-open_store-knows-the-embedded-backend",
    ),
]

# (importer, imported) pairs that break a rule today and are being removed. Each is named, none is a
# pattern: a new violation fails.
TEMPORARY: set[tuple[str, str]] = set()  # named exceptions while a move is under way (none left)


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


@cache
def imports(module: str) -> frozenset[str]:
    """Every module and every ``module.name`` that ``module`` imports (absolute imports only)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: relative import (the project imports absolutely)"
            assert node.module is not None
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return frozenset(names)


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(rule: Rule, module: str, names: frozenset[str]) -> list[str]:
    """The names among ``names`` (the imports of ``module``) that break ``rule``, temporary exceptions
    left out."""
    if not _under(module, (rule.importers,) if rule.importers else PACKAGES) or _under(module, rule.exempt):
        return []
    return sorted(
        name
        for name in names
        if _under(name, rule.forbidden) and not _under(name, rule.allowed) and (module, name) not in TEMPORARY
    )


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_one_way(rule: Rule, module: str) -> None:
    found = violations(rule, module, imports(module))
    assert not found, f"{module} imports {', '.join(found)}"


@pytest.mark.parametrize(
    ("rule", "module", "name"),
    [
        pytest.param(RULES[0].values[0], "loaders.graph", "kg.store", id="loaders-import-kg.store"),
        pytest.param(RULES[1].values[0], "loaders.pipeline", "api.models", id="loaders-import-api"),
        pytest.param(RULES[2].values[0], "kg.sparql.named", "api.app", id="kg.sparql-imports-api"),
        pytest.param(
            RULES[3].values[0], "api.routes.search", "loaders.article", id="api.routes.search-imports-loaders"
        ),
        pytest.param(
            RULES[3].values[0], "api.routes.curator", "loaders.pipeline", id="curator-imports-more-loaders"
        ),
        pytest.param(
            RULES[4].values[0], "kg.sparql.search", "kg.store.EmbeddedStore", id="search-knows-embedded"
        ),
        pytest.param(RULES[4].values[0], "api.app", "kg.store.embedded.workers", id="api-knows-embedded"),
    ],
)
def test_a_new_forbidden_import_fails_the_contract(rule: Rule, module: str, name: str) -> None:
    assert violations(rule, module, imports(module) | {name}) == [name]
