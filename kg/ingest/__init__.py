"""kg.ingest.pipeline."""
