"""Store backends behind one interface; :func:`open_store` picks the one the settings name."""

from __future__ import annotations

from kg.consolidation.view import Consolidation
from kg.settings import Settings
from kg.store.base import Bindings, SelectResult, Store
from kg.store.embedded import EmbeddedStore
from kg.store.remote import RemoteStore

__all__ = ["Bindings", "EmbeddedStore", "SelectResult", "Store", "open_store"]


def open_store(settings: Settings, *, read_only: bool = False) -> Store:
    """A RemoteStore when ``settings.endpoint`` is set (TKG_ENDPOINT), else the embedded store."""
    if settings.endpoint:
        return RemoteStore.from_settings(settings)
    consolidation = Consolidation.from_settings(settings) if settings.consolidation else None
    return EmbeddedStore(
        settings.store,
        read_only=read_only,
        ids=settings.ids,
        consolidation=consolidation,
        query_memory_bytes=settings.query_memory_bytes,
    )
