"""One Incoming in, one Reply out, for every door alike: the dialogue core, messages, button
actions, commands, memory, the rate limit and feedback words."""
