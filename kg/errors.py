"""The project's exceptions; library errors are translated into these at one boundary.

    KGError
    ├── InputError          bad user input: unreadable file, unknown format, malformed RDF
    │   ├── RDFSyntaxError  with line and column where the parser gives them
    │   ├── NotAcceptableError  no result format the client accepts fits the answer
    │   └── QueryTooLarge   a query needed more memory than a query worker may use
    ├── NotFoundError       an id, graph or query name that does not exist
    ├── DeadlineExceeded    work on a request (parsing, validation) ran past its deadline
    └── StoreError          the store failed (I/O, remote server down or answering garbage)
        ├── QueryTimeout    a query ran past its time limit
        └── RemoteStoreError  a remote SPARQL server is unreachable, refused, or answered garbage

SHACL non-conformance is a result (kg.validation.report.ValidationReport), not an exception.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(KGError):
    """The user gave something we cannot use; the message names it and says why."""


class RDFSyntaxError(InputError):
    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        where = f" at line {line}" + (f", column {column}" if column is not None else "") if line else ""
        super().__init__(f"{message}{where}")
        self.line = line
        self.column = column


class NotAcceptableError(InputError):
    """None of the media types a client accepts can represent the answer."""


class QueryTooLarge(InputError):
    """A query needed more memory than a query worker may use; it was stopped."""


class NotFoundError(KGError):
    """A named thing does not exist."""


class DeadlineExceeded(KGError):
    """Work on one request ran past its deadline and was stopped."""


class StateConflict(KGError):
    """The request does not fit the resource's state (retract a retracted article, approve a rejected
    draft): HTTP 409."""


class Forbidden(KGError):
    """The caller may not do this (approve their own draft): HTTP 403."""


class StoreError(KGError):
    """The store could not do what was asked."""


class NotReady(KGError):
    """A part the request needs is still being prepared (the search index after the store opened):
    HTTP 503 with Retry-After, the message as given (it names no path)."""

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryTimeout(StoreError):
    """A query ran past its time limit."""


class RemoteStoreError(StoreError):
    """A remote SPARQL server was unreachable, refused the request or answered garbage (bad gateway)."""
