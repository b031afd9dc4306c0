"""The use cases: one typed function per user action, shared by handlers, CLI, scheduler and demo.

Each takes the unit of work's session first (so `services.db(use_case, ...)` is checked by mypy
against its signature), does the access check, the work and the audit line in that one
transaction, and returns a plain result for an adapter to render. Nothing here imports
`telegram`: the adapters (bot/handlers, bot/cli.py) turn results into messages, and turn the
`Denied` a use case raises into a refusal (bot/handlers/common.on_error).
"""
