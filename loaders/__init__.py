"""Article loaders: text and metadata in, an rdflib graph out. No store, no HTTP."""

LOADER_VERSION = "0.5.0"
