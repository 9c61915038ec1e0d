import { DeskError } from '../desk/errors';
import type { Agent } from '../store/agents';
import { markFollowedUp } from '../store/complaintCases';
import { completeFollowup, getFollowup, markContacted, takeOverdue, type Followup, type FollowupContact, type FollowupOutcome } from '../store/followups';
import { alertSupervisors } from './alerts';
import type { CasesContext } from './context';
import { sendToPlayer } from './reach';
import { loadFollowupScripts, renderScript } from './scripts';

/** A follow-up as the API and `kefu followups --json` show it. */
export const followupJson = (f: Followup, now: number) => ({
  id: f.id,
  kind: f.kind,
  complaint: f.complaintId,
  ticket: f.ticketId,
  bug_report: f.bugReportId,
  player: f.playerId,
  nickname: f.nickname,
  channel: f.channel,
  category: f.category,
  due_at: f.dueAt,
  overdue: f.status !== 'done' && f.dueAt < now,
  status: f.status,
  contact: f.contact,
  outcome: f.outcome,
  note: f.note,
  agent: f.agentName,
  done_at: f.doneAt,
});

export function loadFollowup(ctx: CasesContext, id: number): Followup {
  const f = getFollowup(ctx.db, id);
  if (!f) throw new DeskError(404, 'not_found', `no follow-up ${id}`);
  return f;
}

/** The script filled in for this follow-up and agent. */
export function followupText(ctx: CasesContext, f: Followup, scriptId: string | undefined, agent: Agent): string {
  const scripts = loadFollowupScripts(ctx.faqDir);
  const script = scriptId ? scripts.find((s) => s.id === scriptId) : scripts.find((s) => s.kinds.includes(f.kind));
  if (!script) throw new DeskError(400, 'unknown_script', `no follow-up script "${scriptId}"`);
  return renderScript(script, {
    nickname: f.nickname ?? '玩家',
    complaintId: f.complaintId,
    category: f.category,
    agent: agent.displayName,
    ticketId: f.ticketId,
    reportId: f.bugReportId,
  });
}

/**
 * Sends the follow-up in the player's own channel when its reply window allows; otherwise refuses with
 * `unreachable` and the reason, so the agent calls or writes another way and records that contact.
 */
export function sendFollowup(ctx: CasesContext, id: number, agent: Agent, text: string): { messageId: number } {
  return ctx.db.transaction(() => {
    const f = loadFollowup(ctx, id);
    if (f.status === 'done') throw new DeskError(409, 'followup_done', `follow-up ${id} is already done`);
    const result = sendToPlayer(ctx, f.playerId, text, { agentId: agent.id });
    if (!result.sent) throw new DeskError(409, 'unreachable', `the player cannot be reached in their channel now (${result.reason}): record a phone or other contact`);
    markContacted(ctx.db, id, { agentId: agent.id, messageId: result.messageId });
    return { messageId: result.messageId };
  }).immediate();
}

/** Records how the follow-up went; the complaint is marked followed up. */
export function completeFollowupTask(
  ctx: CasesContext,
  id: number,
  r: { outcome: FollowupOutcome; contact?: FollowupContact; note?: string },
  agent: Agent | null,
): Followup {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const f = loadFollowup(ctx, id);
    if (f.status === 'done') throw new DeskError(409, 'followup_done', `follow-up ${id} is already done`);
    const contact = r.contact ?? (f.status === 'contacted' ? 'channel' : undefined);
    if (!contact) throw new DeskError(400, 'contact_required', 'say how the player was contacted: channel, phone or other');
    completeFollowup(ctx.db, id, { agentId: agent?.id ?? null, outcome: r.outcome, contact, note: r.note, at });
    if (f.complaintId) markFollowedUp(ctx.db, f.complaintId, at);
    return getFollowup(ctx.db, id)!;
  }).immediate();
}

/** Overdue follow-ups alert supervisors, once each. Returns the ids alerted. */
export function alertOverdueFollowups(ctx: CasesContext): number[] {
  const overdue = takeOverdue(ctx.db, ctx.now());
  for (const f of overdue) {
    const what = f.complaintId ? `投诉 #${f.complaintId}` : f.ticketId ? `VIP 工单 #${f.ticketId}` : `问题反馈 #${f.bugReportId}`;
    alertSupervisors(ctx, 'followup_overdue', `回访已逾期：${what}（${f.nickname ?? '玩家'}），应于 ${new Date(f.dueAt).toISOString()} 前完成`, {
      followupId: f.id,
      complaintId: f.complaintId,
    });
  }
  return overdue.map((f) => f.id);
}
