"""The operator's path, as the README writes it, on a machine without Telegram: install, config
errors, db upgrade, org load (dry run first), doctor, and start-up errors in one line."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox import Sandbox
from tests.conftest import ROOT, TEST_BALLOT_KEY

# Each runs `staypulse` as a process (seconds apiece): the `make test` tier.
pytestmark = pytest.mark.slow

STAYPULSE = [sys.executable, "-m", "bot"]
TOKEN = "7000000001:sandboxtokensandboxtokensandbox12345"
WRONG = "7000000001:wrongsecretwrongsecretwrongsecret00"


def readme_steps() -> list[str]:
    """The shell lines between the operator-steps markers in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- operator-steps.*?```sh\n(.*?)```", text, re.S)
    assert block is not None, "the README lost its operator steps"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def as_test_command(line: str) -> list[str] | None:
    """What a README line does in a temporary folder without root: None for steps that need
    root or a person (packages, the clone, the service user, the editor)."""
    words = shlex.split(line)
    if words[:3] == ["sudo", "-u", "staypulse"]:
        words = words[3:]
    elif words[:1] == ["sudo"]:
        words = words[1:]
    if words[0] in ("apt-get", "git", "useradd", "sudoedit", "cd", "make"):
        return None
    if words[0] == "install":  # without the owner and group, which need root
        skip = {"-o", "-g"}
        kept, drop_next = [], False
        for word in words:
            if drop_next:
                drop_next = False
                continue
            if word in skip:
                drop_next = True
                continue
            kept.append(word)
        return kept
    if words[0] == ".venv/bin/staypulse":
        return [*STAYPULSE, *words[1:]]
    raise AssertionError(f"the test does not know how to run the README line {line!r}")


def run(folder: Path, command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k.isupper() and not k.startswith(
        ("TELEGRAM_", "DATABASE_", "ORG_", "PSW_", "ADMIN_", "PRIVACY_", "QUESTION_", "SCHEDULE_",
         "BALLOT_")
    )}  # fmt: skip
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        command, cwd=folder, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    """A Bot API sandbox on its own thread, as Telegram would be."""
    loop = asyncio.new_event_loop()
    box = Sandbox(TOKEN)
    url = loop.run_until_complete(box.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        asyncio.run_coroutine_threadsafe(box.stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Path:
    """The checkout as the operator has it after `git clone`."""
    for name in (".env.example", "org.example.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_make_install_installs_no_dev_tools() -> None:
    dry = subprocess.run(
        ["make", "-n", "-B", "install"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "pip install --quiet -e ." in dry.stdout
    assert "[dev]" not in dry.stdout


def test_the_readme_steps_run_as_written(server: Path, sandbox_url: str) -> None:
    for line in readme_steps():
        command = as_test_command(line)
        if command is None:
            if line.startswith("sudoedit .env"):  # what the operator types in
                env = (server / ".env").read_text()
                env = env.replace("TELEGRAM_BOT_TOKEN=\n", f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
                env = env.replace(
                    "TELEGRAM_BASE_URL=https://api.telegram.org\n",
                    f"TELEGRAM_BASE_URL={sandbox_url}\n",
                )
                (server / ".env").write_text(env)
            continue
        result = run(server, command)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
        if "--dry-run" in command:
            assert "Dry run: nothing was changed." in result.stdout
        if command[-1] == "doctor":
            assert "Telegram at 127.0.0.1" in result.stdout
            assert "FAIL" not in result.stdout
    assert (server / "data" / "staypulse.db").exists()


def test_the_shipped_env_example_works_and_doctor_says_what_is_missing(server: Path) -> None:
    shutil.copy(server / ".env.example", server / ".env")
    shutil.copy(server / "org.example.yaml", server / "org.yaml")
    (server / "data").mkdir()
    result = run(server, [*STAYPULSE, "doctor", "--offline"])
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("FAIL") and "staypulse db upgrade" in line for line in lines)
    assert any("PSW_CHAT_ID is empty: the weekly digest goes privately" in line for line in lines)
    assert run(server, [*STAYPULSE, "db", "upgrade"]).returncode == 0
    result = run(server, [*STAYPULSE, "run"])
    assert result.returncode == 2
    assert result.stderr.strip().startswith("TELEGRAM_BOT_TOKEN is not set")


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("WORKING_DAYS", "weekdays", "WORKING_DAYS: 'weekdays' is not a list of days"),
        ("PSW_CHAT_ID", "12345", "PSW_CHAT_ID: 12345 is a person's id, not a group's"),
        ("ORG_FILE", "missing.yaml", "ORG_FILE: missing.yaml does not exist"),
        ("QUESTION_FILE", "missing.yaml", "QUESTION_FILE: missing.yaml does not exist"),
        ("SCHEDULE_FILE", "missing.yaml", "SCHEDULE_FILE: missing.yaml does not exist"),
    ],
)
def test_a_bad_setting_stops_run_with_one_line_naming_it(
    server: Path, variable: str, value: str, expected: str
) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "DATABASE_URL": f"sqlite:///{server / 'db.sqlite'}",
        "ORG_FILE": "org.example.yaml",
    }
    result = run(server, [*STAYPULSE, "run"], **{**env, variable: value})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert expected in result.stderr
    assert "tuple" not in result.stderr


def test_a_wrong_token_and_an_unreachable_telegram_are_one_line_without_the_token(
    server: Path, sandbox_url: str
) -> None:
    database = f"sqlite:///{server / 'db.sqlite'}"
    assert run(server, [*STAYPULSE, "db", "upgrade"], DATABASE_URL=database).returncode == 0
    common = {
        "DATABASE_URL": database,
        "ORG_FILE": "org.example.yaml",
        "BALLOT_KEY": TEST_BALLOT_KEY,
    }
    wrong = run(
        server,
        [*STAYPULSE, "run"],
        TELEGRAM_BOT_TOKEN=WRONG,
        TELEGRAM_BASE_URL=sandbox_url,
        **common,
    )
    assert wrong.returncode == 2
    [line] = wrong.stderr.strip().splitlines()
    assert line.startswith("TELEGRAM_BOT_TOKEN (7000000001:…) was refused by 127.0.0.1")
    assert "wrongsecret" not in wrong.stderr + wrong.stdout
    assert "Loaded" not in wrong.stdout  # stopped before changing anything

    port = closed_port()
    down = run(
        server,
        [*STAYPULSE, "run"],
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=f"http://127.0.0.1:{port}",
        **common,
    )
    assert down.returncode == 2
    [line] = down.stderr.strip().splitlines()
    assert line.startswith(f"Cannot reach Telegram at 127.0.0.1:{port}")
    assert "sandboxtoken" not in down.stderr + down.stdout


def test_a_data_folder_the_service_cannot_write_is_named(server: Path) -> None:
    result = run(
        server,
        [*STAYPULSE, "db", "upgrade"],
        DATABASE_URL="sqlite:////proc/staypulse/data/staypulse.db",
    )
    assert result.returncode == 2
    assert "DATABASE_URL: the folder /proc/staypulse/data" in result.stderr
    assert "does not exist: create it" in result.stderr
