"""The `staypulse` command: run the bot, try it locally, and administer the database."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.logs import configure_logging
from bot.preflight import check_telegram, database_line, describe_database_error
from bot.services import Services
from bot.settings import ConfigError, Settings, load_settings
from bot.usecases import invites, waves
from bot.usecases.access import SHELL
from bot.usecases.errors import UsageError
from surveys.ballot import check_key
from surveys.db import (
    DatabaseNotReady,
    check_ready,
    current_revision,
    head_revision,
    make_engine,
    run_unit,
    session_scope,
    upgrade,
)
from surveys.models import PswRole, Team
from surveys.org import OrgPlan, OrgSpec, bot_username, load_org, plan_org, read_org_file
from surveys.participants import (
    ParticipantError,
    create_personal_invites,
    joined_by_team,
)
from surveys.psw import add_psw_member, list_psw_members, record_audit, remove_psw_member
from surveys.seal import SealError, new_key
from surveys.types import utcnow
from surveys.waves import WaveError
from surveys.yamlfile import ConfigFileError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from analysis.dataset import Labelled

app = typer.Typer(
    help="StayPulse: anonymous pulse surveys and stay/exit interviews for social care staff.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Create or upgrade the database schema.", no_args_is_help=True)
org_app = typer.Typer(
    help="Load the organisation file (teams, roles, contracts).", no_args_is_help=True
)
psw_app = typer.Typer(
    help="Manage the PSW team members who can read results.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(org_app, name="org")
app.add_typer(psw_app, name="psw")
wave_app = typer.Typer(help="See, open or close pulse waves.", no_args_is_help=True)
app.add_typer(wave_app, name="wave")
key_app = typer.Typer(help="The key that seals answers until they are released.")
app.add_typer(key_app, name="key")


log = logging.getLogger("staypulse")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one clear line to stderr and exit."""
    typer.secho(message, err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        fail(str(exc))


def _engine(settings: Settings, *, ready: bool = True) -> Engine:
    engine = make_engine(settings.database_url)
    problem = database_line(engine)
    if problem is not None:
        fail(problem)
    if ready:
        try:
            check_ready(engine)
        except DatabaseNotReady as exc:
            fail(str(exc))
    return engine


# --- the bot ------------------------------------------------------------------------------------


@app.command()
def run() -> None:
    """Run the bot (long polling) against TELEGRAM_BASE_URL."""
    settings = _settings()
    if settings.token is None:
        fail(
            "TELEGRAM_BOT_TOKEN is not set. Put the token from @BotFather in .env "
            "(see .env.example), or try StayPulse without one: `staypulse demo`."
        )
    for problem in settings.missing_files():
        fail(problem)
    configure_logging(
        settings.log_level,
        secrets=[
            settings.token,
            *([settings.ballot_key.get_secret_value()] if settings.ballot_key else []),
        ],
    )
    try:
        settings.use_ballot_key()  # set at all? (whether it opens this database: below)
    except ConfigError as exc:
        fail(str(exc).removeprefix("Configuration error: "))
    engine = _engine(settings)
    # One getMe first: a wrong token or an unreachable Telegram is one line here, not PTB's
    # page-long traceback (with the token in its URLs) from inside run_polling, and nothing has
    # changed yet.
    telegram = asyncio.run(check_telegram(settings))
    if not telegram.ok:
        fail(telegram.line)
    services = _services(settings)  # BALLOT_KEY must open what this database has sealed
    if settings.org_file is not None:
        _load_org_at_start(engine, settings.org_file)
    from telegram.error import InvalidToken, NetworkError

    # imported late: the CLI's other commands stay fast
    from bot.app import ALLOWED_UPDATES, build_application
    from surveys.vocabulary import lexicon

    try:
        # Load redaction's word lists now: a mistake in the vocabulary file stops the start with
        # its line, and the first comment is not kept waiting for the load.
        lexicon()
    except ConfigFileError as exc:
        fail(str(exc))

    application = build_application(settings, engine, token=settings.token, services=services)
    log.info("StayPulse polling %s", settings.telegram_base_url)
    try:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:  # between the check above and now: the token was revoked
        fail(asyncio.run(check_telegram(settings)).line)
    except NetworkError as exc:
        fail(f"Lost Telegram while starting ({type(exc).__name__}); StayPulse will be restarted.")


@app.command()
def demo(
    database_url: Annotated[
        str, typer.Option(help="Where the demo keeps its data (wiped first).")
    ] = "sqlite:///./data/demo.db",
    org_file: Annotated[Path, typer.Option(help="Organisation file to load.")] = Path(
        "org.example.yaml"
    ),
) -> None:
    """Play a small organisation through the local sandbox and print what each person saw."""
    settings = _local_key(_settings(), None)
    configure_logging("WARNING")
    from bot.local.demo import run_demo

    try:
        asyncio.run(run_demo(settings, database_url=database_url, org_file=org_file))
    except ConfigFileError as exc:
        fail(str(exc))


def _local_key(settings: Settings, keep: Path | None) -> Settings:
    """Local runs without BALLOT_KEY get one of their own: a new one for each demo (its database
    is wiped), or one kept beside the local chat's database so its drafts stay readable."""
    if settings.ballot_key is not None:
        return settings
    if keep is None:
        key = new_key()
    else:
        if not keep.exists():
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_text(new_key() + "\n", encoding="ascii")
            keep.chmod(0o600)
        key = keep.read_text(encoding="ascii").strip()
    return settings.model_copy(update={"ballot_key": SecretStr(key)})


class ChatRole(StrEnum):
    """Who you are in `staypulse chat`."""

    WORKER = "worker"
    PSW = "psw"


@app.command()
def chat(
    as_: Annotated[
        ChatRole, typer.Option("--as", help="Talk as a social worker or a PSW admin.")
    ] = ChatRole.WORKER,
    user_id: Annotated[int, typer.Option(help="Your Telegram user id in the sandbox.")] = 1001,
    name: Annotated[str, typer.Option(help="Your first name in the sandbox.")] = "Sam",
    database_url: Annotated[
        str, typer.Option(help="Where the local chat keeps its data.")
    ] = "sqlite:///./data/chat.db",
    org_file: Annotated[Path, typer.Option(help="Organisation file to load.")] = Path(
        "org.example.yaml"
    ),
) -> None:
    """Talk to the bot in this terminal, through the local sandbox."""
    settings = _local_key(_settings(), Path("data/chat.key"))
    configure_logging("WARNING")
    from bot.local.chat import run_chat

    try:
        asyncio.run(
            run_chat(
                settings,
                role=as_.value,
                user_id=user_id,
                name=name,
                database_url=database_url,
                org_file=org_file,
            )
        )
    except ConfigFileError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        pass


@app.command()
def sandbox(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8081,
    token: Annotated[
        str | None, typer.Option(help="Bot token to accept (default: a new one).")
    ] = None,
    bot_username: Annotated[
        str, typer.Option(help="The sandbox bot's username.")
    ] = "staypulse_bot",
) -> None:
    """Run the local Bot API sandbox alone, for `staypulse run` or any Bot API client."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        fail("The sandbox listens on loopback only (127.0.0.1, localhost or ::1).")
    configure_logging("INFO")
    from sandbox import Sandbox

    async def serve() -> None:
        box = Sandbox(token, bot_username=bot_username)
        url = await box.start(host, port)
        typer.echo(f"Sandbox Bot API listening on {url}")
        typer.echo("Point the bot at it with:")
        typer.echo(f"  TELEGRAM_BASE_URL={url} TELEGRAM_BOT_TOKEN={box.token} staypulse run")
        typer.echo(f"Simulation API: {url}/sim/... (see docs/sandbox.md). Ctrl-C stops.")
        try:
            await asyncio.Event().wait()
        finally:
            await box.stop()

    try:
        asyncio.run(serve())
    except OSError as exc:
        fail(f"Cannot listen on {host}:{port}: {exc.strerror}")
    except KeyboardInterrupt:
        pass


@app.command()
def doctor(
    offline: Annotated[
        bool, typer.Option("--offline", help="Skip asking Telegram (or TELEGRAM_BASE_URL).")
    ] = False,
) -> None:
    """Check the configuration, files, database and Telegram; one line each with what to fix."""
    from bot.doctor import FAIL, diagnose

    findings = diagnose(telegram=not offline)
    for finding in findings:
        colour = {FAIL: typer.colors.RED, "warn": typer.colors.YELLOW}.get(finding.status)
        typer.secho(f"{finding.status:<5} {finding.line}", fg=colour)
    if any(f.status == FAIL for f in findings):
        raise typer.Exit(1)


# --- database and organisation ------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the schema, or upgrade it to this version's."""
    settings = _settings()
    engine = _engine(settings, ready=False)
    try:
        before = current_revision(engine)
        upgrade(engine)
    except Exception as exc:  # a clear line, not a traceback, for the operator
        fail(f"Database upgrade failed: {describe_database_error(settings.database_url, exc)}")
    after = current_revision(engine)
    if before == after:
        typer.echo(f"Database already at the latest schema ({after}).")
    else:
        typer.echo(f"Database upgraded from {before or 'empty'} to {after}.")


@db_app.command("status")
def db_status() -> None:
    """Say which schema the database is at and whether it needs an upgrade."""
    settings = _settings()
    engine = _engine(settings, ready=False)
    try:
        current = current_revision(engine)
    except Exception as exc:
        fail(f"Cannot open the database: {type(exc).__name__}")
    head = head_revision()
    state = "up to date" if current == head else "needs `staypulse db upgrade`"
    typer.echo(f"Schema {current or 'none'}; this version needs {head}: {state}.")


def _read_org(path: Path, variable: str = "") -> OrgSpec:
    try:
        return read_org_file(path)
    except ConfigFileError as exc:
        fail(f"{variable}: {exc}" if variable else str(exc))


def _plan_lines(path: Path, plan: OrgPlan) -> list[str]:
    lines = [
        f"{path}: {len(plan.added)} to add, {len(plan.changed)} to change, "
        f"{len(plan.deactivated)} to deactivate, {plan.unchanged} unchanged."
    ]
    if plan.rename is not None:
        lines.append(f"  rename the organisation: {plan.rename[0]!r} → {plan.rename[1]!r}")
    lines += [f"  add {entry}" for entry in plan.added]
    lines += [f"  change {entry}" for entry in plan.changed]
    lines += [f"  deactivate {entry}" for entry in plan.deactivated]
    return lines


def _apply_org(engine: Engine, path: Path, spec: OrgSpec) -> None:
    with session_scope(engine) as session:
        result = load_org(session=session, spec=spec)
        record_audit(session=session, actor_telegram_id=0, action="org.load", detail="via=shell")
    log.info(
        "organisation file %s: %d added, %d updated, %d deactivated",
        path,
        result.added,
        result.updated,
        result.deactivated,
    )
    typer.echo(
        f"Loaded {path}: {len(spec.teams)} teams, {len(spec.roles)} roles, "
        f"{len(spec.employment_types)} employment types "
        f"({result.added} added, {result.updated} updated, {result.deactivated} deactivated, "
        f"{result.unchanged} unchanged)."
    )


def _load_org_at_start(engine: Engine, path: Path) -> None:
    """ORG_FILE at start: additions and changes go ahead; anything that needs asking stops the
    start with one line, since nobody is there to ask."""
    spec = _read_org(path, "ORG_FILE")
    with session_scope(engine) as session:
        plan = plan_org(session=session, spec=spec)
    if plan.needs_confirmation:
        what = []
        if plan.deactivated:
            what.append(f"deactivate {len(plan.deactivated)} team(s), role(s) or contract(s)")
        if plan.rename is not None:
            what.append(f"rename the organisation to {plan.rename[1]!r}")
        fail(
            f"ORG_FILE: loading {path} would {' and '.join(what)}. If that is right, run "
            f"`staypulse org load {path}` once to confirm it; if not, fix ORG_FILE."
        )
    if not plan.changes_nothing:
        _apply_org(engine, path, spec)


@org_app.command("load")
def org_load(
    file: Annotated[Path, typer.Argument(help="The organisation YAML file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; change nothing.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Deactivate teams or rename the organisation without asking."),
    ] = False,
) -> None:
    """Load or re-load the organisation file; shows what changes, and asks before deactivating
    teams or renaming the organisation."""
    settings = _settings()
    engine = _engine(settings)
    spec = _read_org(file)
    with session_scope(engine) as session:
        plan = plan_org(session=session, spec=spec)
    for line in _plan_lines(file, plan):
        typer.echo(line)
    if dry_run:
        typer.echo("Dry run: nothing was changed.")
        return
    if plan.changes_nothing:
        typer.echo("Nothing to change.")
        return
    if plan.needs_confirmation and not yes:
        try:
            go_ahead = typer.confirm("Deactivate and rename as listed above?")
        except typer.Abort:  # no terminal to answer on
            go_ahead = False
        if not go_ahead:
            fail("Cancelled: nothing was changed. Use --yes to go ahead without asking.", code=1)
    _apply_org(engine, file, spec)


@org_app.command("show")
def org_show() -> None:
    """The active teams, with how many people have joined each against its headcount."""
    settings = _settings()
    with session_scope(_engine(settings)) as session:
        teams = joined_by_team(session=session)
        inactive = session.exec(select(Team).where(col(Team.active).is_(False))).all()
    if not teams:
        fail("No teams yet. Load them with `staypulse org load org.yaml`.", code=1)
    for team in teams:
        headcount = f" of {team.headcount}" if team.headcount is not None else " (no headcount)"
        typer.echo(f"{team.key}\t{team.name}\t{team.joined} joined{headcount}")
    if inactive:
        typer.echo(f"({len(inactive)} inactive team(s) not shown.)")


# --- PSW team -----------------------------------------------------------------------------------


@psw_app.command("add")
def psw_add(
    telegram_id: Annotated[
        int, typer.Argument(help="The member's Telegram user id (they can send the bot /whoami).")
    ],
    role: Annotated[
        PswRole, typer.Option(help="admin can change things; viewer reads results.")
    ] = PswRole.VIEWER,
    name: Annotated[str, typer.Option(help="A name to recognise them by in the list.")] = "",
) -> None:
    """Add a PSW team member, or change their role."""
    if telegram_id <= 0:
        fail(
            "A Telegram user id is a positive number: ask the person to send the bot /whoami "
            "(a negative number is a group's id, for PSW_CHAT_ID)."
        )
    settings = _settings()
    with session_scope(_engine(settings)) as session:
        _member, created = add_psw_member(
            session=session, telegram_id=telegram_id, role=role, name=name
        )
    typer.echo(f"{'Added' if created else 'Updated'} PSW {role.value} {telegram_id}.")


@psw_app.command("remove")
def psw_remove(
    telegram_id: Annotated[int, typer.Argument(help="The member's Telegram user id.")],
) -> None:
    """Remove a PSW team member."""
    settings = _settings()
    with session_scope(_engine(settings)) as session:
        removed = remove_psw_member(session=session, telegram_id=telegram_id)
    if not removed:
        fail(f"{telegram_id} is not a PSW team member.", code=1)
    typer.echo(f"Removed {telegram_id} from the PSW team.")


@psw_app.command("list")
def psw_list() -> None:
    """List the PSW team members."""
    settings = _settings()
    with session_scope(_engine(settings)) as session:
        members = list_psw_members(session=session)
    if not members:
        typer.echo("No PSW team members yet. Add one with `staypulse psw add <telegram id>`.")
        return
    for member in members:
        typer.echo(f"{member.telegram_id}\t{member.role}\t{member.name}")


# --- team invites -------------------------------------------------------------------------------


def _link(engine: Engine, code: str) -> str:
    with session_scope(engine) as session:
        username = bot_username(session=session)
    if username is None:
        return f"/start {code}  (the t.me link appears once the bot has started once)"
    return f"https://t.me/{username}?start={code}"


def _uses(uses: int, max_uses: int | None) -> str:
    if max_uses is None:
        return f"used {uses}, no limit"
    return f"{max(max_uses - uses, 0)} of {max_uses} uses left"


@app.command()
def invite(
    team: Annotated[str | None, typer.Argument(help="The team's key from the org file.")] = None,
    new: Annotated[
        bool, typer.Option("--new", help="Make another link even if the team has a live one.")
    ] = False,
    days: Annotated[
        int | None, typer.Option(help="How many days the link works (default INVITE_DAYS).")
    ] = None,
    uses: Annotated[
        int | None, typer.Option(help="How many people may join with it (default: no limit).")
    ] = None,
    people: Annotated[
        int | None,
        typer.Option(help="Make this many single-use personal links instead, one per person."),
    ] = None,
    csv_file: Annotated[
        Path | None,
        typer.Option("--csv", help="With --people: write the links to this new CSV file."),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the invites that still work.")
    ] = False,
    revoke: Annotated[str | None, typer.Option(help="Stop this invite code from working.")] = None,
) -> None:
    """Show or make a team invite link (or --people N personal ones, --list, --revoke CODE)."""
    settings = _settings()
    engine = _engine(settings)
    now = utcnow()
    if list_:
        _list_invites(engine, settings, now)
        return
    if revoke is not None:
        revoked = run_unit(engine, invites.revoke, actor=SHELL, code=revoke)
        if not revoked:
            fail(f"No working invite {revoke!r}.", code=1)
        typer.echo(f"Revoked {revoke}.")
        return
    if team is None:
        fail("Name a team: `staypulse invite TEAM` (or --list, or --revoke CODE).")
    if csv_file is not None and people is None:
        fail("--csv needs --people N: it is for personal links.")
    if people is not None and (uses is not None or new):
        fail("Personal links (--people) work once each; --uses and --new do not apply.")
    if people is not None:
        _personal_invites(engine, settings, team, people, days, csv_file, now)
        return
    try:
        made = run_unit(
            engine,
            invites.invite,
            actor=SHELL,
            team_key=team,
            new=new,
            now=now,
            days=days or settings.invite_days,
            max_uses=uses,
        )
    except ParticipantError as exc:
        fail(str(exc))
    if made.existing:
        typer.echo(f"{made.team_name} already has a live link (--new makes another):")
    until, status = made.expires_at, _uses(made.uses, made.max_uses)
    typer.echo(f"Invite for {made.team_name}: {_link(engine, made.code)}")
    typer.echo(f"Works until {until.astimezone(settings.tz):%Y-%m-%d %H:%M}, {status}.")
    typer.echo(f"Revoke it with: staypulse invite --revoke {made.code}")


def _list_invites(engine: Engine, settings: Settings, now: Any) -> None:
    lines = run_unit(engine, invites.listing, actor=SHELL, now=now)
    if not lines:
        typer.echo("No working invites. Make one with `staypulse invite TEAM`.")
    personal: dict[str, int] = {}
    for line in lines:
        if line.personal:
            personal[line.team_key] = personal.get(line.team_key, 0) + 1
            continue
        until = line.expires_at.astimezone(settings.tz)
        typer.echo(
            f"{line.code}\t{line.team_key}\tuntil {until:%Y-%m-%d}\t"
            f"{_uses(line.uses, line.max_uses)}\t{_link(engine, line.code)}"
        )
    for team_key, count in personal.items():
        typer.echo(f"(personal)\t{team_key}\t{count} single-use link(s) not yet used")


def _personal_invites(
    engine: Engine,
    settings: Settings,
    team: str,
    count: int,
    days: int | None,
    csv_file: Path | None,
    now: Any,
) -> None:
    with session_scope(engine) as session:
        username = bot_username(session=session)
    if username is None:
        fail("Start the bot once (`staypulse run`) so it learns its t.me name, then try again.")
    if csv_file is not None and csv_file.exists():
        fail(f"{csv_file} already exists: choose a new file name (nothing was made).")
    try:
        with session_scope(engine) as session:
            made, found = create_personal_invites(
                session=session,
                team_key=team,
                created_by=0,
                now=now,
                days=days or settings.invite_days,
                count=count,
            )
            record_audit(
                session=session,
                actor_telegram_id=0,
                action="invite.personal",
                detail=f"team={found.key} count={count} via=shell",
            )
            rows = [(i.code, f"https://t.me/{username}?start={i.code}") for i in made]
            until = made[0].expires_at.astimezone(settings.tz)
            if csv_file is not None:  # written inside the unit: no file, no links
                _write_csv(csv_file, found.name, until, rows)
    except ParticipantError as exc:
        fail(str(exc))
    if csv_file is not None:
        typer.echo(f"Wrote {len(rows)} personal links for {found.name} to {csv_file}.")
    else:
        for _code, link in rows:
            typer.echo(link)
    typer.echo(f"Each works once, until {until:%Y-%m-%d}. Revoke one with --revoke CODE.")


def _write_csv(path: Path, team: str, until: Any, rows: list[tuple[str, str]]) -> None:
    import csv

    try:
        with path.open("x", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["team", "link", "code", "expires"])
            for code, link in rows:
                writer.writerow([team, link, code, f"{until:%Y-%m-%d}"])
    except OSError as exc:
        fail(f"{path}: cannot be written ({exc.strerror}); nothing was made.")


# --- comment analysis -----------------------------------------------------------------------


def _jsonl(source: str) -> list[tuple[int, dict[str, Any]]]:
    """Read JSON Lines from a file or '-' (stdin): (line number, object) pairs."""
    if source == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"{source}: cannot be read ({exc.strerror})")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            fail(f"{source}, line {number}: not JSON ({exc.msg})")
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            fail(f'{source}, line {number}: expected an object with a "text" string')
        rows.append((number, row))
    return rows


