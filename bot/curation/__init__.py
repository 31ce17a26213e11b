"""What curators do: their chat commands (plugged into the chat as a desk), the knowledge
library of stored versions, reload reports, and drafting new articles."""
