"""Bearer tokens for writes, each with a name and a role: TKG_WRITE_TOKEN (named "default", role admin) and
TKG_WRITE_TOKENS (``name:token:role,...``; ``name:token`` is a curator).

Roles, each allowed what the one before it is: ``curator`` (drafts; publishes directly while
``TKG_CURATORS_PUBLISH`` is true), ``reviewer`` (approves and rejects drafts), ``admin``.
Without any token configured, writes are refused (403). Tokens are compared with ``hmac.compare_digest``;
the route learns the token's NAME and role; the name goes into the change log (the secret never does).
Missing or unknown token: 401; a role that may not do this: 403.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.deps import SettingsDep
from kg.settings import Settings

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="textile-kg"'}


class Role(StrEnum):
    """What a token may do; a later role may do everything an earlier one may."""

    curator = "curator"
    reviewer = "reviewer"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


@dataclass(frozen=True)
class Writer:
    """The holder of a valid token: its name (logged) and its role."""

    name: str
    role: Role


def write_tokens(settings: Settings) -> dict[str, tuple[str, Role]]:
    """Token name -> (secret, role), from both settings. ``name:token:role`` or ``name:token`` (a curator);
    TKG_WRITE_TOKEN is ``default``, an admin. Entries without a name or secret are ignored."""
    tokens: dict[str, tuple[str, Role]] = {}
    if settings.write_token is not None and settings.write_token.get_secret_value():
        tokens["default"] = (settings.write_token.get_secret_value(), Role.admin)
    if settings.write_tokens is not None:
        for entry in settings.write_tokens.get_secret_value().split(","):
            name, sep, rest = entry.strip().partition(":")
            secret, _, role_name = rest.rpartition(":")
            role = Role(role_name.strip()) if role_name.strip() in Role.__members__ else None
            if role is None:  # no role given: the rest is the secret
                secret, role = rest, Role.curator
            if sep and name.strip() and secret.strip():
                tokens[name.strip()] = (secret.strip(), role)
    return tokens


def authenticate(request: Request, settings: Settings) -> Writer:
    """The holder of the valid bearer token on ``request``; 401 without one or with a wrong one."""
    tokens = write_tokens(settings)
    if not tokens:
        raise HTTPException(403, "writes are disabled: no write token is configured (set TKG_WRITE_TOKEN)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "a bearer token is required for writes", headers=_CHALLENGE)
    found = None
    for name, (secret, role) in tokens.items():  # compare with every token: time does not reveal which
        if hmac.compare_digest(given.strip().encode(), secret.encode()):
            found = Writer(name, role)
    if found is None:
        raise HTTPException(
            401, "the bearer token is not valid", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )
    return found


def require_role(writer: Writer, role: Role, what: str) -> Writer:
    """``writer`` if its role is ``role`` or a later one; else 403 naming both."""
    if writer.role.rank < role.rank:
        raise HTTPException(403, f"{what} needs the {role} role; token {writer.name!r} is a {writer.role}")
    return writer


def require_publisher_of(writer: Writer, settings: Settings) -> Writer:
    """A writer who may change the published graph directly: a reviewer or an admin, or a curator while
    ``TKG_CURATORS_PUBLISH`` is true; else 403 (curators then send drafts)."""
    if writer.role is Role.curator and not settings.curators_publish:
        raise HTTPException(
            403,
            f"curator {writer.name!r} may not publish directly (TKG_CURATORS_PUBLISH=false): "
            "send a draft (POST /drafts) for a reviewer to approve",
        )
    return writer


def any_writer(request: Request, settings: SettingsDep) -> Writer:
    """Any valid token (curators, reviewers, admins)."""
    return authenticate(request, settings)


def publisher(request: Request, settings: SettingsDep) -> Writer:
    return require_publisher_of(authenticate(request, settings), settings)


def reviewer(request: Request, settings: SettingsDep) -> Writer:
    return require_role(authenticate(request, settings), Role.reviewer, "reviewing a draft")


def require_writer(request: Request, settings: SettingsDep) -> str:
    """The name of a token that may publish (see :func:`publisher`)."""
    return publisher(request, settings).name


WriterDep = Annotated[str, Depends(require_writer)]
AnyWriterDep = Annotated[Writer, Depends(any_writer)]
PublisherDep = Annotated[Writer, Depends(publisher)]
ReviewerDep = Annotated[Writer, Depends(reviewer)]