@app.command()
def analyse(
    source: Annotated[
        str,
        typer.Argument(
            help='JSON Lines file of {id, text} (with "question" for stay and exit answers, '
            '"source" pulse, feedback, stay or exit), or - for stdin.'
        ),
    ] = "-",
) -> None:
    """Themes with directions and polarity for each comment, as JSON Lines in the same order."""
    from analysis.comments import analyse as analyse_comment

    for number, row in _jsonl(source):
        question, kind = row.get("question"), row.get("source")
        if not isinstance(question, str | None) or not isinstance(kind, str | None):
            fail(f'{source}, line {number}: "question" and "source" must be strings')
        result = analyse_comment(row["text"], question, source=kind)
        typer.echo(
            json.dumps({"id": row.get("id"), "themes": result.themes, "polarity": result.polarity})
        )


@app.command()
def redact(
    source: Annotated[
        str, typer.Argument(help="JSON Lines file of {id, text}, or - for stdin.")
    ] = "-",
) -> None:
    """Redact each text exactly as the ballot box does, as JSON Lines {id, text} in the same
    order; a line that cannot be read gets {id, error} and the rest go on."""
    if source == "-":
        _redact_lines(sys.stdin)
        return
    try:
        with Path(source).open(encoding="utf-8") as lines:
            _redact_lines(lines)
    except OSError as exc:
        fail(f"{source}: cannot be read ({exc.strerror})")


