// OneBot HTTP POST reporting at /onebot (protocols.md §3.2): X-Signature over the raw bytes, quick replies.
import { createHmac } from 'node:crypto';
import { onebotSignature } from '../../../adapters/onebot/signature';
import { startKefu, type RunningKefu } from '../../helpers/kefu';
import { until } from '../../helpers/wait';

const SECRET = 'some-secret';
// The HMAC vector of protocols.md §3.2, byte for byte.
const VECTOR_BODY = '{"post_type":"message","message_type":"private","user_id":12345678,"self_id":10001000,"raw_message":"hi"}';
const VECTOR_SIGNATURE = 'sha1=817d3eebf1b5a396512f702fa3835bf9e424b996';

let k: RunningKefu;
beforeEach(async () => (k = await startKefu({ KEFU_ONEBOT_SECRET: SECRET })));
afterEach(() => k.stop());

const sign = (body: string) => `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
function post(body: string, signature: string | null = sign(body)): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-self-id': '10001000' };
  if (signature) headers['x-signature'] = signature;
  return fetch(`${k.url}/onebot`, { method: 'POST', headers, body });
}
const event = (o: object) => JSON.stringify({ time: 1700000000, self_id: 10001000, post_type: 'message', font: 0, ...o });
const privateEvent = (message: unknown, id = 1) => event({ message_type: 'private', sub_type: 'friend', message_id: id, user_id: 12345678, message, sender: { nickname: '小明' } });
const answer = () => k.kefu.matcher().entry('account.password-reset')!.answer!.trim();
const cq = (s: string) => s.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
const stored = () => (k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;

describe('OneBot HTTP POST', () => {
  it('computes the published HMAC vector', () => {
    expect(onebotSignature(Buffer.from(VECTOR_BODY), SECRET)).toBe(VECTOR_SIGNATURE);
  });

  it('accepts the vector with its signature and refuses it without or with another one', async () => {
    expect((await post(VECTOR_BODY, VECTOR_SIGNATURE)).status).toBe(204); // no message_id: nothing to answer
    expect((await post(VECTOR_BODY, null)).status).toBe(401);
    expect((await post(VECTOR_BODY, VECTOR_SIGNATURE.replace('817d', '817e'))).status).toBe(401);
  });

  it('stores nothing when the signature is bad', async () => {
    const res = await post(privateEvent('忘记密码怎么办'), sign('another body'));
    expect(res.status).toBe(401);
    expect(stored()).toBe(0);
  });

  it('answers a private message with a quick reply', async () => {
    const res = await post(privateEvent([{ type: 'text', data: { text: '忘记密码怎么办' } }]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ reply: cq(answer()), auto_escape: false, at_sender: false });
    // Confirmed in the next shared transaction after the response is written (group commit).
    const outbox = () => k.kefu.db.prepare(`SELECT status FROM outbox`).all();
    await until(() => JSON.stringify(outbox()) === JSON.stringify([{ status: 'sent' }]));
    expect(outbox()).toEqual([{ status: 'sent' }]);
  });

  it('answers an @ in a group quoting the message and @-ing the player, and a duplicate not at all', async () => {
    const body = event({ message_type: 'group', message_id: 55, group_id: 987654, user_id: 12345678, message: '[CQ:at,qq=10001000] 忘记密码怎么办' });
    const res = await post(body);
    expect(await res.json()).toEqual({ reply: `[CQ:reply,id=55][CQ:at,qq=12345678] ${cq(answer())}`, auto_escape: false, at_sender: false });
    expect((await post(body)).status).toBe(204);
    expect(stored()).toBe(2);
  });

  it('refuses malformed JSON with 400 and a huge body with 413', async () => {
    expect((await post('{"post_type":')).status).toBe(400);
    expect((await post('[1]')).status).toBe(400);
    expect((await post(privateEvent('x'.repeat(1024 * 1024)))).status).toBe(413);
    expect(stored()).toBe(0);
  });

  it('ignores an unknown post_type and a malformed CQ code gets no crash', async () => {
    expect((await post(event({ post_type: 'mystery' }))).status).toBe(204);
    const res = await post(privateEvent('[CQ:at,qq=1'));
    expect(res.status).toBe(200);
    expect(stored()).toBe(2);
  });
});
