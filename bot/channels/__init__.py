"""Doors onto the engine: each renders an Answer in its own medium."""
