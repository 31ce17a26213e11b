"""A question in, an Answer out, over one immutable snapshot, with no I/O: analysis, the query,
ranking, the ordered rules, the conversation's context and follow-ups, and the tuning constants."""
