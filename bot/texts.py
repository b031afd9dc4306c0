"""What the bot says. Plain, kind, short enough to read between visits. Telegram HTML.

Anything a person or the organisation file supplied is escaped before it is put into a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from surveys.participants import MyData
from surveys.pulse import MAX_COMMENT_CHARS

if TYPE_CHECKING:
    from bot.settings import Settings

WELCOME = (
    "Hello{name}, I'm <b>StayPulse</b> for {org}.\n\n"
    "Every week or two I'll ask you a few quick questions about work: how your workload, "
    "support and team feel. It takes about 30 seconds, and it's anonymous.\n\n"
    "First, which team are you in?"
)
# Why a team at all: people asked (issue 18).
WHY_TEAM = (
    "Your team is how the PSW team sees what is working where; results are only ever shown for "
    "groups large enough that nobody can be picked out."
)
WELCOME_INVITED = (
    "Hello{name}, I'm <b>StayPulse</b> for {org}.\n\n"
    "Every week or two I'll ask you a few quick questions about work. It takes about 30 "
    "seconds, and it's anonymous.\n\nYou're joining <b>{team}</b>. " + WHY_TEAM
)
NEED_INVITE = (
    "Hello{name}, I'm <b>StayPulse</b> for {org}.\n\n"
    "To join, please open the invite link your Principal Social Worker (PSW) team sent you for "
    "your team. If you haven't had one, ask them for it: each team has its own link, so your "
    "answers count for the right team. " + WHY_TEAM
)
INVITE_REFUSED = {
    "unknown": (
        "That invite link isn't valid: it may have been withdrawn or copied incompletely. Please "
        "ask your PSW team for a new one."
    ),
    "expired": "That invite link has expired. Please ask your PSW team for a new one.",
    "used": (
        "That invite link has already been used: personal links work once. Please ask your PSW "
        "team for a new one."
    ),
    "full": (
        "I can't add anyone else to that team: as many people have joined as it has staff. If "
        "you work in this team, please contact the PSW team so they can check."
    ),
}
CHANGE_TEAM_NEEDS_INVITE = (
    "To move to another team, please open an invite link for your new team: ask your PSW team "
    "for one. Your role and contract stay as they are."
)
WHOAMI = (
    "Your Telegram user id is <code>{user_id}</code>.\n\n"
    "Your PSW team or IT may ask for it, for example to add you to the PSW team. It isn't a "
    "secret, but there's no need to share it otherwise."
)
ASK_ROLE = "Which of these best describes your role?"
ASK_EMPLOYMENT = "And are you permanent or agency?"
PREFER_NOT = "Prefer not to say"


@dataclass(frozen=True)
class PrivacyContacts:
    """What an information-governance team requires in a privacy notice, from the settings."""

    controller: str
    dpo_contact: str
    lawful_basis: str
    retention: str
    complaints: str


def governance(settings: Settings) -> PrivacyContacts:
    """The privacy notice's information-governance part, as the council configured it."""
    return PrivacyContacts(
        controller=settings.privacy_controller,
        dpo_contact=settings.privacy_dpo_contact,
        lawful_basis=settings.privacy_lawful_basis,
        retention=settings.privacy_retention,
        complaints=settings.privacy_complaints,
    )


def _governance_section(contacts: PrivacyContacts | None) -> str:
    """Controller, DPO, lawful basis, retention and complaints, each as configured."""
    if contacts is None:
        return ""
    return (
        f"\n\n<b>Data controller:</b> {escape(contacts.controller)}\n"
        f"<b>Data Protection Officer:</b> {escape(contacts.dpo_contact)}\n"
        f"<b>Lawful basis:</b> {escape(contacts.lawful_basis)}\n"
        f"<b>How long it is kept:</b> {escape(contacts.retention)}\n"
        f"<b>Your rights and complaints:</b> you can ask what is held (/mydata) and have it "
        f"deleted (/forget). {escape(contacts.complaints)}"
    )


