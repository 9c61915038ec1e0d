// The customer-service API sender against a loopback WeChat API (protocols.md §1.6, §1.7), with a real SQLite file.
import { rmSync } from 'node:fs';
import { createWechatMpChannel } from '../../../adapters/wechat-mp';
import type { Address, Channel } from '../../../src/core/types';
import { openStore, type Db } from '../../../src/store/db';
import { openReplyWindow } from '../../../src/store/replyWindows';
import { startFakeWechatApi, type FakeWechatApi } from '../../fakes/wechat-api';
import { tempDir } from '../../helpers/tmp';

const APPID = 'wx0123456789abcdef';
const SECRET = 'secret-0001';
const player: Address = { channel: 'wechat-mp', account: 'gh_kefu0000001', userId: 'oPlayer0000000000000000001' };
const HOUR = 3_600_000;
const silent = { info() {}, warn() {}, error() {} };

let api: FakeWechatApi;
let dir: string;
let db: Db;
let now: number;

function channel(): Channel {
  return createWechatMpChannel({
    config: { token: 'token1', appId: APPID, secret: SECRET, apiBase: api.url },
    faqDir: dir,
    db,
    handleTogether: () => {
      throw new Error('not used');
    },
    confirmInline() {},
    log: silent,
    now: () => now,
  });
}

beforeEach(async () => {
  api = await startFakeWechatApi(APPID, SECRET);
  dir = tempDir();
  db = openStore(dir);
  now = Date.UTC(2025, 0, 1);
  openReplyWindow(db, player, now, 48 * HOUR, 5);
});
afterEach(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await api.close();
});

describe('WeChat customer-service sender', () => {
  it('fetches the access_token once and keeps it across a restart', async () => {
    expect(await channel().send(player, { text: '您好' })).toEqual({ ok: true });
    expect(await channel().send(player, { text: '还在吗' })).toEqual({ ok: true });
    expect(api.tokenFetches).toBe(1);
    expect(api.sent).toEqual([
      { touser: player.userId, msgtype: 'text', text: { content: '您好' } },
      { touser: player.userId, msgtype: 'text', text: { content: '还在吗' } },
    ]);
  });

  it('refreshes 60 s before the token expires', async () => {
    const c = channel();
    await c.send(player, { text: '1' });
    now += 7200_000 - 59_000;
    await c.send(player, { text: '2' });
    expect(api.tokenFetches).toBe(2);
  });

  it('refreshes once and retries once on 40001', async () => {
    const c = channel();
    await c.send(player, { text: '1' });
    api.revokeTokens();
    expect(await c.send(player, { text: '2' })).toEqual({ ok: true });
    expect(api.tokenFetches).toBe(2);
    expect(api.sent).toHaveLength(2);
  });

  it('sends an image by media_id', async () => {
    await channel().send(player, { text: '', kind: 'image', mediaId: 'MEDIA_1' });
    expect(api.sent[0]).toEqual({ touser: player.userId, msgtype: 'image', image: { media_id: 'MEDIA_1' } });
  });

  it('refuses 45015 with a clear reason and closes the window', async () => {
    api.failNext(45015);
    const c = channel();
    const result = await c.send(player, { text: '您好' });
    expect(result).toEqual({ ok: false, retry: false, error: expect.stringContaining('48 小时') });
    expect(c.reachability!(player)).toMatchObject({ reachable: false, reason: expect.stringContaining('48 小时') });
  });

  it('refuses 45047 and shows the quota as used up', async () => {
    api.failNext(45047);
    const c = channel();
    expect(await c.send(player, { text: '您好' })).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('额度') });
    expect(c.reachability!(player)).toMatchObject({ reachable: false, remaining: 0 });
  });

  it('counts 5 messages in the 48 h window and refuses the sixth without calling WeChat', async () => {
    const c = channel();
    for (let i = 0; i < 5; i++) expect(await c.send(player, { text: `${i}` })).toEqual({ ok: true });
    expect(c.reachability!(player)).toMatchObject({ reachable: false, remaining: 0 });
    expect(await c.send(player, { text: '6' })).toMatchObject({ ok: false, retry: false });
    expect(api.attempts).toBe(5);
  });

  it('tells the console until when the player is reachable, and refuses after 48 h', async () => {
    const c = channel();
    expect(c.reachability!(player)).toEqual({ reachable: true, until: now + 48 * HOUR, remaining: 5 });
    now += 48 * HOUR;
    expect(await c.send(player, { text: 'late' })).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('48 小时') });
    expect(api.attempts).toBe(0);
    expect(c.reachability!({ ...player, userId: 'oStranger' })).toMatchObject({ reachable: false });
  });

  it('shows 40164 (IP not allow-listed) in health() and refuses without retrying', async () => {
    api.tokenError = 40164;
    const c = channel();
    expect(await c.send(player, { text: '您好' })).toMatchObject({ ok: false, retry: false, error: expect.stringContaining('IP') });
    expect(c.health!()).toEqual({ ok: false, detail: expect.stringContaining('40164') });
    api.tokenError = undefined;
    expect(await c.send(player, { text: '您好' })).toEqual({ ok: true });
    expect(c.health!().ok).toBe(true);
  });

  it('retries later on -1 (system busy)', async () => {
    api.failNext(-1);
    expect(await channel().send(player, { text: '您好' })).toMatchObject({ ok: false, retry: true });
  });
});
