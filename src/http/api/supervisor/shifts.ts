import { z } from 'zod';
import { canManage, loadOpenTicket, type DeskContext } from '../../../desk/context';
import { DeskError } from '../../../desk/errors';
import { liveSheet } from '../../../shifts/handover';
import { shiftAt } from '../../../shifts/schedule';
import { getAgent } from '../../../store/agents';
import { acknowledge, acks, addHandoverNote, agentShift, latestSheet, setAgentShift } from '../../../store/handover';
import { beat } from '../../../store/presence';
import type { SupervisorPolicy } from '../../../supervisorPolicy';
import { httpError } from '../../body';
import { ALL_ROLES, currentAgent, MANAGERS, type apiRoutes } from '../guard';
import { idParam, readBody } from '../schemas';

const noteBody = z.object({ ticketId: z.number().int().positive(), text: z.string().trim().min(1, 'text is required').max(1000) });

export interface ShiftRouteDeps extends DeskContext {
  supervisor: SupervisorPolicy;
}

/** Shifts, handover sheets and console presence over HTTP (README "Shifts and handover"). */
export function shiftRoutes(api: ReturnType<typeof apiRoutes>, deps: ShiftRouteDeps): void {
  const { shifts, timeZone } = deps.supervisor;
  const shiftNames = shifts.map((s) => s.name) as [string, ...string[]];
  const shiftBody = z.object({ shift: z.enum(shiftNames).nullable() });

  // The console beats every 30 s while it is open; the answer says whether the agent still counts as online.
  api.route('post', '/api/presence', ALL_ROLES, (ctx) => {
    const agent = currentAgent(ctx);
    beat(deps.db, agent.id, deps.now());
    ctx.body = { online: getAgent(deps.db, agent.id)!.online };
  });

  api.route('get', '/api/shifts', ALL_ROLES, (ctx) => {
    const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    ctx.body = {
      timeZone,
      shifts: shifts.map((s) => ({ name: s.name, start: fmt(s.start), end: fmt(s.end) })),
      current: shiftAt(shifts, deps.now(), timeZone) ?? null,
      mine: agentShift(deps.db, currentAgent(ctx).id) ?? null,
    };
  });

  api.route('post', '/api/shifts/agents/:id', MANAGERS, async (ctx) => {
    const id = idParam(ctx);
    if (!getAgent(deps.db, id)) throw httpError(404, `no agent ${id}`);
    const { shift } = await readBody(ctx, shiftBody);
    setAgentShift(deps.db, id, shift);
    ctx.body = { agentId: id, shift };
  });

  // The live sheet (every unresolved ticket now) and the last sheet handed over, with who acknowledged it.
  api.route('get', '/api/handover', ALL_ROLES, (ctx) => {
    const me = currentAgent(ctx);
    const latest = latestSheet(deps.db);
    const acked = latest ? acks(deps.db, latest.id!) : [];
    const mine = agentShift(deps.db, me.id);
    ctx.body = {
      live: liveSheet(deps, deps.supervisor),
      latest: latest ? { ...latest, acks: acked } : null,
      // The incoming shift (or anyone not bound to a shift) must read and acknowledge the last sheet, if it
      // handed anything over.
      mustAcknowledge: Boolean(
        latest?.tickets.length && (!mine || mine === latest.next_shift) && !acked.some((a) => a.username === me.username),
      ),
    };
  });

  api.route('post', '/api/handover/:id/ack', ALL_ROLES, (ctx) => {
    const id = idParam(ctx);
    if (!deps.db.prepare('SELECT 1 FROM handover_sheets WHERE id = ?').get(id)) throw httpError(404, `no handover sheet ${id}`);
    acknowledge(deps.db, id, currentAgent(ctx).id, deps.now());
    ctx.body = { acks: acks(deps.db, id) };
  });

  // 交接备注: what the outgoing agent wants the next shift to know about a ticket they hold.
  api.route('post', '/api/handover/notes', ALL_ROLES, async (ctx) => {
    const { ticketId, text } = await readBody(ctx, noteBody);
    const agent = currentAgent(ctx);
    const ticket = loadOpenTicket(deps.db, ticketId);
    if (ticket.agentId !== agent.id && !canManage(agent)) throw new DeskError(409, 'held_by_other', `ticket ${ticketId} is held by another agent`);
    addHandoverNote(deps.db, { ticketId, agentId: agent.id, text, at: deps.now() });
    ctx.body = { ok: true };
  });
}