def privacy_notice(
    min_group: int, min_comment_group: int, contacts: PrivacyContacts | None = None
) -> str:
    """What is stored, what is never stored, who sees what, how to leave, and (with `contacts`)
    who is responsible and how to complain: exactly what the code does (docs/design.md,
    "Anonymity")."""
    return (
        "<b>How your answers are kept safe</b>\n\n"
        "<b>Stored about you:</b> your Telegram chat id (to send you pulses), your team, role "
        "and contract type, and, while a pulse is open, whether you've answered it (so reminders "
        "only go to people who haven't). When it closes, that is deleted: only how many answered "
        "in each team is kept.\n\n"
        "<b>Your answers:</b> locked (encrypted) until the pulse closes, then stored together "
        f"with everyone else's, in a random order, with no name, Telegram account or time, only "
        f'the pulse and your team, role group and contract (shown as "undisclosed" or "other '
        f'teams" where fewer than {min_group} share them). If fewer than {min_group} people '
        f"answer a pulse, nothing of it is kept.\n\n"
        "<b>Comments:</b> before anything is saved, names, phone numbers, e-mails, addresses, "
        "postcodes, dates of birth, NI numbers, case and staff numbers and car registrations are "
        "replaced by placeholders such as [name], and so is any word the bot doesn't know as "
        "ordinary English or a social-care term, in case it is a name. It's automatic and can "
        "miss something, so please leave names out. Once it's stored, your message is deleted "
        "from this chat.\n\n"
        f"<b>Who sees what:</b> only the Principal Social Worker team, only after a pulse closes, "
        f"never a figure from fewer than {min_group} people, and never a comment from a group "
        f"of fewer than {min_comment_group}. PSW team members can't answer pulses themselves.\n\n"
        "<b>What we can't promise:</b> Telegram itself sees that you message this bot and when; "
        "the council's IT team runs the bot and is trusted not to change it.\n\n"
        "<b>You're in control:</b> /pause for a few weeks, /stop all messages, /forget to delete "
        "everything about you, /mydata to see what's held."
    ) + _governance_section(contacts)


CONSENT_BUTTON = "I'm happy to take part"
DECLINE_BUTTON = "Not now"
CHOSEN_ROLE = "Role: <b>{name}</b> ✓"
CHOSEN_EMPLOYMENT = "Contract: <b>{name}</b> ✓"
JOINED_AS = "Team: <b>{team}</b> ✓ · Role: <b>{role}</b> · Contract: <b>{employment}</b>\n\n"
JOINED = (
    "Thank you, you're in. I'll message you when the next pulse opens, only in working hours. "
    "Type /help any time."
)
DECLINED = "No problem. Nothing about you has been stored. Type /start if you change your mind."
PROFILE = (
    "You're set up as:\n"
    "Team: <b>{team}</b>\nRole: <b>{role}</b>\nContract: <b>{employment}</b>\n\n"
    "Tap to change any of them."
)
CHANGED = "Updated. " + PROFILE
CHANGE_TEAM, CHANGE_ROLE, CHANGE_EMPLOYMENT = "Change team", "Change role", "Change contract"

INVITE = (
    "Hello! A new pulse is ready: {count}, about 30 seconds. Your answers are anonymous. "
    "It's open until {closes}."
)
REMINDER = (
    "A gentle reminder: the pulse is open until {closes}. {count}, about 30 seconds, "
    "anonymous. If you've started, Start carries on where you stopped."
)
START_BUTTON = "Start"
REMIND_LATER_BUTTON = "Remind me later"
LATER_REMINDER = (
    "Here's the reminder you asked for: the pulse is open until {closes}. {count}, about 30 "
    "seconds, anonymous. If you've started, Start carries on where you stopped."
)
# Answers to "Remind me later" (surveys/snooze.py). {when} and {closes}: texts.local_time.
LATER_SET = "\n\n⏰ I'll remind you once more on {when}, unless you've answered by then."
LATER_ALREADY_SET = "Already set: I'll remind you once, on {when}."
LATER_ALREADY_SENT = (
    "I've already reminded you once, as you asked, on {when}. The pulse is open until {closes}."
)
LATER_ANSWERED = "You've already answered this pulse, so there's no reminder to set. Thank you!"
LATER_TOO_LATE = (
    "\n\nThe pulse closes on {closes}, too close to the close for another reminder in working "
    "hours. Tap Start whenever suits you before then, or type /pulse."
)
LATER_NOT_INVITED = (
    "This pulse isn't one I can remind you about: it wasn't sent to you, or you've left since. "
    "Type /pulse to see what's open for you."
)
LATER_PAUSED = (
    "Your messages are paused or stopped, so I won't send a reminder. Type /resume to get them "
    "again; the pulse is open until {closes}."
)
QUESTION = "<b>Pulse · {number} of {total}</b>\n\n{text}"
YOUR_ANSWER = "\n\n<i>Your answer was: {label}</i>"
COMMENT_PROMPT = (
    "<b>Pulse · last step</b>\n\n"
    "Anything you'd like the PSW team to know? Type it below, or tap <b>No thanks</b>.\n"
    "<i>Names, contact details, addresses, dates of birth and reference numbers are removed "
    "automatically before it's saved; it can miss one, so please leave names out.</i>"
)
NO_THANKS, BACK, SKIP = "No thanks", "« Back", "Skip »"
THANKS = (
    "Thank you, that's everything. Your answers are stored without your name, and the PSW "
    "team only sees them as part of groups of {min_group} or more."
)
DONE_MARK = "<b>Pulse · done</b> ✓ Thank you."
ALREADY_DONE = "You've already answered this pulse. Thank you!"
PULSE_CLOSED = "This pulse has closed — thank you."
NO_OPEN_PULSE = "There's no pulse open for you right now. I'll message you when there is."
NOT_JOINED = "You haven't joined yet. Type /start to join your team."
ALREADY_NOTED = "Already noted."
COMMENT_TOO_LONG = (
    "That's {length} characters, and I can take up to {limit}. Could you shorten it and send it "
    "again? Nothing has been saved yet."
)

