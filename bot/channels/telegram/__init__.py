"""The Telegram door: updates to Incoming, Replies to HTML and inline buttons, flood limits."""
