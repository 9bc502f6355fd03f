"""HTTP mechanics, no SPARQL: negotiation, request bodies, the answer cache, bearer tokens, offline docs,
overload protection, request ids and limits."""