FEEDBACK_PROMPT = (
    "Type what you'd like the PSW team to know. It's anonymous: names, contact details, "
    "addresses, dates of birth and reference numbers are removed automatically (it can miss one, "
    "so please leave names out), and it's kept locked until the next pulse closes, then stored "
    "with that pulse's answers, with your team and role group only."
)
FEEDBACK_CANCEL = "Cancel"
PERIOD_WIDENED = (
    "(Widened to whole weeks: each pulse's answers belong to the week it ran, never to a day.)"
)
TYPED_REMOVED = "\n\n(I'm deleting your message from this chat now that it's stored.)"
TYPED_NOT_REMOVED = "I couldn't delete your message from this chat; you can delete it yourself."
FEEDBACK_CANCELLED = "Cancelled. Nothing was saved."

HELP_HEADER = "<b>What I can do</b>"  # the lines come from bot/commands.py
PSW_HELP_HEADER = "<b>For the PSW team</b> (you are a PSW team {role})"
NEXT_OPEN = "A pulse is open for you until {closes}. Type /pulse to answer it."
NEXT_DUE = (
    "The next pulse opens {opens} and closes {closes} (in working hours only). "
    "I'll message you then."
)
NEXT_NONE = "No pulse is scheduled at the moment."
TEXT_ONLY = "I can only read text here. Type /help to see what I can do."
EDITED = "I can't see edits to messages. If you meant to change something, please send it again."
UNKNOWN_COMMAND = "I don't know that command. Type /help to see what I can do."
STRAY_TEXT = "I'm not waiting for an answer just now. Type /help to see what I can do."
STALE_BUTTON = "That button doesn't work any more. Type /help to see what I can do."
SLOW_DOWN = (
    "You're sending messages faster than I can keep up. Please wait a minute. Nothing you've "
    "already answered is lost."
)
ERROR = "Sorry, something went wrong on my side. Nothing you have already answered is lost."
NOT_PSW = "This command is for the PSW team."

PAUSED = "Paused. I won't message you until {until}. Type /resume to start again sooner."
PAUSE_USAGE = "Please give a number of weeks from 1 to 12, for example /pause 4."
RESUMED = "Welcome back. I'll message you when the next pulse opens."
STOPPED = (
    "Done. I won't send you any more messages. Your past answers stay, anonymously. "
    "Type /start if you'd like to come back."
)
FORGET_ASK = (
    "This deletes everything StayPulse holds about you: your chat id, team, role, contract and "
    "which pulses you were sent. Your anonymous answers stay, because nothing links them to "
    "you, so they can't be found or deleted.\n\nDelete everything about you?"
)
FORGET_YES, FORGET_NO = "Yes, forget me", "Cancel"
FORGOTTEN = (
    "Done. I've deleted everything held about you, and I won't message you again. Your "
    "anonymous answers remain and cannot be traced back to you. Type /start if you ever want "
    "to rejoin."
)
FORGET_CANCELLED = "Cancelled. Nothing was deleted."
NOTHING_HELD = "I hold nothing about you. Type /start to join."

TALK_ASK = (
    "I can ask the PSW team to get in touch with you. <b>This is not anonymous.</b> They will "
    "see exactly this:\n\n{preview}\n\nYou can add a short note: type it now. Or tap Send."
)
TALK_SEND, TALK_CANCEL = "Send", "Cancel"
TALK_SENT = (
    "Sent. Someone from the PSW team will be in touch. This request is kept apart from your "
    "pulse answers and is never joined to them."
)
TALK_NO_PSW = "The PSW team isn't set up in StayPulse yet, so I can't pass this on. Sorry."
TALK_CANCELLED = "Cancelled. Nothing was sent."
TALK_EXPIRED = "That request has expired and nothing was sent. Type /talk to ask again."
TALK_TO_PSW = (
    "💬 <b>Conversation request</b>\n"
    '<a href="tg://user?id={user_id}">{name}</a>{username} would like a conversation with the '
    "PSW team.{note}\n\nThis request is not linked to any answers."
)

