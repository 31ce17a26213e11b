"""How long questions are kept before a purge deletes them.

Questions are what people typed, so they may name people or places in their
own lives; keeping them only as long as curating the knowledge base needs them
(reading what the bot could not answer) is the privacy promise. The settings
read QUESTION_RETENTION_DAYS, with this as its default, and pass it to the store.
"""

from __future__ import annotations

DEFAULT_RETENTION_DAYS = 180
