"""StayPulse on one machine without Telegram: the local bot on the sandbox, chat and demo."""
