"""The `staypulse` command as an operator uses it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import ORG_EXAMPLE

runner = CliRunner()


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ORG_FILE", str(ORG_EXAMPLE))
    return url


def test_every_command_has_help() -> None:
    for args in (
        [],
        ["run"],
        ["demo"],
        ["chat"],
        ["sandbox"],
        ["db"],
        ["db", "upgrade"],
        ["org", "load"],
        ["psw", "add"],
        ["psw", "remove"],
        ["psw", "list"],
    ):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0, args
        assert "Usage" in result.output


def test_run_without_a_token_names_the_variable_and_points_to_the_demo(db_env: str) -> None:
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.output
    assert "staypulse demo" in result.output


def test_run_refuses_an_unmigrated_database(db_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abcdefghijklmnopqrstuvwxyz")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    assert "Run `staypulse db upgrade`" in result.output


def test_a_bad_setting_stops_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIN_GROUP_SIZE", "1")
    result = runner.invoke(app, ["psw", "list"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Configuration error: MIN_GROUP_SIZE: 1 is below 3; groups that small can be identified"
    )


def test_db_upgrade_org_load_and_psw_management(db_env: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "upgraded from empty" in result.output
    assert "already at the latest" in runner.invoke(app, ["db", "upgrade"]).output
    assert "up to date" in runner.invoke(app, ["db", "status"]).output

    result = runner.invoke(app, ["org", "load", str(ORG_EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "8 teams" in result.output
    result = runner.invoke(app, ["org", "load", str(ORG_EXAMPLE)])
    assert "0 to add, 0 to change, 0 to deactivate, 16 unchanged" in result.output
    assert "Nothing to change." in result.output

    bad = tmp_path / "bad.yaml"
    bad.write_text(ORG_EXAMPLE.read_text().replace("key: fostering", "key: Fostering!"))
    result = runner.invoke(app, ["org", "load", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}, line" in result.output
    assert "'Fostering!' is not a valid key" in result.output

    assert "No PSW team members yet" in runner.invoke(app, ["psw", "list"]).output
    assert (
        runner.invoke(app, ["psw", "add", "555", "--role", "admin", "--name", "Pat"]).exit_code == 0
    )
    assert "Updated PSW viewer 555" in runner.invoke(app, ["psw", "add", "555"]).output
    assert "555\tviewer\tPat" in runner.invoke(app, ["psw", "list"]).output
    assert runner.invoke(app, ["psw", "remove", "555"]).exit_code == 0
    result = runner.invoke(app, ["psw", "remove", "555"])
    assert result.exit_code == 1
    assert "not a PSW team member" in result.output
    assert runner.invoke(app, ["psw", "add", "-5"]).exit_code != 0


def test_the_sandbox_listens_on_loopback_only() -> None:
    result = runner.invoke(app, ["sandbox", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "loopback only" in result.output


def _wait_for(predicate, timeout: float = 30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.e2e  # two real processes talking over loopback: left out of `make check`
def test_staypulse_run_against_staypulse_sandbox_answers_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.db'}"
    env["ORG_FILE"] = str(ORG_EXAMPLE)
    token = "7000000001:sandboxtokensandboxtokensandbox12345"
    exe = [sys.executable, "-m", "bot"]
    subprocess.run([*exe, "db", "upgrade"], env=env, cwd=tmp_path, check=True, capture_output=True)
    with socket.socket() as probe:  # a port the OS says is free right now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sandbox = subprocess.Popen(
        [*exe, "sandbox", "--port", str(port), "--token", token],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        text=True,
    )
    bot = None
    try:
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{url}/sim/bot").status_code == 200
            except httpx.HTTPError:
                return False

        _wait_for(up)
        bot = subprocess.Popen(
            [*exe, "run"],
            env={**env, "TELEGRAM_BOT_TOKEN": token, "TELEGRAM_BASE_URL": url},
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        httpx.post(f"{url}/sim/users", json={"user_id": 77, "first_name": "Dee"})
        httpx.post(f"{url}/sim/users/77/messages", json={"text": "/start"})

        def answered() -> str | None:
            messages = httpx.get(f"{url}/sim/chats/77/messages").json()["result"]["messages"]
            texts = [m["text"] for m in messages if m["from"] == "bot"]
            return texts[0] if texts else None

        assert _wait_for(answered).startswith("Hello Dee, I'm StayPulse")
    finally:
        for process in (bot, sandbox):
            if process is not None:
                process.send_signal(signal.SIGINT)
        for process in (bot, sandbox):
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    assert bot is not None
    logs = bot.stderr.read() if bot.stderr else ""
    assert token.split(":")[1] not in logs


def test_redact_answers_every_line_in_order_and_a_bad_line_with_an_error(tmp_path: Path) -> None:
    source = tmp_path / "comments.jsonl"
    source.write_text(
        '{"id": "a", "text": "ring Tunde on 07700 900123"}\n'
        "not json\n"
        '{"id": "c"}\n'
        "\n"
        '{"id": "d", "text": "TM Grace is off, Mosaic is down"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["redact", str(source)])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows == [
        {"id": "a", "text": "ring [name] on [phone]"},
        {"id": None, "line": 2, "error": "not JSON (Expecting value)"},
        {"id": "c", "line": 3, "error": 'expected an object with a "text" string'},
        {"id": "d", "text": "TM [name] is off, Mosaic is down"},
    ]


def test_redact_reads_stdin_and_uses_the_ballot_box_function() -> None:
    from surveys.redact import redact

    text = "Okeke at 22 Laburnum Close, dob 1/2/2012"
    result = runner.invoke(app, ["redact", "-"], input=json.dumps({"id": 7, "text": text}))
    assert json.loads(result.output) == {"id": 7, "text": redact(text)}


def test_evaluate_redaction_prints_recall_keep_rate_and_failures(tmp_path: Path) -> None:
    source = tmp_path / "labelled.jsonl"
    rows = [
        {"id": "x", "text": "Tunde rang from 07700 900123", "pii": ["Tunde"], "keep": []},
        {"id": "y", "text": "Holly and tinsel everywhere", "pii": [], "keep": ["Holly", "tinsel"]},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["evaluate-redaction", str(source)])
    assert result.exit_code == 0
    assert "PII recall  1.000  (1 of 1 gone)" in result.output
    assert "keep rate   0.500  (1 of 2 kept)" in result.output
    assert "LOST   y: 'Holly'" in result.output


def test_evaluate_agreement_prints_readers_and_analyser_side_by_side() -> None:
    result = runner.invoke(app, ["evaluate-agreement"])
    assert result.exit_code == 0, result.output
    assert "300 comments, each labelled again by two readers" in result.output
    for part in ("held-out", "development"):
        for what in ("first reader vs labels", "second reader vs first", "analyser vs labels"):
            assert f"{part:<13}{what}" in result.output
    assert "paired bootstrap" in result.output
    assert "readers' agreed minus analyser" in result.output


def test_evaluate_agreement_names_a_study_it_cannot_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate-agreement", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: " in result.output
    assert "study.json" in result.output


def test_evaluate_agreement_names_data_with_no_labelled_comments(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate-agreement", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: no labelled comments there" in result.output


def test_key_new_prints_a_key_the_settings_accept() -> None:
    from bot.settings import load_settings

    result = runner.invoke(app, ["key", "new"])
    assert result.exit_code == 0
    line = result.output.strip()
    assert line.startswith("BALLOT_KEY=")
    assert load_settings(ballot_key=line.removeprefix("BALLOT_KEY=")).ballot_key is not None
    assert runner.invoke(app, ["key", "new"]).output.strip() != line  # a new one every time


def test_run_without_a_ballot_key_names_the_variable(
    db_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from surveys.db import make_engine, upgrade

    upgrade(make_engine(db_env))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abcdefghijklmnopqrstuvwxyz")
    monkeypatch.delenv("BALLOT_KEY")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert "BALLOT_KEY is not set" in line
    assert "staypulse key new" in line


def test_a_malformed_or_wrong_ballot_key_is_one_line_that_never_echoes_it(
    db_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from surveys.db import make_engine, upgrade
    from surveys.seal import new_key

    upgrade(make_engine(db_env))
    monkeypatch.setenv("BALLOT_KEY", "not-a-key-at-all")
    result = runner.invoke(app, ["wave", "close"])
    assert result.exit_code == 2
    assert "BALLOT_KEY" in result.output
    assert "not-a-key-at-all" not in result.output
    # The first key used seals the database's key check; any other key is then refused.
    monkeypatch.setenv("BALLOT_KEY", new_key())
    assert runner.invoke(app, ["wave", "close"]).exit_code == 1  # accepted: no open wave
    monkeypatch.setenv("BALLOT_KEY", new_key())
    result = runner.invoke(app, ["wave", "close"])
    assert result.exit_code == 2
    assert "does not open the answers sealed in this database" in result.output


def test_evaluate_reports_fit_cross_validation_and_held_out_beside_the_baseline(
    tmp_path: Path,
) -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    for name, lines in (("comments_dev.jsonl", 80), ("writer_a.jsonl", 80)):
        kept = (data / name).read_text(encoding="utf-8").splitlines()[:lines]
        (tmp_path / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path), "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert "2-fold CV" in result.output
    assert "writer CV" in result.output  # leave one writer out: text written apart from the rest
    assert "held-out" in result.output
    assert "base held" in result.output
    assert "theme macro-F1" in result.output
    assert "direction accuracy" in result.output


def test_evaluate_one_file_and_analyse_with_a_question(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parents[1] / "data" / "comments_dev.jsonl"
    result = runner.invoke(app, ["evaluate", str(data)])
    assert result.exit_code == 0, result.output
    assert "theme macro-F1" in result.output
    answers = tmp_path / "answers.jsonl"
    answers.write_text('{"id": "1", "text": "parking", "question": "What might make you leave?"}\n')
    result = runner.invoke(app, ["analyse", str(answers)])
    assert result.exit_code == 0, result.output
    assert '"environment": "neg"' in result.output


def test_org_load_dry_run_changes_nothing_and_deactivating_asks_first(
    db_env: str, tmp_path: Path
) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["org", "load", str(ORG_EXAMPLE)]).exit_code == 0
    wrong = tmp_path / "other.yaml"
    wrong.write_text(
        "organisation: Another Council\n"
        "teams:\n  - key: north\n    name: North\n"
        "roles:\n  - key: social_worker\n    name: Social worker\n"
        "employment_types:\n  - key: permanent\n    name: Permanent\n"
    )
    result = runner.invoke(app, ["org", "load", str(wrong), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert 'rename the organisation: "Example Borough Council Children\'s Services"' in (
        result.output
    )
    assert "deactivate team fostering (Fostering and Adoption)" in result.output
    assert "Dry run: nothing was changed." in result.output
    result = runner.invoke(app, ["org", "load", str(wrong)], input="n\n")
    assert result.exit_code == 1
    assert "Cancelled: nothing was changed." in result.output
    shown = runner.invoke(app, ["org", "show"]).output
    assert "fostering\tFostering and Adoption" in shown  # still there
    assert "front_door\tFront Door (MASH)\t0 joined of 14" in shown
    result = runner.invoke(app, ["org", "load", str(wrong), "--yes"])
    assert result.exit_code == 0
    assert "14 deactivated" in result.output  # 8 teams, 5 roles, 1 contract type

    long_name = tmp_path / "long.yaml"
    long_name.write_text(
        ORG_EXAMPLE.read_text().replace("name: Assessment Team", "name: " + "Assessment " * 10)
    )
    result = runner.invoke(app, ["org", "load", str(long_name), "--dry-run"])
    assert result.exit_code == 2
    assert f"{long_name}, line" in result.output
    assert "teams[1].name" in result.output
    assert "names are shown on phone buttons" in result.output


def test_invite_shows_the_live_link_and_makes_personal_ones_for_a_mail_merge(
    db_env: str, tmp_path: Path
) -> None:
    from bot.settings import load_settings
    from surveys.db import make_engine, session_scope
    from surveys.org import set_bot_username

    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["org", "load", str(ORG_EXAMPLE)]).exit_code == 0
    first = runner.invoke(app, ["invite", "assessment", "--uses", "12", "--days", "7"])
    assert first.exit_code == 0, first.output
    assert "12 of 12 uses left" in first.output
    again = runner.invoke(app, ["invite", "assessment"])
    assert "already has a live link (--new makes another)" in again.output
    assert "/start" in again.output
    result = runner.invoke(app, ["invite", "assessment", "--people", "3"])
    assert result.exit_code == 2
    assert "Start the bot once" in result.output
    with session_scope(make_engine(load_settings().database_url)) as session:
        set_bot_username(session=session, username="staypulse_bot")
    result = runner.invoke(app, ["invite", "assessment", "--people", "3"])
    assert result.output.count("https://t.me/staypulse_bot?start=") == 3
    merge = tmp_path / "assessment.csv"
    result = runner.invoke(app, ["invite", "fostering", "--people", "2", "--csv", str(merge)])
    assert result.exit_code == 0, result.output
    rows = merge.read_text().splitlines()
    assert rows[0] == "team,link,code,expires"
    assert len(rows) == 3
    result = runner.invoke(app, ["invite", "fostering", "--people", "2", "--csv", str(merge)])
    assert result.exit_code == 2
    assert "already exists" in result.output
    listed = runner.invoke(app, ["invite", "--list"]).output
    assert "12 of 12 uses left" in listed
    assert "(personal)\tassessment\t3 single-use link(s) not yet used" in listed
    assert runner.invoke(app, ["invite", "assessment", "--people", "0"]).exit_code == 2


def test_key_new_writes_into_an_env_file_once_and_never_replaces_a_key(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("TELEGRAM_BOT_TOKEN=\nBALLOT_KEY=\nTIMEZONE=Europe/London\n", encoding="utf-8")
    result = runner.invoke(app, ["key", "new", "--env-file", str(env)])
    assert result.exit_code == 0
    lines = env.read_text(encoding="utf-8").splitlines()
    [key_line] = [line for line in lines if line.startswith("BALLOT_KEY=")]
    assert len(key_line) > len("BALLOT_KEY=") + 40
    assert lines[0] == "TELEGRAM_BOT_TOKEN="
    assert lines[2] == "TIMEZONE=Europe/London"
    again = runner.invoke(app, ["key", "new", "--env-file", str(env)])
    assert again.exit_code == 2
    assert "already set" in again.output
    assert env.read_text(encoding="utf-8").splitlines() == lines  # nothing changed
    assert key_line.split("=", 1)[1] not in again.output
