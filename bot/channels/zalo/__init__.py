"""The Zalo door: the Bot Platform's updates and client, plain-text replies split under
2,000 characters."""
