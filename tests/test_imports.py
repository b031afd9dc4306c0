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
    skipped = {"bot", "tests", "benchmarks", "build", "data"}
    # Walk the project's own folders only: a virtual environment (.venv or any other) is not ours.
    tops = [p for p in ROOT.iterdir() if p.is_dir() and p.name not in skipped]
    sources = [
        *ROOT.glob("*.py"),
        *(
            p
            for top in tops
            if (top / "__init__.py").exists() or top.name in FORBIDDEN
            for p in top.rglob("*.py")
        ),
    ]
    assert any(path.is_relative_to(ROOT / "surveys") for path in sources)  # the walk found code
    for path in sources:
        assert "telegram" not in imported_roots(path), path.relative_to(ROOT)


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
