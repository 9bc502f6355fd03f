"""textile-kg core: namespaces, settings, store backends, validation, the ingest pipeline and the CLI."""

__version__ = "0.1.0"
