"""Handlers hold no queries and no access checks: every unit of work a handler module runs is a
use case from bot/usecases, which checks access and writes the audit line in the same
transaction (issue 16, docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HANDLERS = Path(__file__).resolve().parents[2] / "bot" / "handlers"
# usage.py passes a use case on to the unit of work (typed with Session, like services.db); the
# handlers that call it are checked for what they pass.
PASSAGES = {"__init__", "usage"}
HANDLER_MODULES = sorted(path.stem for path in HANDLERS.glob("*.py") if path.stem not in PASSAGES)
# the callables that run a unit of work -> where the function to run sits among their arguments
UNIT_OF_WORK = {"db": 0, "db_sync": 0, "run_unit": 1, "run_or_usage": 2, "psw_view": 3}


def problems(path: Path) -> list[str]:
    """What in a handler module is a query, a session or a unit of work that is not a use case."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[str] = []
    use_cases: set[str] = set()  # names bound to bot.usecases modules or functions
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlmodel" or alias.name == "sqlalchemy":
                    found.append(f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in ("sqlmodel", "sqlalchemy"):
                found.append(f"imports {node.module}")
            # surveys.psw is the PSW list: reading it in a handler is an access check. (Model
            # types may be named: without a session a handler cannot query with them.)
            if node.module in ("surveys.db", "surveys.psw"):
                found.append(f"imports {node.module}")
            if node.module.startswith("bot.usecases"):
                use_cases.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Name) and node.id in ("Session", "select"):
            found.append(f"uses {node.id} (line {node.lineno})")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in UNIT_OF_WORK:
            continue
        args = node.args[UNIT_OF_WORK[name] :]
        target = args[0] if args else None
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            ok = target.value.id in use_cases
        else:
            ok = isinstance(target, ast.Name) and target.id in use_cases
        if not ok:
            found.append(f"runs a unit of work that is not a use case (line {node.lineno})")
    return found


@pytest.mark.parametrize("module", HANDLER_MODULES)
def test_a_handler_runs_only_use_cases(module: str) -> None:
    assert problems(HANDLERS / f"{module}.py") == []


def test_the_check_sees_a_query_in_a_handler(tmp_path: Path) -> None:
    handler = tmp_path / "handler.py"
    handler.write_text(
        "from sqlmodel import Session, select\n"
        "from surveys.pulse import pulse_state\n"
        "from bot.usecases import respondent\n"
        "async def f(services):\n"
        "    await services.db(pulse_state, chat_id=1)\n"
        "    await services.db(respondent.show_pulse, chat_id=1)\n"
    )
    assert problems(handler) == [
        "imports sqlmodel",
        "runs a unit of work that is not a use case (line 5)",
    ]
