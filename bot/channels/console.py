"""The terminal door: the same engine, in a plain-text chat.

Anyone can try the bot without a Telegram account. Typing the number of a
suggestion answers it, as pressing its button does in Telegram.
"""

from __future__ import annotations

from typing import TextIO

from ..answer import Answer
from ..engine import Engine, districts_line

BANNER = (
    "Chatbot hỏi đáp: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n"
    "Hỏi bằng tiếng Việt, có dấu hay không dấu đều được. Gõ số để chọn gợi ý, /help để xem hướng dẫn, "
    "/quit để thoát."
)


def run_console(engine: Engine, stdin: TextIO, stdout: TextIO) -> int:
    interactive = stdin.isatty()

    def say(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    say(BANNER)
    say(f"Các huyện có dữ liệu: {districts_line(engine.kb)}.")
    last: Answer | None = None
    while True:
        if interactive:
            stdout.write("\nBạn: ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if not text:
            continue
        if text in ("/quit", "/exit", "quit", "exit", "/thoat"):
            say("Tạm biệt!")
            return 0
        if text in ("/help", "/start"):
            answer = engine.ask("hướng dẫn")
        elif text.isdigit() and last is not None and 1 <= int(text) <= len(last.suggestions):
            answer = engine.resolve(last.suggestions[int(text) - 1].action)
        else:
            answer = engine.ask(text)
        if not interactive:
            say(f"\nBạn: {text}")
        say("Bot: " + answer.text)
        last = answer
