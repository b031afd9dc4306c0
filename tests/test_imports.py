"""The architecture's one direction of dependency, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# package -> top-level modules it must never import
FORBIDDEN = {
    "surveys": {"telegram", "bot", "analysis"},
    "analysis": {"telegram", "bot"},
    # The Bot API sandbox is a tool of its own: it knows HTTP and Telegram's rules, not StayPulse.
    "sandbox": {"telegram", "bot", "surveys", "analysis"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_what_it_must_not(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
        if imported_roots(path) & FORBIDDEN[package]
    }
    assert offenders == {}


def test_only_bot_imports_telegram() -> None:
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in ("bot", "tests", "benchmarks", ".venv", "build", "data"):
            continue
        assert "telegram" not in imported_roots(path), relative


def test_the_adapter_does_not_ship_the_sandbox() -> None:
    """Only the local-run tools and the CLI command that starts them reach the sandbox."""
    allowed = {ROOT / "bot" / "cli.py", *(ROOT / "bot" / "local").rglob("*.py")}
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if path not in allowed and "sandbox" in imported_roots(path)
    ]
    assert offenders == []


def test_use_cases_do_not_know_telegram() -> None:
    """Handlers, CLI, scheduler and demo share the use cases, so they speak no Telegram."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot" / "usecases").rglob("*.py")
        if "telegram" in imported_roots(path)
    ]
    assert offenders == []


# What a handler may not touch: the database (a query belongs in a use case, in the one unit of
# work that also checks access and writes the audit line) and the PSW list (an access check).
_DATABASE_MODULES = {"sqlmodel", "sqlalchemy", "surveys.db", "surveys.psw"}


def _handler_offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    usecase_names: set[str] = set()
    offences: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "bot.usecases" or node.module.startswith("bot.usecases."):
                usecase_names.update(alias.asname or alias.name for alias in node.names)
            if node.module.split(".")[0] in _DATABASE_MODULES or node.module in _DATABASE_MODULES:
                offences.append(f"line {node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in _DATABASE_MODULES or alias.name in _DATABASE_MODULES:
                    offences.append(f"line {node.lineno}: imports {alias.name}")
    for node in ast.walk(tree):
        # services.db(fn, ...) / run_unit(fn, ...): fn must come from the use-case layer.
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in {"db", "run_unit"}:
            continue
        target = node.args[0]
        while isinstance(target, ast.Attribute):
            target = target.value
        if not (isinstance(target, ast.Name) and target.id in usecase_names):
            offences.append(f"line {node.lineno}: {name}() runs {ast.unparse(node.args[0])}")
    return offences


def test_handlers_hold_no_queries_and_no_access_checks() -> None:
    """Every database call from a handler is a use case, which does the access check and audit."""
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "bot" / "handlers").glob("*.py"))
        if (found := _handler_offences(path))
    }
    assert offenders == {}
