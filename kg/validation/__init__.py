"""kg.validation."""
