"""Results JSON -> the Markdown tables and PNG plot of ``docs/benchmarks.md``.

``python -m benchmarks.report [results.json]`` rewrites the generated part of the page from a results file
(default ``benchmarks/results/latest.json``); the text between the markers is kept.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kg.settings import PROJECT_ROOT

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
QUESTIONS = ("cluster profile", "parks by province", "clusters by industry", "search", "sparql")


def _ms(value: float | None) -> str:
    return "—" if value is None else (f"{value:,.1f}" if value < 100 else f"{value:,.0f}")


def _q(size: dict[str, Any], server: str, question: str) -> dict[str, Any]:
    entry: dict[str, Any] = size.get("servers", {}).get(server, {}).get("questions", {}).get(question, {})
    return entry


def _ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{b / a:,.2f}×" if b / a < 10 else f"{b / a:,.0f}×"


def latency_table(results: dict[str, Any]) -> list[str]:
    lines = [
        "| size | question | API p50 / p95 / p99 ms | API req/s (errors) | bare Oxigraph p50 ms "
        "| API ÷ Oxigraph | rdflib-endpoint p50 ms | rdflib ÷ API |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, size in results["sizes"].items():
        for server in ("api", "api-over-oxigraph"):
            if server not in size.get("servers", {}):
                continue
            name = label if server == "api" else f"{label} (API over Oxigraph server)"
            for question in QUESTIONS:
                api = _q(size, server, question)
                lat = api.get("latency", {})
                load = api.get("load", {})
                ox = _q(size, "oxigraph", question).get("latency", {}).get("p50_ms")
                rd = _q(size, "rdflib-endpoint", question).get("latency", {}).get("p50_ms")
                p50 = lat.get("p50_ms")
                rps = f"{load['rps']:,.0f} ({load['errors']})" if load else "—"
                pct = f"{_ms(p50)} / {_ms(lat.get('p95_ms'))} / {_ms(lat.get('p99_ms'))}"
                lines.append(
                    f"| {name} | {question} | {pct} | {rps} | {_ms(ox)} | {_ratio(ox, p50)} "
                    f"| {_ms(rd)} | {_ratio(p50, rd)} |"
                )
    return lines


def other_table(results: dict[str, Any]) -> list[str]:
    lines = [
        "| size | quads | bulk load s | API start-up s (first /health) | first profile ms "
        "| API peak RSS MB | Oxigraph RSS MB | rdflib RSS MB | ingest one article ms | whole-graph SHACL s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, size in results["sizes"].items():
        servers = size.get("servers", {})
        api = servers.get("api", {})
        shacl = size.get("shacl", {})
        shacl_text = f"{shacl['seconds']:.1f}" if shacl.get("seconds") else f"> {shacl.get('timeout_s', '?')}"
        lines.append(
            f"| {label} | {size.get('quads', 0):,} | {size.get('load_s', 0):.1f} "
            f"| {api.get('startup_s', 0):.2f} "
            f"| {_ms(api.get('first_profile_ms'))} | {api.get('peak_rss_mb', 0):,.0f} "
            f"| {servers.get('oxigraph', {}).get('peak_rss_mb', 0):,.0f} "
            f"| {servers.get('rdflib-endpoint', {}).get('peak_rss_mb', 0):,.0f} "
            f"| {_ms(size.get('ingest', {}).get('median_ms'))} | {shacl_text} |"
        )
    return lines


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = list(results["sizes"])
    xs = [results["sizes"][label].get("quads", float(label)) for label in labels]
    fig, axes = plt.subplots(1, len(QUESTIONS), figsize=(4 * len(QUESTIONS), 3.6), sharey=True)
    for ax, question in zip(axes, QUESTIONS, strict=True):
        for server, style in (("api", "o-"), ("oxigraph", "s--"), ("rdflib-endpoint", "^:")):
            ys = [
                _q(results["sizes"][label], server, question).get("latency", {}).get("p50_ms")
                for label in labels
            ]
            pts = [(x, y) for x, y in zip(xs, ys, strict=True) if y]
            if pts:
                ax.plot(*zip(*pts, strict=True), style, label=server)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(question)
        ax.set_xlabel("triples")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("median latency, ms (one client)")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def generated(results: dict[str, Any], png: str) -> str:
    m = results["machine"]
    build = results.get("seed_build", {})
    build_text = f"{build['seconds']:.1f} s" if build.get("seconds") else f"not finished ({build})"
    parts = [
        f"Run of {results['started']} on {m['nproc']} cores, {m['memory_gb']} GB, {m['cpu']}; "
        f"Python {m['python']}; load average before {m['load_average']}, after {m.get('load_after')}; "
        f"load generator {m.get('wrk') or 'python threads'}; versions {m['versions']}.",
        "",
        f"Seed corpus build (`kg.build.build`, resources + ontology + gazetteer + 5 articles): {build_text}.",
        "",
        "### Latency and throughput over HTTP (loopback)",
        "",
        *latency_table(results),
        "",
        "### Load, start-up, memory, ingest, SHACL",
        "",
        *other_table(results),
        "",
        f"![median latency by size]({png})",
    ]
    return "\n".join(parts)


def write_docs(results: dict[str, Any], doc: Path) -> None:
    png = doc.parent / "benchmarks.png"
    plot(results, png)
    text = doc.read_text(encoding="utf-8") if doc.exists() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1] if END in rest else ""
    doc.write_text(f"{head}{BEGIN}\n{generated(results, png.name)}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "benchmarks/results/latest.json"
    write_docs(json.loads(source.read_text(encoding="utf-8")), PROJECT_ROOT / "docs" / "benchmarks.md")
