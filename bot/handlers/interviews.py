"""Stay and exit interviews in the chat: /stay, exit links, /record_stay, /my_interviews,
/invite_exit.

The steps, their checks and the storing are in surveys.interviews; this module shows each step
as one message with its buttons, and moves on when a button is tapped or text arrives. Buttons
carry the step's position, so a late or double tap is recognised and changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from html import escape

from sqlmodel import Session, col, select
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from analysis.comments import analyse
from bot import keyboards, texts
from bot.callbacks import UNDISCLOSED as UNDISCLOSED_BUTTON
from bot.callbacks import DeleteInterview, InterviewsPage, Step
from bot.conversations import INTERVIEW_KEY, set_focus
from bot.handlers.control import send_talk_request
from bot.handlers.switch import leave_first
from bot.handlers.util import answer_query, chat_id, edit, reply
from bot.keyboards import button
from bot.services import Services, services_of
from surveys.bank import SCALE
from surveys.interviews import (
    DESTINATIONS,
    QUESTIONS,
    STEPS,
    InterviewError,
    Outcome,
    StaleStep,
    answer,
    create_exit_link,
    delete_recorded,
    open_exit_link,
    queue_of,
    recorded_this_month,
    start_record,
    start_stay,
    step_index,
)
from surveys.models import EmploymentType, Interview, InterviewDraft, PswMember, Role, Team
from surveys.participants import (
    EXIT_LINK_PREFIX,
    UNDISCLOSED,
    active_employment_types,
    active_roles,
    active_teams,
)
from surveys.psw import get_psw_member, record_audit
from surveys.pulse import CommentTooLong
from surveys.themes import THEMES

log = logging.getLogger(__name__)
KIND_LETTER = {"stay": "s", "exit": "x", "record": "r"}
LETTER_KIND = {letter: kind for kind, letter in KIND_LETTER.items()}
COME_BACK = ("Definitely not", "Probably not", "Not sure", "Probably", "Definitely")


def coder(text: str, question: str | None = None) -> Mapping[str, str]:
    """The analyser's themes for a text, read with the question it answers, as
    surveys.interviews wants them."""
    return analyse(text, question).themes


# --- showing a step -------------------------------------------------------------------------------


def _step_button(draft: InterviewDraft, label: str, value: str) -> object:
    position, _total = step_index(draft)
    return button(label, Step(KIND_LETTER[draft.kind], position, value))  # type: ignore[arg-type]


def _markup(draft: InterviewDraft, rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_step_button(draft, label, value) for label, value in row] for row in rows]  # type: ignore[misc]
    )


def _pairs(options: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    return [options[i : i + 2] for i in range(0, len(options), 2)]


# A page button's value on a picker step (team, role, contract): "~" and the page number. Team
# ids are digits and role and contract keys are the org file's words, so it is never an option.
PAGE_VALUE = "~"
PAGED_STEPS = ("team", "role", "emp")


def _paged(
    draft: InterviewDraft, prompt: str, options: list[tuple[str, str]], page: int, per_row: int
) -> tuple[str, InlineKeyboardMarkup]:
    """A picker step's options a page at a time, with ‹ › when there is more than one page."""
    shown, page, pages = keyboards.page_of(options, page)
    rows = [shown[i : i + per_row] for i in range(0, len(shown), per_row)]
    nav = keyboards.page_nav(page, pages, lambda n: f"{PAGE_VALUE}{n}")
    if pages > 1:
        prompt += texts.PAGE_OF.format(page=page + 1, pages=pages)
    return prompt, _markup(draft, [*rows, nav] if nav else rows)


