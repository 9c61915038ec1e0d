// Finding 1 of issue 17, as a property: whatever strings a player, a platform or an agent sends — lone UTF-16
// surrogates, NULs, XML and CQ metacharacters, huge ones — every adapter's parse, the pipeline and the
// channel's send finish with an answer (a message, null, a SendResult), never an exception that could
// reach the process, and no promise is left rejected with nobody listening.
import fc from 'fast-check';
import { parseEvent as parseOnebot } from '../../adapters/onebot/parse';
import { onebotSignature } from '../../adapters/onebot/signature';
import { parseEvent as parseQq } from '../../adapters/qq-official/parse';
import { parseMpMessage } from '../../adapters/wechat-mp/parse';
import { parseWechatyMessage } from '../../adapters/wechaty/parse';
import { parseKfMessage } from '../../adapters/wecom-kf/parse';
import type { Address, ChannelId, InboundMessage } from '../../src/core/types';
import { startFakeQqApi, type FakeQqApi } from '../fakes/qq-api';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom-api';
import { FakeOnebot } from '../fakes/onebot';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { callback as qqCallback, APP } from '../adapters/qq-official/callbacks';
import { MP, mpEnv } from '../adapters/wechat-mp/mpClient';
import { until } from '../helpers/wait';

jest.setTimeout(120_000); // real services (and processes) on a machine shared by many builds

const LONE = ['\ud800', '\udbff', '\udc00', '\udfff', 'a\ud83d', '\ude00b'];
const NASTY = ['', ' ', '\u0000', '%', '%E0%A4%A', '../../', ']]>', '<![CDATA[', '&#0;', '[CQ:at,qq=all]', '&#91;', '\r\n', '\u202e', '🎮', 'null', '__proto__'];
/** Any string, with lone surrogates and metacharacters mixed in. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(fc.constantFrom(...LONE, ...NASTY), fc.string({ maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join('')),
  fc.constantFrom('x'.repeat(5000), '\ud800'.repeat(300)),
);
const id = fc.oneof(hostile, fc.constantFrom('E4F4AEA3\ud800325', '12345678'));
const RUNS = { numRuns: 20 };

let k: RunningKefu;
let wechat: FakeWechatApi;
let wecom: FakeWecomApi;
let qq: FakeQqApi;
const bot = new FakeOnebot('10001');
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  [wechat, wecom, qq] = await Promise.all([
    startFakeWechatApi(MP.appId, MP.secret),
    startFakeWecomApi('wx49f0ab532d5d035a', 'kf-secret'),
    startFakeQqApi(APP.id, APP.secret),
  ]);
  k = await startKefu({
    ...mpEnv(wechat.url),
    KEFU_WECOM_CORPID: 'wx49f0ab532d5d035a', KEFU_WECOM_SECRET: 'kf-secret', KEFU_WECOM_TOKEN: '123456',
    KEFU_WECOM_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', KEFU_WECOM_API_BASE: wecom.url,
    KEFU_QQ_APPID: APP.id, KEFU_QQ_SECRET: APP.secret, KEFU_QQ_API_BASE: qq.url, KEFU_QQ_AUTH_BASE: qq.url,
    KEFU_ONEBOT_ACCESS_TOKEN: 'tok',
  });
  await bot.connect(`${k.url.replace('http', 'ws')}/onebot/ws`, 'tok');
  await until(() => k.kefu.channels.get('onebot')!.health!().ok);
});
afterAll(async () => {
  bot.close();
  await k.stop();
  await Promise.all([wechat.close(), wecom.close(), qq.close()]);
  process.off('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await new Promise((r) => setTimeout(r, 50)); // let a stray rejection surface
  expect(unhandled).toEqual([]);
});

/** The pipeline stores the message; the channel sends a hostile reply to its sender: both must answer. */
async function handleAndSend(channel: ChannelId, msg: InboundMessage | null, text: string): Promise<void> {
  if (!msg) return;
  const result = k.kefu.pipeline.handle(msg, { delivery: 'outbox' });
  expect(result.conversationId).toBeGreaterThan(0);
  const to: Address = { channel, account: msg.account, userId: msg.from.userId, groupId: msg.from.groupId, replyContext: msg.replyContext };
  const sent = await k.kefu.channels.get(channel)!.send(to, { text, messageId: result.replies[0]?.messageId });
  expect(typeof sent.ok).toBe('boolean');
  if (!sent.ok) expect(typeof sent.error).toBe('string');
}

