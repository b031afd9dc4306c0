"""A local Telegram Bot API for the demo, `staypulse chat` and the end-to-end tests.

It answers the Bot API methods StayPulse uses, as strictly as Telegram does, and adds a
simulation API (`/sim/...`) to play the people on the other side. See docs/sandbox.md.
"""

from sandbox.client import Person, SimClient, SimClientError, newest_button
from sandbox.limits import SandboxLimits
from sandbox.server import Sandbox, make_token

__all__ = [
    "Person",
    "Sandbox",
    "SandboxLimits",
    "SimClient",
    "SimClientError",
    "make_token",
    "newest_button",
]
