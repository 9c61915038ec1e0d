import type { Context } from 'koa';
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';

/** An error whose message is meant for the client (koa's `expose`). */
export function httpError(status: number, message: string): Error & { status: number; expose: boolean } {
  return Object.assign(new Error(message), { status, expose: true });
}

/**
 * The request body's exact bytes, read once and kept on ctx.state (signatures are computed over them,
 * protocols.md "two rules"). Over `limit` bytes → 413 before the rest is read.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<Buffer> {
  if (ctx.state.rawBody) return ctx.state.rawBody as Buffer;
  const body = await readBody(ctx.req, limit);
  ctx.state.rawBody = body;
  return body;
}

/** readRawBody on a plain Node request (src/http/webhookFront.ts): read once, by its one handler. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit, length: req.headers['content-length'] || undefined });
  } catch (err) {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') throw httpError(413, `body larger than ${limit} bytes`);
    throw httpError(e.status && e.status < 500 ? e.status : 400, 'could not read the request body');
  }
}

/** The body parsed as JSON: 415 for another content type, 400 with a reason for bad JSON. */
export async function readJson(ctx: Context, limit: number): Promise<unknown> {
  if (!ctx.is('application/json')) throw httpError(415, 'content-type must be application/json');
  const raw = await readRawBody(ctx, limit);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw httpError(400, 'body is not valid JSON');
  }
}
