"""Third-party browser assets: copied from ``node_modules/`` (``npm ci`` of the repository's
``package.json``/``package-lock.json``) into ``api/web/static/vendor/``, which git ignores.

``scripts/setup`` runs ``npm ci`` and then ``python -m api.web.assets``; the pages load these files from
``/static/web/vendor/...``, never from a CDN. ``VENDOR_NOTICE.txt`` beside them names each package, its
version and its licence (read from its ``package.json``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kg.errors import InputError

ROOT = Path(__file__).resolve().parent.parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

# served name -> (npm package, file inside it)
FILES: dict[str, tuple[str, str]] = {
    "echarts.min.js": ("echarts", "dist/echarts.min.js"),
    "yasgui.min.js": ("@zazuko/yasgui", "build/yasgui.min.js"),
    "yasgui.min.css": ("@zazuko/yasgui", "build/yasgui.min.css"),
}


def missing() -> list[str]:
    """The vendored files that are not in place (the pages that need them will not work)."""
    return [name for name in FILES if not (VENDOR / name).is_file()]


def copy_assets(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> list[str]:
    """Copy every file of :data:`FILES` and write the notice; InputError if a package is not installed."""
    vendor.mkdir(parents=True, exist_ok=True)
    notice = ["Third-party files served by the textile-kg web pages (copied from node_modules by setup):", ""]
    for name, (package, inner) in FILES.items():
        source = node_modules / package / inner
        if not source.is_file():
            raise InputError(f"{package} is not installed ({source.name} missing): run `npm ci`")
        # strip the source-map comment: the .map files are not shipped, and a browser would ask for them
        text = source.read_bytes()
        marker = text.rfind(b"sourceMappingURL=")
        if marker != -1:
            text = text[: text.rfind(b"\n", 0, marker) + 1] if b"\n" in text[:marker] else text
        (vendor / name).write_bytes(text)
        meta = json.loads((node_modules / package / "package.json").read_text(encoding="utf-8"))
        notice.append(f"{name}: {package} {meta['version']} ({meta.get('license', '?')}), {inner}")
    for package in sorted({p for p, _ in FILES.values()}):
        for licence in ("LICENSE", "NOTICE"):
            if (node_modules / package / licence).is_file():
                shutil.copyfile(
                    node_modules / package / licence, vendor / f"{package.replace('/', '_')}.{licence}"
                )
    (vendor / "VENDOR_NOTICE.txt").write_text("\n".join(notice) + "\n", encoding="utf-8")
    return list(FILES)


def main() -> None:
    copied = copy_assets()
    print(f"copied {', '.join(copied)} into {VENDOR}")


if __name__ == "__main__":
    main()
