"""The Telegram adapter and the application: the only package that imports `telegram`."""

import os

# Opt in to PTB's coming behaviour (durations as timedelta, e.g. RetryAfter.retry_after) now, so
# an upgrade to the next major version changes nothing for us.
os.environ.setdefault("PTB_TIMEDELTA", "1")
