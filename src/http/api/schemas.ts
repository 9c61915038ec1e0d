import type { Context } from 'koa';
import { z } from 'zod';
import { MAX_REPLY_CHARS } from '../../desk/reply';
import { ROLES, TIERS } from '../../store/agents';
import { httpError, readJson } from '../body';

/** Larger bodies are refused with 413 before they are read: a reply is at most 4000 characters. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body checked against its schema: 400 with every problem named, 413 when too large. */
export async function readBody<T>(ctx: Context, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(ctx, MAX_BODY_BYTES));
  if (!parsed.success) throw httpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** `:id` as a ticket (or message, agent) id: 404 for anything that cannot be one. */
export function idParam(ctx: Context, name = 'id'): number {
  const id = Number(ctx.params[name]);
  if (!Number.isSafeInteger(id) || id <= 0) throw httpError(404, `no such id: ${ctx.params[name]}`);
  return id;
}

const text = z
  .string()
  .trim()
  .min(1, 'text is required')
  .max(MAX_REPLY_CHARS, `text is longer than ${MAX_REPLY_CHARS} characters`);

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const textBody = z.object({ text });
export const transferBody = z
  .object({ agentId: z.number().int().positive().optional(), tier: z.enum(TIERS).optional(), note: z.string().trim().max(1000).optional() })
  .refine((b) => (b.agentId === undefined) !== (b.tier === undefined), 'give either agentId or tier');
export const presenceBody = z.object({ online: z.boolean() });
export const newAgentBody = z.object({
  username: z.string(),
  displayName: z.string().trim().min(1).max(64).optional(),
  role: z.enum(ROLES),
  tier: z.enum(TIERS).default('L1'),
  capacity: z.number().int().min(1).max(100).optional(),
});
export const agentChangeBody = z.object({
  role: z.enum(ROLES).optional(),
  tier: z.enum(TIERS).optional(),
  capacity: z.number().int().min(1).max(100).optional(),
  active: z.boolean().optional(),
});
