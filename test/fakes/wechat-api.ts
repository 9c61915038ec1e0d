// A loopback WeChat Official Account API (protocols.md §1.6, §1.7): access_token, custom/send with scripted
// errcodes, and 40001 for a token it did not issue or has revoked. Reached through KEFU_WECHAT_API_BASE.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatApi {
  url: string;
  tokenFetches: number;
  /** Every custom/send body accepted with errcode 0. */
  sent: any[];
  /** Every custom/send attempt, whatever the answer. */
  attempts: number;
  /** The next custom/send answers these errcodes, one per call. */
  failNext(...errcodes: number[]): void;
  /** The token endpoint answers this errcode (e.g. 40164) until cleared with undefined. */
  tokenError: number | undefined;
  /** Revokes the tokens issued so far (as a fetch elsewhere would): they get 40001. */
  revokeTokens(): void;
  /** Temporary media served by media/get (§1.2 MediaId); an unknown id gets 40007. */
  media: Map<string, { body: Buffer; type: string }>;
  /** Every media/get request's media_id, whatever the answer. */
  mediaGets: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeWechatApi(appId: string, secret: string): Promise<FakeWechatApi> {
  const valid = new Set<string>();
  const scripted: number[] = [];
  let issued = 0;
  const fake: FakeWechatApi = {
    url: '',
    tokenFetches: 0,
    sent: [],
    attempts: 0,
    tokenError: undefined,
    failNext: (...codes) => scripted.push(...codes),
    revokeTokens: () => valid.clear(),
    media: new Map(),
    mediaGets: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://fake');
    const answer = (body: object) => res.setHeader('content-type', 'application/json').end(JSON.stringify(body));
    if (url.pathname === '/cgi-bin/token') {
      fake.tokenFetches++;
      if (fake.tokenError) return answer({ errcode: fake.tokenError, errmsg: 'fake error' });
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) return answer({ errcode: 40125, errmsg: 'invalid appsecret' });
      const token = `TOKEN_${++issued}_${'x'.repeat(500)}`; // real tokens can exceed 512 characters (§1.6)
      valid.add(token);
      return answer({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/custom/send' && req.method === 'POST') {
      fake.attempts++;
      const body = JSON.parse(await readBody(req));
      if (!valid.has(url.searchParams.get('access_token') ?? '')) return answer({ errcode: 40001, errmsg: 'invalid credential' });
      const code = scripted.shift();
      if (code) return answer({ errcode: code, errmsg: 'fake refusal' });
      fake.sent.push(body);
      return answer({ errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/cgi-bin/media/get' && req.method === 'GET') {
      fake.mediaGets.push(url.searchParams.get('media_id') ?? '');
      // Errors come back as JSON on the same URL, typed text/plain as WeChat does.
      const error = (errcode: number, errmsg: string) => res.setHeader('content-type', 'text/plain').end(JSON.stringify({ errcode, errmsg }));
      if (!valid.has(url.searchParams.get('access_token') ?? '')) return error(40001, 'invalid credential');
      const file = fake.media.get(url.searchParams.get('media_id') ?? '');
      if (!file) return error(40007, 'invalid media_id');
      res.setHeader('content-type', file.type);
      res.setHeader('content-disposition', 'attachment; filename="media"');
      return res.end(file.body);
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
