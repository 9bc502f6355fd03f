"""Store backends behind one interface; :func:`open_store` picks the one the settings name."""

from __future__ import annotations

from kg.settings import Settings
from kg.store.base import Bindings, SelectResult, Store
from kg.store.embedded import EmbeddedStore

__all__ = ["Bindings", "EmbeddedStore", "SelectResult", "Store", "open_store"]


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """The embedded store at ``settings.store`` (a remote backend is added with TKG_ENDPOINT later)."""
    if settings.endpoint:
        from kg.errors import StoreError

        raise StoreError("the remote SPARQL backend is not available yet; unset TKG_ENDPOINT")
    return EmbeddedStore(settings.store, read_only=read_only)
