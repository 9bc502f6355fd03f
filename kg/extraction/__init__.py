"""kg.extraction.document."""
