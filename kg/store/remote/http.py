"""HTTP to a remote SPARQL 1.1 server: queries through SPARQLWrapper, updates and Graph Store reads by httpx.

Every call has a deadline (``timeout``: connect and read); reads are retried with backoff when the
connection fails (never when the server was merely slow); every failure becomes a project error whose
message names no URL: unreachable, refused or garbage -> RemoteStoreError, too slow -> QueryTimeout.
"""

from __future__ import annotations

import ast
import time
import urllib.error
import warnings
from dataclasses import dataclass
from http.client import HTTPException

import httpx
from SPARQLWrapper import DIGEST, GET, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import QueryTimeout, RemoteStoreError

_GET_LIMIT = 2_000  # characters of query text sent by GET; longer queries are POSTed (URL length limits)
_RETRY_DELAYS = (0.1, 0.3)  # backoff before the 2nd and 3rd attempt of a read
_WRAPPER_STATUS = {
    "QueryBadFormed": "400",
    "Unauthorized": "401",
    "EndPointNotFound": "404",
    "URITooLong": "414",
    "EndPointInternalError": "500",
}


@dataclass(frozen=True)
class Answer:
    """A server's answer: body and media type (lower case, without parameters)."""

    body: bytes
    media_type: str


@dataclass(frozen=True)
class Endpoints:
    """Where and how to reach the server."""

    query: str
    update: str
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # or "digest"
    timeout: float = 30.0


class SparqlClient:
    """The protocol calls a RemoteStore makes; thread-safe (one SPARQLWrapper per query)."""

    def __init__(self, endpoints: Endpoints) -> None:
        self.endpoints = endpoints
        credentials = (endpoints.user or "", endpoints.password or "")
        auth: httpx.Auth | None = None
        if endpoints.user:
            auth = (
                httpx.DigestAuth(*credentials)
                if endpoints.auth == "digest"
                else httpx.BasicAuth(*credentials)
            )
        self._http = httpx.Client(auth=auth, timeout=httpx.Timeout(endpoints.timeout))

    def query(
        self, text: str, accept: str, *, timeout: float | None = None, dataset: Dataset = None
    ) -> Answer:
        """Run a query (retried when the connection fails); the answer as the server sent it."""
        for delay in (*_RETRY_DELAYS, None):
            try:
                return self._query_once(text, accept, timeout or self.endpoints.timeout, dataset)
            except _Unreachable as exc:
                if delay is None:
                    raise RemoteStoreError(f"the SPARQL server is unreachable: {exc}") from exc
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _query_once(self, text: str, accept: str, timeout: float, dataset: Dataset) -> Answer:
        wrapper = SPARQLWrapper(self.endpoints.query)
        with warnings.catch_warnings():  # its query-form sniffing warns on forms it does not know
            warnings.simplefilter("ignore")
            wrapper.setQuery(text)
        wrapper.setMethod(GET if len(text) <= _GET_LIMIT else POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setTimeout(max(1, round(timeout)))
        wrapper.setOnlyConneg(
            True
        )  # no format= parameters: Virtuoso answers 406 when they disagree with Accept
        wrapper.addCustomHttpHeader("Accept", accept)
        for iri in (dataset or ((), ()))[0]:
            wrapper.addDefaultGraph(iri)
        for iri in (dataset or ((), ()))[1]:
            wrapper.addNamedGraph(iri)
        if self.endpoints.user:
            wrapper.setCredentials(self.endpoints.user, self.endpoints.password or "")
            if self.endpoints.auth == "digest":
                wrapper.setHTTPAuth(DIGEST)
        try:
            response = wrapper.query().response
            body = response.read()
            media = response.headers.get("Content-Type", "")
        except SPARQLWrapperException as exc:
            status = _WRAPPER_STATUS.get(type(exc).__name__, "error")
            detail = str(exc).partition("Response:")[2].strip()
            if detail.startswith(("b'", 'b"')):  # SPARQLWrapper shows the body as a bytes literal
                detail = ast.literal_eval(detail).decode("utf-8", "replace")
            raise _refused(status, detail or str(exc)) from exc
        except urllib.error.HTTPError as exc:
            raise _refused(str(exc.code), exc.read().decode("utf-8", "replace")) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(f"the SPARQL server did not answer within {timeout:g} s") from exc
            raise _Unreachable(str(exc.reason)) from exc
        except TimeoutError as exc:
            raise QueryTimeout(f"the SPARQL server did not answer within {timeout:g} s") from exc
        except (ConnectionError, HTTPException) as exc:
            raise _Unreachable(str(exc) or type(exc).__name__) from exc
        return Answer(body, media.split(";")[0].strip().lower())

    def update(self, text: str) -> None:
        """Send one SPARQL Update request (never retried: the server may have applied it)."""
        self._send(
            "POST",
            self.endpoints.update,
            "sending an update",
            content=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update"},
        )

    def get_graph(self, graph: str) -> Answer:
        """GET one graph as N-Triples through the Graph Store Protocol (requires ``graph_store``)."""
        assert self.endpoints.graph_store is not None
        for delay in (*_RETRY_DELAYS, None):
            try:
                response = self._send(
                    "GET",
                    self.endpoints.graph_store,
                    "reading a graph",
                    params={"graph": graph},
                    headers={"Accept": "application/n-triples"},
                    missing_ok=True,
                )
                media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                return Answer(b"" if response.status_code == 404 else response.content, media)
            except _Unreachable as exc:
                if delay is None:
                    raise RemoteStoreError(f"the SPARQL server is unreachable: {exc}") from exc
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _send(
        self, method: str, url: str, doing: str, *, missing_ok: bool = False, **kwargs: object
    ) -> httpx.Response:
        try:
            response = self._http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as exc:
            raise QueryTimeout(
                f"the SPARQL server did not answer within {self.endpoints.timeout:g} s while {doing}"
            ) from exc
        except httpx.TransportError as exc:
            if method == "GET":
                raise _Unreachable(str(exc) or type(exc).__name__) from exc
            raise RemoteStoreError(f"the SPARQL server is unreachable while {doing}: {exc}") from exc
        if response.is_error and not (missing_ok and response.status_code == 404):
            raise _refused(str(response.status_code), response.text)
        return response

    def close(self) -> None:
        self._http.close()


Dataset = tuple[tuple[str, ...], tuple[str, ...]] | None


class _Unreachable(Exception):
    """Internal: the connection failed (worth another try for a read)."""


def _refused(status: str, body: str) -> RemoteStoreError | QueryTimeout:
    """The error for a server's refusal; Virtuoso reports its own time limit as SQL state S1T00."""
    first = " ".join(body.strip().split())[:300]
    if "S1T00" in body or ("timeout" in first.lower() and status in ("500", "503", "504")):
        return QueryTimeout(f"the SPARQL server stopped the query at its time limit: {first}")
    if status in ("401", "403"):
        return RemoteStoreError(f"the SPARQL server refused the credentials ({status})")
    return RemoteStoreError(f"the SPARQL server refused the request ({status}): {first}")