describe('hostile strings through every adapter', () => {
  it('QQ official bot: parse, pipeline, send', async () => {
    await fc.assert(
      fc.asyncProperty(id, id, hostile, hostile, async (msgId, openid, content, reply) => {
        const payload = { op: 0, t: 'C2C_MESSAGE_CREATE', d: { id: msgId, author: { user_openid: openid }, content, timestamp: content } };
        await handleAndSend('qq-official', parseQq(payload, APP.id, Date.now()), reply);
      }),
      RUNS,
    );
  });

  it('QQ official bot: any signed JSON body gets an answer below 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await qqCallback(k.url, { op: 0, t: 'C2C_MESSAGE_CREATE', d: body });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
  });

  it('OneBot: parse, pipeline, send over the socket', async () => {
    await fc.assert(
      fc.asyncProperty(id, hostile, hostile, fc.boolean(), async (userId, message, reply, group) => {
        const event = {
          post_type: 'message', message_type: group ? 'group' : 'private', sub_type: 'normal', self_id: 10001,
          message_id: Math.floor(Math.random() * 1e9), user_id: userId, group_id: group ? userId : undefined,
          message, raw_message: message, sender: { user_id: userId, nickname: message }, time: Math.floor(Date.now() / 1000),
        };
        await handleAndSend('onebot', parseOnebot(event, Date.now()), reply);
      }),
      { numRuns: 20 },
    );
  });

  it('OneBot: any signed HTTP POST body gets an answer below 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('post_type', 'message_type', 'message', 'user_id', 'self_id', 'message_id', 'group_id', 'sender'), fc.jsonValue()), async (event) => {
        const body = Buffer.from(JSON.stringify({ post_type: 'message', ...event }));
        const res = await fetch(`${k.url}/onebot`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': onebotSignature(body, 'tok') }, body });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
  });

  it('WeChat Official Account: parse, pipeline, customer-service send', async () => {
    await fc.assert(
      fc.asyncProperty(id, hostile, hostile, async (openid, content, reply) => {
        const fields = { ToUserName: MP.gh, FromUserName: openid, CreateTime: '1700000000', MsgType: 'text', Content: content, MsgId: String(Math.random()) };
        await handleAndSend('wechat-mp', parseMpMessage(fields, Date.now()), reply);
      }),
      RUNS,
    );
  });

  it('WeCom customer service: parse, pipeline, send_msg', async () => {
    await fc.assert(
      fc.asyncProperty(id, id, hostile, hostile, async (userId, kf, content, reply) => {
        const m = { msgid: `${Math.random()}`, open_kfid: kf, external_userid: userId, send_time: 1700000000, origin: 3, msgtype: 'text', text: { content } };
        await handleAndSend('wecom-kf', parseKfMessage(m as never), reply);
      }),
      RUNS,
    );
  });

  it('wechaty and web chat: parse and pipeline', async () => {
    await fc.assert(
      fc.asyncProperty(id, hostile, async (talker, text) => {
        const msg = parseWechatyMessage({ id: `${Math.random()}`, botId: 'bot', self: false, text, type: 7, ageS: 0, talker: { id: talker, name: text } }, Date.now());
        if (msg) expect(k.kefu.pipeline.handle(msg).conversationId).toBeGreaterThan(0);
        const web = await fetch(`${k.url}/webchat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: talker, text }) });
        expect(web.status).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
  });
});