INVITE_USAGE = (
    "Usage: /invite &lt;team&gt; shows the team's live link (or makes one); "
    "/invite &lt;team&gt; new makes another; /invite list shows every live link; admins: "
    "/invite revoke &lt;code&gt;.\n\n<b>Teams</b> (joined of headcount):\n{teams}"
)
INVITE_TEAM_LINE = "• <code>{key}</code> {name}: {joined}{headcount}"
INVITE_LINK = (
    "Invite link for <b>{team}</b>:\n{link}\n\n{status}. Whoever opens it joins that team, so "
    "share it only with the team. Revoke it with <code>/invite revoke {code}</code>."
)
INVITE_EXISTING = "This team already has a live link; /invite {key} new makes another.\n\n"
INVITE_STATUS = "It works until {until}, {uses}"
INVITE_LIST_TITLE = "<b>Live invite links</b>"
INVITE_LIST_LINE = "• {team}: <code>{code}</code>, until {until}, {uses}"
INVITE_LIST_PERSONAL = "• {team}: {count} personal link(s) not yet used, the first expiring {until}"
INVITE_LIST_NONE = "No live invite links. /invite &lt;team&gt; makes one."
INVITE_REVOKED = "Revoked: <code>{code}</code> no longer works."
INVITE_NO_SUCH = "No live invite with that code."
INVITE_REVOKE_ADMINS = "Only PSW admins can revoke invites."


def invite_uses(uses: int, max_uses: int | None) -> str:
    """'used 3 times, no limit' or '7 of 10 uses left'."""
    if max_uses is None:
        return f"used {uses} time{'s' if uses != 1 else ''}, no use limit"
    return f"{max(max_uses - uses, 0)} of {max_uses} uses left"


def need_invite(first_name: str | None, org: str) -> str:
    """A bare /start from someone who has not joined: how to get an invite."""
    name = f" {escape(first_name)}" if first_name else ""
    return NEED_INVITE.format(name=name, org=escape(org))


def invite_refused(reason: str) -> str:
    """Why an invite link does not let this person in."""
    return INVITE_REFUSED.get(reason, INVITE_REFUSED["unknown"])


def welcome(first_name: str | None, org: str, team: str | None = None) -> str:
    """The first message someone sees."""
    name = f" {escape(first_name)}" if first_name else ""
    if team is not None:
        return WELCOME_INVITED.format(name=name, org=escape(org), team=escape(team))
    return WELCOME.format(name=name, org=escape(org))


def questions(count: int) -> str:
    """ "1 quick question", "4 quick questions"."""
    return f"{count} quick question" + ("" if count == 1 else "s")


def local_time(moment: datetime, tz: ZoneInfo) -> str:
    """A moment as people say it: Wednesday 2 December at 10:00."""
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"


def local_date(moment: datetime, tz: ZoneInfo) -> str:
    """A date as people write it: Monday 7 December."""
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B}"


def my_data(data: MyData, tz: ZoneInfo) -> str:
    """Exactly what is held about a person."""
    status = data.status
    if data.paused_until is not None and status == "paused":
        status = f"paused until {local_date(data.paused_until, tz)}"
    return (
        "<b>Everything StayPulse holds about you</b>\n"
        f"Telegram chat id: {data.chat_id}\n"
        f"Team: {escape(data.team or 'none')}\n"
        f"Role: {escape(data.role)}\n"
        f"Contract: {escape(data.employment_type)}\n"
        f"Status: {escape(status)}\n"
        f"Joined: {local_date(data.joined_at, tz)}\n"
        f"Pulses sent to you: {data.invitations}, answered: {data.completed}\n"
        f"Unfinished answers waiting: {data.unfinished_drafts}\n\n"
        "Your submitted answers are stored without any link to you, so they can't be shown "
        "here, not even to you. /forget deletes everything above."
    )


def comment_too_long(length: int) -> str:
    """Asked to shorten a comment."""
    return COMMENT_TOO_LONG.format(length=f"{length:,}", limit=f"{MAX_COMMENT_CHARS:,}")


