"""The doors: each turns its platform's update into an Incoming and renders a Reply in its
medium (Telegram, Zalo, the terminal, and the collecting door of tests), nothing more."""
