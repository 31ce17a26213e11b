"""Doors onto the answerer: each renders an Answer in its own medium."""
