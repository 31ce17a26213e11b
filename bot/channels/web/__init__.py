"""The web chat door: a JSON message in, a JSON reply out, and the page and widget that speak it."""
