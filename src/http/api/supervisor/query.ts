import type { Context } from 'koa';
import type { z } from 'zod';
import { httpError } from '../../body';

/** The query string checked against its schema: 400 naming every problem. */
export function readQuery<T>(ctx: Context, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(ctx.query);
  if (!parsed.success) throw httpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return parsed.data;
}
