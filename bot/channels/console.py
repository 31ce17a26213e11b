"""The terminal door: the whole bot in a plain-text chat, without any platform.

Its one user sits at the machine the bot runs on, so they are an admin (/reload and the
curators' commands work here too; "/capnhat <tệp>" sends a local file). Typing a number
picks a suggestion. Fed from a pipe, it prints only the replies, so that it can be scripted.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TextIO

from bot.answering.catalog import districts_line
from bot.channels import plain
from bot.chat import chat_texts
from bot.chat.core import Dialogue
from bot.chat.messages import Attachment, Incoming, Reply
from bot.curation import curator_texts

QUIT = frozenset({"/quit", "/exit", "/thoat", "quit", "exit"})


def incoming(text: str) -> Incoming:
    """A typed line; "/capnhat <tệp>" attaches that local file, as a chat app would."""
    attachment = None
    command, _, argument = text.partition(" ")
    if command == "/capnhat" and argument.strip():
        path = Path(argument.strip()).expanduser()
        if path.is_file():
            text, attachment = "/capnhat", Attachment(name=path.name, data=path.read_bytes())
    return Incoming(
        door="console",
        chat_id="local",
        user_id="local",
        text=text,
        attachment=attachment,
        is_admin=True,
        takes_files=True,
    )


def render(reply: Reply) -> str:
    text = plain.text(reply)
    if reply.attachment is not None:  # an export: written next to where the chat runs
        path = Path(reply.attachment.name)
        path.write_bytes(reply.attachment.data)
        text += "\n" + curator_texts.saved_to(str(path.resolve()))
    return text


async def chat(core: Dialogue, stdin: TextIO, stdout: TextIO) -> int:
    interactive = stdin.isatty()

    def say(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    if interactive:
        say(chat_texts.console_banner(districts_line(core.answerer.kb)))
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
                say(chat_texts.GOODBYE)
            return 0
        reply = await core.handle(incoming(text))
        if reply.silent:
            continue
        if interactive:
            say("Bot: " + render(reply))
        else:
            say(("" if first else "\n") + render(reply))
        first = False
