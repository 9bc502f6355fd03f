"""Request bodies read under a size limit (TKG_MAX_BODY_BYTES), enforced while the stream arrives."""

from __future__ import annotations

from fastapi import HTTPException, Request


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or 413 as soon as more than ``limit`` bytes have arrived (or are announced)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body of {int(declared)} bytes is over the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    """The Content-Type without parameters, lower-cased ('' when absent)."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
