"""The FastAPI service over the knowledge graph."""