DIGEST_TITLE = "📊 <b>StayPulse weekly digest</b> · {period}"
DIGEST_NO_WAVE = "No pulse has closed or run yet, so there is nothing to report."
DIGEST_PARTICIPATION = (
    "<b>Participation</b> in the {name} of {opened}: {completed} of {invited} invited answered "
    "({rate:.0%})."
)
DIGEST_TEAM = "• {team}: {completed} of {invited} ({rate:.0%})"
DIGEST_HIDDEN = (
    "• {count} team(s) not shown: fewer than {minimum} people, or hidden so that a smaller "
    "team's figures can't be worked out from the total."
)
DIGEST_TOO_SMALL = (
    "Fewer than {minimum} people were invited to the latest pulse, so no figures are shown."
)
SCHEDULE_TITLE = "<b>Schedule</b> (times in {tz})"
SCHEDULE_LINE = "• {name}: next due {due}; opens {opens}, reminder {remind}, closes {closes}"
SCHEDULE_OPEN = (
    "• Open now: wave {wave} ({name}), closes {closes}; {completed} of {invited} answered"
)
SCHEDULE_DIGEST = "• Weekly digest: next {when}"
ADMINS_ONLY = "Only PSW admins can do that."
WAVE_USAGE = "Usage: /wave open (start a pulse now) or /wave close (end the open one now)."
WAVE_OPEN_ASK = (
    "Open a pulse now for <b>{count}</b> people (the {name} audience)? Each gets one invite{later}."
)
WAVE_LATER = ", at the start of the next working day (it's outside working hours now)"
WAVE_OPEN_YES, WAVE_CLOSE_YES, WAVE_NO = "Open it", "Close it", "Cancel"
WAVE_OPENED = "Wave {wave} is open until {closes}. Invites go out in working hours."
WAVE_CLOSE_ASK = (
    "Close wave {wave} now? {completed} of {invited} have answered. Unfinished answers with at "
    'least one response are kept; later taps get "this pulse has closed".'
)
WAVE_CLOSED = "Wave {wave} is closed."
WAVE_ALREADY_OPEN = (
    "A pulse is already open (wave {wave}, until {closes}; {completed} of {invited} have "
    "answered). Only one pulse runs at a time, so nobody gets two invites or the same questions "
    "twice in a week. Close it first? Then send /wave open again."
)
WAVE_NONE_OPEN = "No wave is open."
WAVE_CANCELLED = "Cancelled. Nothing changed."
SCORE_KEY = (
    "<i>Each line: mean score on 1–5 (5 best) · % favourable (answering 4 or 5) · "
    "health-check score 0–100 with its LGA band (0–50 low, 51–74 moderate, 75–100 high).</i>"
)
SUMMARY_HIDDEN = (
    "Not enough responses to show this group for this period: fewer than {minimum}, or the "
    "rest of the organisation would be fewer than {minimum} and could be worked out."
)
COMMENTS_USAGE = (
    "Usage: /comments &lt;theme&gt; [pos|neg], the theme as shown (e.g. /comments Work-life "
    "balance neg), or /comments other for comments with no recognised theme. Themes: {themes}"
)
SUMMARY_USAGE = (
    "Usage: /summary [period] [team], e.g. /summary 4w Assessment Team. Periods: 4w, 12w, "
    "quarter, year, or YYYY-MM-DD..YYYY-MM-DD; a team by its name or key."
)
EXPORT_USAGE = (
    "Usage: /export [csv|xlsx] [period] [team], e.g. /export xlsx quarter Assessment Team."
)
COMMENTS_NONE = (
    "No comments to show: none on that theme in the last 12 weeks from a team (or the pooled "
    "other teams) with at least {minimum} people answering over those weeks."
)
# Never a count per theme or per group (docs/design.md rule 4): one service-wide total of at
# least MIN_GROUP_SIZE, or no number.
COMMENTS_HELD_BACK = (
    "\n<i>{count} comments across the service (all themes) are held back: they come from groups "
    "with fewer than {minimum} people answering over these weeks.</i>"
)
COMMENTS_SOME_HELD_BACK = (
    "\n<i>Some comments may be held back until their groups are larger (at least {minimum} "
    "people answering over these weeks).</i>"
)
INTERVIEWS_USAGE = (
    "Usage: /interviews stay|exit [theme], e.g. /interviews exit Pay. Themes: {themes}"
)
INTERVIEWS_NONE = (
    "No {kind} interview answers to show{about}: answers are read only from batches released "
    "together by at least {minimum} different people."
)
THEMES_NONE = (
    "Fewer than {minimum} comments from groups of at least {minimum} people in the last 12 "
    "weeks, so no counts are shown."
)
DIGEST_NO_SCORES = (
    "Fewer than {minimum} people answered in the last 4 weeks, so no scores are shown."
)
DIGEST_MOVERS = "<b>Biggest movers</b> ({period} against the 4 weeks before)"
DIGEST_MOVER = "• {label}: {favourable}% favourable ({arrow}{change} pts)"
DIGEST_STAY = "• {label} ({people})"
DIGEST_DEFINITIONS = (
    "<i>% favourable: the share of answers of 4 or 5 on the 1–5 agreement scale; a change is "
    "in percentage points, shown only when the 4 weeks before have figures too. Counts are "
    "people, not messages.</i>"
)
DIGEST_CHART = "Theme scores, last 4 weeks (health-check score 0–100)."
TREND_USAGE = (
    "Usage: /trend &lt;theme&gt; [team], e.g. /trend Work-life balance Assessment Team. "
    "Themes: {themes}"
)

