"""Limits on RDF input, checked before and around parsing, so that no upload can stall or crash a process.

Why: pyoxigraph's RDF/XML and JSON-LD parsers are quadratic in nesting depth (RDF/XML 10,000 deep
takes 1.3 s, 100,000 deep over a minute; JSON-LD 1,000 deep 1.2 s) and JSON-LD 10,000 deep overflows
the stack (the process dies with SIGSEGV); rdflib's Turtle and JSON-LD serialisers recurse once per
nested blank node and fail past ~250 levels, so a deep graph that was accepted cannot be read back.

- :func:`check_syntax`: size and nesting depth on the raw text: one regex scan (linear, skips strings,
  IRIs and comments), before any parser sees it. RDF/XML elements, Turtle/TriG ``[ ( {``, JSON-LD
  ``{ [``, RDF 1.2 triple terms ``<<``.
- :class:`DepthCounter`: the depth of nested blank nodes in the parsed statements (a chain
  ``_:a :p _:b . _:b :p _:c`` in N-Triples nests like ``[ :p [ ... ] ]``); list tails (``rdf:rest``)
  do not count: serialisers walk lists in a loop.
- :func:`parse_isolated`: the parse itself in a child process under a memory rlimit, killed at a
  deadline; a parser crash or run-away costs the child, never the caller.

Errors are :class:`LimitExceeded` (an InputError) with ``status`` 413 (too large) or 422 (too deep, too
slow); the API answers them with that status and the message.
"""

from __future__ import annotations

import contextvars
import json
import re
import subprocess
import sys
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import InputError, RDFSyntaxError

RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"


class LimitExceeded(InputError):
    """Input over one of the limits; ``status`` is the HTTP answer (413 or 422)."""

    status = 422


class InputTooLarge(LimitExceeded):
    status = 413


class InputTooDeep(LimitExceeded):
    status = 422


class ParseTimeout(LimitExceeded):
    status = 422


@dataclass(frozen=True)
class InputLimits:
    """What one parse may cost. ``None`` turns a limit off (trusted files of the project)."""

    max_bytes: int | None = None  # TKG_MAX_BODY_BYTES for request bodies
    max_depth: int = 64  # TKG_MAX_RDF_DEPTH: syntax nesting and nested blank nodes
    deadline: float | None = None  # TKG_PARSE_TIMEOUT: seconds for the whole parse
    isolate_above: int = 256_000  # TKG_PARSE_ISOLATE_BYTES: with a deadline, larger inputs parse in a child
    memory_bytes: int = 2_000_000_000  # TKG_PARSE_MEMORY_BYTES: address-space rlimit of that child


DEFAULT_LIMITS = InputLimits()
# The limits of the request being served (set per request by the API's middleware); parse_dataset uses
# them when its caller passes none, so request bodies get size, deadline and isolation, files do not.
REQUEST_LIMITS: contextvars.ContextVar[InputLimits | None] = contextvars.ContextVar(
    "request_rdf_limits", default=None
)

# Every alternative can always match where it starts (an unterminated string or tag runs to the end of
# its line or of the input), so the scan never backtracks: linear in the input, hostile or not.
_SKIP_TURTLE = rb"""\#[^\r\n]*
    |'''(?:[^'\\]|\\.?|'(?!''))*(?:'''|\Z)|\"\"\"(?:[^"\\]|\\.?|"(?!""))*(?:\"\"\"|\Z)
    |'(?:[^'\\\r\n]|\\.?)*'?|"(?:[^"\\\r\n]|\\.?)*"?|<(?!<)[^<>\s"{}|^`\\]*>"""
_TURTLE = re.compile(
    rb"(?:" + _SKIP_TURTLE + rb")|(?P<open><<|[\[({])|(?P<close>>>|[\])}])", re.VERBOSE | re.DOTALL
)
_JSON = re.compile(rb'"(?:[^"\\]|\\.?)*"?|(?P<open>[\[{])|(?P<close>[\]}])', re.DOTALL)
_XML = re.compile(
    rb"""<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<\?.*?(?:\?>|\Z)|<![^>]*>?
    |(?P<close></[^>]*>?)
    |(?P<open><[^!?/](?:[^>"']|"[^"]*"?|'[^']*'?)*?(?P<empty>/?)(?:>|\Z))""",
    re.VERBOSE | re.DOTALL,
)
_TURTLE_OPENERS = (b"[", b"(", b"{", b"<<")
_SCANNERS: dict[ox.RdfFormat, tuple[re.Pattern[bytes], tuple[bytes, ...]]] = {
    ox.RdfFormat.TURTLE: (_TURTLE, _TURTLE_OPENERS),
    ox.RdfFormat.TRIG: (_TURTLE, _TURTLE_OPENERS),
    ox.RdfFormat.N3: (_TURTLE, _TURTLE_OPENERS),
    ox.RdfFormat.N_TRIPLES: (_TURTLE, (b"<<",)),
    ox.RdfFormat.N_QUADS: (_TURTLE, (b"<<",)),
    ox.RdfFormat.JSON_LD: (_JSON, (b"[", b"{")),
    ox.RdfFormat.RDF_XML: (_XML, (b"<",)),
}


