"""Measuring answer quality on sets written apart from the fact base: fact sets and
conversation sets."""
