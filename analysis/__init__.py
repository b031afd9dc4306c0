"""Comment analysis: pure functions of text, with no Telegram, database or network."""

from analysis import compiled as _compiled

# The analyser's hot modules compiled, where they were built from these sources (analysis.compiled).
_compiled.use(__path__)
