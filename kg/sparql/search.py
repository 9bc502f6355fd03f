"""Entity search by label: the store's label index when it has one, else ``queries/search.rq``.

Both give the same rows in the same order (tests/kg/store/test_labels.py), so callers page either alike.
"""

from __future__ import annotations

from kg.errors import NotReady
from kg.namespaces import Ids
from kg.sparql.named import NamedQuery, bind_params, check_page, run_query
from kg.store.base import SelectResult, Store


def search_entities(
    store: Store, query: NamedQuery, q: str, ids: Ids, *, limit: int | None = None, offset: int = 0
) -> SelectResult:
    """The answer of ``query`` (``queries/search.rq``) for the text ``q``, LIMIT and OFFSET applied."""
    labels = store.labels
    if labels is None:
        return run_query(store, query, {"q": q}, ids, limit=limit, offset=offset)
    if labels.warming:  # answer at once, not after the whole first read (tens of seconds at 10^7)
        raise NotReady(
            "the search index is being built (the store was just opened); try again in a few seconds"
        )
    check_page(limit, offset)  # the same checks of limit and offset as the SPARQL path
    text = bind_params(query, {"q": q}, ids)["q"]  # stripped and checked as for the query
    return labels.search(str(text), limit=limit, offset=offset)