# "You said, we did"
WEDID_CURRENT = "\n\nShown after pulses now:\n<i>{text}</i>"
WEDID_RECORDED = (
    "Recorded. Staff will see this after each pulse they complete until the next update:\n\n"
    "<i>{text}</i>"
)
WEDID_ASK = (
    "\n\nSend it now to all <b>{count}</b> people taking part (not paused or stopped){later}?"
)
WEDID_VIEWER = "\n\nOnly PSW admins can send it to everyone."
WEDID_SEND_YES = "Send to {count} people"
WEDID_SEND_NO = "Only after pulses"
WEDID_KEPT = "Kept for after pulses; not sent to everyone."
WEDID_SENDING = "Sending it to {count} people now."
WEDID_SENDING_LATER = (
    "It goes to {count} people at the start of the next working day (it's outside working hours "
    "now)."
)
WEDID_BROADCAST = (
    "<b>You said, we did</b>\n\n{text}\n\n<i>From the Principal Social Worker team.</i>"
)
WEDID_AFTER_PULSE = "\n\n<b>You said, we did:</b> {text}"

# The action log
WEDID_USAGE = (
    "Usage: /wedid &lt;theme&gt;: &lt;what changed because of what staff said&gt;, up to 1,000 "
    "characters, with optional lines <code>owner: …</code> and <code>due: YYYY-MM-DD</code>. "
    "You see a preview first. Once recorded it is shown after every completed pulse until the "
    "next update, and an admin can send it to everyone.\n\nFor example: /wedid Processes: You "
    "told us Mosaic forms take too long. The case summary form is now one page.\nowner: Head of "
    "Service\ndue: 2026-12-01"
)
ACTION_PREVIEW = (
    "<b>Preview</b> (not recorded yet)\n\n<i>{text}</i>\n\nTheme: {theme}\nOwner: {owner}\n"
    "Due: {due}\nStatus: planned"
)
ACTION_RECORD = "Record"
ACTION_CANCEL = "Cancel"
ACTION_CANCELLED = "Not recorded."
ACTION_NO_THEME = "not set (add a first line like <code>Workload: …</code>)"
ACTIONS_NONE = "No actions recorded yet. /wedid records one."
ACTIONS_TITLE = "<b>Actions</b> (you said, we did), newest first"
ACTION_LINE = (
    "<b>#{number}</b> [{status}] {theme}: {text}\nOwner {owner} · due {due} · recorded {recorded}"
    "\n{theme_label} before (12 weeks): {before}; since: {after}"
)
ACTION_USAGE = (
    "Usage: /action &lt;number&gt; status planned|in progress|done, /action &lt;number&gt; "
    "owner|due|theme|text &lt;value&gt;, or /action &lt;number&gt; withdraw. /actions lists them."
)
ACTION_CHANGED = "Action #{number} is now: [{status}] {theme}: {text} · owner {owner} · due {due}"
ACTION_WITHDRAWN = "Action #{number} is withdrawn: it is no longer shown to anyone."

# Breakdowns, comparisons and the report
BREAKDOWN_USAGE = "Usage: /breakdown role|contract [period]. Periods: {periods}"
COMPARE_USAGE = "Usage: /compare [period]. Periods: {periods}"
OVERTIME_USAGE = (
    "Usage: /overtime [theme] [period]. Themes as on screen or keys; periods: {periods}"
)
REPORT_USAGE = "Usage: /report [quarter], e.g. /report 2026Q3 (default: this quarter)."
TABLE_EMPTY = "No group of {minimum} or more people to show for {period}."
HIDDEN_EXPLAINED = (
    "<i>hidden</i>: fewer than {minimum} people, never shown. Health-check score 0–100."
)
REPORT_CAPTION = (
    "Committee report {quarter}: {period}. Groups under {minimum} people are not shown."
)
REPORT_XLSX_CAPTION = "The same report as a workbook, one sheet per view."

