"""`python -m bot` is the `staypulse` command."""

from bot.cli import main

main()
