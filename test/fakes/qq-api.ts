// A loopback QQ bot OpenAPI (protocols.md §4): getAppAccessToken (expires_in as a string) and passive
// replies, which it checks as the platform does: a QQBot token, a msg_id, msg_seq never reused, at most
// 5 replies per msg_id. Reached through KEFU_QQ_AUTH_BASE and KEFU_QQ_API_BASE.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentReply {
  path: string;
  authorization: string;
  body: { content: string; msg_type: number; msg_id?: string; msg_seq?: number };
}

export interface FakeQqApi {
  url: string;
  tokenFetches: number;
  /** Accepted replies, in order of arrival. */
  sent: SentReply[];
  /** Refused requests with the platform's reason. */
  refused: { path: string; message: string }[];
  /** How long a reply's answer takes, after the platform has taken it (a slow vendor). */
  delayMs: number;
  /** Invalidates the current token: the next call with it gets 401. */
  revoke(): void;
  close(): Promise<void>;
}

export async function startFakeQqApi(appId: string, secret: string): Promise<FakeQqApi> {
  let token = '';
  const seqs = new Map<string, Set<number>>();
  const fake: FakeQqApi = {
    url: '',
    tokenFetches: 0,
    sent: [],
    refused: [],
    delayMs: 0,
    revoke: () => (token = 'revoked'),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    const path = req.url ?? '';
    const answer = (status: number, o: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(o));
    const refuse = (status: number, code: number, message: string) => {
      fake.refused.push({ path, message });
      answer(status, { code, message, trace_id: 'fake' });
    };
    if (path === '/app/getAppAccessToken') {
      fake.tokenFetches++;
      if (body.appId !== appId || body.clientSecret !== secret) return refuse(401, 100016, 'invalid appid or secret');
      token = `QQ_TOKEN_${fake.tokenFetches}`;
      return answer(200, { access_token: token, expires_in: '7200' });
    }
    if (!/^\/v2\/(users|groups)\/[^/]+\/messages$/.test(path) || req.method !== 'POST') return refuse(404, 404, 'not found');
    if (req.headers.authorization !== `QQBot ${token}`) return refuse(401, 11244, 'token not exist or expire');
    if (!body.msg_id) return refuse(400, 304003, 'unprompted messages are not allowed: msg_id required');
    const used = seqs.get(body.msg_id) ?? seqs.set(body.msg_id, new Set()).get(body.msg_id)!;
    if (used.has(body.msg_seq)) return refuse(400, 40054005, 'msg_seq already used for this msg_id');
    if (used.size >= 5) return refuse(400, 22007, 'more than 5 replies to one msg_id');
    used.add(body.msg_seq);
    fake.sent.push({ path, authorization: req.headers.authorization, body });
    if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
    answer(200, { id: `ROBOT1.0_sent${fake.sent.length}`, timestamp: new Date().toISOString() });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
