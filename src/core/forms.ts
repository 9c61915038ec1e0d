import { updatePlayerProfile } from '../store/players';
import { linkBugTicket } from '../store/incidents';
import { insertBugReport, insertComplaint } from '../store/reports';
import { getTicket, recordTicketEvent } from '../store/tickets';
import { handOff } from './handoff';
import type { PhraseKey } from './phrases';
import { classifyBugSeverity, classifyComplaint } from './severity';
import type { PipelineDeps, Turn } from './turn';

const FOLLOW_UP_MS = 3 * 24 * 3600_000; // complaints are followed up (回访) within 3 days

/** A bug report that asks for something only a person can give (compensation, a refund) is also a ticket. */
const NEEDS_PERSON = /补偿|赔偿|退款|退钱|返还|补发|人工|compensat|refund/i;

const CANCEL = /^(取消|算了|不用了|退出|cancel|stop|quit)$/i;

const BUG_FIELDS: { name: string; ask: PhraseKey }[] = [
  { name: 'server', ask: 'bugAskServer' },
  { name: 'role', ask: 'bugAskRole' },
  { name: 'device', ask: 'bugAskDevice' },
  { name: 'description', ask: 'bugAskDescription' },
];

const SEVERITY_NAMES = { critical: { zh: '紧急', en: 'critical' }, major: { zh: '严重', en: 'major' }, minor: { zh: '一般', en: 'minor' } };

/** Starts collecting a bug report or a complaint, one question at a time. */
export function startForm(turn: Turn, kind: 'bug_report' | 'complaint'): void {
  turn.conversation.state = 'collecting';
  turn.conversation.context = { form: { kind, step: 0, values: {} } };
  turn.say(kind === 'bug_report' ? BUG_FIELDS[0].ask : 'complaintAsk');
}

/** Takes the player's answer to the current question; registers the report when the form is complete. */
export function continueForm(turn: Turn, deps: PipelineDeps): void {
  const form = turn.conversation.context.form;
  const text = turn.msg.text.trim();
  if (!form || CANCEL.test(text)) {
    endForm(turn, deps);
    turn.say('cancelled');
    return;
  }
  if (!text) {
    turn.say('empty');
    return;
  }
  if (form.kind === 'complaint') return registerComplaint(turn, deps, text);

  form.values[BUG_FIELDS[form.step].name] = text.slice(0, 2000);
  form.step += 1;
  if (form.step < BUG_FIELDS.length) {
    turn.say(BUG_FIELDS[form.step].ask);
    return;
  }
  const v = form.values;
  const severity = classifyBugSeverity(v.description);
  const reportId = insertBugReport(deps.db, {
    playerId: turn.player.id,
    conversationId: turn.conversation.id,
    server: v.server,
    roleName: v.role,
    device: v.device,
    description: v.description,
    severity,
    at: turn.at,
  });
  updatePlayerProfile(deps.db, turn.player.id, { server: v.server, gameUid: v.role });
  endForm(turn, deps);
  if (NEEDS_PERSON.test(v.description)) {
    // One number for the player: the ticket's (the one already open, or a new one). The report is linked to it.
    turn.say('bugLoggedForPerson', { severity: SEVERITY_NAMES[severity][turn.lang] });
    const open = openTicketOf(turn, deps);
    const ticketId = open ? open.id : handOff(turn, deps, 'bug_report', `[问题反馈] ${v.description.slice(0, 180)}`);
    linkBugTicket(deps.db, reportId, ticketId);
    return;
  }
  turn.say('bugLogged', { reportId, severity: SEVERITY_NAMES[severity][turn.lang] });
}

/** Back to where the form started: the open ticket it was asked from, or the bot. */
function endForm(turn: Turn, deps: PipelineDeps): void {
  const ticket = openTicketOf(turn, deps);
  turn.conversation.state = ticket ? (ticket.status === 'queued' ? 'queued' : 'with_agent') : 'bot';
  turn.conversation.context = {};
}

function openTicketOf(turn: Turn, deps: PipelineDeps) {
  const id = turn.conversation.ticketId;
  const ticket = id ? getTicket(deps.db, id) : undefined;
  return ticket && ['queued', 'assigned', 'waiting_player'].includes(ticket.status) ? ticket : undefined;
}

/**
 * A complaint joins the player's open ticket when there is one, so the player has one number for one
 * problem; otherwise it opens a ticket. Either way the player is told that ticket's number.
 */
function registerComplaint(turn: Turn, deps: PipelineDeps, text: string): void {
  const open = openTicketOf(turn, deps);
  let ticketId: number;
  if (open) {
    ticketId = open.id;
    endForm(turn, deps);
    recordTicketEvent(deps.db, { ticketId, kind: 'complaint_added', data: { messageId: turn.inboundId }, at: turn.at });
  } else {
    ticketId = handOff(turn, deps, 'complaint', text.slice(0, 200));
  }
  const complaintId = insertComplaint(deps.db, {
    playerId: turn.player.id,
    conversationId: turn.conversation.id,
    ticketId,
    category: deps.complaintCategory?.(text) ?? classifyComplaint(text),
    text: text.slice(0, 4000),
    at: turn.at,
    followUpDueAt: turn.at + FOLLOW_UP_MS,
  });
  turn.say('complaintLogged', { ticketId, complaintId });
}
