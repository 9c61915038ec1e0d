import type { SendResult } from '../../src/core/types';
import type { Db } from '../../src/store/db';
import { createTokenCache } from '../../src/store/tokenCache';

/** Fetch a new token this long before the old one ends: QQ issues one only in the last 60 s (protocols.md §4). */
const TOKEN_EARLY_MS = 30_000;
/** The platform asks clients to wait at least 5 s (§4). */
const TIMEOUT_MS = 10_000;
/** 22009: send rate exceeded (§4). */
const RATE_LIMITED = 22009;
/**
 * 40054005: this msg_id + msg_seq was sent already (QQ dedupes on the pair, §4). A resend keeps its msg_seq,
 * so this answer means an earlier try — one cut off by a restart — was delivered: the reply counts as sent.
 */
const ALREADY_SENT = 40054005;

export interface QqApiDeps {
  db: Db;
  appId: string;
  secret: string;
  apiBase: string;
  authBase: string;
  now(): number;
  onTokenRefresh?(ok: boolean): void;
}

/** A message body for POST /v2/users/{openid}/messages or /v2/groups/{group_openid}/messages (§4). */
export interface PassiveReply {
  content: string;
  msg_type: 0;
  msg_id: string;
  msg_seq: number;
}

const url = (base: string, path: string) => base.replace(/\/+$/, '') + path;

/**
 * The QQ bot OpenAPI: the access token, cached in SQLite across restarts and fetched by one request at a
 * time, and sending a passive reply with a clear result for the outbox.
 */
export function createQqApi(deps: QqApiDeps) {
  let tokenError: string | undefined;
  const tokens = createTokenCache({
    db: deps.db,
    key: `qq-official:${deps.appId}:access_token`,
    now: deps.now,
    onRefresh: deps.onTokenRefresh,
    earlyMs: TOKEN_EARLY_MS,
    async fetch() {
      const res = await fetch(url(deps.authBase, '/app/getAppAccessToken'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appId: deps.appId, clientSecret: deps.secret }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; message?: unknown };
      const expiresInS = Number(body.expires_in); // a string, "7200" (§4)
      if (!res.ok || typeof body.access_token !== 'string' || !(expiresInS > 0)) {
        tokenError = `QQ getAppAccessToken failed: HTTP ${res.status} ${String(body.message ?? '')}`.trim();
        throw new Error(tokenError);
      }
      tokenError = undefined;
      return { token: body.access_token, expiresInS };
    },
  });

  function post(path: string, body: PassiveReply, token: string): Promise<Response> {
    return fetch(url(deps.apiBase, path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `QQBot ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  return {
    /** Why the last token fetch failed (a wrong KEFU_QQ_APPID or KEFU_QQ_SECRET), until one succeeds. */
    tokenError: () => tokenError,
    /** Sends one passive reply; a refused token is renewed once. Network errors and 5xx may be retried. */
    async reply(path: string, body: PassiveReply): Promise<SendResult> {
      let res: Response;
      try {
        const token = await tokens.get();
        res = await post(path, body, token);
        if (res.status === 401) res = await post(path, body, await tokens.renew(token));
      } catch (err) {
        return { ok: false, retry: true, error: `QQ API unreachable: ${(err as Error).message}` };
      }
      const answer = (await res.json().catch(() => ({}))) as { id?: unknown; code?: unknown; err_code?: unknown; message?: unknown };
      if (res.ok && (answer.code === undefined || answer.code === 0)) return { ok: true, externalId: typeof answer.id === 'string' ? answer.id : undefined };
      const code = Number(answer.code ?? answer.err_code ?? res.status);
      const error = `QQ API 拒绝发送：${code} ${String(answer.message ?? '')}`.trim();
      if (code === ALREADY_SENT) return { ok: true };
      if (code === RATE_LIMITED) return { ok: false, retry: true, retryAfterMs: 2000, error };
      return { ok: false, retry: res.status >= 500, error };
    },
  };
}