def _redact_lines(lines: Iterable[str]) -> None:
    from surveys.redact import redact as redact_text

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            typer.echo(json.dumps({"id": None, "line": number, "error": f"not JSON ({exc.msg})"}))
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            ident = row.get("id") if isinstance(row, dict) else None
            error = 'expected an object with a "text" string'
            typer.echo(json.dumps({"id": ident, "line": number, "error": error}))
            continue
        typer.echo(json.dumps({"id": row.get("id"), "text": redact_text(row["text"])}))


@app.command("evaluate-redaction")
def evaluate_redaction(
    source: Annotated[str, typer.Argument(help="Labelled JSON Lines (id, text, pii, keep).")],
) -> None:
    """PII recall (share of pii strings gone) and keep rate (share of keep strings still there),
    with every failure listed."""
    from surveys.redact import redact as redact_text
    from surveys.redaction_score import LabelledText, score

    rows = []
    for number, row in _jsonl(source):
        pii, keep = row.get("pii", []), row.get("keep", [])
        if not all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in (pii, keep)):
            fail(f'{source}, line {number}: "pii" and "keep" must be lists of strings')
        rows.append(LabelledText(str(row.get("id", number)), row["text"], tuple(pii), tuple(keep)))
    result = score(rows, redact_text)
    for miss in result.misses:
        what = "LEAKED" if miss.kind == "leaked" else "LOST  "
        typer.echo(f"{what} {miss.id}: {miss.string!r}\n        -> {miss.redacted}")
    if result.misses:
        typer.echo("")
    typer.echo(f"{result.texts} labelled texts")
    typer.echo(f"PII recall  {result.recall:.3f}  ({result.pii_gone} of {result.pii_total} gone)")
    typer.echo(
        f"keep rate   {result.keep_rate:.3f}  ({result.keep_kept} of {result.keep_total} kept)"
    )


