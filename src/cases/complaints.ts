import { DeskError } from '../desk/errors';
import type { Agent } from '../store/agents';
import {
  COMPLAINT_STAGES,
  getComplaint,
  recordComplaintEvent,
  saveStage,
  setComplaintOwner,
  type ComplaintCase,
  type ComplaintStage,
  type StageChange,
} from '../store/complaintCases';
import type { CasesContext } from './context';

/** 受理 判断 调查 方案 实施 总结: the names agents and the rulebook use. */
export const STAGE_NAMES: Record<ComplaintStage, string> = {
  registered: '受理',
  assessed: '判断',
  investigating: '调查',
  proposed: '方案',
  implemented: '实施',
  summarized: '总结',
};

/** A stage given as its code or its Chinese name. */
export function stageOf(name: string): ComplaintStage | undefined {
  if ((COMPLAINT_STAGES as readonly string[]).includes(name)) return name as ComplaintStage;
  return (Object.entries(STAGE_NAMES).find(([, zh]) => zh === name)?.[0] as ComplaintStage | undefined) ?? undefined;
}

/** What an agent writes when moving a complaint on; each stage needs its own part. */
export interface StageInput {
  stage: ComplaintStage;
  valid?: boolean;
  category?: string;
  severity?: 'high' | 'medium' | 'low';
  note?: string;
}

export function loadComplaint(ctx: CasesContext, id: number): ComplaintCase {
  const c = getComplaint(ctx.db, id);
  if (!c) throw new DeskError(404, 'not_found', `no complaint ${id}`);
  return c;
}

const refuse = (code: string, message: string) => new DeskError(409, code, message);

/**
 * The change a move to `input.stage` makes, or why it is refused: stages go one at a time, in order; a
 * complaint judged not valid at 判断 may go straight to 总结.
 */
export function planStage(c: ComplaintCase, input: StageInput, categories: string[], at: number): StageChange {
  const from = COMPLAINT_STAGES.indexOf(c.stage);
  const to = COMPLAINT_STAGES.indexOf(input.stage);
  const note = input.note?.trim() || undefined;
  const invalidToSummary = c.stage === 'assessed' && c.valid === false && input.stage === 'summarized';
  if (to !== from + 1 && !invalidToSummary) {
    const next = COMPLAINT_STAGES[from + 1];
    throw refuse(
      'stage_skipped',
      next
        ? `complaint ${c.id} is at ${STAGE_NAMES[c.stage]}; the next stage is ${STAGE_NAMES[next]} (${next})`
        : `complaint ${c.id} is already closed (${STAGE_NAMES[c.stage]})`,
    );
  }
  const need = (what: string) => refuse('stage_incomplete', `${STAGE_NAMES[input.stage]} needs ${what}`);
  switch (input.stage) {
    case 'assessed': {
      if (input.valid === undefined) throw need('valid: true or false');
      if (!input.severity) throw need('severity: high, medium or low');
      const category = input.category ?? c.category;
      if (!categories.includes(category)) throw refuse('unknown_category', `unknown category "${category}" (known: ${categories.join(', ')})`);
      return { stage: 'assessed', valid: input.valid, severity: input.severity, category };
    }
    case 'investigating':
      if (!note) throw need('the investigation notes (note)');
      return { stage: 'investigating', investigation: note };
    case 'proposed':
      if (!note) throw need('the proposed resolution (note)');
      return { stage: 'proposed', resolution: note };
    case 'implemented':
      if (!note) throw need('what was given or changed (note)');
      return { stage: 'implemented', implementation: note };
    case 'summarized':
      if (!note) throw need('the lesson recorded (note)');
      return { stage: 'summarized', lesson: note, closedAt: at };
    default:
      throw refuse('stage_skipped', `a complaint cannot go back to ${STAGE_NAMES[input.stage]}`);
  }
}

/**
 * Moves a complaint to its next stage and records it in the case history. The owner moves it; a supervisor
 * or admin may too; an agent who moves an unowned complaint becomes its owner.
 */
export function moveComplaint(ctx: CasesContext, id: number, input: StageInput, agent: Agent, categories: string[]): ComplaintCase {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const c = loadComplaint(ctx, id);
    if (c.ownerId !== null && c.ownerId !== agent.id && agent.role === 'agent') {
      throw new DeskError(409, 'held_by_other', `complaint ${id} is owned by ${c.ownerName ?? 'another agent'}`);
    }
    const change = planStage(c, input, categories, at);
    if (c.ownerId === null) change.ownerId = agent.id;
    saveStage(ctx.db, id, change, at);
    const { stage: _stage, ownerId: _owner, closedAt: _closed, ...recorded } = change;
    recordComplaintEvent(ctx.db, { complaintId: id, agentId: agent.id, kind: 'stage', fromStage: c.stage, toStage: input.stage, data: recorded, at });
    return getComplaint(ctx.db, id)!;
  }).immediate();
}

/** Gives a complaint an owner: an agent takes an unowned one for themself; supervisors assign anyone. */
export function assignComplaint(ctx: CasesContext, id: number, ownerId: number, agent: Agent): ComplaintCase {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const c = loadComplaint(ctx, id);
    if (agent.role === 'agent' && (ownerId !== agent.id || (c.ownerId !== null && c.ownerId !== agent.id))) {
      throw new DeskError(403, 'forbidden', 'agents may only take unowned complaints for themselves');
    }
    const owner = ctx.db.prepare('SELECT id FROM agents WHERE id = ? AND active = 1').get(ownerId);
    if (!owner) throw new DeskError(400, 'unknown_agent', `no active agent ${ownerId}`);
    setComplaintOwner(ctx.db, id, ownerId, at);
    recordComplaintEvent(ctx.db, { complaintId: id, agentId: agent.id, kind: 'owner', data: { from: c.ownerId, to: ownerId }, at });
    return getComplaint(ctx.db, id)!;
  }).immediate();
}
