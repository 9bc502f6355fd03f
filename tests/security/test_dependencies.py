"""The dependency audit, offline: the lock file and the installed versions are above known CVE floors,
and pyproject.toml asks for at least those versions.

The floors come from the advisories named beside them (GHSA/PYSEC/CVE; fixed-in versions as the
advisory databases give them). Adding one: put it in FLOORS, raise pyproject.toml, run scripts/lock.
A real audit against the advisory database needs the network (``pip-audit -r requirements.lock``);
this check keeps the floors we know from regressing without it.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.paths import REPO

FLOORS: dict[str, tuple[str, str]] = {
    "starlette": (
        "1.3.1",
        "PYSEC-2026-249 urlencoded form limits; PYSEC-2026-248; CVE-2026-48710; CVE-2025-62727",
    ),
    "python-multipart": ("0.0.26", "CVE-2026-40347 preamble/epilogue DoS; CVE-2026-24486; CVE-2024-53981"),
    "h11": ("0.16.0", "CVE-2025-43859 chunked-encoding request smuggling"),
    "gunicorn": ("23.0.0", "CVE-2024-1135, CVE-2024-6827 request smuggling"),
    "jinja2": ("3.1.6", "CVE-2025-27516, CVE-2024-56201, CVE-2024-56326 sandbox escapes"),
    "pyyaml": ("5.4", "CVE-2020-14343 arbitrary code in full_load"),
    "idna": ("3.7", "CVE-2024-3651 quadratic encode"),
    "certifi": ("2024.7.4", "CVE-2024-39689 GLOBALTRUST roots"),
}
LOCK = REPO / "requirements.lock"


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in LOCK.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            pins[normalized(name)] = Version(pinned.split(";")[0].strip())
    return pins


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return [Requirement(text) for text in project["dependencies"]]


@pytest.mark.parametrize(("name", "floor"), [pytest.param(n, f[0], id=n) for n, f in FLOORS.items()])
def test_locked_versions_are_above_the_cve_floors(name: str, floor: str) -> None:
    pins = locked()
    assert name in pins, f"{name} is not in requirements.lock (run scripts/lock)"
    assert pins[name] >= Version(floor), f"{name}=={pins[name]} is below {floor}: {FLOORS[name][1]}"


@pytest.mark.parametrize(("name", "floor"), [pytest.param(n, f[0], id=n) for n, f in FLOORS.items()])
def test_installed_versions_are_above_the_cve_floors(name: str, floor: str) -> None:
    try:
        installed = Version(version(name))
    except PackageNotFoundError:
        pytest.skip(f"{name} is not installed here")
    assert installed >= Version(floor), f"{name} {installed} is below {floor}: {FLOORS[name][1]}"


def test_pyproject_asks_for_at_least_the_floors() -> None:
    for requirement in project_requirements():
        floor = FLOORS.get(normalized(requirement.name))
        if floor is None:
            continue
        lowest = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==", "~=")]
        assert lowest and min(lowest) >= Version(floor[0]), (
            f"pyproject.toml: {requirement} is below {floor[0]}"
        )


def test_the_lock_pins_every_runtime_dependency_it_satisfies() -> None:
    pins = locked()
    for requirement in project_requirements():
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        name = normalized(requirement.name)
        assert name in pins, f"{requirement.name} is missing from requirements.lock (run scripts/lock)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} vs {requirement}"
        )
