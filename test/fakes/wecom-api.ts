// A loopback WeCom kf API (protocols.md §2): gettoken, sync_msg with cursors and has_more, send_msg,
// send_msg_on_event (each code once), service_state get/trans. Reached through KEFU_WECOM_API_BASE.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWecomApi {
  url: string;
  tokenFetches: number;
  /** Messages sync_msg serves, in order; a cursor is the index of the next one. */
  messages: any[];
  /** The cursor of every sync_msg request ('' when none). */
  cursors: string[];
  sent: any[];
  /** send_msg_on_event bodies that WeCom accepted (a code works once). */
  eventSends: any[];
  /** Codes send_msg_on_event will accept. */
  codes: Set<string>;
  transitions: any[];
  states: Map<string, number>;
  /** Files media/get serves by media_id (the customers' pictures and voice). */
  media: Map<string, { body: Buffer; type: string }>;
  close(): Promise<void>;
}

export async function startFakeWecomApi(corpId: string, secret: string, pageSize = 2): Promise<FakeWecomApi> {
  const fake: FakeWecomApi = {
    url: '',
    tokenFetches: 0,
    messages: [],
    cursors: [],
    sent: [],
    eventSends: [],
    codes: new Set(),
    transitions: [],
    states: new Map(),
    media: new Map(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const answer = (o: object) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ errcode: 0, errmsg: 'ok', ...o }));
    if (url.pathname === '/cgi-bin/gettoken') {
      fake.tokenFetches++;
      if (url.searchParams.get('corpid') !== corpId || url.searchParams.get('corpsecret') !== secret) return answer({ errcode: 40001, errmsg: 'invalid secret' });
      return answer({ access_token: 'WECOM_TOKEN', expires_in: 7200 });
    }
    if (url.searchParams.get('access_token') !== 'WECOM_TOKEN') return answer({ errcode: 40014, errmsg: 'invalid access_token' });
    if (url.pathname === '/cgi-bin/media/get') {
      const file = fake.media.get(url.searchParams.get('media_id') ?? '');
      if (!file) return answer({ errcode: 40007, errmsg: 'invalid media_id' });
      return res.setHeader('content-type', file.type).end(file.body);
    }
    const stateKey = `${body.open_kfid}/${body.external_userid}`;
    switch (url.pathname) {
      case '/cgi-bin/kf/sync_msg': {
        fake.cursors.push(body.cursor ?? '');
        const from = Number(body.cursor ?? 0);
        const page = fake.messages.slice(from, from + pageSize);
        return answer({ next_cursor: String(from + page.length), has_more: from + page.length < fake.messages.length ? 1 : 0, msg_list: page });
      }
      case '/cgi-bin/kf/send_msg':
        fake.sent.push(body);
        return answer({ msgid: `sent_${fake.sent.length}` });
      case '/cgi-bin/kf/send_msg_on_event':
        if (!fake.codes.delete(body.code)) return answer({ errcode: 95018, errmsg: 'invalid code' });
        fake.eventSends.push(body);
        return answer({ msgid: `event_${fake.eventSends.length}` });
      case '/cgi-bin/kf/service_state/get':
        return answer({ service_state: fake.states.get(stateKey) ?? 0 });
      case '/cgi-bin/kf/service_state/trans':
        fake.transitions.push(body);
        fake.states.set(stateKey, body.service_state);
        return answer({ msg_code: 'MSG_CODE' });
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
