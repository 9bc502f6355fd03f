"""HTTP mechanics shared by every route: overload protection, request ids, limits."""