# Stay and exit interviews
STAY_TITLE, EXIT_TITLE, RECORD_TITLE = (
    "Stay interview",
    "Exit interview",
    "Recording a stay interview",
)
STAY_INTRO = (
    "A stay interview: six short questions about why you stay and what would make work better, "
    "then one rating. Skip anything you like. Names, contact details, addresses, dates of "
    "birth and reference numbers are removed automatically before anything is saved (it can "
    "miss one, so please leave names out), and your answers are stored without your name, "
    "with your team, role and contract and the month only."
)
INTERVIEW_TYPE = "\n\n<i>Type your answer (up to 1,000 characters), or skip.</i>"
STAY_RATING = (
    "Last one. How much do you agree?\n\nI see myself still working here in two years' time."
)
STAY_FOLLOWUP = (
    "Thank you. Would you like a follow-up conversation with the PSW team? If so, they get a "
    "request with your name, exactly as with /talk. It is not linked to your answers."
)
FOLLOWUP_YES = "Yes, please"
STAY_THANKS = (
    "Thank you — your stay interview is saved, locked, without your name. The PSW team gets it "
    "only in a batch of at least {min_group} stay interviews from different people, in a "
    "random order."
)
EXIT_INTRO = (
    "Thank you for opening this. It's an exit interview from the Principal Social Worker team: "
    "six short steps about why you are leaving, stored without your name (with your team only) "
    "and released to the PSW team only together with other leavers' answers. You don't need to "
    "join anything."
)
EXIT_REASONS = "Why are you leaving? Choose all that apply, then tap Done."
EXIT_MAIN = "Which of those is the main reason?"
EXIT_DESTINATION = "Where are you going next?"
EXIT_COME_BACK = "Would you consider coming back here one day?"
EXIT_THANKS = (
    "Thank you. Your answers are saved without your name and will help the service keep "
    "colleagues. All the best in what comes next."
)
EXIT_IN_PROGRESS = "You have an exit interview in progress; here is where you were."
DONE, SAVE = "Done ✓", "Save ✓"
RECORD_INTRO = (
    "Recording a stay interview you held in person. Don't write the person's name: choose their "
    "team, role group and contract, type your notes, then check the themes. Names, contact "
    "details, addresses, dates of birth and reference numbers in the notes are removed "
    "automatically too, but it can miss one."
)
RECORD_TEAM = "Which team is the person in?"
RECORD_ROLE = "Their role group?"
RECORD_EMPLOYMENT = "Their contract?"
RECORD_NOTES = (
    "Type your notes, in one message or several (question by question is fine). Tap Done when "
    "you have finished."
)
RECORD_NOTES_SO_FAR = "\n\n<i>{chars} characters so far.</i>"
RECORD_THEMES = (
    "These are the themes I found in the notes. Tap a theme to change it: 👍 a reason to stay, "
    "👎 a reason to leave, plain for not mentioned. Then Save."
)
RECORD_SAVED = "Saved: {summary}\n\n/my_interviews lists the ones you recorded this month."
MY_INTERVIEWS_TITLE = (
    "<b>Stay interviews you recorded, waiting to be released</b>\n"
    "They count in the results in batches of your own records only; until then you can delete "
    "them here."
)
MY_INTERVIEWS_NONE = (
    "You have no recorded stay interviews waiting to be released. /record_stay adds one."
)
MY_INTERVIEWS_DELETE = "Delete {number}"
PREVIOUS_PAGE = "‹ Previous"
NEXT_PAGE = "Next ›"
PAGE_OF = "\n\n<i>Page {page} of {pages}</i>"
MY_INTERVIEWS_DELETED = "Deleted."
INVITE_EXIT_USAGE = "Usage: /invite_exit &lt;team&gt;. Teams: {teams}"
INVITE_EXIT_LINK = (
    "Send this link to the leaver:\n{link}\n\nIt works once, for whoever opens it first, "
    "until {until}. Their answers are stored with the team and month only, never their name."
)

PSW_CHAT_OUTSIDERS = (
    "⚠️ <b>The PSW chat ({chat_id}) has people in it who are not in the PSW team.</b>{named}\n\n"
    "{unknown}The weekly digest goes to each PSW member privately until only PSW members are "
    "in it. Remove the others, or add them with <code>staypulse psw add ID</code> if they "
    "should read results."
)
PSW_CHAT_UNCHECKED = (
    "⚠️ <b>I couldn't check who is in the PSW chat ({chat_id})</b>: {error}. The weekly digest "
    "goes to each PSW member privately until I can. Make sure I'm still in the group and "
    "PSW_CHAT_ID is right."
)


def psw_chat_warning(
    *, chat_id: int, unknown: int, named: tuple[str, ...], error: str | None
) -> str:
    """What the PSW admins are told when the PSW chat has outsiders, or could not be checked."""
    if error is not None:
        return PSW_CHAT_UNCHECKED.format(chat_id=chat_id, error=escape(error))
    named_text = "\n" + "\n".join(f"• {escape(n)} (an admin)" for n in named) if named else ""
    unknown_text = (
        f"Telegram tells me there are {unknown} other member(s) but not who (a bot can't list a "
        "group's members). "
        if unknown
        else ""
    )
    return PSW_CHAT_OUTSIDERS.format(chat_id=chat_id, named=named_text, unknown=unknown_text)


