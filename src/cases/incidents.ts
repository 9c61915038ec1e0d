import { DeskError } from '../desk/errors';
import type { Agent } from '../store/agents';
import {
  attachReports,
  getIncident,
  insertIncident,
  listBugReports,
  recordIncidentEvent,
  refreshIncident,
  setIncidentStatus,
  type BugStatus,
  type Incident,
} from '../store/incidents';
import { getPlayer } from '../store/players';
import type { CasesContext } from './context';
import { sendToPlayer } from './reach';
import { queueBugWebhook } from './webhook';

export function loadIncident(ctx: CasesContext, id: number): Incident {
  const incident = getIncident(ctx.db, id);
  if (!incident) throw new DeskError(404, 'not_found', `no incident ${id}`);
  return incident;
}

/** A player told their problem is fixed, or why they could not be. */
export interface FixNotice {
  playerId: number;
  nickname: string | null;
  channel: string;
  reason?: string;
}

const FIXED_TEXT = {
  zh: '您好，您之前反馈的问题（{title}）已经修复，感谢您的反馈与耐心！如仍有问题，直接回复我们即可。',
  en: 'Hello! The problem you reported ({title}) is fixed. Thank you for reporting it; just reply if anything is still wrong.',
};

/**
 * Sets an incident's status (its reports follow). Marked fixed, every player who reported it is told in their
 * own channel where the reply window still allows; who could not be reached is returned and kept in the history.
 */
export function changeIncidentStatus(ctx: CasesContext, id: number, status: BugStatus, agent: Agent, note?: string) {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const incident = loadIncident(ctx, id);
    if (incident.status === status) return { incident, told: [] as FixNotice[], unreachable: [] as FixNotice[] };
    setIncidentStatus(ctx.db, id, status, at);
    recordIncidentEvent(ctx.db, { incidentId: id, agentId: agent.id, kind: 'status', data: { from: incident.status, to: status, note }, at });
    queueBugWebhook(ctx, 'incident.status', { incident: id, from: incident.status, status, title: incident.title, server: incident.server });
    const told: FixNotice[] = [];
    const unreachable: FixNotice[] = [];
    if (status === 'fixed') {
      const players = [...new Set(listBugReports(ctx.db, { incident: id }).map((r) => r.playerId))];
      for (const playerId of players) {
        const player = getPlayer(ctx.db, playerId)!;
        const text = FIXED_TEXT[player.language].replace('{title}', incident.title);
        const result = sendToPlayer(ctx, playerId, text);
        const who = { playerId, nickname: player.nickname, channel: player.channel };
        if (result.sent) told.push(who);
        else unreachable.push({ ...who, reason: result.reason });
      }
      recordIncidentEvent(ctx.db, { incidentId: id, agentId: agent.id, kind: 'players_told', data: { told, unreachable }, at });
    }
    return { incident: getIncident(ctx.db, id)!, told, unreachable };
  }).immediate();
}

/** Folds other incidents into this one: their reports move here, each keeps a note of where they went. */
export function mergeIncidents(ctx: CasesContext, id: number, from: number[], agent: Agent): Incident {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    loadIncident(ctx, id);
    for (const other of from) {
      if (other === id) throw new DeskError(400, 'merge_self', 'an incident cannot be merged into itself');
      loadIncident(ctx, other);
      const reports = listBugReports(ctx.db, { incident: other }).map((r) => r.id);
      attachReports(ctx.db, id, reports, at);
      recordIncidentEvent(ctx.db, { incidentId: other, agentId: agent.id, kind: 'merged_into', data: { into: id, reports }, at });
      recordIncidentEvent(ctx.db, { incidentId: id, agentId: agent.id, kind: 'merged', data: { from: other, reports }, at });
      queueBugWebhook(ctx, 'incident.merged', { incident: id, from: other });
    }
    return getIncident(ctx.db, id)!;
  }).immediate();
}

/** Takes reports out of an incident into a new one (same server and status): they were another problem. */
export function splitIncident(ctx: CasesContext, id: number, reportIds: number[], agent: Agent): Incident {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const incident = loadIncident(ctx, id);
    const held = new Map(listBugReports(ctx.db, { incident: id }).map((r) => [r.id, r]));
    const moving = reportIds.map((r) => held.get(r));
    if (moving.some((r) => !r)) throw new DeskError(400, 'not_in_incident', `every report to split off must belong to incident ${id}`);
    if (moving.length >= held.size) throw new DeskError(400, 'split_all', 'leave at least one report in the incident');
    const first = moving.reduce((a, b) => (a!.id < b!.id ? a : b))!; // the oldest report names the new incident
    const newId = insertIncident(ctx.db, { title: first.description.slice(0, 60), server: incident.server, severity: first.severity, status: incident.status, at });
    attachReports(ctx.db, newId, reportIds, at);
    refreshIncident(ctx.db, id, at);
    recordIncidentEvent(ctx.db, { incidentId: id, agentId: agent.id, kind: 'split', data: { to: newId, reports: reportIds }, at });
    recordIncidentEvent(ctx.db, { incidentId: newId, agentId: agent.id, kind: 'split_from', data: { from: id, reports: reportIds }, at });
    queueBugWebhook(ctx, 'incident.created', { incident: newId, splitFrom: id });
    return getIncident(ctx.db, newId)!;
  }).immediate();
}
