"""HTTP mechanics: content negotiation, request bodies, the answer cache, bearer tokens, offline docs."""
