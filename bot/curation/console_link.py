"""/web: a one-time link to the curators' console, for an admin, in any door (the terminal too).

The link opens a sign-in page on PUBLIC_URL (or WEBHOOK_URL's host); it works once, within
LINK_MINUTES, so a link seen by someone else later opens nothing.
"""

from __future__ import annotations

import logging

from bot.chat.desk import Core
from bot.chat.messages import Incoming, Reply
from bot.curation import curator_texts

log = logging.getLogger(__name__)

LINK_MINUTES = 10
SIGN_IN_PATH = "/admin/vao"


async def sign_in_link(core: Core, msg: Incoming, base_url: str | None) -> Reply:
    if not core.is_admin(msg):
        log.warning("Từ chối /web của người dùng %s:%s (không phải quản trị viên)", msg.door, msg.user_id)
        return Reply.say("refused", curator_texts.ADMINS_ONLY)
    if msg.is_group:  # whoever presses a link seen by a whole group would be signed in as this admin
        return Reply.say("invalid", curator_texts.CONSOLE_PRIVATE_ONLY)
    if core.store is None:
        return Reply.say("invalid", curator_texts.NO_STORE)
    if not base_url:
        return Reply.say("invalid", curator_texts.CONSOLE_NEEDS_URL)
    curator = core.store.console.curator(msg.door, msg.user_id)
    token = await core.store.console.new_link(curator, LINK_MINUTES * 60)
    link = f"{base_url.rstrip('/')}{SIGN_IN_PATH}?t={token}"
    return Reply.say("command", curator_texts.console_link(link, LINK_MINUTES), title=curator_texts.CONSOLE_TITLE)