@app.command()
def datamap() -> None:
    """Print what is stored, column by column, as Markdown (the report for a data-protection
    officer; docs/data-map.md is this output)."""
    from surveys.datamap import report

    typer.echo(report())


@app.command()
def evaluate(
    source: Annotated[
        str,
        typer.Argument(
            help="A directory of labelled JSON Lines files (the honest report: fit, k-fold and "
            "leave-one-writer-out cross-validation, held-out split), or one labelled file (id, "
            "text, themes)."
        ),
    ] = "tests/data",
    folds: Annotated[int, typer.Option(help="Folds for cross-validation.", min=2)] = 5,
    jobs: Annotated[
        int | None,
        typer.Option(
            help="Processes training cross-validation folds side by side (default: the CPUs "
            "it may use, at most 4; each takes about 0.7 GB). The figures are the same for any "
            "number.",
            min=1,
        ),
    ] = None,
) -> None:
    """Per-theme F1, macro-F1 and direction accuracy beside a baseline (keyword themes and plain
    TextBlob polarity) measured in the same run. On a directory: on the training pool (fit),
    k-fold cross-validated on it (needs the dev extra's scikit-learn), and on the held-out split
    that nothing was trained or tuned on, with the rules alone beside each."""
    from analysis.dataset import DataError, load, load_dir

    path = Path(source)
    try:
        rows = load_dir(path) if path.is_dir() else load(path)
    except (DataError, OSError) as exc:
        fail(f"{source}: {exc}")
    if path.is_dir():
        from analysis.evaluate import default_jobs

        _evaluate_report(rows, folds, jobs or default_jobs())
    else:
        _evaluate_file(rows)