def current_limits(given: InputLimits | None) -> InputLimits:
    """``given``, else the limits of the request being served, else :data:`DEFAULT_LIMITS`."""
    return given or REQUEST_LIMITS.get() or DEFAULT_LIMITS


def check_syntax(raw: bytes, fmt: ox.RdfFormat, limits: InputLimits, *, name: str = "input") -> None:
    """InputTooLarge or InputTooDeep before parsing: one linear scan (0.1-0.45 s per MB of bracket- or
    tag-dense input on a loaded 2-core machine, hostile or not; skipped when too few openers to nest)."""
    if limits.max_bytes is not None and len(raw) > limits.max_bytes:
        raise InputTooLarge(f"{name}: {len(raw):,} bytes is over the limit of {limits.max_bytes:,} bytes")
    pattern, openers = _SCANNERS.get(fmt, (_TURTLE, _TURTLE_OPENERS))
    if sum(raw.count(opener) for opener in openers) <= limits.max_depth:
        return  # fewer openers than the limit: cannot nest deeper
    depth = 0
    for match in pattern.finditer(raw):
        if match.group("open") is not None:
            if pattern is _XML and match.group("empty"):
                continue
            depth += 1
            if depth > limits.max_depth:
                line = raw.count(b"\n", 0, match.start()) + 1
                raise InputTooDeep(
                    f"{name}: nested more than {limits.max_depth} levels deep (at line {line}); "
                    "flatten the structure or name the nodes"
                )
        elif match.group("close") is not None:
            depth = max(depth - 1, 0)


class DepthCounter:
    """The deepest nesting of blank nodes among statements fed to :meth:`add` (cycles count once)."""

    def __init__(self) -> None:
        self._children: dict[str, list[str]] = {}

    def add(self, subject: object, predicate: ox.NamedNode, obj: object) -> None:
        if (
            isinstance(subject, ox.BlankNode)
            and isinstance(obj, ox.BlankNode)
            and predicate.value != RDF_REST
        ):
            self._children.setdefault(subject.value, []).append(obj.value)

    def depth(self) -> int:
        """Longest chain of blank node edges (iterative: no recursion on hostile input)."""
        best: dict[str, int] = {}
        for root in self._children:
            if root in best:
                continue
            stack: list[tuple[str, int]] = [(root, 0)]
            on_path: set[str] = set()
            while stack:
                node, index = stack.pop()
                children = self._children.get(node, [])
                if index == 0:
                    on_path.add(node)
                if index < len(children):
                    stack.append((node, index + 1))
                    child = children[index]
                    if child not in best and child not in on_path:
                        stack.append((child, 0))
                    continue
                on_path.discard(node)
                best[node] = 1 + max((best.get(c, 0) for c in children if c not in on_path), default=0)
        return max(best.values(), default=0)

    def check(self, limits: InputLimits, *, name: str = "input") -> None:
        if self._children and self.depth() > limits.max_depth:
            raise InputTooDeep(
                f"{name}: blank nodes nested more than {limits.max_depth} levels deep; name the nodes"
            )


def parse_isolated(raw: bytes, fmt: ox.RdfFormat, limits: InputLimits, *, name: str = "input") -> bytes:
    """Parse in a child process, killed at ``limits.deadline``; the statements as N-Quads.

    The child is a fresh interpreter (``python -I``, ~60 ms to start: no fork of a threaded server)
    that imports only pyoxigraph, caps its address space at ``limits.memory_bytes``, reads the input
    on stdin and writes N-Quads on stdout. A syntax error comes back as RDFSyntaxError with its
    position; a crash or the memory cap as InputError; the deadline as ParseTimeout.
    """
    assert limits.deadline is not None
    command = [sys.executable, "-I", "-c", _CHILD, fmt.media_type, str(limits.memory_bytes)]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        try:
            out, err = child.communicate(raw, timeout=limits.deadline)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise ParseTimeout(f"{name}: parsing took longer than {limits.deadline:g} s") from None
    if child.returncode == 0:
        return out
    if child.returncode == 2 and err:
        message, line, column = json.loads(err)
        raise RDFSyntaxError(f"{name}: {message}", line=line, column=column)
    raise InputError(f"{name}: the parser failed on this input (it needs too much memory or crashed)")


# The child: exit 0 with N-Quads on stdout, 2 with [message, line, column] on stderr for a syntax error.
_CHILD = """
import json, resource, sys
memory = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
import pyoxigraph as ox
fmt = ox.RdfFormat.from_media_type(sys.argv[1])
try:
    body = ox.serialize(ox.parse(sys.stdin.buffer.read(), format=fmt), format=ox.RdfFormat.N_QUADS)
except SyntaxError as exc:
    sys.stderr.write(json.dumps([str(exc).split(" (line", 1)[0], exc.lineno, exc.offset]))
    sys.exit(2)
sys.stdout.buffer.write(body or b"")
"""


def bound_heap(limit: int) -> None:
    """Bound this process's heap to ``limit`` bytes (RLIMIT_DATA: brk and private anonymous mappings,
    Linux >= 4.7; file mappings such as a store's files do not count). For worker processes."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
