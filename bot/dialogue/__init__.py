"""The dialogue core: every door's messages become Replies here.

``answerer`` answers a question over an immutable snapshot through an ordered list
of ``rules``; ``core`` takes a door's neutral ``Incoming`` message (text, a
pressed button, a suggestion number, a command) and returns a ``Reply`` as
plain data, which each door renders in its own medium.
"""
