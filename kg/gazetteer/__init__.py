"""kg.gazetteer.graph."""
