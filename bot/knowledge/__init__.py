"""The curated fact base as files: its schema, loading and validation, provenance, and what
changed between two bases."""
