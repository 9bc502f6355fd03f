"""kg.curation.evidence."""
