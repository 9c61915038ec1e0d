import type { Context } from 'koa';
import { httpError } from '../body';

/** A query parameter as one string ('' and absent are both "no filter"). */
export function q(ctx: Context, name: string): string | undefined {
  const v = ctx.query[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

/** A date filter: ms since epoch, or YYYY-MM-DD (the start of that day, UTC+8 unless a zone is given). */
export function dateParam(ctx: Context, name: string, endOfDay = false): number | undefined {
  const v = q(ctx, name);
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00+08:00`) : Date.parse(v);
  if (Number.isNaN(day)) throw httpError(400, `${name}: expected YYYY-MM-DD or ms since epoch, got "${v}"`);
  return endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(v) ? day + 24 * 3600_000 : day;
}

/** A query value that must be one of a list. */
export function oneOf<T extends string>(ctx: Context, name: string, allowed: readonly T[]): T | undefined {
  const v = q(ctx, name);
  if (v !== undefined && !allowed.includes(v as T)) throw httpError(400, `${name}: expected one of ${allowed.join(', ')}, got "${v}"`);
  return v as T | undefined;
}
