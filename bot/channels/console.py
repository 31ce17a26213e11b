"""The terminal door: the whole bot in a plain-text chat, without any platform.

Its one user sits at the machine the bot runs on, so they are an admin (and
/reload works here too). Typing a number picks a suggestion. Fed from a pipe,
it prints only the replies, so that it can be scripted.
"""

from __future__ import annotations

import asyncio
from typing import TextIO

from ..dialogue import texts
from ..dialogue.catalog import districts_line
from ..dialogue.core import Dialogue
from ..dialogue.messages import Incoming
from . import plain

QUIT = frozenset({"/quit", "/exit", "/thoat", "quit", "exit"})


async def chat(core: Dialogue, stdin: TextIO, stdout: TextIO) -> int:
    interactive = stdin.isatty()

    def say(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    if interactive:
        say(texts.console_banner(districts_line(core.engine.kb)))
    first = True
    while True:
        if interactive:
            stdout.write("\nBạn: ")
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            return 0
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT:
            if interactive:
                say(texts.GOODBYE)
            return 0
        reply = await core.handle(Incoming(door="console", chat_id="local", user_id="local", text=text, is_admin=True))
        if reply.silent:
            continue
        if interactive:
            say("Bot: " + plain.text(reply))
        else:
            say(("" if first else "\n") + plain.text(reply))
        first = False


def run_console(core: Dialogue, stdin: TextIO, stdout: TextIO) -> int:
    return asyncio.run(chat(core, stdin, stdout))
