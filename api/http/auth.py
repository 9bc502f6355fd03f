"""Bearer tokens for writes: TKG_WRITE_TOKEN (named "default") and TKG_WRITE_TOKENS (``name:token,...``).

Without any token configured, writes are refused (403). Tokens are compared with ``hmac.compare_digest``;
the route learns the token's NAME, which goes into the change log (the secret never does).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.deps import SettingsDep
from kg.settings import Settings

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="textile-kg"'}


def write_tokens(settings: Settings) -> dict[str, str]:
    """Token name -> secret, from both settings; an entry without a name is called "default"."""
    tokens: dict[str, str] = {}
    if settings.write_token is not None and settings.write_token.get_secret_value():
        tokens["default"] = settings.write_token.get_secret_value()
    if settings.write_tokens is not None:
        for entry in settings.write_tokens.get_secret_value().split(","):
            name, sep, secret = entry.strip().partition(":")
            if sep and name.strip() and secret.strip():
                tokens[name.strip()] = secret.strip()
    return tokens


def require_writer(request: Request, settings: SettingsDep) -> str:
    """The name of the valid bearer token on ``request``; 401 without or with a wrong one."""
    tokens = write_tokens(settings)
    if not tokens:
        raise HTTPException(403, "writes are disabled: no write token is configured (set TKG_WRITE_TOKEN)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "a bearer token is required for writes", headers=_CHALLENGE)
    found = None
    for name, secret in tokens.items():  # compare with every token: time does not reveal which matched
        if hmac.compare_digest(given.strip().encode(), secret.encode()):
            found = name
    if found is None:
        raise HTTPException(
            401, "the bearer token is not valid", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )
    return found


WriterDep = Annotated[str, Depends(require_writer)]
