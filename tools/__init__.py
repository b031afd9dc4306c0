"""Build tools: not imported by the bot."""
