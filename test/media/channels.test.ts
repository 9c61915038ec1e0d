// Pictures and voice from players on every channel that has them, end to end: the vendor's real push shape
// into the real Kefu, the media stored with the message, and the agent's console fetching the bytes through
// GET /api/tickets/:id/media/:messageId, which goes to the loopback vendor with the channel's credentials.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createWechatCipher, wechatSignature } from '../../adapters/wechat-common/crypto';
import { buildWechatXml } from '../../adapters/wechat-common/xml';
import { APP, c2c, callback, PLAYER } from '../adapters/qq-official/callbacks';
import { foundInFiles } from '../privacy/helpers';
import { MP, mpEnv, OPENID, postPush } from '../adapters/wechat-mp/mpClient';
import { startFileHost, type FakeFileHost } from '../fakes/files';
import { FakeOnebot } from '../fakes/onebot';
import { startFakeQqApi, type FakeQqApi } from '../fakes/qq-api';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom-api';
import { signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { until } from '../helpers/wait';

const PNG = readFileSync(resolve(__dirname, '../fixtures/media/player-screenshot.png'));
const AMR = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(320, 0x3c)]); // AMR's magic, then frames
const BIG = Buffer.alloc(200_000, 7); // over the 0.1 MB limit below
const CORP = { id: 'wx49f0ab532d5d035a', token: '123456', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', secret: 'kf-secret' };
const ONEBOT_TOKEN = 'napcat-token';

let wechat: FakeWechatApi;
let wecom: FakeWecomApi;
let qq: FakeQqApi;
let files: FakeFileHost;
let bot: FakeOnebot;
let k: RunningKefu;
let agent: AgentSession;

beforeAll(async () => {
  [wechat, wecom, qq, files] = await Promise.all([
    startFakeWechatApi(MP.appId, MP.secret),
    startFakeWecomApi(CORP.id, CORP.secret),
    startFakeQqApi(APP.id, APP.secret),
    startFileHost(),
  ]);
  k = await startKefu({
    ...mpEnv(wechat.url),
    KEFU_WECOM_CORPID: CORP.id,
    KEFU_WECOM_SECRET: CORP.secret,
    KEFU_WECOM_TOKEN: CORP.token,
    KEFU_WECOM_AES_KEY: CORP.aesKey,
    KEFU_WECOM_API_BASE: wecom.url,
    KEFU_ONEBOT_ACCESS_TOKEN: ONEBOT_TOKEN,
    KEFU_QQ_APPID: APP.id,
    KEFU_QQ_SECRET: APP.secret,
    KEFU_QQ_API_BASE: qq.url,
    KEFU_QQ_AUTH_BASE: qq.url,
    KEFU_MEDIA_MAX_MB: '0.1',
  });
  bot = new FakeOnebot('10001000');
  await bot.connect(`${k.url.replace('http', 'ws')}/onebot/ws`, ONEBOT_TOKEN);
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaowang', 'agent', 'L1');
}, 60_000);
afterAll(async () => {
  await bot?.close();
  await k?.stop();
  await Promise.all([wechat?.close(), wecom?.close(), qq?.close(), files?.close()]);
});

/** The newest ticket of a channel's player and the media messages its view shows. */
async function mediaInTicket(channel: string) {
  const { id } = k.kefu.db
    .prepare('SELECT t.id FROM tickets t JOIN players p ON p.id = t.player_id WHERE p.channel = ? ORDER BY t.id DESC LIMIT 1')
    .get(channel) as { id: number };
  const view = await agent.get(`/api/tickets/${id}`);
  const media = view.body.messages.filter((m: { media: unknown }) => m.media);
  return { ticketId: id, media, viewText: JSON.stringify(view.body) };
}

/** GET the media as the console does (the agent's session cookie). */
async function fetchMedia(ticketId: number, messageId: number, cookie = agent.cookie) {
  const res = await fetch(`${k.url}/api/tickets/${ticketId}/media/${messageId}`, { headers: cookie ? { cookie } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type'), body, headers: [...res.headers].join('\n') };
}

let msgSeq = 0;
const mpPush = (fields: Record<string, string>) =>
  buildWechatXml({ ToUserName: MP.gh, FromUserName: OPENID, CreateTime: 1700000100 + ++msgSeq, ...fields }).replace('</xml>', `<MsgId>${7000000000000000000n + BigInt(msgSeq)}</MsgId></xml>`);

it('WeChat: a picture and a voice message are fetched with media/get and the access token, which never reaches the browser', async () => {
  wechat.media.set('MEDIA_PIC_1', { body: PNG, type: 'image/png' });
  wechat.media.set('MEDIA_VOICE_1', { body: AMR, type: 'audio/amr' });
  await postPush(k.url, mpPush({ MsgType: 'image', PicUrl: `${files.url}/mmbiz/pic1`, MediaId: 'MEDIA_PIC_1' }));
  // Speech recognition on: the bot answers what the player said, and the agent sees it was a voice message.
  const answered = await postPush(k.url, mpPush({ MsgType: 'voice', MediaId: 'MEDIA_VOICE_1', Format: 'amr', Recognition: '忘记密码怎么办' }));
  expect(answered.reply?.Content).toContain('忘记密码');
  await postPush(k.url, mpPush({ MsgType: 'text', Content: '转人工' }));

  const { ticketId, media, viewText } = await mediaInTicket('wechat-mp');
  expect(media.map((m: { kind: string; media: unknown }) => [m.kind, m.media])).toEqual([
    ['image', { kind: 'image', format: null, recognition: null }],
    ['text', { kind: 'voice', format: 'amr', recognition: '忘记密码怎么办' }],
  ]);
  expect(viewText).not.toMatch(/MEDIA_PIC_1|mmbiz|TOKEN_/); // neither the media id nor the vendor's URL

  const picture = await fetchMedia(ticketId, media[0].id);
  expect([picture.status, picture.type, picture.body.equals(PNG)]).toEqual([200, 'image/png', true]);
  expect(picture.headers).not.toContain('TOKEN_');
  const voice = await fetchMedia(ticketId, media[1].id);
  expect([voice.status, voice.type, voice.body.equals(AMR)]).toEqual([200, 'audio/amr', true]);
  expect(wechat.mediaGets).toEqual(['MEDIA_PIC_1', 'MEDIA_VOICE_1']);

  // A revoked token is renewed once, as for every other call; an expired media id is a 404 with the reason.
  wechat.revokeTokens();
  expect((await fetchMedia(ticketId, media[0].id)).status).toBe(200);
  wechat.media.delete('MEDIA_VOICE_1');
  const gone = await fetchMedia(ticketId, media[1].id);
  expect([gone.status, JSON.parse(gone.body.toString()).error]).toEqual([404, expect.stringContaining('40007')]);

  // Agents only, and only the ticket's own messages.
  expect((await fetchMedia(ticketId, media[0].id, '')).status).toBe(401);
  expect((await fetchMedia(ticketId + 1000, media[0].id)).status).toBe(404);
}, 60_000);

it('WeCom 微信客服: a customer\'s picture from sync_msg is fetched with media/get', async () => {
  wecom.media.set('KF_MEDIA_1', { body: PNG, type: 'image/png' });
  const item = (msgid: string, rest: object) => ({ msgid, open_kfid: 'wkKF1', external_userid: 'wmCustomer1', send_time: Math.floor(Date.now() / 1000), origin: 3, ...rest });
  wecom.messages.push(item('kf_1', { msgtype: 'image', image: { media_id: 'KF_MEDIA_1' } }), item('kf_2', { msgtype: 'text', text: { content: '转人工' } }));
  const inner = `<xml><ToUserName><![CDATA[${CORP.id}]]></ToUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[T]]></Token><OpenKfId><![CDATA[wkKF1]]></OpenKfId></xml>`;
  const encrypted = createWechatCipher(CORP.aesKey, CORP.id).encrypt(inner);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const q = new URLSearchParams({ msg_signature: wechatSignature(CORP.token, timestamp, 'm1', encrypted), timestamp, nonce: 'm1' });
  await fetch(`${k.url}/wecom/kf?${q}`, { method: 'POST', body: `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` });
  await until(() => Boolean(k.kefu.db.prepare("SELECT 1 FROM tickets t JOIN players p ON p.id = t.player_id WHERE p.channel = 'wecom-kf'").get()));

  const { ticketId, media } = await mediaInTicket('wecom-kf');
  expect(media.map((m: { media: unknown }) => m.media)).toEqual([{ kind: 'image', format: null, recognition: null }]);
  const picture = await fetchMedia(ticketId, media[0].id);
  expect([picture.status, picture.type, picture.body.equals(PNG)]).toEqual([200, 'image/png', true]);
}, 30_000);

it('QQ through OneBot: a picture by its url, a voice message through get_record; a file over the size limit is refused', async () => {
  files.files.set('/napcat/pic.png', { body: PNG, type: 'image/png' });
  files.files.set('/napcat/voice.mp3', { body: AMR, type: 'audio/mpeg' });
  files.files.set('/napcat/big.png', { body: BIG, type: 'image/png' });
  bot.media.set('voice-7.amr', { file: '/root/napcat/voice-7.amr', url: `${files.url}/napcat/voice.mp3` });
  bot.privateSegments('20002', [{ type: 'image', data: { file: 'pic.png', url: `${files.url}/napcat/pic.png` } }], 501);
  bot.privateSegments('20002', [{ type: 'record', data: { file: 'voice-7.amr' } }], 502);
  bot.privateSegments('20002', [{ type: 'image', data: { file: 'big.png', url: `${files.url}/napcat/big.png` } }], 503);
  bot.privateMessage('20002', '转人工', 504);
  await until(() => Boolean(k.kefu.db.prepare("SELECT 1 FROM tickets t JOIN players p ON p.id = t.player_id WHERE p.channel = 'onebot'").get()));

  const { ticketId, media } = await mediaInTicket('onebot');
  expect(media.map((m: { media: { kind: string } }) => m.media.kind)).toEqual(['image', 'voice', 'image']);
  const picture = await fetchMedia(ticketId, media[0].id);
  expect([picture.status, picture.type, picture.body.equals(PNG)]).toEqual([200, 'image/png', true]);
  const voice = await fetchMedia(ticketId, media[1].id);
  expect([voice.status, voice.type, voice.body.equals(AMR)]).toEqual([200, 'audio/mpeg', true]);
  expect(bot.actions.find((a) => a.action === 'get_record')?.params).toEqual({ file: 'voice-7.amr', out_format: 'mp3' });
  const big = await fetchMedia(ticketId, media[2].id);
  expect([big.status, JSON.parse(big.body.toString()).error]).toEqual([413, expect.stringContaining('KEFU_MEDIA_MAX_MB')]);
}, 30_000);

it('QQ official bot: a picture attachment and a voice attachment with QQ\'s recognition (asr_refer_text)', async () => {
  files.files.set('/qq/pic.jpg', { body: PNG, type: 'image/jpeg' }); // QQ's CDN says jpeg: the bytes decide
  files.files.set('/qq/voice.wav', { body: AMR, type: 'audio/wav' });
  const withAttachment = (id: string, attachment: object) => {
    const payload = c2c(id, '');
    return { ...payload, d: { ...payload.d, attachments: [attachment] } };
  };
  await callback(k.url, withAttachment('qq-pic-1', { content_type: 'image/jpeg', filename: 'B43A.jpg', size: PNG.length, url: `${files.url}/qq/pic.jpg` }));
  await callback(k.url, withAttachment('qq-voice-1', { content_type: 'voice', url: `${files.url}/qq/voice.silk`, voice_wav_url: `${files.url}/qq/voice.wav`, asr_refer_text: '充值没到账' }));
  await callback(k.url, c2c('qq-handoff-1', '转人工'));

  const { ticketId, media } = await mediaInTicket('qq-official');
  expect(media.map((m: { kind: string; text: string; media: unknown }) => [m.kind, m.text, m.media])).toEqual([
    ['image', '', { kind: 'image', format: 'jpeg', recognition: null }],
    ['text', '充值没到账', { kind: 'voice', format: 'wav', recognition: '充值没到账' }],
  ]);
  const picture = await fetchMedia(ticketId, media[0].id);
  expect([picture.status, picture.type, picture.body.equals(PNG)]).toEqual([200, 'image/png', true]);
  const voice = await fetchMedia(ticketId, media[1].id);
  expect([voice.status, voice.type, voice.body.equals(AMR)]).toEqual([200, 'audio/wav', true]);
}, 30_000);

it('a player\'s media is in their export, and erasing the player forgets where it is and what QQ heard', async () => {
  const admin = await signedInAgent(k.url, k.kefu.db, 'guanliyuan', 'admin', 'L2');
  const body = { channel: 'qq-official', userId: PLAYER };
  const copy = (await admin.post('/api/players/export', body)).body.players[0];
  expect(copy.media).toEqual([
    expect.objectContaining({ kind: 'image', url: `${files.url}/qq/pic.jpg` }),
    expect.objectContaining({ kind: 'voice', url: `${files.url}/qq/voice.wav`, recognition: '充值没到账' }),
  ]);
  const erased = await admin.post('/api/players/erase', body);
  expect(erased.body.erased).toMatchObject({ media: 2 });
  expect(foundInFiles(k.dataDir, [`${files.url}/qq/pic.jpg`, '充值没到账'])).toEqual([]);
  expect(foundInFiles(k.dataDir, ['MEDIA_PIC_1'])).toEqual(['MEDIA_PIC_1']); // the WeChat player's stays
}, 30_000);
