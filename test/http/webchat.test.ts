import { toSimplified, toTraditional } from '../../src/opencc';
import { listTickets } from '../../src/store/tickets';
import { postJson, startKefu, type RunningKefu } from '../helpers/kefu';

let k: RunningKefu;
beforeEach(async () => {
  k = await startKefu();
});
afterEach(() => k.stop());

const messages = () => `${k.url}/webchat/api/messages`;

describe('web chat', () => {
  it('answers 忘记密码怎么办 with the sample FAQ password answer', async () => {
    const res = await postJson(messages(), { sessionId: 'session-0001', text: '忘记密码怎么办' });
    expect(res.status).toBe(200);
    expect(res.body.replies).toHaveLength(1);
    expect(res.body.replies[0].text).toBe(k.kefu.matcher().entry('account.password-reset')!.answer!.trim());
  });

  it('answers a player who writes Traditional in Traditional, and one who writes Simplified in Simplified', async () => {
    const session = 'session-0010';
    const traditional = await postJson(messages(), { sessionId: session, text: '我忘記密碼了怎麼辦' });
    expect(traditional.body.replies[0].text).toContain('在登錄界面點擊“忘記密碼”，輸入帳號綁定的手機號');
    // Text both scripts write alike (今天) keeps the player's script: nothing in the answer is left to convert.
    const again = (await postJson(messages(), { sessionId: session, text: '今天' })).body.replies[0].text;
    expect(toSimplified(again)).not.toBe(again);
    expect(toTraditional(again)).toBe(again);
    const simplified = await postJson(messages(), { sessionId: 'session-0011', text: '忘记密码怎么办' });
    expect(simplified.body.replies[0].text).toContain('在登录界面点击“忘记密码”');
  });

  it('creates a queued ticket for 转人工', async () => {
    const res = await postJson(messages(), { sessionId: 'session-0002', text: '转人工' });
    expect(res.status).toBe(200);
    const tickets = listTickets(k.kefu.db, { status: 'queued' });
    expect(tickets).toHaveLength(1);
    expect(res.body.replies[0].text).toContain(`#${tickets[0].id}`);
  });

  it('answers a retried POST (same clientMessageId) once', async () => {
    const body = { sessionId: 'session-0003', text: '转人工', clientMessageId: 'c1' };
    const [a, b] = await Promise.all([postJson(messages(), body), postJson(messages(), body)]);
    expect(a.body.replies).toEqual(b.body.replies);
    expect(listTickets(k.kefu.db)).toHaveLength(1);
  });

  it('delivers a later message to a waiting long poll', async () => {
    await postJson(messages(), { sessionId: 'session-0004', text: '转人工' });
    const history = await (await fetch(`${messages()}?sessionId=session-0004`)).json();
    expect(history.messages.map((m: { from: string }) => m.from)).toEqual(['player', 'bot']);
    const cursor = history.messages.at(-1).id;
    const poll = fetch(`${messages()}?sessionId=session-0004&after=${cursor}`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 100));
    await postJson(messages(), { sessionId: 'session-0004', text: '还要等多久' });
    const later = await poll;
    expect(later.messages[0].text).toContain('正在排队');
  });

  it.each([
    ['no text', { sessionId: 'session-0005' }, 400, /text/],
    ['empty text', { sessionId: 'session-0005', text: '   ' }, 400, /text is required/],
    ['a bad session id', { sessionId: '../etc passwd', text: 'hi' }, 400, /sessionId/],
    ['text over 2000 characters', { sessionId: 'session-0005', text: '长'.repeat(2001) }, 400, /longer than 2000/],
  ])('rejects %s with a reason and stores nothing', async (_name, body, status, reason) => {
    const res = await postJson(messages(), body);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(reason);
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('rejects invalid JSON with 400 and a 1 MB body with 413', async () => {
    const bad = await fetch(messages(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sessionId": ' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('body is not valid JSON');
    const huge = await fetch(messages(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'session-0006', text: 'x'.repeat(1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('serves the chat page and the health check', async () => {
    const page = await fetch(`${k.url}/chat`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('在线客服');
    const health = await fetch(`${k.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'open' });
  });
});