# Signposting (surveys/signposting.py): sent before anything else when a typed text suggests
# the person is struggling. Routes come from configuration and are escaped where shown.
# The opening and headings come from the signposting file too (escaped where shown).
SIGNPOST = (
    "{opening}\n\n<b>{council_heading}</b>\n{council}\n\n<b>{national_heading}</b>\n{national}"
    "\n\n{what_happens}"
)
SIGNPOST_STORED = {
    "feedback": (
        "What happens to your message: it is saved as you asked, anonymously, so nobody can "
        "contact you about it. The PSW team reads comments only in groups of {min_comment} or "
        "more people, after the next pulse closes, so it may be weeks before anyone reads it. "
        "If you'd like someone to get in touch, type /talk."
    ),
    "pulse": (
        "What happens to your message: it is saved with your pulse, anonymously, so nobody can "
        "contact you about it. The PSW team reads comments only in groups of {min_comment} or "
        "more people, after this pulse closes. If you'd like someone to get in touch, type /talk."
    ),
    "stay": (
        "What happens to your answer: it is kept with your stay interview, anonymously, and the "
        "PSW team reads interviews only in batches of {min_group} from different people, so "
        "nobody can contact you about it. If you'd like someone to get in touch, type /talk."
    ),
    "exit": (
        "What happens to your answer: it is kept with your exit interview, anonymously, and the "
        "PSW team reads interviews only in batches of {min_group} from different people, so "
        "nobody can contact you about it. If you'd like someone to get in touch, type /talk."
    ),
    "record_stay": (
        "These notes sound as if the person may be struggling. The notes are kept as usual, "
        "without their name; the routes above are ones you can share with them."
    ),
    "talk": (
        "What happens to your note: it goes to the PSW team with your name only when you tap "
        "Send, and then they will get in touch with you."
    ),
    "": (
        "What happens to your message: nothing. I'm not waiting for an answer just now, so I "
        "haven't kept it. If you'd like someone to get in touch, type /talk."
    ),
}

# One conversation at a time (bot/conversations.py).
SWITCH_ASK = (
    "You're in the middle of {current}. Leave it and start {new}?\n\n"
    "<i>If you leave: {on_leave}.</i>"
)
SWITCH_YES = "Yes, leave it"
SWITCH_NO = "No, carry on"
SWITCH_STAY = "Carrying on with {current}: your next message goes there."
SWITCH_STALE = "That question is out of date: nothing changed. Type /help to see what I can do."

# Honest confirmations: what was stored, where, who sees it and when.
FEEDBACK_SAVED = (
    "Saved. Your comment is stored locked (sealed), without your name, with your team and role "
    "group only, after names and contact details were taken out. It is released with the next "
    "pulse when that closes, and the PSW team can read it only as part of a group of at least "
    "{min_comment} people; if the group is smaller, nobody ever reads it."
)
FEEDBACK_STORED_AS = "\n\nStored as:\n<i>{comment}</i>"
FEEDBACK_ALREADY_SAVED = (
    "Too late to cancel: that comment was already saved (sealed, without your name). Until the "
    "next pulse closes you can still withdraw it with the button under my confirmation."
)
FEEDBACK_WITHDRAW = "Withdraw this comment"
FEEDBACK_WITHDRAW_NOTE = (
    "\n\nChanged your mind? You can withdraw it until the next pulse closes. After that it is "
    "released, and nothing links a released comment to you, so it can't be withdrawn."
)
FEEDBACK_WITHDRAWN = "Withdrawn: your comment is deleted and will never be read."
FEEDBACK_NOT_WITHDRAWN = (
    "It can't be withdrawn now: either it was released when the pulse closed (nothing links a "
    "released comment to you), or I restarted and no longer know which comment was yours."
)
FEEDBACK_NOTHING_TO_CANCEL = "There was nothing to cancel: no comment was waiting to be saved."
PULSE_COMMENT_STORED = (
    "\n\nYour comment was stored as:\n<i>{comment}</i>\nThe PSW team reads comments only in "
    "groups of {min_comment} or more people, after this pulse closes."
)
PULSE_COMMENT_WITHDRAW_NOTE = (
    "\n\nChanged your mind? You can withdraw it until this pulse closes. After that it is "
    "released, and nothing links a released comment to you, so it can't be withdrawn."
)
PULSE_COMMENT_WITHDRAWN = (
    "Withdrawn: your comment is deleted and will never be read. Your answers to the questions "
    "are kept, without your name, as before."
)
SWITCH_LEFT = "Left {current}: {on_leave}."
