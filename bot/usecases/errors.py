"""The one error every use case raises when the arguments do not say what to do."""

from __future__ import annotations


class UsageError(ValueError):
    """The arguments do not say what to do or show; adapters answer with what was wrong
    (`problem`, plain text, may be empty) and the usage of `command`."""

    def __init__(self, command: str, problem: str = "") -> None:
        super().__init__(f"{command}: {problem}" if problem else command)
        self.command = command
        self.problem = problem