@app.command("evaluate-agreement")
def evaluate_agreement(
    study: Annotated[
        str, typer.Argument(help="The labelling study's directory (study.json, sample, readers).")
    ] = "tests/data/label_study",
    data: Annotated[str, typer.Option(help="The labelled comments it was drawn from.")] = (
        "tests/data"
    ),
) -> None:
    """How well two readers given the study's brief (the themes' definitions and how to label)
    agree with the labels and with each other, beside the analyser on the same comments: how
    much of the analyser's miss is a reader's miss too."""
    from analysis.agreement import PARTS, agreements, load_study, misses, read_with, spread
    from analysis.dataset import DataError, load_dir
    from analysis.evaluate import shipped

    try:
        rows = load_dir(Path(data))
    except (DataError, OSError) as exc:
        fail(f"{data}: {exc}")
    if not rows:
        fail(f"{data}: no labelled comments there (*.jsonl) to join the study to")
    try:
        found = load_study(Path(study), rows)
    except (DataError, OSError) as exc:
        fail(f"{study}: {exc}")
    typer.echo(f"{len(found.lines)} comments, each labelled again by two readers\n")
    typer.echo(f"{'part':<13}{'comparison':<30}{'macro-F1':>9}{'direction':>11}{'judged':>8}")
    ours = read_with(found, shipped)  # the analyser reads each comment once
    for row in agreements(found, ours):
        figures = row.figures
        typer.echo(
            f"{row.part:<13}{row.what:<30}{figures.macro_f1:>9.3f}"
            f"{figures.direction_accuracy:>11.3f}{figures.directions_judged:>8}"
        )
    bootstrap = spread(found, ours)
    typer.echo("\nheld-out, macro-F1 with a 95% interval from a paired bootstrap of its comments:")
    for what, (point, low, high), sign in (
        ("first reader vs labels", bootstrap.first, ""),
        ("second reader vs labels", bootstrap.second, ""),
        ("readers' agreed minus analyser", bootstrap.gap, "+"),
    ):
        typer.echo(f"  {what:<32}{point:{sign}.3f}  ({low:{sign}.3f} to {high:{sign}.3f})")
    for part in PARTS:
        wrong = misses(found, ours, part)
        typer.echo(
            f"{part[0]}: the analyser's disagreements with the labels that both readers side "
            f"with the labels on: {wrong.named} themes named, {wrong.missed} missed, "
            f"{wrong.turned} turned; {wrong.disputed} disputed"
        )


