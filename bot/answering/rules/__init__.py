"""The rules of :mod:`bot.answering.policy`, one module each: each takes a Turn and answers, or
lets the next rule try."""
