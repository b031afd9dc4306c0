"""`staypulse doctor`: configuration, files, database and Telegram, one line each with the fix."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, func, select

from bot.preflight import check_telegram, database_line
from bot.settings import PRIVACY_TO_FILL_IN, ConfigError, Settings, load_settings
from bot.surveyfiles import load_interview_flows, load_survey_files
from surveys.db import current_revision, head_revision, make_engine, session_scope
from surveys.models import KeyCheck, PswMember, Team
from surveys.org import read_org_file
from surveys.seal import SealError
from surveys.yamlfile import ConfigFileError

OK, WARN, FAIL = "ok", "warn", "FAIL"


@dataclass(frozen=True)
class Finding:
    """One line of the report: ok, warn (works, but read this) or FAIL (fix before running)."""

    status: str
    line: str


def diagnose(*, telegram: bool = True) -> list[Finding]:
    """Every check, in the order an operator fixes things."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        return [Finding(FAIL, str(exc))]
    found = [Finding(OK, "Configuration: every variable has a usable value.")]
    if not Path(".env").is_file():
        found.append(
            Finding(
                WARN,
                f"No .env in {Path.cwd()}: settings come from the environment alone "
                "(cp .env.example .env, or run from the folder that has it).",
            )
        )
    found += _files(settings)
    found += _people(settings)
    found += _database(settings)
    if telegram:
        result = asyncio.run(check_telegram(settings))
        found.append(Finding(OK if result.ok else FAIL, result.line))
    return found


def _files(settings: Settings) -> list[Finding]:
    missing = settings.missing_files()
    if missing:
        return [Finding(FAIL, line) for line in missing]
    found = []
    try:
        if settings.org_file is not None:
            spec = read_org_file(settings.org_file)
            found.append(
                Finding(
                    OK, f"ORG_FILE {settings.org_file}: {len(spec.teams)} teams, loaded at start."
                )
            )
        else:
            found.append(Finding(OK, "ORG_FILE is empty: the teams already loaded are used."))
    except ConfigFileError as exc:
        found.append(Finding(FAIL, f"ORG_FILE: {exc}".replace("\n", "; ")))
    try:
        bank, schedules, signposting = load_survey_files(settings)
        load_interview_flows(settings)  # INTERVIEW_FILE, when set
        found.append(
            Finding(
                OK,
                f"Question bank ({len(bank.items)} items), schedules "
                f"({len(schedules.schedules)}) and signposting ({len(signposting.signals)} "
                "phrases) are valid.",
            )
        )
    except ConfigFileError as exc:
        found.append(Finding(FAIL, str(exc).replace("\n", "; ")))
    return found


def _people(settings: Settings) -> list[Finding]:
    found = []
    if not settings.admin_telegram_ids:
        found.append(
            Finding(
                WARN,
                "ADMIN_TELEGRAM_IDS is empty: add your own Telegram id (send the bot /whoami) so "
                "someone can run the PSW commands, or use `staypulse psw add ID --role admin`.",
            )
        )
    if settings.psw_chat_id is None:
        found.append(
            Finding(
                OK,
                "PSW_CHAT_ID is empty: the weekly digest goes privately to each PSW member. To "
                "post it in a group, add the bot to it; the log then says 'added to group -100…': "
                "put that id in PSW_CHAT_ID.",
            )
        )
    defaults = [
        name.upper()
        for name in PRIVACY_TO_FILL_IN
        if getattr(settings, name) == Settings.model_fields[name].default
    ]
    if defaults:
        found.append(
            Finding(
                WARN,
                f"{', '.join(defaults)} still have the shipped wording: fill in the privacy "
                "notice before going live (docs/operating.md, 'Before going live').",
            )
        )
    return found


def _ballot_key(settings: Settings, engine: Engine) -> Finding:
    """Whether BALLOT_KEY is set and opens what this database has sealed (it only reads)."""
    try:
        settings.use_ballot_key()
        with session_scope(engine) as session:
            found = session.get(KeyCheck, 1)  # opening it fails with WrongKey for another key
    except (ConfigError, SealError) as exc:
        return Finding(FAIL, str(exc).removeprefix("Configuration error: "))
    if found is None:
        return Finding(OK, "BALLOT_KEY is set; the database has sealed nothing with it yet.")
    return Finding(OK, "BALLOT_KEY opens the answers sealed in this database.")


def _database(settings: Settings) -> list[Finding]:
    engine = make_engine(settings.database_url)
    try:
        problem = database_line(engine)
        if problem is not None:
            return [Finding(FAIL, problem)]
        current, head = current_revision(engine), head_revision()
        if current != head:
            return [
                Finding(
                    FAIL,
                    f"Database schema is {current or 'empty'}, this version needs {head}: run "
                    "`staypulse db upgrade`.",
                )
            ]
        with session_scope(engine) as session:
            teams = session.exec(select(func.count()).where(col(Team.active))).one()
            members = session.exec(select(func.count()).select_from(PswMember)).one()
    finally:
        engine.dispose()
    found = [Finding(OK, f"Database is at the latest schema ({head}).")]
    found.append(_ballot_key(settings, engine))
    if teams == 0:
        found.append(Finding(FAIL, "No teams loaded: run `staypulse org load org.yaml`."))
    if members == 0 and not settings.admin_telegram_ids:
        found.append(
            Finding(
                WARN,
                "Nobody is in the PSW team yet, so nobody can read results: set "
                "ADMIN_TELEGRAM_IDS or run `staypulse psw add ID --role admin`.",
            )
        )
    return found