def _evaluate_file(rows: Sequence[Labelled]) -> None:
    from analysis.evaluate import baseline, evaluate

    ours, theirs = evaluate(rows), evaluate(rows, baseline)
    typer.echo(f"{len(rows)} labelled comments\n")
    typer.echo(f"{'theme':<19}{'support':>8}   {'StayPulse P/R/F1':^20}   {'baseline P/R/F1':^20}")
    for mine, base in zip(ours.themes, theirs.themes, strict=True):
        typer.echo(
            f"{mine.theme:<19}{mine.support:>8}   "
            f"{mine.precision:5.2f} {mine.recall:5.2f} {mine.f1:5.2f}        "
            f"{base.precision:5.2f} {base.recall:5.2f} {base.f1:5.2f}"
        )
    typer.echo("")
    typer.echo(f"{'theme macro-F1':<30}{ours.macro_f1:>8.3f}{theirs.macro_f1:>12.3f}")
    typer.echo(
        f"{'direction accuracy':<30}{ours.direction_accuracy:>8.3f}"
        f"{theirs.direction_accuracy:>12.3f}"
    )
    typer.echo(
        f"{'  (themes judged)':<30}{ours.directions_judged:>8}{theirs.directions_judged:>12}"
    )


# --- the ballot key -----------------------------------------------------------------------------


