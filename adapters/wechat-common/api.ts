import { describeErrcode, type WechatErr } from './errcodes';
import type { TokenCache } from '../../src/store/tokenCache';

const TIMEOUT_MS = 10_000;

/** A WeChat/WeCom API answer: `errcode` 0 or absent is success (WeCom sends 0 even then, protocols.md §2). */
export type ApiReply = Record<string, unknown> & { errcode?: number; errmsg?: string };

/** The network or the vendor's HTTP layer failed: worth retrying later. */
export class ApiUnavailableError extends Error {}

export async function requestJson(url: string, body?: unknown): Promise<ApiReply> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new ApiUnavailableError(`${new URL(url).host} unreachable: ${(err as Error).message}`);
  }
  if (!res.ok) throw new ApiUnavailableError(`${new URL(url).host} answered HTTP ${res.status}`);
  try {
    return (await res.json()) as ApiReply;
  } catch {
    throw new ApiUnavailableError(`${new URL(url).host} answered with something other than JSON`);
  }
}

/**
 * Calls `base + path` with the cached access_token; on 40001/40014/42001 renews the token once and retries
 * once (§1.6). Returns the reply and, when errcode ≠ 0, what it means.
 */
export function createApiCaller(base: string, tokens: TokenCache, onError: (err: WechatErr) => void) {
  return async function call(path: string, body?: unknown): Promise<{ reply: ApiReply; error?: WechatErr }> {
    let token = await tokens.get();
    for (let attempt = 0; ; attempt++) {
      const url = `${base}${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
      const reply = await requestJson(url, body);
      if (!reply.errcode) return { reply };
      const error = describeErrcode(reply.errcode, reply.errmsg);
      if (error.kind === 'token' && attempt === 0) {
        token = await tokens.renew(token);
        continue;
      }
      onError(error);
      return { reply, error };
    }
  };
}

export type ApiCaller = ReturnType<typeof createApiCaller>;