def view(
    session: Session, *, draft: InterviewDraft, page: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    """The message for the step the draft is at (`page`: of a picker's options)."""
    position, total = step_index(draft)
    step, answers = draft.step, draft.answers
    title = {"stay": texts.STAY_TITLE, "exit": texts.EXIT_TITLE, "record": texts.RECORD_TITLE}
    head = f"<b>{title[draft.kind]}</b> · {position + 1} of {total}\n\n"
    skip = [(texts.SKIP, "skip")]
    if step.startswith("q:"):
        return head + QUESTIONS[step[2:]] + texts.INTERVIEW_TYPE, _markup(draft, [skip])
    if step == "rating":
        scale = [(label, str(v + 1)) for v, label in enumerate(SCALE)]
        rows = [scale[0:2], scale[2:3], scale[3:5], skip]
        return head + texts.STAY_RATING, _markup(draft, rows)
    if step == "followup":
        rows = [[(texts.FOLLOWUP_YES, "y")], [(texts.NO_THANKS, "n")]]
        return head + texts.STAY_FOLLOWUP, _markup(draft, rows)
    if step == "reasons":
        chosen = set(answers.get("reasons", []))
        options = [(("✓ " if k in chosen else "") + label, k) for k, label in THEMES.items()]
        return head + texts.EXIT_REASONS, _markup(draft, [*_pairs(options), [(texts.DONE, "done")]])
    if step == "main":
        options = [(THEMES[k], k) for k in answers.get("reasons", [])]
        return head + texts.EXIT_MAIN, _markup(draft, [[o] for o in options])
    if step == "destination":
        options = [(label, key) for key, label in DESTINATIONS.items()]
        return head + texts.EXIT_DESTINATION, _markup(draft, _pairs(options))
    if step == "come_back":
        scale = [(label, str(v + 1)) for v, label in enumerate(COME_BACK)]
        rows = [scale[0:2], scale[2:3], scale[3:5], skip]
        return head + texts.EXIT_COME_BACK, _markup(draft, rows)
    if step == "team":
        teams = [(t.name, str(t.id)) for t in active_teams(session=session)]
        return _paged(draft, head + texts.RECORD_TEAM, teams, page, per_row=1)
    if step in ("role", "emp"):
        found: list[Role] | list[EmploymentType] = (
            list(active_roles(session=session))
            if step == "role"
            else list(active_employment_types(session=session))
        )
        options = [(r.name, r.key) for r in found] + [(texts.PREFER_NOT, UNDISCLOSED_BUTTON)]
        prompt = texts.RECORD_ROLE if step == "role" else texts.RECORD_EMPLOYMENT
        return _paged(draft, head + prompt, options, page, per_row=2)
    if step == "notes":
        notes = answers.get("notes", [])
        written = sum(len(n) for n in notes)
        text = texts.RECORD_NOTES + (
            texts.RECORD_NOTES_SO_FAR.format(chars=written) if notes else ""
        )
        return head + text, _markup(draft, [[(texts.DONE, "done")]])
    themes = answers.get("themes", {})
    mark = {"pos": "👍 ", "neg": "👎 "}
    options = [(mark.get(themes.get(k, ""), "") + label, k) for k, label in THEMES.items()]
    return head + texts.RECORD_THEMES, _markup(draft, [*_pairs(options), [(texts.SAVE, "done")]])


async def _show(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    services: Services,
    draft: InterviewDraft,
    *,
    new: bool,
) -> None:
    text, markup = await services.db(view, draft=draft)
    set_focus(context.user_data, INTERVIEW_KEY[draft.kind])
    query = update.callback_query
    if new or query is None:
        await reply(update, text, markup)
    else:
        await edit(query, text, markup)


# --- starting -------------------------------------------------------------------------------------


async def stay_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stay: a stay interview, or where the person left theirs (asking first if something
    else is waiting for text)."""
    if not await leave_first(update, context, "stay"):
        await open_stay(update, context)


async def open_stay(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start or continue the person's stay (or exit) interview."""
    services = services_of(context)
    try:
        draft = await services.db(start_stay, chat_id=chat_id(update), now=services.clock())
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    if draft.kind == "stay" and draft.step == STEPS["stay"][0] and not draft.answers:
        await reply(update, texts.STAY_INTRO)
    elif draft.kind == "exit":
        await reply(update, texts.EXIT_IN_PROGRESS)
    await _show(update, context, services, draft, new=True)


async def start_exit(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    """/start x_<code>: a leaver opened their one-time exit interview link."""
    services = services_of(context)
    try:
        draft = await services.db(
            open_exit_link, chat_id=chat_id(update), code=code, now=services.clock()
        )
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    if draft.step == STEPS["exit"][0] and not draft.answers:
        await reply(update, texts.EXIT_INTRO)
    await _show(update, context, services, draft, new=True)


async def _member(update: Update, services: Services) -> PswMember | None:
    user = update.effective_user
    member = None if user is None else await services.db(get_psw_member, telegram_id=user.id)
    if member is None:
        await reply(update, texts.NOT_PSW)
    return member


async def record_stay_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/record_stay: type up a stay interview held in person (PSW members), asking first if
    something else is waiting for text."""
    if not await leave_first(update, context, "record_stay"):
        await open_record(update, context)


async def open_record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start or continue typing up a stay interview."""
    services = services_of(context)
    if await _member(update, services) is None:
        return
    draft = await services.db(start_record, chat_id=chat_id(update), now=services.clock())
    if draft.kind == "exit":
        await reply(update, texts.EXIT_IN_PROGRESS)
    elif draft.step == STEPS["record"][0] and not draft.answers:
        await reply(update, texts.RECORD_INTRO)
    await _show(update, context, services, draft, new=True)


async def invite_exit_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/invite_exit <team>: a one-time exit interview link for a leaver (PSW members)."""
    services = services_of(context)
    member = await _member(update, services)
    if member is None:
        return
    args = context.args or []
    if len(args) != 1:
        keys = await services.db(_team_keys)
        await reply(update, texts.INVITE_EXIT_USAGE.format(teams=escape(", ".join(keys))))
        return
    now = services.clock()
    try:
        link = await services.db(
            create_exit_link, team_key=args[0], created_by=member.telegram_id, now=now
        )
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    await services.db(
        record_audit, actor_telegram_id=member.telegram_id, action="exit.invite", detail=args[0]
    )
    username = services.bot_username or "your_bot"
    until = link.expires_at.astimezone(services.settings.tz)
    await reply(
        update,
        texts.INVITE_EXIT_LINK.format(
            link=f"https://t.me/{username}?start={EXIT_LINK_PREFIX}{link.code}",
            until=f"{until:%a} {until.day} {until:%b %Y}",
        ),
    )


def _team_keys(session: Session) -> list[str]:
    return list(session.exec(select(Team.key).where(col(Team.active)).order_by(col(Team.key))))


# --- answering ------------------------------------------------------------------------------------


async def _take(
    update: Update, services: Services, step: str, value: object, member: PswMember | None
) -> Outcome:
    now = services.clock()
    return await services.db(
        answer,
        chat_id=chat_id(update),
        step=step,
        value=value,
        coder=coder,
        member=member,
        today=now.astimezone(services.settings.tz).date(),
        now=now,
    )


def _number_or_raw(raw: str) -> object:
    return int(raw) if raw.isdigit() else raw


def _team_id(raw: str) -> object:
    return int(raw) if raw.isdigit() else -1  # -1: no such team, refused by the domain


def _key(raw: str) -> object:
    return UNDISCLOSED if raw == UNDISCLOSED_BUTTON else raw


# How each step reads a button's value (steps not listed take the raw text: theme keys, "done",
# destinations).
_BUTTON_VALUE: dict[str, Callable[[str], object]] = {
    "rating": _number_or_raw,
    "come_back": _number_or_raw,
    "team": _team_id,
    "role": _key,
    "emp": _key,
    "followup": lambda raw: raw == "y",
}


def _value(step: str, raw: str) -> object:
    """A button's value as the step wants it ("skip" is None for every step)."""
    return None if raw == "skip" else _BUTTON_VALUE.get(step, str)(raw)


async def on_step(update: Update, context: ContextTypes.DEFAULT_TYPE, press: Step) -> None:
    """A button of an interview step."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    kind = LETTER_KIND[press.kind]
    steps = STEPS[kind]
    if press.position >= len(steps):
        await answer_query(query, texts.STALE_BUTTON)
        return
    step = steps[press.position]
    number = press.value.removeprefix(PAGE_VALUE)
    if step in PAGED_STEPS and press.value.startswith(PAGE_VALUE) and number.isdigit():
        await _turn_page(update, services, press, int(number))
        return
    member = None
    if kind == "record":
        member = await services.db(get_psw_member, telegram_id=query.from_user.id)
        if member is None:
            await answer_query(query, texts.NOT_PSW)
            return
    try:
        outcome = await _take(update, services, step, _value(step, press.value), member)
    except StaleStep:
        await answer_query(query, texts.ALREADY_NOTED)
        return
    except InterviewError as exc:
        await answer_query(query, str(exc))
        return
    await answer_query(query)
    await _after(update, context, services, outcome, member)


def _page_view(
    session: Session, *, chat_id: int, kind: str, position: int, page: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """Another page of the step the person's draft is at; None when the button is from a step
    or interview that is over."""
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or draft.kind != kind or step_index(draft)[0] != position:
        return None
    return view(session=session, draft=draft, page=page)


async def _turn_page(update: Update, services: Services, press: Step, page: int) -> None:
    query = update.callback_query
    assert query is not None
    shown = await services.db(
        _page_view,
        chat_id=chat_id(update),
        kind=LETTER_KIND[press.kind],
        position=press.position,
        page=page,
    )
    if shown is None:
        await answer_query(query, texts.ALREADY_NOTED)
        return
    await answer_query(query)
    await edit(query, *shown)


async def on_text(
    update: Update, context: ContextTypes.DEFAULT_TYPE, draft: InterviewDraft, text: str
) -> None:
    """Typed text for the interview's current question or notes."""
    services = services_of(context)
    member = None
    if draft.kind == "record":
        member = await _member(update, services)
        if member is None:
            return
    try:
        outcome = await _take(update, services, draft.step, text, member)
    except CommentTooLong as exc:
        await reply(update, texts.comment_too_long(exc.length))
        return
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    await _after(update, context, services, outcome, member, typed=True)


async def _after(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    services: Services,
    outcome: Outcome,
    member: PswMember | None,
    *,
    typed: bool = False,
) -> None:
    if outcome.draft is not None:
        await _show(update, context, services, outcome.draft, new=typed)
        return
    stored = outcome.stored
    assert stored is not None
    set_focus(context.user_data, "")
    await services.release_interviews(queue_of(stored))
    if stored.source == "psw":
        assert member is not None
        await services.db(
            record_audit, actor_telegram_id=member.telegram_id, action="interview.record"
        )
        done = texts.RECORD_SAVED.format(summary=await services.db(_describe, interview=stored))
    elif stored.kind == "exit":
        done = texts.EXIT_THANKS
    else:
        done = texts.STAY_THANKS.format(min_group=services.settings.min_group_size)
        if outcome.followup:
            done += "\n\n" + await send_talk_request(update, context, None)
    query = update.callback_query
    if typed or query is None:
        await reply(update, done)
    else:
        await edit(query, done)


# --- /my_interviews -------------------------------------------------------------------------------


def _describe(session: Session, *, interview: Interview) -> str:
    team = session.get(Team, interview.team_id) if interview.team_id else None
    role = session.get(Role, interview.role_group)
    kind = session.get(EmploymentType, interview.employment_type)
    themes = ", ".join(
        f"{THEMES[t]} {'👍' if d == 'pos' else '👎' if d == 'neg' else '👍👎'}"
        for t, d in sorted(interview.themes.items())
        if t in THEMES
    )
    return (
        f"{escape(team.name if team else 'no team')} · "
        f"{escape(role.name if role else texts.PREFER_NOT)} · "
        f"{escape(kind.name if kind else texts.PREFER_NOT)} — {themes or 'no themes'}"
    )


# Interviews per page of /my_interviews: the lines stay well inside one message's 4,096
# characters and the Delete buttons inside one keyboard's limits.
INTERVIEWS_PER_PAGE = 10


def _listing(
    session: Session, *, member: PswMember, now: datetime, tz: object, page: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    today = now.astimezone(tz).date()  # type: ignore[arg-type]
    found = list(recorded_this_month(session=session, member=member, today=today))
    if not found:
        return texts.MY_INTERVIEWS_NONE, None
    numbered = list(enumerate(found, start=1))
    shown, page, pages = keyboards.page_of(numbered, page, INTERVIEWS_PER_PAGE)
    lines = [texts.MY_INTERVIEWS_TITLE.format(month=f"{today:%B %Y}")]
    buttons = []
    for number, interview in shown:
        lines.append(f"{number}. {_describe(session=session, interview=interview)}")
        buttons.append(
            button(texts.MY_INTERVIEWS_DELETE.format(number=number), DeleteInterview(interview.id))
        )
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    nav = keyboards.page_nav(page, pages, InterviewsPage)
    if nav:
        rows.append([button(label, to) for label, to in nav])
    text = "\n".join(lines)
    if pages > 1:
        text += texts.PAGE_OF.format(page=page + 1, pages=pages)
    return text, InlineKeyboardMarkup(rows)


async def my_interviews_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/my_interviews: the stay interviews I recorded this month, each with a Delete button."""
    services = services_of(context)
    member = await _member(update, services)
    if member is None:
        return
    await services.db(record_audit, actor_telegram_id=member.telegram_id, action="interview.list")
    text, markup = await services.db(
        _listing, member=member, now=services.clock(), tz=services.settings.tz
    )
    await reply(update, text, markup)


async def on_interviews_page(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: InterviewsPage
) -> None:
    """Another page of /my_interviews."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    member = await services.db(get_psw_member, telegram_id=query.from_user.id)
    if member is None:
        await answer_query(query, texts.NOT_PSW)
        return
    text, markup = await services.db(
        _listing,
        member=member,
        now=services.clock(),
        tz=services.settings.tz,
        page=press.page,
    )
    await answer_query(query)
    await edit(query, text, markup)


async def on_delete(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: DeleteInterview
) -> None:
    """Delete one of my recorded interviews, then show the list again."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    member = await services.db(get_psw_member, telegram_id=query.from_user.id)
    if member is None:
        await answer_query(query, texts.NOT_PSW)
        return
    deleted, (text, markup) = await services.db(
        _delete_and_list,
        member=member,
        interview_id=press.interview_id,
        now=services.clock(),
        tz=services.settings.tz,
    )
    # Together, so the notice and the new list arrive as one answer to the tap.
    await asyncio.gather(
        answer_query(query, texts.MY_INTERVIEWS_DELETED if deleted else texts.ALREADY_NOTED),
        edit(query, text, markup),
    )


def _delete_and_list(
    session: Session, *, member: PswMember, interview_id: str, now: datetime, tz: object
) -> tuple[bool, tuple[str, InlineKeyboardMarkup | None]]:
    """Delete (and audit) in the same unit of work that reads the list left."""
    deleted = delete_recorded(session=session, member=member, interview_id=interview_id)
    if deleted:
        record_audit(
            session=session, actor_telegram_id=member.telegram_id, action="interview.delete"
        )
        session.flush()
    return deleted, _listing(session=session, member=member, now=now, tz=tz)