@key_app.command("new")
def key_new(
    env_file: Annotated[
        Path | None,
        typer.Option(help="Write it into this .env (only if BALLOT_KEY is not set there yet)."),
    ] = None,
) -> None:
    """Make a new BALLOT_KEY: print it, or write it into .env (keep a copy apart from the
    database and its backups)."""
    line = f"BALLOT_KEY={new_key()}"
    if env_file is None:
        typer.echo(line)
        return
    try:
        lines = env_file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        fail(f"Cannot read {env_file}: {exc.strerror}")
    found = [i for i, text in enumerate(lines) if text.strip().startswith("BALLOT_KEY=")]
    if any(lines[i].strip() != "BALLOT_KEY=" for i in found):
        # Replacing it would leave whatever it has sealed unreadable.
        fail(f"BALLOT_KEY is already set in {env_file}; nothing was changed.")
    if found:
        lines[found[0]] = line
    else:
        lines.append(line)
    try:
        env_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"Cannot write {env_file}: {exc.strerror}")
    typer.echo(
        f"A new BALLOT_KEY is in {env_file}. Keep a copy somewhere safe, apart from backups."
    )


def _evaluate_report(rows: Sequence[Labelled], folds: int, jobs: int) -> None:
    from analysis.evaluate import report

    found = report(rows, folds, jobs=jobs)
    cv = found.cross_validated
    columns = [
        ("fit", found.fit),
        (f"{folds}-fold CV", cv),
        ("writer CV", found.by_writer),
        ("held-out", found.held_out),
        ("rules held", found.rules_held_out),
        ("base held", found.baseline_held_out),
        ("base fit", found.baseline_fit),
    ]
    typer.echo(
        f"{found.fit.comments} training comments (fit and cross-validation), "
        f"{found.held_out.comments} held out (never trained or tuned on)\n"
    )
    typer.echo("theme F1" + " " * 19 + "".join(f"{name:>12}" for name, _e in columns))
    for index, theme in enumerate(found.fit.themes):
        support = f"{theme.support}/{found.held_out.themes[index].support}"
        cells = "".join(
            f"{e.themes[index].f1:>12.3f}" if e else f"{'-':>12}" for _name, e in columns
        )
        typer.echo(f"{theme.theme:<19}{support:>8}{cells}")
    typer.echo("")
    for label, field in (
        ("theme macro-F1", "macro_f1"),
        ("direction accuracy", "direction_accuracy"),
    ):
        cells = "".join(
            f"{getattr(e, field):>12.3f}" if e else f"{'-':>12}" for _name, e in columns
        )
        typer.echo(f"{label:<27}{cells}")
    judged = "".join(f"{e.directions_judged:>12}" if e else f"{'-':>12}" for _name, e in columns)
    typer.echo(f"{'  (themes judged)':<27}{judged}")
    if cv is None:
        typer.echo("\ncross-validation needs scikit-learn: pip install -e '.[dev]'")
    typer.echo("\nsupport: labelled themes in the training pool / in the held-out split")
    typer.echo(
        "writer CV: leave one writer out (each file scored by a model trained on the others)"
    )


