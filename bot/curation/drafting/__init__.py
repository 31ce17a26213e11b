"""Drafting the knowledge files of a new article (python -m bot draft); see draft.py."""
