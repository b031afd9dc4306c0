"""Stay and exit interviews in the chat: /stay, exit links, /record_stay, /my_interviews,
/invite_exit.

The flows are declared in surveys.interviews and run by the use cases in bot/usecases/
interviews.py; this module shows each step as one message with its buttons (by what the step
takes), and moves on when a button is tapped or text arrives. Buttons carry the step's position,
so a late or double tap is recognised and changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import keyboards, texts
from bot.callbacks import UNDISCLOSED as UNDISCLOSED_BUTTON
from bot.callbacks import DeleteInterview, InterviewsPage, Step
from bot.conversations import set_focus
from bot.handlers.control import send_talk_request
from bot.handlers.switch import leave_first
from bot.handlers.util import actor, answer_query, chat_id, edit, reply
from bot.keyboards import button
from bot.services import Services, services_of
from bot.usecases import interviews as usecases
from bot.usecases.interviews import Recorded, Screen, Taken
from surveys.interviews import FLOWS, InterviewError, Kind, StaleStep, Takes
from surveys.participants import EXIT_LINK_PREFIX, UNDISCLOSED
from surveys.pulse import CommentTooLong
from surveys.themes import THEMES

LETTER_KIND = {flow.letter: kind for kind, flow in FLOWS.items()}
TITLES = {Kind.STAY: texts.STAY_TITLE, Kind.EXIT: texts.EXIT_TITLE, Kind.RECORD: texts.RECORD_TITLE}
# What each step with buttons asks (open questions carry their own words, from interviews.yaml).
PROMPTS = {
    "rating": texts.STAY_RATING,
    "followup": texts.STAY_FOLLOWUP,
    "reasons": texts.EXIT_REASONS,
    "main": texts.EXIT_MAIN,
    "destination": texts.EXIT_DESTINATION,
    "come_back": texts.EXIT_COME_BACK,
    "team": texts.RECORD_TEAM,
    "role": texts.RECORD_ROLE,
    "emp": texts.RECORD_EMPLOYMENT,
    "notes": texts.RECORD_NOTES,
    "themes": texts.RECORD_THEMES,
}

Rows = list[list[tuple[str, str]]]


# --- showing a step -------------------------------------------------------------------------------


def _markup(screen: Screen, rows: Rows) -> InlineKeyboardMarkup:
    letter, position = screen.flow.letter, screen.position
    return InlineKeyboardMarkup(
        [
            [button(label, Step(letter, position, value)) for label, value in row]  # type: ignore[arg-type]
            for row in rows
        ]
    )


def _pairs(options: Sequence[tuple[str, str]]) -> Rows:
    return [list(options[i : i + 2]) for i in range(0, len(options), 2)]


_SKIP = [(texts.SKIP, "skip")]


def _question(screen: Screen) -> tuple[str, Rows]:
    return screen.step.question + texts.INTERVIEW_TYPE, [_SKIP]


def _scale(screen: Screen) -> tuple[str, Rows]:
    scale = [(label, value) for value, label in screen.step.options]
    return PROMPTS[screen.step.name], [scale[0:2], scale[2:3], scale[3:5], _SKIP]


def _followup(screen: Screen) -> tuple[str, Rows]:
    return PROMPTS[screen.step.name], [[(texts.FOLLOWUP_YES, "y")], [(texts.NO_THANKS, "n")]]


def _reasons(screen: Screen) -> tuple[str, Rows]:
    chosen = set(screen.answers.get(screen.step.key, []))
    options = [(("✓ " if k in chosen else "") + label, k) for k, label in THEMES.items()]
    return PROMPTS[screen.step.name], [*_pairs(options), [(texts.DONE, "done")]]


def _main(screen: Screen) -> tuple[str, Rows]:
    return PROMPTS[screen.step.name], [[(THEMES[k], k)] for k in screen.answers.get("reasons", [])]


def _choice(screen: Screen) -> tuple[str, Rows]:
    return PROMPTS[screen.step.name], _pairs([(label, key) for key, label in screen.step.options])


def _notes(screen: Screen) -> tuple[str, Rows]:
    notes = screen.answers.get(screen.step.key, [])
    written = sum(len(n) for n in notes)
    so_far = texts.RECORD_NOTES_SO_FAR.format(chars=written) if notes else ""
    return PROMPTS[screen.step.name] + so_far, [[(texts.DONE, "done")]]


def _themes(screen: Screen) -> tuple[str, Rows]:
    themes = screen.answers.get(screen.step.key, {})
    mark = {"pos": "👍 ", "neg": "👎 "}
    options = [(mark.get(themes.get(k, ""), "") + label, k) for k, label in THEMES.items()]
    return PROMPTS[screen.step.name], [*_pairs(options), [(texts.SAVE, "done")]]


# How each kind of step is shown: its prompt and its buttons. Pickers are paged (`_PAGED`).
_SHOW: dict[Takes, Callable[[Screen], tuple[str, Rows]]] = {
    Takes.TEXT: _question,
    Takes.SCALE: _scale,
    Takes.FOLLOWUP: _followup,
    Takes.REASONS: _reasons,
    Takes.MAIN: _main,
    Takes.CHOICE: _choice,
    Takes.NOTES: _notes,
    Takes.THEMES: _themes,
}
# Picker steps, a page of the organisation's options at a time: buttons per row, and whether
# "Prefer not to say" is one of the options.
_PAGED: dict[Takes, tuple[int, bool]] = {
    Takes.TEAM: (1, False),
    Takes.ROLE: (2, True),
    Takes.CONTRACT: (2, True),
}
# A page button's value on a picker step: "~" and the page number. Team ids are digits and role
# and contract keys are the org file's words, so it is never an option.
PAGE_VALUE = "~"


def view(screen: Screen, page: int = 0) -> tuple[str, InlineKeyboardMarkup]:
    """The message for the step `screen` is at (`page`: of a picker's options)."""
    head = f"<b>{TITLES[screen.flow.kind]}</b> · {screen.position + 1} of {screen.total}\n\n"
    paged = _PAGED.get(screen.step.takes)
    if paged is None:
        prompt, rows = _SHOW[screen.step.takes](screen)
        return head + prompt, _markup(screen, rows)
    per_row, undisclosed = paged
    options = [(label, value) for value, label in screen.options]
    if undisclosed:
        options.append((texts.PREFER_NOT, UNDISCLOSED_BUTTON))
    shown, page, pages = keyboards.page_of(options, page)
    rows = [shown[i : i + per_row] for i in range(0, len(shown), per_row)]
    nav = keyboards.page_nav(page, pages, lambda n: f"{PAGE_VALUE}{n}")
    prompt = head + PROMPTS[screen.step.name]
    if pages > 1:
        prompt += texts.PAGE_OF.format(page=page + 1, pages=pages)
    return prompt, _markup(screen, [*rows, nav] if nav else rows)


async def _show(
    update: Update, context: ContextTypes.DEFAULT_TYPE, screen: Screen, *, new: bool
) -> None:
    text, markup = view(screen)
    set_focus(context.user_data, screen.flow.conversation)
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
        screen = await services.db(
            usecases.open_stay,
            chat_id=chat_id(update),
            now=services.clock(),
            flows=services.interviews,
        )
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    if screen.flow.kind is Kind.STAY and screen.fresh:
        await reply(update, texts.STAY_INTRO)
    elif screen.flow.kind is Kind.EXIT:
        await reply(update, texts.EXIT_IN_PROGRESS)
    await _show(update, context, screen, new=True)


async def start_exit(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    """/start x_<code>: a leaver opened their one-time exit interview link."""
    services = services_of(context)
    try:
        screen = await services.db(
            usecases.open_exit,
            chat_id=chat_id(update),
            code=code,
            now=services.clock(),
            flows=services.interviews,
        )
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    if screen.fresh:
        await reply(update, texts.EXIT_INTRO)
    await _show(update, context, screen, new=True)


async def record_stay_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/record_stay: type up a stay interview held in person (PSW members), asking first if
    something else is waiting for text."""
    if not await leave_first(update, context, "record_stay"):
        await open_record(update, context)


async def open_record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start or continue typing up a stay interview."""
    services = services_of(context)
    screen = await services.db(
        usecases.open_record,
        actor=actor(update),
        chat_id=chat_id(update),
        now=services.clock(),
        flows=services.interviews,
    )
    if screen.flow.kind is Kind.EXIT:
        await reply(update, texts.EXIT_IN_PROGRESS)
    elif screen.fresh:
        await reply(update, texts.RECORD_INTRO)
    await _show(update, context, screen, new=True)


async def invite_exit_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/invite_exit <team>: a one-time exit interview link for a leaver (PSW members)."""
    services = services_of(context)
    try:
        link = await services.db(
            usecases.invite_exit, actor=actor(update), args=context.args or [], now=services.clock()
        )
    except usecases.InviteUsage as usage:
        await reply(update, texts.INVITE_EXIT_USAGE.format(teams=escape(", ".join(usage.teams))))
        return
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    username = services.bot_username or "your_bot"
    until = link.expires_at.astimezone(services.settings.tz)
    await reply(
        update,
        texts.INVITE_EXIT_LINK.format(
            link=f"https://t.me/{username}?start={EXIT_LINK_PREFIX}{link.code}",
            until=f"{until:%a} {until.day} {until:%b %Y}",
        ),
    )


# --- answering ------------------------------------------------------------------------------------


async def _take(update: Update, services: Services, kind: Kind, step: str, value: object) -> Taken:
    now = services.clock()
    return await services.db(
        usecases.take_step,
        chat_id=chat_id(update),
        actor=actor(update),
        kind=kind,
        step=step,
        value=value,
        today=now.astimezone(services.settings.tz).date(),
        now=now,
        flows=services.interviews,
    )


def _number_or_raw(raw: str) -> object:
    return int(raw) if raw.isdigit() else raw


def _team_id(raw: str) -> object:
    return int(raw) if raw.isdigit() else -1  # -1: no such team, stored as no team


def _key(raw: str) -> object:
    return UNDISCLOSED if raw == UNDISCLOSED_BUTTON else raw


# How each kind of step reads a button's value (the others take the raw text: theme keys,
# "done", destinations); "skip" is None for every step.
_BUTTON_VALUE: dict[Takes, Callable[[str], object]] = {
    Takes.SCALE: _number_or_raw,
    Takes.TEAM: _team_id,
    Takes.ROLE: _key,
    Takes.CONTRACT: _key,
    Takes.FOLLOWUP: lambda raw: raw == "y",
}


def _value(takes: Takes, raw: str) -> object:
    """A button's value as the step wants it."""
    return None if raw == "skip" else _BUTTON_VALUE.get(takes, str)(raw)


async def on_step(update: Update, context: ContextTypes.DEFAULT_TYPE, press: Step) -> None:
    """A button of an interview step."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    kind = LETTER_KIND[press.kind]
    steps = services.interviews[kind].steps
    if press.position >= len(steps):
        await answer_query(query, texts.STALE_BUTTON)
        return
    step = steps[press.position]
    number = press.value.removeprefix(PAGE_VALUE)
    if step.takes in _PAGED and press.value.startswith(PAGE_VALUE) and number.isdigit():
        await _turn_page(update, services, kind, press.position, int(number))
        return
    try:
        taken = await _take(update, services, kind, step.name, _value(step.takes, press.value))
    except StaleStep:
        await answer_query(query, texts.ALREADY_NOTED)
        return
    except InterviewError as exc:
        await answer_query(query, str(exc))
        return
    await answer_query(query)
    await _after(update, context, services, taken)


async def _turn_page(
    update: Update, services: Services, kind: Kind, position: int, page: int
) -> None:
    query = update.callback_query
    assert query is not None
    screen = await services.db(
        usecases.page,
        chat_id=chat_id(update),
        kind=kind,
        position=position,
        flows=services.interviews,
    )
    if screen is None:
        await answer_query(query, texts.ALREADY_NOTED)
        return
    await answer_query(query)
    await edit(query, *view(screen, page))


async def on_text(
    update: Update, context: ContextTypes.DEFAULT_TYPE, kind: Kind, step: str, text: str
) -> None:
    """Typed text for the interview's current question (`step`) or notes."""
    services = services_of(context)
    try:
        taken = await _take(update, services, kind, step, text)
    except CommentTooLong as exc:
        await reply(update, texts.comment_too_long(exc.length))
        return
    except InterviewError as exc:
        await reply(update, escape(str(exc)))
        return
    await _after(update, context, services, taken, typed=True)


async def _after(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    services: Services,
    taken: Taken,
    *,
    typed: bool = False,
) -> None:
    if taken.screen is not None:
        await _show(update, context, taken.screen, new=typed)
        return
    set_focus(context.user_data, "")
    await services.release_interviews(taken.queue)
    if taken.recorded is not None:
        done = texts.RECORD_SAVED.format(summary=_describe(taken.recorded))
    elif taken.kind is Kind.EXIT:
        done = texts.EXIT_THANKS
    else:
        done = texts.STAY_THANKS.format(min_group=services.settings.min_group_size)
        if taken.followup:
            done += "\n\n" + await send_talk_request(update, context, None)
    query = update.callback_query
    if typed or query is None:
        await reply(update, done)
    else:
        await edit(query, done)


# --- /my_interviews -------------------------------------------------------------------------------


def _describe(recorded: Recorded) -> str:
    themes = ", ".join(
        f"{THEMES[t]} {'👍' if d == 'pos' else '👎' if d == 'neg' else '👍👎'}"
        for t, d in sorted(recorded.themes.items())
        if t in THEMES
    )
    return (
        f"{escape(recorded.team or 'no team')} · "
        f"{escape(recorded.role or texts.PREFER_NOT)} · "
        f"{escape(recorded.contract or texts.PREFER_NOT)} — {themes or 'no themes'}"
    )


# Interviews per page of /my_interviews: the lines stay well inside one message's 4,096
# characters and the Delete buttons inside one keyboard's limits.
INTERVIEWS_PER_PAGE = 10


def _listing(
    services: Services, found: list[Recorded], page: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    if not found:
        return texts.MY_INTERVIEWS_NONE, None
    numbered = list(enumerate(found, start=1))
    shown, page, pages = keyboards.page_of(numbered, page, INTERVIEWS_PER_PAGE)
    lines = [texts.MY_INTERVIEWS_TITLE.format(month=f"{services.today():%B %Y}")]
    buttons = []
    for number, recorded in shown:
        lines.append(f"{number}. {_describe(recorded)}")
        buttons.append(
            button(texts.MY_INTERVIEWS_DELETE.format(number=number), DeleteInterview(recorded.id))
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
    found = await services.db(usecases.my_interviews, actor=actor(update), today=services.today())
    await reply(update, *_listing(services, found))


async def on_interviews_page(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: InterviewsPage
) -> None:
    """Another page of /my_interviews."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    found = await services.db(usecases.my_interviews, actor=actor(update), today=services.today())
    await answer_query(query)
    await edit(query, *_listing(services, found, press.page))


async def on_delete(
    update: Update, context: ContextTypes.DEFAULT_TYPE, press: DeleteInterview
) -> None:
    """Delete one of my recorded interviews, then show the list again."""
    services = services_of(context)
    query = update.callback_query
    assert query is not None
    deleted, found = await services.db(
        usecases.delete_interview,
        actor=actor(update),
        interview_id=press.interview_id,
        today=services.today(),
    )
    # Together, so the notice and the new list arrive as one answer to the tap.
    await asyncio.gather(
        answer_query(query, texts.MY_INTERVIEWS_DELETED if deleted else texts.ALREADY_NOTED),
        edit(query, *_listing(services, found)),
    )