# --- waves --------------------------------------------------------------------------------------


def _services(settings: Settings) -> Services:
    try:
        services = Services.from_settings(settings, _engine(settings))
        services.db_sync(check_key)
    except (ConfigFileError, ConfigError, SealError) as exc:
        fail(str(exc))
    return services


@wave_app.command("list")
def wave_list() -> None:
    """Every wave, newest first, with how many were invited and answered."""
    services = _services(_settings())
    tz = services.settings.tz
    rows = services.db_sync(waves.listing, actor=SHELL)
    if not rows:
        typer.echo("No waves yet.")
    for wave in rows:
        opens = wave.opens_at.astimezone(tz)
        closes = wave.closes_at.astimezone(tz)
        typer.echo(
            f"{wave.id}\t{wave.name}\t{wave.status}\t{opens:%Y-%m-%d %H:%M} to "
            f"{closes:%Y-%m-%d %H:%M}\t{wave.completed}/{wave.invited} answered"
        )


@wave_app.command("open")
def wave_open(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Open a pulse now for the first schedule's audience; the running bot sends the invites."""
    services = _services(_settings())
    spec = services.schedules.schedules[0]
    now = services.clock()
    size = services.db_sync(waves.audience, actor=SHELL, spec=spec, now=now)
    if not yes and not typer.confirm(f"Open a pulse now for {size} people?"):
        fail("Cancelled.", code=1)
    try:
        wave = services.db_sync(
            waves.open_now,
            actor=SHELL,
            spec=spec,
            bank=services.bank,
            calendar=services.calendar,
            now=now,
            forms_k=services.forms_k,
        )
    except WaveError as exc:
        fail(str(exc), code=1)
    typer.echo(
        f"Wave {wave.id} is open for {wave.invited} people until "
        f"{wave.closes_at.astimezone(services.settings.tz):%A %d %B %H:%M}. The running "
        "bot sends the invites within five minutes, in working hours."
    )


@wave_app.command("close")
def wave_close(
    wave_id: Annotated[
        int | None, typer.Argument(help="The wave (default: the newest open).")
    ] = None,
) -> None:
    """Close an open wave now; unfinished answers with at least one response are kept."""
    services = _services(_settings())
    closed = services.db_sync(
        waves.close, actor=SHELL, wave_id=wave_id, bank=services.bank, now=services.clock()
    )
    if closed is None:
        fail("No such open wave.", code=1)
    released = asyncio.run(services.release_waves())
    typer.echo(f"Wave {closed} is closed.")
    for batch in released:
        if batch.withheld:
            typer.echo(
                f"Fewer than {services.settings.min_group_size} answered wave {batch.wave_id}: "
                "nothing of it was kept."
            )
        else:
            typer.echo(f"Released {batch.released} answers of wave {batch.wave_id} as one batch.")


def main() -> None:
    """Entry point of the `staypulse` script."""
    try:
        app()
    except ConfigError as exc:  # pragma: no cover - settings errors are caught above
        print(exc, file=sys.stderr)
        sys.exit(2)


@app.command("report")
def report_command(
    quarter: Annotated[
        str | None, typer.Option(help="The quarter, e.g. 2026Q3 (default: this quarter).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="The PDF to write (default: staypulse-report-<quarter>.pdf); the "
            "XLSX goes beside it."
        ),
    ] = None,
) -> None:
    """The committee report as one PDF and the same content as XLSX, under the release rules."""
    from analysis.report import report_name, to_pdf, to_xlsx
    from bot.usecases import report

    services = _services(_settings())
    settings = services.settings
    try:
        found = services.db_sync(
            report.report,
            actor=SHELL,
            args=[quarter] if quarter else [],
            today=services.today(),
            bank=services.bank,
            min_group=settings.min_group_size,
            min_comment_group=settings.min_comment_group_size,
        )
    except UsageError:
        fail(f"{quarter!r} is not a quarter; write it like 2026Q3.")
    pdf = out or Path(report_name(found, "pdf"))
    pdf.write_bytes(to_pdf(found))
    xlsx = pdf.with_suffix(".xlsx")
    xlsx.write_bytes(to_xlsx(found))
    typer.echo(f"Wrote {pdf} and {xlsx} ({found.quarter}: {found.period.label()}).")
