"""No silent overwrite: ``If-Match`` on writes to a graph that already exists (RFC 9110, 13.1.1).

A write that would replace existing content needs ``If-Match`` with the current ETag: without it the
answer is 409 with the current ``ETag``; with a stale one, 412. ``If-Match`` on a graph that does not
exist is 412 too. Checked under ``Store.writing()``, so no other write of this process slips between
the check and the write.
"""

from __future__ import annotations

from typing import Protocol

from fastapi import HTTPException, Request

from kg.curation.versions import if_match


class Tagged(Protocol):
    """A graph's state (kg.curation.versions.State or Tag): its version number and ETag."""

    @property
    def number(self) -> int: ...

    @property
    def etag(self) -> str: ...


def check_if_match(request: Request, current: Tagged, *, exists: bool, required: bool, what: str) -> None:
    """409 when ``required`` and ``exists`` without If-Match; 412 when If-Match does not name the current
    state (or names a state of something that does not exist)."""
    header = request.headers.get("if-match")
    tag = {"ETag": current.etag}
    if header is None:
        if required and exists:
            raise HTTPException(
                409,
                f"{what} exists (version {current.number}, ETag {current.etag}); send If-Match: "
                f"{current.etag} to replace it with a new version",
                headers=tag,
            )
        return
    if not exists:
        raise HTTPException(412, f"If-Match given, but {what} does not exist")
    if not if_match(header, current.etag):
        raise HTTPException(
            412, f"{what} changed: If-Match {header} is not its current ETag {current.etag}", headers=tag
        )
